import { describe, expect, it } from 'vitest';
import { collectFacts } from './collect.js';
import { openHost } from './hosts/index.js';
import { loadPolicy } from './policy/load.js';
import { derivedProbes } from './probes/derived/index.js';

const root = new URL('..', import.meta.url).pathname;

describe('collecting a derived fact family', () => {
  it('runs the probes it reads, then derives it, with no step of its own in the caller', async () => {
    const { catalog } = await loadPolicy('policies/lu-state-charter.yaml');
    const host = await openHost(`replay:${root}fixtures/hosts/debian12-clean`, { cwd: root });
    try {
      const facts = await collectFacts(host, ['lifecycle'], { platform: 'linux', catalog, now: new Date('2026-11-22T00:00:00Z'), timeoutMs: 30_000 });
      expect(Object.keys(facts).sort()).toEqual(['lifecycle', 'os']);
      expect(facts.os?.status).toBe('ok');
      const inputs = { os: facts.os };
      expect(facts.lifecycle).toEqual(
        derivedProbes.lifecycle?.derive(inputs, { platform: 'linux', catalog, now: new Date('2026-11-22T00:00:00Z'), live: host.capabilities.live }),
      );
      expect(facts.lifecycle?.status).toBe('ok');
    } finally {
      await host.close();
    }
  });

  it('derives from a snapshot’s facts, and says an input the snapshot lacks was not collected', async () => {
    const { catalog } = await loadPolicy('policies/lu-state-charter.yaml');
    const host = await openHost(`replay:${root}fixtures/hosts/debian12-clean`, { cwd: root });
    const snapshotLike = { ...host, precollected: { collectedAt: '2026-11-22T00:00:00Z', facts: {} } };
    try {
      const facts = await collectFacts(snapshotLike, ['lifecycle'], { platform: 'linux', catalog, now: new Date('2026-11-22T00:00:00Z'), timeoutMs: 30_000 });
      expect(facts.os).toMatchObject({ status: 'error', code: 'not-collected' });
      expect(facts.lifecycle?.status).toBe('error');
    } finally {
      await host.close();
    }
  });
});

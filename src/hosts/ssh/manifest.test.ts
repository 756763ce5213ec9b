import { describe, expect, it } from 'vitest';
import { collectFacts } from '../../collect.js';
import { loadPolicy } from '../../policy/load.js';
import { probes } from '../../probes/index.js';
import { openSsh } from './index.js';
import { localShellTransport } from './local-transport.js';

/** Reads the manifest leaves to on-demand fetches on purpose (large, and read by one probe). */
const onDemandOnPurpose = [/^f \/var\/lib\/apt\/lists\/[^/]*Packages/];

const hasPerl = await import('node:fs').then(({ existsSync }) => existsSync('/usr/bin/perl'));

describe.skipIf(process.platform !== 'linux' || !hasPerl)('the prefetch manifest', () => {
  it('covers every read of every probe on this machine (agent run locally, no ssh)', async () => {
    const policy = await loadPolicy('policies/lu-state-charter.yaml');
    const host = await openSsh('localhost', { transport: localShellTransport() });
    try {
      expect(host.roundTrips).toBe(1);
      const facts = await collectFacts(host, Object.keys(probes), {
        platform: 'linux',
        catalog: policy.catalog,
        now: new Date(),
        timeoutMs: 30_000,
      });
      for (const [id, outcome] of Object.entries(facts)) expect([id, outcome.status]).toEqual([id, 'ok']);
      const uncovered = host.fetchedOnDemand.filter((key) => !onDemandOnPurpose.some((pattern) => pattern.test(key)));
      expect(uncovered).toEqual([]);
    } finally {
      await host.close();
    }
  }, 30_000);
});

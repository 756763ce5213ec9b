import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadPolicy } from '../policy/load.js';
import { fakeHost } from '../testing/fake-host.js';
import { checkOne } from './audit.js';

const root = fileURLToPath(new URL('../..', import.meta.url));

describe('checkOne: a host that does not finish in time', () => {
  it('is one "timeout" row, and the host is closed at the deadline (what it runs is ended)', async () => {
    const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    let closed = 0;
    const host = {
      ...fakeHost(),
      // Everything stalls: the check can never finish on its own.
      platform: () => new Promise<never>(() => undefined),
      readFile: () => new Promise<never>(() => undefined),
      close: () => {
        closed += 1;
        return Promise.resolve();
      },
    };
    const started = Date.now();
    const result = await checkOne(
      { source: 'stalls', openFailure: 'unreachable', open: () => Promise.resolve(host) },
      { policy, language: 'en', failOn: 'low', now: () => new Date('2026-11-22T08:00:00.000Z'), tool: { name: 'charter', version: '0' }, hostTimeoutMs: 300 },
    );
    expect(result).toMatchObject({ source: 'stalls', status: 'timeout', reason: 'not done within 300 ms' });
    expect(closed).toBe(1);
    expect(Date.now() - started).toBeLessThan(300 + 5000);
  });
});

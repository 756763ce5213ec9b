import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { collectFacts } from '../../collect.js';
import { loadPolicy } from '../../policy/load.js';
import { localHost } from '../local.js';
import { dedupBytes } from './agent.js';
import { openSsh } from './index.js';
import { localShellTransport } from './local-transport.js';
import { prefetchOf } from '../../probes/reads.js';

const perl = existsSync('/usr/bin/perl');
const sha = perl && (await import('execa')).execa('perl', ['-MDigest::SHA', '-e', '1'], { reject: false }).then((r) => r.exitCode === 0);
const lists = existsSync('/var/lib/apt/lists') && existsSync('/var/lib/dpkg/status');

/**
 * Big contents (apt's Packages lists) cross once per process: the second host of an audit with the
 * same list gets it by digest. The updates facts must be exactly what a local check computes, for
 * the host that received the bytes and for the one that received the digest.
 */
describe.skipIf(process.platform !== 'linux' || !perl || !lists)('big contents deduplicated across hosts (agent run locally)', () => {
  it('gives the same updates facts as a local check, for the first and the second host', async () => {
    const policy = await loadPolicy('policies/lu-state-charter.yaml');
    const context = { platform: 'linux' as const, catalog: policy.catalog, now: new Date(), timeoutMs: 30_000 };
    const local = await collectFacts(await localHost.create(undefined, { cwd: process.cwd() }), ['updates'], context);
    expect(local.updates?.status).toBe('ok');
    const first = await openSsh('localhost', { transport: localShellTransport(), prefetch: prefetchOf() });
    const second = await openSsh('localhost', { transport: localShellTransport(), prefetch: prefetchOf() });
    try {
      const a = await collectFacts(first, ['updates'], context);
      const b = await collectFacts(second, ['updates'], context);
      expect(a.updates).toEqual(local.updates);
      expect(b.updates).toEqual(local.updates);
      const big = first.fetchedOnDemand.find((key) => /^f \/var\/lib\/apt\/lists\/.*_Packages/.test(key))?.slice(2);
      if (big !== undefined && (await sha)) {
        // The same Buffer: the second host's answer was the digest, not the bytes.
        const [x, y] = await Promise.all([first.readFile(big), second.readFile(big)]);
        if ((x?.length ?? 0) >= dedupBytes) expect(x).toBe(y);
      }
    } finally {
      await Promise.all([first.close(), second.close()]);
    }
  }, 60_000);
});

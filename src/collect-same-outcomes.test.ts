/**
 * Hosts of a run that collect equal outcomes (machines of one image, read over ssh) hold one shared
 * outcome per content, so that what is derived and judged from it is found again (run-memo.ts);
 * each host's outcome is still exactly what it collects alone.
 */
import { describe, expect, it } from 'vitest';
import { collectFacts, type CollectOptions } from './collect.js';
import { loadPolicy } from './policy/load.js';
import { runMemo, sharedId, type RunMemo } from './run-memo.js';
import { fakeHost, type FakeHostSpec } from './testing/fake-host.js';

const debian = (version: string): FakeHostSpec => ({
  files: { '/etc/os-release': `NAME="Debian GNU/Linux"\nID=debian\nVERSION_ID="${version}"\n`, '/etc/hostname': 'pc-1\n' },
  capabilities: { live: false, exec: false },
});

const options = async (memo?: RunMemo): Promise<CollectOptions> => ({
  platform: 'linux',
  catalog: (await loadPolicy('policies/lu-state-charter.yaml')).catalog,
  now: new Date('2026-11-22T00:00:00Z'),
  timeoutMs: 30_000,
  ...(memo === undefined ? {} : { memo }),
});

describe('outcomes the hosts of a run share', () => {
  it('one shared outcome per content; another content, or a run that does not share, is its own', async () => {
    const alone = await collectFacts(fakeHost(debian('12')), ['lifecycle'], await options());
    expect(alone.os?.status).toBe('ok');
    expect(sharedId(alone.os)).toBeUndefined();
    const memo = runMemo();
    const first = await collectFacts(fakeHost(debian('12')), ['lifecycle'], await options(memo));
    const second = await collectFacts(fakeHost(debian('12')), ['lifecycle'], await options(memo));
    expect(first).toEqual(alone);
    expect(second.os).toBe(first.os);
    expect(sharedId(first.os)).toBeDefined();
    expect(second).toEqual(alone);
    const older = await collectFacts(fakeHost(debian('11')), ['lifecycle'], await options(memo));
    expect(older.os).not.toBe(first.os);
    expect(older).toEqual(await collectFacts(fakeHost(debian('11')), ['lifecycle'], await options()));
    const apart = runMemo({ sharing: false });
    const own = await collectFacts(fakeHost(debian('12')), ['lifecycle'], await options(apart));
    expect(own).toEqual(alone);
    expect(sharedId(own.os)).toBeUndefined();
  });
});

import { describe, expect, it } from 'vitest';
import { noteDeniedRead, noticingDeniedReads } from '../hosts/denied-reads.js';
import { fakeHost } from '../testing/fake-host.js';
import { runShared, shared, type SharedWork } from './run-shared.js';

/** Work that counts its runs, notes two refused reads, and answers what it read. */
const counted = (key: string): { work: SharedWork<string[]>; runs: () => number } => {
  let runs = 0;
  return {
    runs: () => runs,
    work: {
      key,
      run: async (host) => {
        runs += 1;
        await new Promise((resolve) => setTimeout(resolve, 1));
        noteDeniedRead(`/${key}/a`);
        noteDeniedRead(`/${key}/b`);
        return (await host.readDir('/data')) ?? [];
      },
    },
  };
};

describe('the shared work of a run', () => {
  it('is done once for every probe that asks, and each is told what it could not read', async () => {
    const run = runShared(fakeHost({ files: { '/data/x': '1' } }));
    const { work, runs } = counted('table');
    const records = [new Set<string>(), new Set<string>(), new Set<string>()];
    const answers = await Promise.all(records.slice(0, 2).map((record) => noticingDeniedReads(record, () => run(work))));
    // One asking after the work is done gets its gaps too.
    answers.push(await noticingDeniedReads(records[2] ?? new Set(), () => run(work)));
    expect(runs()).toBe(1);
    expect(answers).toEqual([['x'], ['x'], ['x']]);
    for (const record of records) expect([...record].sort()).toEqual(['/table/a', '/table/b']);
  });

  it('does work under other keys separately, and notes a work’s gaps only for those that used it', async () => {
    const run = runShared(fakeHost());
    const first = counted('first');
    const second = counted('second');
    const [mine, theirs] = [new Set<string>(), new Set<string>()];
    await Promise.all([noticingDeniedReads(mine, () => run(first.work)), noticingDeniedReads(theirs, () => run(second.work))]);
    expect([first.runs(), second.runs()]).toEqual([1, 1]);
    expect([...mine].sort()).toEqual(['/first/a', '/first/b']);
    expect([...theirs].sort()).toEqual(['/second/a', '/second/b']);
  });

  it('is done again by another run', async () => {
    const host = fakeHost();
    const { work, runs } = counted('table');
    await runShared(host)(work);
    await runShared(host)(work);
    expect(runs()).toBe(2);
  });

  it('fails for every probe that asks when the work fails', async () => {
    const run = runShared(fakeHost());
    const failing: SharedWork<number> = { key: 'broken', run: () => Promise.reject(new Error('EIO')) };
    await expect(run(failing)).rejects.toThrow('EIO');
    await expect(run(failing)).rejects.toThrow('EIO');
  });

  it('outside a run, is done for the probe alone, with the probe’s host, its gaps noted for it', async () => {
    const { work, runs } = counted('alone');
    const record = new Set<string>();
    const host = fakeHost({ files: { '/data/y': '1' } });
    expect(await noticingDeniedReads(record, () => shared(host, {}, work))).toEqual(['y']);
    expect(await noticingDeniedReads(record, () => shared(host, {}, work))).toEqual(['y']);
    expect(runs()).toBe(2);
    expect([...record].sort()).toEqual(['/alone/a', '/alone/b']);
  });
});

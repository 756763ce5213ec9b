import { describe, expect, it } from 'vitest';
import { createProgress, progressLine } from './progress.js';

const fakeTty = (isTTY = true) => {
  const writes: string[] = [];
  return { stream: { isTTY, write: (t: string) => writes.push(t) }, writes };
};

describe('progress', () => {
  it('rewrites one line on a terminal: done/total, problems, rate, ETA; at most every 100 ms', () => {
    const { stream, writes } = fakeTty();
    let now = 0;
    const progress = createProgress(stream, {}, 4, () => now);
    expect(writes).toEqual(['\r\u001b[2Kcharter: audited 0/4 hosts, 0 with problems, 0.0 hosts/s']);
    now = 50;
    progress.hostDone(false);
    expect(writes).toHaveLength(1);
    now = 1000;
    progress.hostDone(true);
    expect(writes.at(-1)).toBe('\r\u001b[2Kcharter: audited 2/4 hosts, 1 with problems, 2.0 hosts/s, ETA 1s');
    now = 1010;
    progress.hostDone(false);
    expect(writes).toHaveLength(2);
    now = 1020;
    progress.hostDone(false);
    expect(writes.at(-1)).toBe('\r\u001b[2Kcharter: audited 4/4 hosts, 1 with problems, 3.9 hosts/s');
    progress.finish();
    expect(writes.at(-1)).toBe('\r\u001b[2K');
    expect(writes.every((w) => !w.includes('\n'))).toBe(true);
  });

  it('writes nothing when not a terminal, or under CI', () => {
    for (const [isTTY, env] of [
      [false, {}],
      [true, { CI: 'true' }],
      [true, { CI: '1' }],
    ] as const) {
      const { stream, writes } = fakeTty(isTTY);
      const progress = createProgress(stream, env, 3, () => 0);
      progress.hostDone(true);
      progress.finish();
      expect(writes).toEqual([]);
    }
  });

  it('formats long waits in minutes and hours', () => {
    expect(progressLine(100, 1000, 0, 10_000)).toBe('charter: audited 100/1000 hosts, 0 with problems, 10 hosts/s, ETA 1m30s');
    expect(progressLine(10, 10_000, 0, 10_000)).toContain('ETA 2h46m');
    expect(progressLine(1, 10_000, 0, 10_000)).toContain('ETA 27h46m');
  });
});

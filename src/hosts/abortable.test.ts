import { describe, expect, it } from 'vitest';
import { killAll, processesWith, sleepMarker, waitFor } from '../testing/processes.js';
import { abortable } from './abortable.js';
import { localHost } from './local.js';
import { runLocal } from './local.js';

describe.skipIf(process.platform !== 'linux')('cancelled work stops its commands and reads (real processes)', () => {
  it('runLocal ends the whole run when its signal is aborted, and marks it cancelled', async () => {
    const marker = sleepMarker();
    const controller = new AbortController();
    try {
      const run = runLocal('sh', ['-c', `sleep 1000 ${marker} & sleep 1000 ${marker}`], { timeoutMs: 600_000, signal: controller.signal });
      await waitFor(async () => (await processesWith(marker)).length === 2, 10_000);
      controller.abort(new Error('probe timed out'));
      const result = await run;
      expect(result.cancelled).toBe(true);
      expect(result.timedOut).toBe(false);
      await waitFor(async () => (await processesWith(marker)).length === 0, 5_000);
    } finally {
      killAll(await processesWith(marker));
    }
  }, 30_000);

  it('a run asked for under an aborted signal is never started', async () => {
    const controller = new AbortController();
    controller.abort(new Error('gone'));
    const marker = sleepMarker();
    const result = await runLocal('sleep', ['1000', marker], { signal: controller.signal });
    expect(result).toMatchObject({ cancelled: true, spawnError: 'ECANCELED', exitCode: 126 });
    expect(await processesWith(marker)).toEqual([]);
  });

  it('abortable: the work stops at once, its commands are killed, the host stays open for the rest', async () => {
    const host = await localHost.create(undefined, { cwd: process.cwd() });
    const marker = sleepMarker();
    const controller = new AbortController();
    const seen = abortable(host, controller.signal);
    try {
      expect(await seen.readFile('/proc/self/stat')).toBeInstanceOf(Buffer);
      const run = seen.run('sleep', ['1000', marker], { timeoutMs: 600_000 });
      await waitFor(async () => (await processesWith(marker)).length === 1, 10_000);
      const reason = new Error('installed-apps: timed out after 30000 ms');
      controller.abort(reason);
      await expect(run).rejects.toBe(reason);
      await waitFor(async () => (await processesWith(marker)).length === 0, 5_000);
      // Nothing more starts for the cancelled work: no read, no listing, no command.
      await expect(seen.readFile('/etc/hostname')).rejects.toBe(reason);
      await expect(seen.readDir('/')).rejects.toBe(reason);
      await expect(seen.run('true', [])).rejects.toBe(reason);
      // Other work on the same host goes on.
      expect(await host.readDir('/')).toContain('proc');
      expect((await host.run('true', [])).exitCode).toBe(0);
    } finally {
      killAll(await processesWith(marker));
      await host.close();
    }
  }, 30_000);

  it('abortable: a wait on a host that cannot stop a command ends with the signal all the same', async () => {
    const never = new Promise<never>(() => undefined);
    const stuck = {
      kind: 'stuck',
      name: 'stuck',
      capabilities: { read: true, exec: true, live: false },
      platform: () => Promise.resolve('linux' as const),
      readFile: () => never,
      readDir: () => never,
      stat: () => never,
      readLink: () => never,
      run: () => never,
      close: () => Promise.resolve(),
    };
    const controller = new AbortController();
    const seen = abortable(stuck, controller.signal);
    const read = seen.readFile('/x');
    const run = seen.run('x', []);
    controller.abort(new Error('stop'));
    await expect(read).rejects.toThrow('stop');
    await expect(run).rejects.toThrow('stop');
  });

  it('abortable: answers and errors pass through as the host gave them; only what is still awaited ends with the signal', async () => {
    const refused = new Error('EIO: the disk answered badly');
    const never = new Promise<never>(() => undefined);
    const answers = new Map<string, Promise<Buffer | undefined>>([
      ['/quick', Promise.resolve(Buffer.from('x'))],
      ['/absent', Promise.resolve(undefined)],
      ['/broken', Promise.reject(refused)],
      ['/stuck', never],
    ]);
    const host = {
      kind: 'mixed',
      name: 'mixed',
      capabilities: { read: true, exec: false, live: false },
      platform: () => Promise.resolve('linux' as const),
      readFile: (path: string) => answers.get(path) ?? Promise.resolve(undefined),
      readDir: () => Promise.resolve([]),
      stat: () => Promise.resolve(undefined),
      readLink: () => Promise.resolve(undefined),
      run: () => never,
      close: () => Promise.resolve(),
    };
    const controller = new AbortController();
    const seen = abortable(host, controller.signal);
    // Many reads that end before the signal: each answer as given, none affected by the abort later.
    const done = await Promise.all(Array.from({ length: 1000 }, (_, i) => seen.readFile(i % 2 === 0 ? '/quick' : '/absent')));
    expect(done.filter((b) => b?.toString() === 'x')).toHaveLength(500);
    expect(done.filter((b) => b === undefined)).toHaveLength(500);
    await expect(seen.readFile('/broken')).rejects.toBe(refused);
    const stuck = seen.readFile('/stuck');
    const reason = new Error('probe timed out');
    controller.abort(reason);
    await expect(stuck).rejects.toBe(reason);
    await expect(seen.readFile('/quick')).rejects.toBe(reason);
  });
});

import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveChildren } from './children.js';
import type { Host } from './host.js';
import { localHost } from './local.js';
import { killAll, processesWith, sleepMarker, waitFor } from '../testing/processes.js';

/**
 * A command whose descendant escapes its process group with setsid and keeps stdout: the run ends
 * at its deadline anyway, and nothing it started is left. `marker` is a unique extra argument of
 * `sleep` (GNU sleep adds its arguments up), so that /proc shows which sleeps are ours.
 */
describe.skipIf(process.platform !== 'linux')('local host: descendants that escape the process group', () => {
  let host: Host;
  let dir: string;
  const marker = sleepMarker();
  beforeAll(async () => {
    host = await localHost.create(undefined, { cwd: process.cwd() });
    dir = await mkdtemp(path.join(tmpdir(), 'charter-escape-'));
  });
  afterAll(async () => {
    killAll(await processesWith(marker));
    await rm(dir, { recursive: true, force: true });
  });

  const script = async (name: string, body: string): Promise<string> => {
    const file = path.join(dir, name);
    await writeFile(file, `#!/bin/sh\n${body}\n`);
    await chmod(file, 0o755);
    return file;
  };

  it('times out a hanging command whose setsid child holds stdout, and kills that child too', async () => {
    const file = await script('hang', `echo started\nsetsid sleep 1000 ${marker} &\nsleep 1000 ${marker}`);
    const result = await host.run(file, [], { timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(result.stdout).toBe('started');
    expect(await processesWith(marker)).toEqual([]);
    expect(liveChildren()).toBe(0);
  });

  it('ends a command that exited when its escaped child still holds stdout, and kills that child', async () => {
    const file = await script('leave', `echo done\nsetsid sleep 1000 ${marker} &\nexit 0`);
    const result = await host.run(file, [], { timeoutMs: 20_000 });
    expect(result).toEqual({ exitCode: 0, stdout: 'done', stderr: '', timedOut: false });
    expect(await processesWith(marker)).toEqual([]);
  });

  it('finds a double-forked daemon that closed its output, by the run marker in its environment, on timeout', async () => {
    const file = await script('daemon', `(setsid sleep 1000 ${marker} >/dev/null 2>&1 &) \nsleep 1000 ${marker}`);
    const result = await host.run(file, [], { timeoutMs: 500 });
    expect(result.timedOut).toBe(true);
    expect(await processesWith(marker)).toEqual([]);
  });

  it('stops its running commands when the host is closed', async () => {
    const file = await script('close', `setsid sleep 1000 ${marker} &\nsleep 1000 ${marker}`);
    const own = await localHost.create(undefined, { cwd: process.cwd() });
    const running = own.run(file, [], { timeoutMs: 60_000 });
    await waitFor(async () => (await processesWith(marker)).length === 2, 10_000);
    await own.close();
    const result = await running;
    expect(result.timedOut).toBe(false);
    expect(await processesWith(marker)).toEqual([]);
    // A probe that goes on after the check ended starts nothing more.
    expect(await own.run(file, [])).toMatchObject({ exitCode: 126, spawnError: 'ECANCELED', timedOut: false });
    expect(await processesWith(marker)).toEqual([]);
  });
});

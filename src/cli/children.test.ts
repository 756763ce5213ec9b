import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateCli } from '../testing/private-cli.js';
import { killAll, processesWith, sleepMarker, waitFor } from '../testing/processes.js';

/**
 * The real CLI over a machine where every command a probe runs hangs, and leaves a descendant that
 * escaped its process group (setsid) holding stdout: charter still exits when its work is done, or
 * at once when interrupted, and leaves nothing running. Fake programs come first on PATH; each
 * `sleep` carries a unique extra argument so that /proc shows which processes are ours.
 */
const commands = [
  'sshd',
  'lsblk',
  'timedatectl',
  'auditctl',
  'cryptsetup',
  'zfs',
  'uname',
  'firewall-cmd',
  'nft',
  'ufw',
  'iptables',
  'rpm',
  'dnf',
  'systemctl',
];

interface Exit {
  code: number | null;
  signal: NodeJS.Signals | null;
  stderr: string;
  /** When it exited (Date.now()). */
  at: number;
}

describe.skipIf(process.platform !== 'linux')('charter never waits for what its commands leave behind (real process)', () => {
  let work = '';
  let bin = '';
  const marker = sleepMarker();

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'charter-children-'));
    bin = await buildPrivateCli(join(work, 'pkg'));
    const fakes = join(work, 'fakes');
    mkdirSync(fakes);
    for (const command of commands) {
      writeFileSync(join(fakes, command), `#!/bin/sh\nsetsid sleep 1000 ${marker} &\nsleep 1000 ${marker}\n`);
      chmodSync(join(fakes, command), 0o755);
    }
  }, 60_000);

  afterAll(async () => {
    killAll(await processesWith(marker));
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  const start = (args: string[]): { exited: Promise<Exit>; signal: (s: NodeJS.Signals) => void } => {
    const child = spawn(process.execPath, [bin, ...args], {
      cwd: work,
      stdio: ['ignore', 'ignore', 'pipe'],
      env: { ...process.env, PATH: `${join(work, 'fakes')}:${process.env.PATH ?? ''}`, NO_COLOR: '1' },
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<Exit>((resolve) => {
      child.on('close', (code, signal) => {
        resolve({ code, signal, stderr, at: Date.now() });
      });
    });
    return { exited, signal: (s) => child.kill(s) };
  };

  const hanging = async (): Promise<number> => {
    await waitFor(async () => (await processesWith(marker)).length >= 2, 30_000);
    return Date.now();
  };

  it('exits soon after --probe-timeout when commands hang, leaving no descendant', async () => {
    const run = start(['check', '--probe-timeout', '1000']);
    const seen = await hanging();
    const { code, at, stderr } = await run.exited;
    // The deadline is at most 1 s after the first command started; 2 s of margin, 2 s for load.
    expect(at - seen, stderr).toBeLessThan(1000 + 2000 + 2000);
    expect(code === 0 || code === 1, stderr).toBe(true);
    expect(await processesWith(marker)).toEqual([]);
  }, 60_000);

  for (const [signal, exitCode] of [
    ['SIGTERM', 143],
    ['SIGINT', 130],
  ] as const) {
    it(`stops at ${signal}: exit ${String(exitCode)}, one line on stderr, no descendant left`, async () => {
      const run = start(['check', '--probe-timeout', '60000']);
      await hanging();
      const sent = Date.now();
      run.signal(signal);
      const { code, at, stderr } = await run.exited;
      expect(code, stderr).toBe(exitCode);
      expect(at - sent).toBeLessThan(5000);
      expect(stderr.trimEnd().split('\n')).toHaveLength(1);
      expect(stderr).toMatch(new RegExp(`^charter check: interrupted by ${signal}; stopped \\d+ commands?\\n$`));
      expect(await processesWith(marker)).toEqual([]);
    }, 60_000);
  }
});

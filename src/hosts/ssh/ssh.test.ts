/**
 * The ssh target against a real OpenSSH server on loopback: a throwaway sshd (own host keys, own
 * authorized key, own known_hosts), a second one on another port, a port where nothing listens and a
 * server that accepts and never speaks. Skipped, saying so, when sshd or ssh is missing
 * (.ci/run installs openssh-server).
 */
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import type { AddressInfo, Server } from 'node:net';
import { userInfo } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../../check.js';
import { loadPolicy } from '../../policy/load.js';
import { openHost } from '../index.js';
import { localHost } from '../local.js';
import { recordingHost } from '../recorder.js';
import { freePort, sshAvailable, startLoopbackSshd, type LoopbackSshd } from '../../testing/sshd.js';
import { openSsh, SshTargetError } from './index.js';
import { prefetchOf } from '../../probes/reads.js';
import type { SshHost, SshOptions } from './index.js';

const title = sshAvailable
  ? 'ssh target against a real sshd on loopback'
  : 'ssh target against a real sshd on loopback (SKIPPED: needs /usr/sbin/sshd and ssh: apt-get install -y openssh-server)';

describe.skipIf(!sshAvailable)(title, () => {
  let dir = '';
  let sshd: LoopbackSshd | undefined;
  let silent: Server | undefined;
  let ports: { a: number; b: number; refused: number; silent: number } = { a: 0, b: 0, refused: 0, silent: 0 };
  let options: SshOptions = {};
  const user = userInfo().username;
  const opened: SshHost[] = [];

  beforeAll(async () => {
    sshd = await startLoopbackSshd(2);
    dir = sshd.dir;
    // A key the servers do not trust, and a known_hosts that names it as port a's host key.
    await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'charter-test-other', '-f', path.join(dir, 'other_key')]);
    ports = { a: sshd.ports[0] ?? 0, b: sshd.ports[1] ?? 0, refused: await freePort(), silent: 0 };
    const otherKey = (await readFile(path.join(dir, 'other_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
    await writeFile(path.join(dir, 'wrong_known_hosts'), `[127.0.0.1]:${ports.a} ${otherKey}\n`);
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent?.listen(0, '127.0.0.1', resolve));
    ports.silent = (silent.address() as AddressInfo).port;
    options = {
      identityFile: sshd.identityFile,
      knownHostsFile: sshd.knownHostsFile,
      configFile: '/dev/null',
      connectTimeoutSec: 3,
      prefetch: prefetchOf(),
    };
  }, 20_000);

  afterAll(async () => {
    await Promise.all(opened.map((h) => h.close()));
    silent?.close();
    await sshd?.stop();
  });

  const open = async (port: number, extra: SshOptions = {}): Promise<SshHost> => {
    const host = await openSsh(`${user}@127.0.0.1:${port}`, { ...options, ...extra });
    opened.push(host);
    return host;
  };

  it('reads files, lists /proc and runs commands in a few round trips', async () => {
    const host = await open(ports.a);
    expect(host.kind).toBe('ssh');
    expect(host.name).toBe(`ssh:${user}@127.0.0.1:${ports.a}`);
    expect(await host.platform()).toBe('linux');
    expect(host.roundTrips).toBe(1);
    expect(await host.readFile('/etc/os-release')).toEqual(await readFile('/etc/os-release'));
    expect(await host.readDir('/proc')).toContain('1');
    // Known absent from the prefetched /proc listing: no round trip.
    expect(await host.readFile('/proc/no-such-entry/status')).toBeUndefined();
    expect(host.roundTrips).toBe(1);
    // Outside the manifest: one round trip for both, asked at once, then cached.
    const [passwd, missing] = await Promise.all([host.readFile('/etc/hostname'), host.stat('/etc/no-such-file')]);
    expect(passwd).toEqual(await readFile('/etc/hostname'));
    expect(missing).toBeUndefined();
    expect(host.roundTrips).toBe(2);
    expect(await host.stat('/etc/no-such-file')).toBeUndefined();
    expect(host.roundTrips).toBe(2);
    const uname = await host.run('uname', ['-r']);
    expect(uname.exitCode).toBe(0);
    expect(uname.stdout).toBe((await execa('uname', ['-r'])).stdout + '\n');
    expect(host.roundTrips).toBe(3);
    expect(await host.run('no-such-program-charter', [])).toMatchObject({ exitCode: 127, spawnError: 'ENOENT' });
  });

  it('passes hostile arguments through unchanged (single quotes, $(), ;, newlines, globs)', async () => {
    const host = await open(ports.a);
    const hostile = ["it's", '$(touch /tmp/charter-pwned)', '`id`', 'a;b&&c|d', '*', '"$HOME"', 'line\nbreak', "'; exit 3; '", '\\', '-n', ' '];
    const result = await host.run('printf', ['%s\\0', ...hostile]);
    expect(result.exitCode).toBe(0);
    expect(result.stdout.split('\0').slice(0, -1)).toEqual(hostile);
    expect(existsSync('/tmp/charter-pwned')).toBe(false);
    // A hostile path is one quoted request word, read as that exact name.
    expect(await host.readFile("/etc/$(id)'x\n")).toBeUndefined();
  });

  it('kills a command at its timeout', async () => {
    const host = await open(ports.a);
    const result = await host.run('sleep', ['30'], { timeoutMs: 1_000 });
    expect(result.timedOut).toBe(true);
  });

  it('finds what a local check finds, in a handful of round trips', async () => {
    const policy = await loadPolicy('policies/lu-state-charter.yaml');
    const common = { policy, language: 'en' as const, now: () => new Date(), tool: { name: 'charter', version: 'test' } };
    const host = await open(ports.a);
    const before = host.roundTrips;
    const recorder = recordingHost(host);
    const remote = await check({ ...common, host: recorder });
    const commands = recorder.recording().commands.map((c) => c.argv.join(' '));
    const roundTrips = host.roundTrips - before + 1;
    const local = await check({ ...common, host: await localHost.create(undefined, { cwd: process.cwd() }) });
    const statuses = (findings: typeof remote.report.findings): Record<string, string> => Object.fromEntries(findings.map((f) => [f.ruleId, f.status]));
    expect(statuses(remote.report.findings)).toEqual(statuses(local.report.findings));
    // One round trip to open, one per command the probes run, a few for reads off the manifest.
    // The updates probe reads apt's Packages lists (MBs, never prefetched) one after the other: one each.
    const aptLists = host.fetchedOnDemand.filter((key) => key.startsWith('f /var/lib/apt/lists/')).length;
    expect(roundTrips).toBeLessThanOrEqual(1 + commands.length + Math.max(aptLists, 1));
  }, 20_000);

  it('opens two hosts at once, each on its own connection', async () => {
    const [a, b] = await Promise.all([open(ports.a), open(ports.b)]);
    expect((await a.run('true', [])).exitCode).toBe(0);
    expect((await b.run('true', [])).exitCode).toBe(0);
  });

  it('is registered as the ssh target kind', async () => {
    await expect(openHost('ssh:', { cwd: process.cwd() })).rejects.toThrow(/ssh:\[USER@\]HOST\[:PORT\]/);
  });

  const failure = async (promise: Promise<unknown>): Promise<SshTargetError> => {
    const error: unknown = await promise.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SshTargetError);
    return error as SshTargetError;
  };

  it('reports a refused connection as unreachable', async () => {
    const error = await failure(open(ports.refused));
    expect(error.kind).toBe('unreachable');
    expect(error.message).toMatch(/Connection refused/);
  });

  it('reports a server that never speaks as a timeout, within ConnectTimeout', async () => {
    const error = await failure(open(ports.silent, { connectTimeoutSec: 2 }));
    expect(error.kind).toBe('timeout');
  }, 10_000);

  it('reports a host key mismatch and a refused key for what they are', async () => {
    const mismatch = await failure(open(ports.a, { knownHostsFile: path.join(dir, 'wrong_known_hosts') }));
    expect(mismatch.kind).toBe('host-key');
    const denied = await failure(open(ports.a, { identityFile: path.join(dir, 'other_key') }));
    expect(denied.kind).toBe('auth');
    expect(denied.message).toMatch(/Permission denied/);
  });

  it('reports an unknown host name as unreachable', async () => {
    const error = await failure(open(ports.a).then(() => openSsh('no-such-host.invalid', options)));
    expect(error.kind).toBe('unreachable');
  });
});

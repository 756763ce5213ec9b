import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { fakeHost } from '../testing/fake-host.js';
import type { Host } from './host.js';
import { localHost } from './local.js';
import { recordingHost, writeReplay } from './recorder.js';
import type { WriteReplayOptions } from './recorder.js';
import { collectRedactions } from './redaction.js';
import { openReplay } from './replay.js';

const options: WriteReplayOptions = {
  redact: [],
  platform: 'linux',
  name: 'test',
  toolVersion: '0.1.0',
  now: new Date('2026-11-22T10:00:00Z'),
};

/** Every file under `dir`, relative, with its content. */
const tree = async (dir: string): Promise<Record<string, string>> => {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  const result: Record<string, string> = {};
  for (const entry of entries.filter((e) => e.isFile())) {
    const file = path.join(entry.parentPath, entry.name);
    result[path.relative(dir, file)] = await readFile(file, 'latin1');
  }
  return result;
};

/** Ask the same questions of two hosts and expect the same answers. */
const sameAnswers = async (a: Host, b: Host, paths: readonly string[], commands: readonly string[][]): Promise<void> => {
  expect(await b.platform()).toBe(await a.platform());
  for (const p of paths) {
    expect(await b.readFile(p), `readFile ${p}`).toEqual(await a.readFile(p));
    expect(await b.readDir(p), `readDir ${p}`).toEqual(await a.readDir(p));
    expect(await b.stat(p), `stat ${p}`).toEqual(await a.stat(p));
    expect(await b.readLink(p), `readLink ${p}`).toEqual(await a.readLink(p));
  }
  for (const [file, ...args] of commands) {
    expect(await b.run(file!, args), `run ${file}`).toEqual(await a.run(file!, args));
  }
};

/** Ask every question once through `host`, so a recorder sees it. */
const askAll = async (host: Host, paths: readonly string[], commands: readonly string[][]): Promise<void> => {
  await host.platform();
  for (const p of paths) {
    await host.readFile(p);
    await host.readDir(p);
    await host.stat(p);
    await host.readLink(p);
  }
  for (const [file, ...args] of commands) await host.run(file!, args);
};

describe('recorder → replay round trip', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'charter-record-'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('replays a fake host with identical answers, absent ones included', async () => {
    const inner = fakeHost({
      platform: 'linux',
      files: {
        '/etc/os-release': 'ID=debian\n',
        '/usr/bin/blob': Buffer.from([0, 0xff, 0x7f, 0x80]),
        '/etc/ssh/sshd_config': 'PermitRootLogin no\n',
      },
      dirs: { '/etc/ssh': ['sshd_config', 'ssh_host_ed25519_key'] },
      stats: { '/etc/ssh/ssh_host_ed25519_key': { type: 'file', size: 399, mode: 0o100600, mtimeMs: 1700000000123.5 } },
      links: { '/etc/localtime': '/usr/share/zoneinfo/Europe/Luxembourg' },
      commands: {
        'ufw status': { exitCode: 1, stdout: 'ERROR: You need to be root to run this script', stderr: '' },
        'echo a b': { stdout: 'a b' },
      },
    });
    const paths = [
      '/etc/os-release',
      '/usr/bin/blob',
      '/etc/ssh',
      '/etc/ssh/sshd_config',
      '/etc/ssh/ssh_host_ed25519_key',
      '/etc/localtime',
      '/etc/missing',
      '/etc',
      '/usr',
    ];
    const commands = [
      ['ufw', 'status'],
      ['echo', 'a b'],
      ['no-such-tool', '--version'],
    ];
    const recorder = recordingHost(inner);
    await askAll(recorder, paths, commands);
    const dir = path.join(base, 'fake');
    await writeReplay(dir, recorder.recording(), options);
    await sameAnswers(inner, await openReplay(dir), paths, commands);
    await expect((await openReplay(dir)).run('echo', ['a', 'b'])).rejects.toThrow(/not recorded/);
    expect(await readdir(base)).toEqual(['fake']);
  });

  it('writes a deterministic, readable layout', async () => {
    const recorder = recordingHost(fakeHost({ files: { '/etc/hostname': 'h\n' }, commands: { 'id -u': { stdout: '0' } } }));
    await recorder.readFile('/etc/hostname');
    await recorder.readFile('/etc/absent');
    await recorder.run('id', ['-u']);
    const dir = path.join(base, 'layout');
    await writeReplay(dir, recorder.recording(), options);
    expect(await tree(dir)).toEqual({
      'files/etc/hostname': 'h\n',
      'commands.json': `${JSON.stringify([{ argv: ['id', '-u'], exitCode: 0, stdout: '0', stderr: '', timedOut: false }], null, 2)}\n`,
      'host.json': `${JSON.stringify(
        {
          platform: 'linux',
          name: 'test',
          recordedAt: '2026-11-22T10:00:00.000Z',
          tool: 'charter 0.1.0',
          capabilities: { read: true, exec: true, live: true },
          redactions: [],
          stats: {},
          links: {},
          dirs: {},
        },
        null,
        2,
      )}\n`,
    });
  });

  it('replays a real directory tree and real commands of this machine', async () => {
    const root = path.join(base, 'real-tree');
    await mkdir(path.join(root, 'conf.d'), { recursive: true });
    await writeFile(path.join(root, 'conf.d', 'a.conf'), 'key = value\n');
    await writeFile(path.join(root, 'binary'), Buffer.from([0, 1, 2, 3, 0xff]));
    await symlink('conf.d/a.conf', path.join(root, 'link'));
    await symlink('nowhere', path.join(root, 'dangling'));
    const local = await localHost.create(undefined, { cwd: process.cwd() });
    const paths = [
      root,
      path.join(root, 'conf.d'),
      path.join(root, 'conf.d', 'a.conf'),
      path.join(root, 'binary'),
      path.join(root, 'link'),
      path.join(root, 'dangling'),
      path.join(root, 'missing'),
      '/etc/os-release',
    ];
    const commands = [['uname', '-s'], ['sh', '-c', 'echo out; echo err >&2; exit 4'], ['charter-no-such-program']];
    const recorder = recordingHost(local);
    await askAll(recorder, paths, commands);
    const dir = path.join(base, 'real');
    await writeReplay(dir, recorder.recording(), options);
    await sameAnswers(local, await openReplay(dir), paths, commands);
  });

  it('records a directory it could not list as absent even when files below it were read', async () => {
    const inner = fakeHost({ files: { '/secret/known.txt': 'x' } });
    const recorder = recordingHost({ ...inner, readDir: () => Promise.resolve(undefined), stat: () => Promise.resolve(undefined) });
    await recorder.readDir('/secret');
    await recorder.stat('/secret');
    await recorder.readFile('/secret/known.txt');
    await recorder.readDir('/elsewhere');
    const dir = path.join(base, 'shadowed');
    await writeReplay(dir, recorder.recording(), options);
    const manifest = JSON.parse(await readFile(path.join(dir, 'host.json'), 'utf8')) as { dirs: unknown; stats: unknown };
    expect(manifest.dirs).toEqual({ '/secret': null });
    expect(manifest.stats).toEqual({ '/secret': null });
    const replay = await openReplay(dir);
    expect(await replay.readDir('/secret')).toBeUndefined();
    expect(await replay.stat('/secret')).toBeUndefined();
    expect((await replay.readFile('/secret/known.txt'))?.toString()).toBe('x');
  });

  it('leaves out paths a replay can never be asked for', async () => {
    const recorder = recordingHost(fakeHost({ files: { '/etc/../etc/x': 'x', relative: 'y', '/etc//y': 'y' } }));
    await recorder.readFile('/etc/../etc/x');
    await recorder.readFile('relative');
    await recorder.readFile('/etc//y');
    const dir = path.join(base, 'odd-paths');
    await writeReplay(dir, recorder.recording(), options);
    expect(Object.keys(await tree(dir)).filter((f) => f.startsWith('files/'))).toEqual(['files/etc/y']);
  });

  it('refuses to overwrite a non-empty directory unless forced, and replaces it whole when forced', async () => {
    const dir = path.join(base, 'existing');
    await mkdir(dir);
    await writeFile(path.join(dir, 'keep.txt'), 'precious');
    const recorder = recordingHost(fakeHost({ files: { '/a': 'a' } }));
    await recorder.readFile('/a');
    await expect(writeReplay(dir, recorder.recording(), options)).rejects.toBeInstanceOf(UsageError);
    expect(await readFile(path.join(dir, 'keep.txt'), 'utf8')).toBe('precious');
    await writeReplay(dir, recorder.recording(), { ...options, force: true });
    expect((await readdir(dir)).sort()).toEqual(['commands.json', 'files', 'host.json']);
    const empty = path.join(base, 'empty-existing');
    await mkdir(empty);
    await writeReplay(empty, recorder.recording(), options);
    expect((await readdir(empty)).sort()).toEqual(['commands.json', 'files', 'host.json']);
    expect((await readdir(base)).filter((name) => name.includes('.tmp-') || name.includes('.old-'))).toEqual([]);
  });
});

describe('recorder redaction', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'charter-redact-'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('writes no original value anywhere: contents, paths, listings, links, commands, host.json', async () => {
    const inner = fakeHost({
      files: {
        '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\n',
        '/etc/hostname': 'alice-laptop\n',
        '/etc/machine-id': '4a1e0b7c9d2f43e8a6b5c0d1e2f3a4b5\n',
        '/home/alice/.config/Signal/config.json': '{"user":"alice","host":"alice-laptop"}',
        '/home/alice/.cache/blob': Buffer.from('\0alice\0'),
      },
      links: { '/home/alice/current': '/home/alice/.config' },
      commands: { 'loginctl show-user alice': { stdout: 'Name=alice\nState=active' } },
    });
    const redact = await collectRedactions(inner);
    const recorder = recordingHost(inner);
    for (const file of ['/etc/passwd', '/etc/hostname', '/etc/machine-id', '/home/alice/.config/Signal/config.json', '/home/alice/.cache/blob']) {
      await recorder.readFile(file);
    }
    await recorder.readDir('/home');
    await recorder.readLink('/home/alice/current');
    await recorder.run('loginctl', ['show-user', 'alice']);
    const dir = path.join(base, 'redacted');
    await writeReplay(dir, recorder.recording(), { ...options, redact, name: 'alice-laptop' });

    const written = await tree(dir);
    for (const [file, content] of Object.entries(written)) {
      for (const secret of ['alice', '4a1e0b7c9d2f43e8a6b5c0d1e2f3a4b5']) {
        expect(file).not.toContain(secret);
        expect(content).not.toContain(secret);
      }
    }
    const replay = await openReplay(dir);
    expect(replay.name).toBe('host1');
    expect(await replay.readDir('/home')).toEqual(['user1']);
    expect((await replay.readFile('/home/user1/.config/Signal/config.json'))?.toString()).toBe('{"user":"user1","host":"host1"}');
    expect(await replay.readFile('/home/user1/.cache/blob')).toEqual(Buffer.from('\0user1\0'));
    expect(await replay.readLink('/home/user1/current')).toBe('/home/user1/.config');
    expect((await replay.run('loginctl', ['show-user', 'user1'])).stdout).toBe('Name=user1\nState=active');
    expect((await replay.readFile('/etc/passwd'))?.toString()).toContain('root:x:0:0::/root:/bin/bash\nuser1:x:1000'); // GECOS blanked (recording-scrub.ts)
    const manifest = JSON.parse(written['host.json']!) as { redactions: unknown };
    expect(manifest.redactions).toEqual([
      { kind: 'hostname', replacement: 'host1' },
      { kind: 'machine-id', replacement: '00000000-0000-0000-0000-000000000000' },
      { kind: 'machine-id', replacement: '0'.repeat(32) },
      { kind: 'user', replacement: 'user1' },
    ]);
  });

  it('refuses two recorded paths that redact to the same path', async () => {
    const recorder = recordingHost(fakeHost({ files: { '/home/alice/x': 'a', '/home/user1/x': 'b' } }));
    await recorder.readFile('/home/alice/x');
    await recorder.readFile('/home/user1/x');
    const redact = [{ kind: 'user' as const, original: 'alice', replacement: 'user1' }];
    await expect(writeReplay(path.join(base, 'collide'), recorder.recording(), { ...options, redact })).rejects.toThrow(
      /redact to the same path \/home\/user1\/x/,
    );
  });
});

import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetError, UsageError } from '../errors.js';
import type { Host } from './host.js';
import { UnrecordedCommandError, openReplay, replayHost } from './replay.js';

const context = { cwd: process.cwd() };

/** Build a replay directory from parts (test input written by hand, not a recording). */
const writeTree = async (root: string, tree: Record<string, string | Buffer>): Promise<void> => {
  for (const [relative, content] of Object.entries(tree)) {
    const file = path.join(root, relative);
    await mkdir(path.dirname(file), { recursive: true });
    await writeFile(file, content);
  }
};

describe('replay host', () => {
  let base: string;
  let dir: string;
  let host: Host;

  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'charter-replay-'));
    dir = path.join(base, 'host');
    await writeTree(dir, {
      'host.json': JSON.stringify({
        platform: 'linux',
        name: 'test-host',
        stats: {
          '/etc/os-release': { type: 'file', size: 21, mtimeMs: 1700000000000, mode: 0o100644, uid: 0 },
          '/etc/shadow': { type: 'file', size: 900, mtimeMs: 1, mode: 0o100640, uid: 0 },
          '/var/empty': null,
        },
        links: { '/etc/localtime': '/usr/share/zoneinfo/Europe/Luxembourg' },
        dirs: { '/etc': ['hostname', 'os-release', 'shadow'], '/var/empty': null },
      }),
      'commands.json': JSON.stringify([
        { argv: ['echo', 'a b'], exitCode: 0, stdout: 'a b', stderr: '' },
        { argv: ['echo', 'a', 'b'], exitCode: 0, stdout: 'a b (two)', stderr: '', timedOut: false },
        { argv: ['missing-tool'], exitCode: 127, stdout: '', stderr: '', spawnError: 'ENOENT' },
        { argv: ['echo', 'a b'], exitCode: 1, stdout: 'second answer', stderr: '' },
      ]),
      'files/etc/os-release': 'ID=debian\nVERSION=12\n',
      'files/etc/hostname': 'host1\n',
      'files/bin/blob': Buffer.from([0, 1, 2, 0xff]),
      'files/var/empty/leftover': 'x',
    });
    await writeTree(base, { 'outside.txt': 'outside the replay directory' });
    // Symlinks inside files/ must never be followed, wherever they point.
    await symlink(path.join(base, 'outside.txt'), path.join(dir, 'files/etc/evil'));
    await symlink('hostname', path.join(dir, 'files/etc/inside-link'));
    await symlink(base, path.join(dir, 'files/up'));
    host = await replayHost.create(dir, context);
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('answers its platform, name and capabilities', async () => {
    expect(await host.platform()).toBe('linux');
    expect(host.kind).toBe('replay');
    expect(host.name).toBe('test-host');
    expect(host.capabilities).toEqual({ read: true, exec: true, live: false });
  });

  it('reads recorded files byte for byte, and absent ones as undefined', async () => {
    expect((await host.readFile('/etc/os-release'))?.toString()).toBe('ID=debian\nVERSION=12\n');
    expect(await host.readFile('/bin/blob')).toEqual(Buffer.from([0, 1, 2, 0xff]));
    expect(await host.readFile('/etc/passwd')).toBeUndefined();
    expect(await host.readFile('/etc')).toBeUndefined();
    expect((await host.readFile('//etc/./os-release'))?.toString()).toContain('debian');
  });

  it('refuses paths that climb out, relative paths and symlinks inside files/', async () => {
    expect(await host.readFile('/../../etc/passwd')).toBeUndefined();
    expect(await host.readFile('/../outside.txt')).toBeUndefined();
    expect(await host.readFile('/etc/../../outside.txt')).toBeUndefined();
    expect(await host.readFile('../outside.txt')).toBeUndefined();
    expect(await host.readFile('etc/hostname')).toBeUndefined();
    expect(await host.readFile('/etc/evil')).toBeUndefined();
    expect(await host.readFile('/etc/inside-link')).toBeUndefined();
    expect(await host.readFile('/up/outside.txt')).toBeUndefined();
    expect(await host.readDir('/up')).toBeUndefined();
    expect(await host.stat('/up/outside.txt')).toBeUndefined();
    expect(await host.readDir('/../..')).toBeUndefined();
  });

  it('lists directories from host.json and files/ together', async () => {
    expect(await host.readDir('/etc')).toEqual(['evil', 'hostname', 'inside-link', 'os-release', 'shadow']);
    expect(await host.readDir('/bin')).toEqual(['blob']);
    expect(await host.readDir('/nowhere')).toBeUndefined();
    expect(await host.readDir('/var/empty')).toBeUndefined();
  });

  it('stats from host.json, else from files/ with mtime 0', async () => {
    expect(await host.stat('/etc/shadow')).toEqual({ type: 'file', size: 900, mtimeMs: 1, mode: 0o100640, uid: 0 });
    expect(await host.readFile('/etc/shadow')).toBeUndefined();
    expect(await host.stat('/etc/hostname')).toEqual({ type: 'file', size: 6, mtimeMs: 0, mode: 0o100644, uid: 0 });
    expect((await host.stat('/etc'))?.type).toBe('directory');
    expect(await host.stat('/var/empty')).toBeUndefined();
    expect(await host.stat('/nowhere')).toBeUndefined();
  });

  it('reads links from host.json', async () => {
    expect(await host.readLink('/etc/localtime')).toBe('/usr/share/zoneinfo/Europe/Luxembourg');
    expect(await host.readLink('/etc/hostname')).toBeUndefined();
  });

  it('answers a recorded command by its exact argv (first answer kept)', async () => {
    expect(await host.run('echo', ['a b'])).toEqual({ exitCode: 0, stdout: 'a b', stderr: '', timedOut: false });
    expect((await host.run('echo', ['a', 'b'])).stdout).toBe('a b (two)');
    expect(await host.run('missing-tool', [])).toEqual({
      exitCode: 127,
      stdout: '',
      stderr: '',
      timedOut: false,
      spawnError: 'ENOENT',
    });
  });

  it('fails loudly for an unrecorded command, naming argv and the recording', async () => {
    const run = host.run('echo', ['a', 'b', 'c']);
    await expect(run).rejects.toBeInstanceOf(UnrecordedCommandError);
    await expect(host.run('echo', ['a', 'b', 'c'])).rejects.toThrow(`command ["echo","a","b","c"] is not recorded in ${path.join(dir, 'commands.json')}`);
  });
});

describe('replay host: unusable recordings', () => {
  let base: string;
  beforeAll(async () => {
    base = await mkdtemp(path.join(tmpdir(), 'charter-replay-bad-'));
  });
  afterAll(async () => {
    await rm(base, { recursive: true, force: true });
  });

  it('needs a directory argument', async () => {
    await expect(replayHost.create(undefined, context)).rejects.toBeInstanceOf(UsageError);
  });

  it('refuses a directory without host.json, naming the path', async () => {
    const dir = path.join(base, 'empty');
    await mkdir(dir);
    await expect(openReplay(dir)).rejects.toBeInstanceOf(TargetError);
    await expect(openReplay(dir)).rejects.toThrow(path.join(dir, 'host.json'));
    await expect(openReplay(path.join(base, 'nowhere'))).rejects.toBeInstanceOf(TargetError);
  });

  it('refuses invalid JSON', async () => {
    const dir = path.join(base, 'badjson');
    await writeTree(dir, { 'host.json': '{ "platform": "linux",' });
    await expect(openReplay(dir)).rejects.toThrow(/host\.json: invalid JSON/);
  });

  it('lists every problem of a malformed host.json', async () => {
    const dir = path.join(base, 'badshape');
    await writeTree(dir, {
      'host.json': JSON.stringify({
        platform: 'beos',
        name: 3,
        capabilities: { read: true },
        stats: { 'relative/path': { type: 'file' } },
        dirs: { '/etc': 'hostname' },
        redactions: [{ kind: 'hostname', original: 'x' }],
      }),
    });
    const error = await openReplay(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TargetError);
    const message = (error as Error).message;
    expect(message).toContain('"platform" must be one of linux, macos, windows');
    expect(message).toContain('"name" must be a string');
    expect(message).toContain('"capabilities"');
    expect(message).toContain('"relative/path" is not an absolute path');
    expect(message).toContain('"stats"."relative/path" must be');
    expect(message).toContain('"dirs"."/etc" must be a list of names or null');
    expect(message).toContain('"redactions"');
  });

  it('refuses a malformed commands.json', async () => {
    const dir = path.join(base, 'badcommands');
    await writeTree(dir, {
      'host.json': '{"platform":"linux"}',
      'commands.json': JSON.stringify([{ argv: [], exitCode: '0', stdout: '' }]),
    });
    await expect(openReplay(dir)).rejects.toThrow(/commands\.json: not a valid recorded host:[\s\S]*argv[\s\S]*exitCode[\s\S]*stderr/);
  });

  it('without commands.json, cannot exec and says so', async () => {
    const dir = path.join(base, 'nocommands');
    await writeTree(dir, { 'host.json': '{"platform":"macos"}' });
    const host = await openReplay(dir);
    expect(host.capabilities.exec).toBe(false);
    expect(host.name).toBe(dir);
    await expect(host.run('sw_vers', [])).rejects.toThrow(/not recorded/);
    expect(await host.readFile('/etc/hostname')).toBeUndefined();
  });
});

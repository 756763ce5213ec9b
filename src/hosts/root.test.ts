import { mkdir, mkdtemp, readFile, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from './host.js';
import { openRoot } from './root.js';

let dir: string;
let host: Host;

/** Strings from this machine that must never be read through a scanned root. */
const secrets: string[] = [];

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'charter-root-'));
  const put = async (p: string, content: string) => {
    await mkdir(path.dirname(path.join(dir, p)), { recursive: true });
    await writeFile(path.join(dir, p), content);
  };
  await put('usr/lib/os-release', 'ID=debian\nVERSION_ID="12"\n');
  await put('usr/bin/sh', 'not a real shell');
  await put('etc/passwd', 'root:x:0:0:root:/root:/bin/bash\n');
  await symlink('usr/bin', path.join(dir, 'bin'));
  await symlink('../usr/lib/os-release', path.join(dir, 'etc/os-release'));
  // Hostile links: each would read this machine's files if followed naively.
  await symlink('/etc/hostname', path.join(dir, 'etc/abs-hostname'));
  await symlink('../../../../../../../../etc/hostname', path.join(dir, 'etc/climb-hostname'));
  await symlink('/proc/self/environ', path.join(dir, 'etc/environ'));
  await symlink('loop-b', path.join(dir, 'etc/loop-a'));
  await symlink('loop-a', path.join(dir, 'etc/loop-b'));
  await symlink('/', path.join(dir, 'hostroot'));
  await execa('mkfifo', [path.join(dir, 'etc/fifo')]);
  for (const file of ['/etc/hostname', '/etc/machine-id']) {
    const text = (await readFile(file, 'utf8').catch(() => '')).trim();
    if (text.length >= 4) secrets.push(text);
  }
  host = await openRoot(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('root:DIR host', () => {
  it('reads files through links inside the root, as if it were /', async () => {
    expect(await host.platform()).toBe('linux');
    expect((await host.readFile('/etc/os-release'))?.toString()).toContain('ID=debian');
    expect((await host.readFile('/bin/sh'))?.toString()).toBe('not a real shell');
    expect(await host.readLink('/bin')).toBe('usr/bin');
    expect((await host.stat('/bin'))?.type).toBe('directory');
    expect(await host.readDir('/etc')).toContain('passwd');
    expect(host.capabilities).toEqual({ read: true, exec: false, live: false });
  });

  it('re-roots absolute links and stops .. at the root', async () => {
    // /etc/hostname does not exist inside the root: nothing is read.
    expect(await host.readFile('/etc/abs-hostname')).toBeUndefined();
    expect(await host.readFile('/etc/climb-hostname')).toBeUndefined();
    expect(await host.readFile('/../../../etc/hostname')).toBeUndefined();
    expect(await host.readFile('/etc/environ')).toBeUndefined();
    expect(await host.readDir('/hostroot/etc')).toEqual(await host.readDir('/etc'));
    expect(await host.readFile('/hostroot/etc/passwd')).toEqual(await host.readFile('/etc/passwd'));
  });

  it('ends link loops and never opens a FIFO', async () => {
    expect(await host.readFile('/etc/loop-a')).toBeUndefined();
    expect(await host.stat('/etc/loop-a')).toBeUndefined();
    expect(await host.readFile('/etc/fifo')).toBeUndefined();
    expect((await host.stat('/etc/fifo'))?.type).toBe('other');
  });

  it('never runs anything', async () => {
    const result = await host.run('sh', ['-c', 'echo hi']);
    expect(result.exitCode).toBe(127);
    expect(result.stdout).toBe('');
  });

  it('leaks nothing of the scanning machine through any path', async () => {
    const seen: string[] = [];
    for (const p of ['/etc/abs-hostname', '/etc/climb-hostname', '/hostroot/etc/hostname', '/hostroot/etc/machine-id', '/etc/environ']) {
      seen.push((await host.readFile(p))?.toString() ?? '');
      seen.push(JSON.stringify(await host.readDir(p)));
    }
    for (const secret of secrets) expect(seen.join('\n')).not.toContain(secret);
  });

  it("refuses a path that is not a directory, and this machine's own /", async () => {
    await expect(openRoot(path.join(dir, 'etc/passwd'))).rejects.toThrow(/not a directory/);
    await expect(openRoot(path.join(dir, 'missing'))).rejects.toThrow(/not found/);
    await expect(openRoot('/')).rejects.toThrow(/--target local/);
  });
});

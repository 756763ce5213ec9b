import { describe, expect, it } from 'vitest';
import type { AgentRecord } from './frames.js';
import { miss, RemoteTreeCache } from './cache.js';

const dir = (path: string): AgentRecord => ({
  tag: 'M',
  path,
  lstatType: 'd',
  link: undefined,
  stat: { type: 'directory', size: 0, mtimeMs: 0, mode: 0o40755, uid: 0 },
});
const file = (path: string): AgentRecord => ({
  tag: 'M',
  path,
  lstatType: 'f',
  link: undefined,
  stat: { type: 'file', size: 3, mtimeMs: 0, mode: 0o100644, uid: 0 },
});
const listing = (path: string, names: string[]): AgentRecord => ({ tag: 'L', path, names });

describe('RemoteTreeCache: what follows from the ancestors', () => {
  const cache = new RemoteTreeCache();
  cache.add([dir('/'), listing('/', ['etc', 'srv']), dir('/etc'), listing('/etc', ['os-release', 'ssh']), file('/etc/os-release'), dir('/etc/ssh')]);

  it('a name missing from a listed directory, and anything below it, is absent', () => {
    for (const path of ['/opt', '/opt/x/y', '/etc/shadow', '/etc/shadow/z']) expect(cache.stat(path)).toBeUndefined();
  });

  it('below a regular file nothing exists', () => {
    expect(cache.stat('/etc/os-release/x')).toBeUndefined();
    expect(cache.readFile('/etc/os-release/a/b')).toBeUndefined();
  });

  it('below a directory that was not listed, nothing is known', () => {
    expect(cache.stat('/etc/ssh/sshd_config')).toBe(miss);
    expect(cache.stat('/srv/www/index.html')).toBe(miss);
  });

  it('paths written with doubled or trailing slashes are judged by the same ancestors', () => {
    expect(cache.stat('//opt')).toBeUndefined();
    expect(cache.stat('/etc//shadow')).toBeUndefined();
    expect(cache.stat('/etc/shadow/')).toBeUndefined();
    expect(cache.stat('/etc//ssh/sshd_config')).toBe(miss);
  });

  it('a path with . or .. components, or a relative one, is never derived absent', () => {
    for (const path of ['/etc/../opt', '/./opt', '/etc/./shadow', 'etc/shadow', '/etc/..']) expect(cache.derivedAbsent(path)).toBe(false);
  });

  it('/ itself has no ancestor to judge it by', () => {
    expect(new RemoteTreeCache().derivedAbsent('/')).toBe(false);
  });
});

describe('RemoteTreeCache: refused lookups', () => {
  const cache = new RemoteTreeCache();
  cache.add([dir('/'), listing('/', ['root']), { tag: 'A', path: '/root', denied: true }]);

  it('what lies below a directory whose lookup was refused is unknown (denied), not absent', () => {
    for (const path of ['/root', '/root/.ssh', '/root/.ssh/authorized_keys', '/root//.ssh/']) expect(cache.denied('s', path)).toBe(true);
    expect(cache.denied('f', '/root/.bashrc')).toBe(true);
  });

  it('a path beside it is not', () => {
    expect(cache.denied('s', '/rootfs/x')).toBe(false);
    expect(cache.denied('s', '/home/root')).toBe(false);
    expect(cache.denied('s', '/root/../etc')).toBe(false);
  });
});

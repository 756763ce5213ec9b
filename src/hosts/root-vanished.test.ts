/**
 * The root host when what it resolved goes away before it is read (a mounted root that changes
 * under the scan, or a /proc inside it): node:fs answers the errors of a vanished path for chosen
 * files of a real temporary root, and every read answers undefined. Other errors still throw.
 */
import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import type { Host } from './host.js';

/** On-disk path → the code its next fs call fails with (after resolution has seen it). */
const failures = new Map<string, string>();

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const failing =
    <A extends unknown[], R>(call: (file: string, ...rest: A) => Promise<R>) =>
    (file: string, ...rest: A): Promise<R> => {
      const code = failures.get(file);
      return code === undefined ? call(file, ...rest) : Promise.reject(Object.assign(new Error(`${code}: fake, ${file}`), { code }));
    };
  return {
    ...real,
    readdir: failing(real.readdir as (file: string) => Promise<string[]>),
    readlink: failing(real.readlink as (file: string) => Promise<string>),
    open: failing(real.open as (file: string, flags: number) => Promise<FsPromises.FileHandle>),
    // lstat under its own key: resolution lstats each path once (then remembers its kind).
    lstat: (file: string) => {
      const code = failures.get(`lstat:${file}`);
      return code === undefined ? real.lstat(file) : Promise.reject(Object.assign(new Error(`${code}: fake, ${file}`), { code }));
    },
  };
});

const { openRoot } = await import('./root.js');

let dir: string;
let host: Host;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'charter-root-vanished-'));
  await mkdir(path.join(dir, 'etc'), { recursive: true });
  await mkdir(path.join(dir, 'proc/4242/fd'), { recursive: true });
  await writeFile(path.join(dir, 'etc/os-release'), 'ID=debian\n');
  await writeFile(path.join(dir, 'proc/4242/cmdline'), 'x\0');
  await symlink('/usr/bin/x', path.join(dir, 'proc/4242/exe'));
  host = await openRoot(dir);
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  failures.clear();
});

describe('root host: things that vanish', () => {
  it.each(['ENOENT', 'ENOTDIR', 'ESRCH'])('answers undefined when a read meets %s', async (code) => {
    failures.set(path.join(dir, 'proc/4242/cmdline'), code);
    failures.set(path.join(dir, 'proc/4242/fd'), code);
    failures.set(path.join(dir, 'proc/4242/exe'), code);
    failures.set(path.join(dir, 'etc/os-release'), code);
    expect(await host.readFile('/proc/4242/cmdline')).toBeUndefined();
    expect(await host.readDir('/proc/4242/fd')).toBeUndefined();
    expect(await host.readLink('/proc/4242/exe')).toBeUndefined();
    expect(await host.readFile('/etc/os-release')).toBeUndefined();
  });

  it('answers undefined when the stat of a resolved path meets ESRCH', async () => {
    // Resolved (and its kind remembered) while it was there; gone when its stat is read.
    expect(await host.readDir('/proc/4242/fd')).toEqual([]);
    failures.set(`lstat:${path.join(dir, 'proc/4242/fd')}`, 'ESRCH');
    expect(await host.stat('/proc/4242/fd')).toBeUndefined();
  });

  it('answers undefined for EINVAL below /proc only', async () => {
    failures.set(path.join(dir, 'proc/4242/cmdline'), 'EINVAL');
    failures.set(path.join(dir, 'etc/os-release'), 'EINVAL');
    expect(await host.readFile('/proc/4242/cmdline')).toBeUndefined();
    await expect(host.readFile('/etc/os-release')).rejects.toThrow('EINVAL');
  });

  it('still throws what is not a vanishing', async () => {
    failures.set(path.join(dir, 'proc/4242/cmdline'), 'EIO');
    await expect(host.readFile('/proc/4242/cmdline')).rejects.toThrow('EIO');
  });

  it('reads normally otherwise', async () => {
    expect((await host.readFile('/proc/4242/cmdline'))?.toString()).toBe('x\0');
    expect(await host.readDir('/proc/4242')).toEqual(['cmdline', 'exe', 'fd']);
    expect(await host.readLink('/proc/4242/exe')).toBe('/usr/bin/x');
  });
});

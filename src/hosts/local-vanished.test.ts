/**
 * The local host with node:fs answering the errors of things that vanish while read (a process
 * reaped between open and read, a file removed after its directory was listed): every read answers
 * undefined. Other errors still throw. The real thing, with processes exiting during real /proc
 * scans, is src/collect-vanishing.test.ts.
 */
import type * as Fs from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import { afterEach, describe, expect, it, vi } from 'vitest';

/** The code each fs call fails with, by path; unset: the call fails with EIO. */
const failures = new Map<string, string>();

const fail = (path: unknown): Promise<never> => {
  const code = failures.get(String(path)) ?? 'EIO';
  return Promise.reject(Object.assign(new Error(`${code}: fake, ${String(path)}`), { code }));
};

vi.mock('node:fs/promises', async (importOriginal) => ({
  ...(await importOriginal<typeof FsPromises>()),
  readFile: fail,
  open: fail,
  readdir: fail,
  readlink: fail,
  stat: fail,
}));

// The local host reads with node:fs's callback API (read-whole.ts, fs-calls.ts).
vi.mock('node:fs', async (importOriginal) => {
  const fs = await importOriginal<typeof Fs>();
  const failing = (path: unknown, ...rest: unknown[]): void => {
    const callback = rest.at(-1) as (error: Error) => void;
    fail(path).catch(callback);
  };
  const calls = { open: failing, readdir: failing, readlink: failing, stat: failing };
  return { ...fs, default: { ...fs, ...calls }, ...calls };
});

const { localHost } = await import('./local.js');
const host = await localHost.create(undefined, { cwd: process.cwd() });

afterEach(() => {
  failures.clear();
});

describe('local host: things that vanish', () => {
  it.each(['ENOENT', 'ENOTDIR', 'ESRCH'])('answers undefined for %s on every read', async (code) => {
    for (const p of ['/proc/4242/cmdline', '/home/a/.config/x']) failures.set(p, code);
    for (const p of ['/proc/4242/cmdline', '/home/a/.config/x']) {
      expect(await host.readFile(p)).toBeUndefined();
      expect(await host.readDir(p)).toBeUndefined();
      expect(await host.stat(p)).toBeUndefined();
      expect(await host.readLink(p)).toBeUndefined();
    }
  });

  it('answers undefined for EINVAL below /proc (a dead process), and throws it elsewhere except readlink', async () => {
    failures.set('/proc/4242/stat', 'EINVAL');
    failures.set('/proc/4242/fd', 'EINVAL');
    failures.set('/etc/x', 'EINVAL');
    expect(await host.readFile('/proc/4242/stat')).toBeUndefined();
    expect(await host.readDir('/proc/4242/fd')).toBeUndefined();
    expect(await host.stat('/proc/4242/stat')).toBeUndefined();
    await expect(host.readFile('/etc/x')).rejects.toThrow('EINVAL');
    await expect(host.stat('/etc/x')).rejects.toThrow('EINVAL');
    // readlink's EINVAL is "not a symbolic link", anywhere.
    expect(await host.readLink('/etc/x')).toBeUndefined();
  });

  it('keeps EACCES and EPERM absent, as before', async () => {
    failures.set('/proc/1/exe', 'EACCES');
    failures.set('/root/x', 'EPERM');
    expect(await host.readLink('/proc/1/exe')).toBeUndefined();
    expect(await host.readFile('/root/x')).toBeUndefined();
  });

  it('still throws what is not a vanishing (EIO, EMFILE)', async () => {
    failures.set('/proc/4242/cmdline', 'EMFILE');
    await expect(host.readFile('/proc/4242/cmdline')).rejects.toThrow('EMFILE');
    await expect(host.readDir('/proc/4242/fd')).rejects.toThrow('EIO');
    await expect(host.stat('/proc/4242')).rejects.toThrow('EIO');
    await expect(host.readLink('/proc/4242/exe')).rejects.toThrow('EIO');
  });
});

/**
 * The replay host and things that vanish: a recording made while a process exited (listed in /proc,
 * its files absent) replays as absent, so the process is skipped; and a files/ entry removed
 * between the host finding it and reading it (node:fs answers ENOENT or ESRCH for it here) is
 * absent too, not an error.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import type * as FsPromises from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { listProcesses } from '../platform/linux/processes.js';
import type { Host } from './host.js';

/** Real on-disk path → the code readFile, readdir or lstat fails with for it. */
const failures = new Map<string, string>();

vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof FsPromises>();
  const reject = (file: string, code: string): Promise<never> => Promise.reject(Object.assign(new Error(`${code}: fake, ${file}`), { code }));
  return {
    ...real,
    readFile: (file: string, ...rest: [BufferEncoding?]) => {
      const code = failures.get(file);
      return code === undefined ? real.readFile(file, ...rest) : reject(file, code);
    },
    readdir: (file: string) => {
      const code = failures.get(`readdir:${file}`);
      return code === undefined ? real.readdir(file) : reject(file, code);
    },
    lstat: (file: string) => {
      const code = failures.get(`lstat:${file}`);
      return code === undefined ? real.lstat(file) : reject(file, code);
    },
  };
});

const { openReplay } = await import('./replay.js');

let dir: string;
let host: Host;
let files: string;

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'charter-replay-vanished-'));
  const put = async (relative: string, content: string): Promise<void> => {
    await mkdir(path.dirname(path.join(dir, relative)), { recursive: true });
    await writeFile(path.join(dir, relative), content);
  };
  // Written by hand: pid 7 was listed, then exited before its files were read (the recorder kept
  // those reads as absent: no files/ entry, no link).
  await put(
    'host.json',
    JSON.stringify({
      platform: 'linux',
      capabilities: { read: true, exec: false, live: true },
      dirs: { '/proc': ['1', '7', 'self'] },
      links: { '/proc/1/exe': '/usr/lib/systemd/systemd' },
    }),
  );
  await put('files/proc/1/comm', 'systemd\n');
  await put('files/proc/1/cmdline', '/sbin/init\0');
  await put('files/etc/hostname', 'h\n');
  await mkdir(path.join(dir, 'files/var/log'), { recursive: true });
  host = await openReplay(dir);
  const { realpath } = await vi.importActual<typeof FsPromises>('node:fs/promises');
  files = await realpath(path.join(dir, 'files'));
});

afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

afterEach(() => {
  failures.clear();
});

describe('replay host: things that vanish', () => {
  it('replays a process that exited during the recording as absent, and the process table skips it', async () => {
    expect(await host.readFile('/proc/7/cmdline')).toBeUndefined();
    expect(await host.readLink('/proc/7/exe')).toBeUndefined();
    expect(await host.stat('/proc/7')).toBeUndefined();
    expect((await listProcesses(host))?.map((p) => p.pid)).toEqual([1]);
  });

  it.each(['ENOENT', 'ENOTDIR', 'ESRCH'])('answers undefined when a files/ entry meets %s once found', async (code) => {
    failures.set(path.join(files, 'etc/hostname'), code);
    failures.set(`readdir:${path.join(files, 'var/log')}`, code);
    expect(await host.readFile('/etc/hostname')).toBeUndefined();
    expect(await host.readDir('/var/log')).toBeUndefined();
    failures.clear();
    failures.set(`lstat:${path.join(files, 'etc/hostname')}`, code);
    expect(await host.readFile('/etc/hostname')).toBeUndefined();
    expect(await host.stat('/etc/hostname')).toBeUndefined();
  });

  it('still throws what is not a vanishing', async () => {
    failures.set(path.join(files, 'etc/hostname'), 'EIO');
    await expect(host.readFile('/etc/hostname')).rejects.toThrow('EIO');
  });
});

import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { vanishingHost } from '../../testing/vanishing-host.js';
import { listProcesses } from './processes.js';

/** /proc/<pid>/{comm,cmdline} and an exe link for each process. */
const procFiles = (processes: Record<number, string>): { files: Record<string, string>; links: Record<string, string> } => {
  const files: Record<string, string> = {};
  const links: Record<string, string> = {};
  for (const [pid, exe] of Object.entries(processes)) {
    files[`/proc/${pid}/comm`] = `${exe.slice(exe.lastIndexOf('/') + 1).slice(0, 15)}\n`;
    files[`/proc/${pid}/cmdline`] = `${exe}\0--flag\0`;
    links[`/proc/${pid}/exe`] = exe;
  }
  return { files, links };
};

const table = procFiles({ 1: '/sbin/init', 100: '/usr/bin/telegram-desktop', 200: '/usr/bin/true', 300: '/usr/bin/sleep', 400: '/usr/sbin/sshd' });

describe('the process table, when processes vanish while it is read', () => {
  it('skips a process whose files fail with ESRCH, ENOENT or EINVAL, and one whose exe and /proc entry are gone', async () => {
    const host = vanishingHost(fakeHost(table), (method, path) => {
      // 200 exited between the listing and the reads: reaped between open and read (ESRCH),
      // then gone (ENOENT), and EINVAL for the exe of a dead process.
      if (path === '/proc/200/comm') return { code: 'ESRCH' };
      if (path === '/proc/200/cmdline') return { code: 'ENOENT' };
      if (path === '/proc/200/exe') return { code: 'EINVAL' };
      // 300 exited after its command line was read: no exe, no /proc/300 any more.
      if (path === '/proc/300/exe' || path === '/proc/300') return { answer: undefined };
      // 400 belongs to another user: its exe is unreadable, but it is still there.
      if (path === '/proc/400/exe' && method === 'readLink') return { answer: undefined };
      return undefined;
    });
    const processes = await listProcesses(host);
    expect(processes?.map((p) => [p.pid, p.argv0, p.exe])).toEqual([
      [1, 'init', '/sbin/init'],
      [100, 'telegram-desktop', '/usr/bin/telegram-desktop'],
      [400, 'sshd', null],
    ]);
  });

  it('fails on an error that is not a vanishing (a list it would call complete would not be)', async () => {
    const host = vanishingHost(fakeHost(table), (_method, path) => (path === '/proc/100/cmdline' ? { code: 'EIO' } : undefined));
    await expect(listProcesses(host)).rejects.toThrow('EIO');
  });
});

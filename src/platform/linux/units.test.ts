import { describe, expect, it } from 'vitest';
import { noteDeniedRead, noticingDeniedReads } from '../../hosts/denied-reads.js';
import type { Host } from '../../hosts/host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { runShared } from '../run-shared.js';
import { unitState } from './units.js';

/**
 * A host with two units enabled in /etc and a .wants directory it may not list: counts the
 * directory listings, and notes the refused one as a real host does.
 */
const systemdHost = (): { host: Host; listings: () => number } => {
  const base = fakeHost({
    files: {
      '/lib/systemd/system/sshd.service': '[Unit]\n',
      '/lib/systemd/system/cron.service': '[Unit]\n',
      '/etc/systemd/system/multi-user.target.wants/sshd.service': '',
      '/etc/systemd/system/timers.target.wants/cron.service': '',
      '/etc/systemd/system/locked.target.wants/x': '',
    },
  });
  let listings = 0;
  const host: Host = {
    ...base,
    readDir: (path) => {
      listings += 1;
      if (path === '/etc/systemd/system/locked.target.wants') {
        noteDeniedRead(path);
        return Promise.resolve(undefined);
      }
      return base.readDir(path);
    },
  };
  return { host, listings: () => listings };
};

describe('unitState', () => {
  it('scans the .wants directories once per run, and tells every caller what that scan could not list', async () => {
    const { host, listings } = systemdHost();
    const context = { shared: runShared(host) };
    const [mine, theirs] = [new Set<string>(), new Set<string>()];
    const sshd = await noticingDeniedReads(mine, () => unitState(host, 'sshd.service', context));
    const afterFirst = listings();
    const cron = await noticingDeniedReads(theirs, () => unitState(host, 'cron.service', context));
    expect(sshd).toMatchObject({ installed: true, enabled: true, wantedBy: ['multi-user.target'] });
    expect(cron).toMatchObject({ installed: true, enabled: true, wantedBy: ['timers.target'] });
    expect(listings()).toBe(afterFirst);
    expect([...mine]).toEqual(['/etc/systemd/system/locked.target.wants']);
    expect([...theirs]).toEqual(['/etc/systemd/system/locked.target.wants']);
  });

  it('scans again for each call outside a run, and for another run', async () => {
    const { host, listings } = systemdHost();
    await unitState(host, 'sshd.service');
    const once = listings();
    expect(once).toBeGreaterThan(0);
    expect((await unitState(host, 'nothing.service')).enabled).toBe(false);
    expect(listings()).toBe(2 * once);
    await unitState(host, 'sshd.service', { shared: runShared(host) });
    expect(listings()).toBe(3 * once);
  });

  it('looks for a unit only in the directories whose listing holds it, with the same answers', async () => {
    const base = fakeHost({
      files: {
        '/lib/systemd/system/sshd.service': '[Unit]\n',
        '/lib/systemd/system/getty@.service': '[Unit]\n',
        '/etc/systemd/system/multi-user.target.wants/sshd.service': '',
      },
      links: { '/etc/systemd/system/ufw.service': '/dev/null' },
      stats: { '/etc/systemd/system/ufw.service': { type: 'symlink' } },
      dirs: { '/run/systemd/system': [], '/usr/lib/systemd/system': [] },
    });
    const looked: string[] = [];
    const counting = (host: Host, unlisted: string | undefined): Host => ({
      ...host,
      readDir: (path) => (path === unlisted ? Promise.resolve(undefined) : host.readDir(path)),
      readLink: (path) => {
        looked.push(path);
        return host.readLink(path);
      },
      stat: (path) => {
        looked.push(path);
        return host.stat(path);
      },
    });
    const host = counting(base, undefined);
    expect(await unitState(host, 'sshd.service')).toMatchObject({ installed: true, enabled: true, masked: false, wantedBy: ['multi-user.target'] });
    expect(looked).toEqual(['/lib/systemd/system/sshd.service', '/lib/systemd/system/sshd.service']);
    looked.length = 0;
    expect(await unitState(host, 'ufw.service')).toMatchObject({ installed: false, enabled: false, masked: true });
    expect(looked).toEqual(['/etc/systemd/system/ufw.service']);
    looked.length = 0;
    expect(await unitState(host, 'getty@tty1.service')).toMatchObject({ installed: true, enabled: false });
    expect(looked).toEqual(['/lib/systemd/system/getty@.service']);
    looked.length = 0;
    expect(await unitState(host, 'absent.service')).toMatchObject({ installed: false, enabled: false, masked: false });
    expect(looked).toEqual([]);
    // A directory that cannot be listed is looked in for every unit, as before.
    looked.length = 0;
    expect(await unitState(counting(base, '/etc/systemd/system'), 'absent.service')).toMatchObject({ installed: false });
    expect(looked).toEqual(['/etc/systemd/system/absent.service', '/etc/systemd/system/absent.service']);
  });
});

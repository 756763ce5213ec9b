import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { TargetUser } from './targets.js';
import { judgeXfceSession } from './xfce-session.js';

const testdata = (path: string): string => readFileSync(new URL(`./testdata/${path}`, import.meta.url), 'utf8');
const target: TargetUser = { user: 'agent', uid: 1000, home: '/home/agent', desktop: 'xfce', why: 'test' };
const userPower = '/home/agent/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-power-manager.xml';

/** XFCE with light-locker (Xubuntu's pairing): its real schema, a real power-manager channel. */
const xubuntu = (extra: Record<string, string> = {}): FakeHostSpec => ({
  files: {
    '/usr/bin/light-locker': '',
    '/usr/share/glib-2.0/schemas/apps.light-locker.gschema.xml': testdata('light-locker/apps.light-locker.gschema.xml'),
    '/etc/xdg/autostart/light-locker.desktop': '[Desktop Entry]\nType=Application\nName=Screen Locker\nExec=light-locker\n',
    [userPower]: testdata('xfce-power/7aske-dotfiles.xml'),
    ...extra,
  },
});

describe('judgeXfceSession', () => {
  it('light-locker with its schema default (0): the screen blanks but nothing locks', async () => {
    const lock = await judgeXfceSession(fakeHost(xubuntu()), target, [], false);
    expect(lock).toMatchObject({ lockEnabled: false, source: 'xfce4-power-manager+light-locker' });
    expect(lock.evidence.join('\n')).toContain('apps.light-locker lock-after-screensaver=0 from /usr/share/glib-2.0/schemas/apps.light-locker.gschema.xml');
  });

  it("the user's autostart command line wins: locks 5 s after the 10-minute blank", async () => {
    const host = fakeHost(
      xubuntu({ '/home/agent/.config/autostart/light-locker.desktop': '[Desktop Entry]\nExec=light-locker --lock-after-screensaver=5 --lock-on-suspend\n' }),
    );
    expect(await judgeXfceSession(host, target, [], false)).toMatchObject({ lockEnabled: true, idleSeconds: 600, lockDelaySeconds: 5, secondsToLock: 605 });
  });

  it('a power-manager file that cannot be read leaves the lock unknown', async () => {
    const spec = xubuntu({ '/home/agent/.config/autostart/light-locker.desktop': 'Exec=light-locker --lock-after-screensaver=5\n' });
    const files = Object.fromEntries(Object.entries(spec.files ?? {}).filter(([path]) => path !== userPower));
    const host = fakeHost({ files, stats: { [userPower]: { type: 'file' } } });
    const lock = await judgeXfceSession(host, target, [], false);
    expect(lock).toMatchObject({ lockEnabled: null, secondsToLock: null });
    expect(lock.evidence.join('\n')).toContain(`${userPower} exists but cannot be read`);
  });

  it('xfce4-screensaver installed: it decides, the power manager only adds evidence', async () => {
    const lock = await judgeXfceSession(fakeHost(xubuntu()), target, [], true);
    expect(lock.source).toBe('xfce-default');
    expect(lock.evidence.join('\n')).toContain('xfce4-power-manager lock-screen-suspend-hibernate=true');
  });
});

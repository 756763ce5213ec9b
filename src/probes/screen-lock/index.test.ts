import { describe, expect, it } from 'vitest';
import { screenLockSample } from '../../testing/dconf-samples.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { screenLock } from './index.js';

const schemas = '/usr/share/glib-2.0/schemas';
const gnomeSchemas: Record<string, Buffer> = Object.fromEntries(
  [
    'org.gnome.desktop.screensaver.gschema.xml',
    'org.gnome.desktop.session.gschema.xml',
    'org.gnome.desktop.lockdown.gschema.xml',
    '10_gsettings-desktop-schemas.gschema.override',
  ].map((name) => [`${schemas}/${name}`, screenLockSample(`schemas/gnome/${name}`)]),
);

const passwd =
  'root:x:0:0:root:/root:/bin/bash\nDebian-gdm:x:120:128:Gnome Display Manager:/var/lib/gdm3:/bin/false\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\nbob:x:1001:1001:Bob:/home/bob:/bin/bash\n';

/**
 * A logind session file. Constructed from the format systemd-logind writes (src/login/logind-session.c,
 * session_save: KEY=VALUE lines); no systemd runs on the recording VM.
 */
const logindSession = (uid: number, user: string, type: string, desktop: string, sessionClass = 'user'): string =>
  `# This is private data. Do not parse.\nUID=${uid}\nUSER=${user}\nACTIVE=1\nIS_DISPLAY=1\nSTATE=active\nREMOTE=0\nTYPE=${type}\nCLASS=${sessionClass}\nSCOPE=session-2.scope\nDESKTOP=${desktop}\n`;

const gnomeMachine = (extra: Record<string, string | Buffer>): FakeHostSpec => ({
  files: {
    '/etc/passwd': passwd,
    '/usr/bin/gnome-shell': 'ELF',
    '/usr/share/wayland-sessions/gnome.desktop': '[Desktop Entry]\nName=GNOME\nExec=gnome-session\nDesktopNames=GNOME\n',
    '/home/alice/.profile': '',
    '/home/bob/.profile': '',
    ...gnomeSchemas,
    ...extra,
  },
});

const context = (spec: FakeHostSpec): ProbeContext => ({
  platform: 'linux',
  now: new Date(0),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
});

const collect = async (spec: FakeHostSpec) => {
  const host = fakeHost(spec);
  const outcome = await screenLock.collect(host, context(spec));
  if (outcome.status !== 'ok') throw new Error(`unexpected ${outcome.status}`);
  return { facts: outcome.facts, host };
};

describe('screen-lock probe', () => {
  it('GNOME, compliant and enforced: system db with locks beats the user value', async () => {
    const { facts, host } = await collect(
      gnomeMachine({
        '/etc/dconf/profile/user': 'user-db:user\nsystem-db:local\n',
        '/etc/dconf/db/local': screenLockSample('dconf/db/local'),
        '/home/alice/.config/dconf/user': screenLockSample('dconf/user/written-1800'),
        '/run/systemd/sessions/2': logindSession(1000, 'alice', 'wayland', 'GNOME'),
        '/run/systemd/sessions/c1': logindSession(120, 'Debian-gdm', 'wayland', 'GNOME', 'greeter'),
      }),
    );
    expect(facts).toMatchObject({
      graphical: true,
      desktops: ['gnome'],
      lockEnabled: true,
      idleSeconds: 300,
      lockDelaySeconds: 0,
      secondsToLock: 300,
      enforced: true,
    });
    expect(facts.users).toEqual([expect.objectContaining({ user: 'alice', desktop: 'gnome', source: 'dconf-system-db', secondsToLock: 300, enforced: true })]);
    expect(JSON.stringify(facts.users)).toContain('user value uint32 1800 in /home/alice/.config/dconf/user is ignored because of the lock');
    expect(host.ran).toEqual([]);
  });

  it('GNOME, idle-delay 0 (never): lock not enabled', async () => {
    const { facts } = await collect(
      gnomeMachine({
        '/home/alice/.config/dconf/user': screenLockSample('dconf/user/written-never'),
        '/run/systemd/sessions/2': logindSession(1000, 'alice', 'x11', 'GNOME'),
      }),
    );
    expect(facts).toMatchObject({ lockEnabled: false, secondsToLock: null, idleSeconds: null, lockDelaySeconds: 0, enforced: false });
    expect(JSON.stringify(facts.users)).toContain('idle-delay is 0: the session never goes idle');
  });

  it('GNOME, idle-delay 1800 set by the user: 1800 s to lock, not enforced', async () => {
    const { facts } = await collect(
      gnomeMachine({
        '/home/alice/.config/dconf/user': screenLockSample('dconf/user/written-1800'),
        '/run/systemd/sessions/2': logindSession(1000, 'alice', 'wayland', 'GNOME'),
      }),
    );
    expect(facts).toMatchObject({ lockEnabled: true, secondsToLock: 1800, idleSeconds: 1800, lockDelaySeconds: 0, enforced: false });
    expect(facts.users).toEqual([expect.objectContaining({ source: 'dconf-user-db' })]);
  });

  it('GNOME, lock disabled and lockdown disable-lock-screen: lock not enabled', async () => {
    const { facts } = await collect(
      gnomeMachine({
        '/home/alice/.config/dconf/user': screenLockSample('dconf/user/written-disabled'),
        '/run/systemd/sessions/2': logindSession(1000, 'alice', 'wayland', 'GNOME'),
      }),
    );
    expect(facts.lockEnabled).toBe(false);
    const text = JSON.stringify(facts.users);
    expect(text).toContain('lock-enabled is false');
    expect(text).toContain('disable-lock-screen is true');
  });

  it('KDE Plasma: system defaults and the user file', async () => {
    const { facts } = await collect({
      files: {
        '/etc/passwd': passwd,
        '/usr/bin/plasmashell': 'ELF',
        '/etc/xdg/kscreenlockerrc': screenLockSample('kde/aosc-etc-xdg/kscreenlockerrc'),
        '/home/alice/.config/kscreenlockerrc': screenLockSample('kde/richguk-home/kscreenlockerrc'),
        '/run/systemd/sessions/3': logindSession(1000, 'alice', 'wayland', 'KDE'),
      },
    });
    expect(facts).toMatchObject({ desktops: ['kde'], lockEnabled: true, idleSeconds: 900, lockDelaySeconds: 45, secondsToLock: 945, enforced: false });
    expect(facts.users).toEqual([expect.objectContaining({ user: 'alice', desktop: 'kde', source: 'kscreenlockerrc' })]);
  });

  it('KDE Plasma: an immutable system group is enforced and the user cannot turn it off', async () => {
    const { facts } = await collect({
      files: {
        '/etc/passwd': passwd,
        '/usr/bin/plasmashell': 'ELF',
        '/etc/xdg/kscreenlockerrc': screenLockSample('kde/constructed/etc-xdg-immutable-group'),
        '/home/alice/.config/kscreenlockerrc': screenLockSample('kde/constructed/home-autolock-off'),
        '/run/systemd/sessions/3': logindSession(1000, 'alice', 'x11', 'KDE'),
      },
    });
    expect(facts).toMatchObject({ lockEnabled: true, secondsToLock: 300, enforced: true });
  });

  it('no desktop installed: not graphical, nothing run', async () => {
    const { facts, host } = await collect({ files: { '/etc/passwd': passwd, '/home/alice/.profile': '' } });
    expect(facts).toMatchObject({ graphical: false, desktops: [], users: [], lockEnabled: null, secondsToLock: null, enforced: null });
    expect(host.ran).toEqual([]);
  });

  it('at rest: homes with desktop settings plus the system defaults, never runs anything', async () => {
    const spec: FakeHostSpec = {
      ...gnomeMachine({
        '/etc/dconf/profile/user': 'user-db:user\nsystem-db:site\n',
        '/etc/dconf/db/site': screenLockSample('dconf/db/site'),
        '/home/alice/.config/dconf/user': screenLockSample('dconf/user/written-1800'),
        // Leftovers of a running system must be ignored at rest.
        '/run/systemd/sessions/2': logindSession(1001, 'bob', 'wayland', 'GNOME'),
      }),
      capabilities: { live: false, exec: false },
    };
    const { facts, host } = await collect(spec);
    expect((facts.users as { user: string }[]).map((u) => u.user)).toEqual(['alice', '*']);
    expect(facts.users).toEqual([
      // written-1800 sets lock-delay to 0 itself, so only '*' gets site's 30 s.
      expect.objectContaining({ user: 'alice', idleSeconds: 1800, lockDelaySeconds: 0, secondsToLock: 1800, source: 'dconf-user-db' }),
      expect.objectContaining({ user: '*', idleSeconds: 600, lockDelaySeconds: 30, secondsToLock: 630, source: 'dconf-system-db' }),
    ]);
    expect(facts).toMatchObject({ lockEnabled: true, secondsToLock: 1800, idleSeconds: 1800, lockDelaySeconds: 30, enforced: false });
    expect(host.ran).toEqual([]);
  });

  it('without logind: desktop shell processes name the users, greeters are skipped', async () => {
    const spec = gnomeMachine({
      '/home/bob/.config/dconf/user': screenLockSample('dconf/user/written-1800'),
      '/proc/4242/comm': 'gnome-shell\n',
      '/proc/4242/cmdline': '/usr/bin/gnome-shell\0',
      '/proc/900/comm': 'gnome-shell\n',
      '/proc/900/cmdline': '/usr/bin/gnome-shell\0--mode=gdm\0',
    });
    spec.stats = { '/proc/4242': { type: 'directory', uid: 1001 }, '/proc/900': { type: 'directory', uid: 120 } };
    const { facts } = await collect(spec);
    expect(facts.users).toEqual([expect.objectContaining({ user: 'bob', desktop: 'gnome', secondsToLock: 1800 })]);
  });

  it('a user database that exists but cannot be read makes the values unknown', async () => {
    const spec = gnomeMachine({ '/run/systemd/sessions/2': logindSession(1000, 'alice', 'wayland', 'GNOME') });
    spec.dirs = { '/home/alice/.config/dconf': ['user'], '/home/alice/.config': ['dconf'] };
    const { facts } = await collect(spec);
    expect(facts).toMatchObject({ lockEnabled: null, secondsToLock: null });
  });

  it('on Windows without PowerShell, fails saying so instead of guessing', async () => {
    const outcome = await screenLock.collect(fakeHost(), { ...context({}), platform: 'windows' });
    expect(outcome).toEqual({ status: 'error', message: expect.stringContaining('powershell.exe could not be started') as string });
  });
});

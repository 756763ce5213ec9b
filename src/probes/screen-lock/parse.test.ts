import { describe, expect, it } from 'vitest';
import { dconfReader } from '../../platform/linux/dconf/reader.js';
import { screenLockSample } from '../../testing/dconf-samples.js';
import { fakeHost } from '../../testing/fake-host.js';
import {
  dconfDesktops,
  familyOfDesktopNames,
  isGraphicalUserSession,
  judgeDconfDesktop,
  judgeKde,
  judgeXfce,
  parseKconfig,
  parseLogindSession,
  parseXfconf,
  resolveKconfig,
  sessionFamily,
  summarize,
  type ConfigLayer,
  type DconfRole,
  type Kconfig,
  type UserLock,
  type XfconfChannel,
} from './parse.js';

const text = (path: string): string => screenLockSample(path).toString('utf8');
const kconfig = (file: string, system: boolean, sample: string): ConfigLayer<Kconfig> => ({ file, system, config: parseKconfig(text(sample)) });
const xfconf = (file: string, system: boolean, sample: string): ConfigLayer<XfconfChannel> => ({ file, system, config: parseXfconf(text(sample)) });

describe('sessions', () => {
  it('maps XDG desktop names and session files to desktop families', () => {
    expect(familyOfDesktopNames('ubuntu:GNOME')).toBe('gnome');
    expect(familyOfDesktopNames('Budgie:GNOME')).toBe('gnome');
    expect(familyOfDesktopNames('X-Cinnamon')).toBe('cinnamon');
    expect(familyOfDesktopNames('KDE')).toBe('kde');
    expect(familyOfDesktopNames('sway')).toBeNull();
    expect(sessionFamily('plasmawayland.desktop', '[Desktop Entry]\nExec=startplasma-wayland\nDesktopNames=KDE\n')).toBe('kde');
    expect(sessionFamily('xfce.desktop', '[Desktop Entry]\nExec=startxfce4\n')).toBe('xfce');
    expect(sessionFamily('mate.desktop', '[Desktop Entry]\nDesktopNames=MATE\n')).toBe('mate');
    expect(sessionFamily('i3.desktop', '[Desktop Entry]\nExec=i3\n')).toBe('other');
    expect(sessionFamily('lightdm-xsession.desktop', '[Desktop Entry]\nExec=default\n')).toBeNull();
  });

  it('reads logind session files and keeps graphical user sessions only', () => {
    const session = parseLogindSession('2', 'UID=1000\nUSER=alice\nTYPE=wayland\nCLASS=user\nDESKTOP=GNOME\nSTATE=active\n');
    expect(session).toEqual({ id: '2', uid: 1000, user: 'alice', type: 'wayland', sessionClass: 'user', desktop: 'GNOME', state: 'active' });
    expect(isGraphicalUserSession(session)).toBe(true);
    expect(isGraphicalUserSession({ ...session, sessionClass: 'greeter' })).toBe(false);
    expect(isGraphicalUserSession({ ...session, type: 'tty' })).toBe(false);
  });
});

describe('KDE kscreenlockerrc', () => {
  it('parses groups, nested groups and [$i] markers', () => {
    const config = parseKconfig(text('kde/aosc-etc-xdg/kscreenlockerrc'));
    expect(config.groups.get('Daemon')?.get('Timeout')).toEqual({ value: '15', immutable: false });
    expect(config.groups.get('Greeter][Wallpaper][org.kde.image][General')?.get('Image')?.value).toBe('file:///usr/share/wallpapers/Soundness');
    expect(parseKconfig(text('kde/constructed/etc-xdg-immutable-group')).immutableGroups.has('Daemon')).toBe(true);
    expect(parseKconfig(text('kde/constructed/etc-xdg-immutable-key')).groups.get('Daemon')?.get('Timeout')).toEqual({ value: '10', immutable: true });
    expect(parseKconfig('[$i]\n[Daemon]\nAutolock=true\n').immutableFile).toBe(true);
    expect(parseKconfig('[Daemon]\nName[de]=x\n').groups.get('Daemon')?.size ?? 0).toBe(0);
  });

  it('uses KDE defaults (5 min, 5 s grace) when no file sets them', () => {
    const lock = judgeKde('u', [
      kconfig('/etc/xdg/kscreenlockerrc', true, 'kde/plasma-phone-etc-xdg/kscreenlockerrc'),
      kconfig('~/.config/kscreenlockerrc', false, 'kde/9999years-home/kscreenlockerrc'),
    ]);
    expect(lock).toMatchObject({ source: 'kde-default', lockEnabled: true, idleSeconds: 300, lockDelaySeconds: 5, secondsToLock: 305, enforced: false });
  });

  it('lets the user turn locking off unless the system file is immutable', () => {
    const off = kconfig('~/.config/kscreenlockerrc', false, 'kde/constructed/home-autolock-off');
    expect(judgeKde('u', [off])).toMatchObject({ lockEnabled: false, secondsToLock: null, idleSeconds: 600 });
    const key = judgeKde('u', [kconfig('/etc/xdg/kscreenlockerrc', true, 'kde/constructed/etc-xdg-immutable-key'), off]);
    expect(key).toMatchObject({ lockEnabled: false, idleSeconds: 600, enforced: false });
    expect(resolveKconfig([kconfig('/etc/xdg/kscreenlockerrc', true, 'kde/constructed/etc-xdg-immutable-key'), off], 'Daemon', ['Timeout'])).toEqual({
      value: '10',
      file: '/etc/xdg/kscreenlockerrc',
      immutable: true,
    });
  });

  it('treats Timeout=0 as unknown (versions disagree) and clamps LockGrace', () => {
    const layer = (body: string): ConfigLayer<Kconfig> => ({ file: 'f', system: false, config: parseKconfig(body) });
    expect(judgeKde('u', [layer('[Daemon]\nTimeout=0\n')])).toMatchObject({ lockEnabled: null, idleSeconds: null });
    expect(judgeKde('u', [layer('[Daemon]\nLockGrace=900\n')]).lockDelaySeconds).toBe(300);
    expect(judgeKde('u', [layer('[Daemon]\nLockGracePeriod=10\n')]).lockDelaySeconds).toBe(10);
  });
});

describe('XFCE xfce4-screensaver channel', () => {
  it('flattens nested properties into paths', () => {
    const channel = parseXfconf(text('xfce/elainajones-home/xfce4-screensaver.xml'));
    expect(channel.name).toBe('xfce4-screensaver');
    expect(channel.properties.get('/saver/idle-activation/delay')).toEqual({ type: 'int', value: '30', locked: null });
    expect(channel.properties.get('/lock/saver-activation/delay')?.value).toBe('2');
  });

  it('judges the recorded user channels', () => {
    expect(judgeXfce('u', [xfconf('~/x.xml', false, 'xfce/elainajones-home/xfce4-screensaver.xml')], true)).toMatchObject({
      source: 'xfconf',
      lockEnabled: true,
      idleSeconds: 1800,
      lockDelaySeconds: 120,
      secondsToLock: 1920,
      enforced: false,
    });
    const off = judgeXfce('u', [xfconf('~/x.xml', false, 'xfce/7aske-home/xfce4-screensaver.xml')], true);
    expect(off).toMatchObject({ lockEnabled: false, secondsToLock: null });
    expect(off.evidence).toContain('xfce4-screensaver /saver/enabled is false: the screen does not lock on idle');
  });

  it('honours a locked system channel over the user file', () => {
    const lock = judgeXfce(
      'u',
      [xfconf('/etc/xdg/x.xml', true, 'xfce/constructed/etc-xdg-locked.xml'), xfconf('~/x.xml', false, 'xfce/7aske-home/xfce4-screensaver.xml')],
      true,
    );
    expect(lock).toMatchObject({ lockEnabled: true, idleSeconds: 600, lockDelaySeconds: 0, secondsToLock: 600, enforced: true });
  });

  it('says unknown when xfce4-screensaver is not installed', () => {
    expect(judgeXfce('u', [], false)).toMatchObject({ source: 'xfce-default', lockEnabled: null });
  });
});

describe('GNOME-family desktops through dconf', () => {
  const judge = async (family: 'mate' | 'cinnamon', files: Record<string, Buffer | string>) => {
    const desktop = dconfDesktops.find((d) => d.family === family);
    if (desktop === undefined) throw new Error(family);
    const reader = dconfReader(fakeHost({ files }), { home: '/home/u', uid: 1000 });
    const settings: Partial<Record<DconfRole, Awaited<ReturnType<typeof reader.read>>>> = {};
    for (const [role, ref] of Object.entries(desktop.keys) as [DconfRole, { schema: string; key: string; path: string }][]) {
      settings[role] = await reader.read(ref.schema, ref.key, { fallbackPath: ref.path });
    }
    return judgeDconfDesktop('u', desktop, settings);
  };
  const mateSchemas = Object.fromEntries(
    ['org.mate.screensaver', 'org.mate.session', 'org.mate.lockdown'].map((id) => [
      `/usr/share/glib-2.0/schemas/${id}.gschema.xml`,
      screenLockSample(`schemas/mate/${id}.gschema.xml.in`),
    ]),
  );

  it('MATE counts minutes: user lock-delay 2 min + default idle 5 min', async () => {
    const lock = await judge('mate', { ...mateSchemas, '/home/u/.config/dconf/user': screenLockSample('dconf/user/compiled-900') });
    expect(lock).toMatchObject({
      desktop: 'mate',
      lockEnabled: true,
      idleSeconds: 300,
      lockDelaySeconds: 120,
      secondsToLock: 420,
      source: 'dconf-user-db',
      enforced: false,
    });
  });

  it('MATE without its schemas installed: unknown, not a guess', async () => {
    const lock = await judge('mate', { '/home/u/.config/dconf/user': screenLockSample('dconf/user/compiled-900') });
    expect(lock.lockEnabled).toBeNull();
    expect(lock.lockDelaySeconds).toBe(120);
  });

  it('Cinnamon defaults: 900 s idle, no delay', async () => {
    const files = Object.fromEntries(
      ['org.cinnamon.desktop.screensaver', 'org.cinnamon.desktop.session', 'org.cinnamon.desktop.lockdown'].map((id) => [
        `/usr/share/glib-2.0/schemas/${id}.gschema.xml`,
        screenLockSample(`schemas/cinnamon/${id}.gschema.xml.in`),
      ]),
    );
    expect(await judge('cinnamon', files)).toMatchObject({
      lockEnabled: true,
      idleSeconds: 900,
      lockDelaySeconds: 0,
      secondsToLock: 900,
      source: 'schema-default',
    });
  });
});

describe('summarize', () => {
  const user = (partial: Partial<UserLock>): UserLock => ({
    user: 'u',
    desktop: 'gnome',
    source: null,
    lockEnabled: true,
    idleSeconds: 300,
    lockDelaySeconds: 0,
    secondsToLock: 300,
    enforced: true,
    evidence: [],
    ...partial,
  });

  it('keeps the weakest user', () => {
    expect(summarize([user({}), user({ idleSeconds: 600, lockDelaySeconds: 30, secondsToLock: 630, enforced: false })])).toEqual({
      lockEnabled: true,
      secondsToLock: 630,
      idleSeconds: 600,
      lockDelaySeconds: 30,
      enforced: false,
    });
    expect(summarize([user({}), user({ lockEnabled: false, secondsToLock: null, idleSeconds: null })]).lockEnabled).toBe(false);
    expect(summarize([user({}), user({ lockEnabled: null, secondsToLock: null })])).toMatchObject({ lockEnabled: null, secondsToLock: null });
    expect(summarize([]).lockEnabled).toBeNull();
  });
});

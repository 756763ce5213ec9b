import { describe, expect, it } from 'vitest';
import { dconfReader } from '../../platform/linux/dconf/reader.js';
import { screenLockSample } from '../../testing/dconf-samples.js';
import { fakeHost } from '../../testing/fake-host.js';
import { dconfDesktops, judgeDconfDesktop, type DconfRole } from './dconf-desktops.js';

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

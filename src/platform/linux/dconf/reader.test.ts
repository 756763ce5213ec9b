import { describe, expect, it } from 'vitest';
import { fakeHost, type FakeHostSpec } from '../../../testing/fake-host.js';
import { formatGVariant } from './gvariant.js';
import { dconfReader, readFileState } from './reader.js';
import { screenLockSample } from '../../../testing/dconf-samples.js';

const schemas = '/usr/share/glib-2.0/schemas';
const gnomeSchemas: Record<string, Buffer> = Object.fromEntries(
  [
    'org.gnome.desktop.screensaver.gschema.xml',
    'org.gnome.desktop.session.gschema.xml',
    'org.gnome.desktop.lockdown.gschema.xml',
    '10_gsettings-desktop-schemas.gschema.override',
  ].map((name) => [`${schemas}/${name}`, screenLockSample(`schemas/gnome/${name}`)]),
);

const keys = [
  ['org.gnome.desktop.screensaver', 'lock-enabled'],
  ['org.gnome.desktop.screensaver', 'lock-delay'],
  ['org.gnome.desktop.session', 'idle-delay'],
  ['org.gnome.desktop.lockdown', 'disable-lock-screen'],
] as const;

/** One case of fixtures/samples/screen-lock/dconf/gsettings-checks.txt as files on a fake host. */
const setup = (userDb: string | null, dbs: string[], override = false): FakeHostSpec => ({
  files: {
    ...gnomeSchemas,
    ...(override ? { [`${schemas}/90_charter-test.gschema.override`]: screenLockSample('schemas/override/90_charter-test.gschema.override') } : {}),
    '/etc/dconf/profile/user': ['user-db:user', ...dbs.map((db) => `system-db:${db}`)].join('\n'),
    ...Object.fromEntries(dbs.map((db) => [`/etc/dconf/db/${db}`, screenLockSample(`dconf/db/${db}`)])),
    ...(userDb === null ? {} : { '/home/u/.config/dconf/user': screenLockSample(`dconf/user/${userDb}`) }),
  },
});

/** What `gsettings get` / `gsettings writable` printed for the four keys (gsettings-checks.txt). */
const readAll = async (spec: FakeHostSpec): Promise<string[]> => {
  const reader = dconfReader(fakeHost(spec), { home: '/home/u', uid: 1000 });
  const results = await Promise.all(keys.map(([schema, key]) => reader.read(schema, key)));
  return results.map((r) => `${r.key} => ${r.value === null ? 'null' : formatGVariant(r.value)} (writable=${String(r.locked === false)})`);
};

describe('dconfReader matches gsettings on the recorded cases', () => {
  it('A: locks in a system db beat the user db', async () => {
    expect(await readAll(setup('written-1800', ['local']))).toEqual([
      'lock-enabled => true (writable=false)',
      'lock-delay => uint32 0 (writable=false)',
      'idle-delay => uint32 300 (writable=false)',
      'disable-lock-screen => false (writable=false)',
    ]);
  });

  it('B: the user db beats unlocked system values', async () => {
    expect(await readAll(setup('written-1800', ['site']))).toEqual([
      'lock-enabled => true (writable=true)',
      'lock-delay => uint32 0 (writable=true)',
      'idle-delay => uint32 1800 (writable=true)',
      'disable-lock-screen => false (writable=true)',
    ]);
  });

  it('C and G: a value of the wrong type is ignored in favour of the (overridden) schema default', async () => {
    const c = await readAll(setup(null, ['wrongtype']));
    expect(c[2]).toBe('idle-delay => uint32 300 (writable=true)');
    const g = await readAll(setup(null, ['wrongtype'], true));
    expect(g.slice(1, 3)).toEqual(['lock-delay => uint32 15 (writable=true)', 'idle-delay => uint32 900 (writable=true)']);
  });

  it('D: system values fill in what the user did not set', async () => {
    expect(await readAll(setup('written-never', ['site']))).toEqual([
      'lock-enabled => true (writable=true)',
      'lock-delay => uint32 30 (writable=true)',
      'idle-delay => uint32 0 (writable=true)',
      'disable-lock-screen => false (writable=true)',
    ]);
  });

  it('E: a lock in a later db hides the earlier system db too', async () => {
    expect(await readAll(setup('written-disabled', ['site', 'local']))).toEqual([
      'lock-enabled => true (writable=false)',
      'lock-delay => uint32 0 (writable=false)',
      'idle-delay => uint32 300 (writable=false)',
      'disable-lock-screen => false (writable=false)',
    ]);
  });

  it('F and H: a lock without a value gives the (overridden) schema default, still locked', async () => {
    expect((await readAll(setup('written-1800', ['locksonly'])))[2]).toBe('idle-delay => uint32 300 (writable=false)');
    expect((await readAll(setup('written-1800', ['locksonly'], true))).slice(1, 3)).toEqual([
      'lock-delay => uint32 0 (writable=true)',
      'idle-delay => uint32 900 (writable=false)',
    ]);
  });
});

describe('dconfReader details', () => {
  it('says where each value came from', async () => {
    const reader = dconfReader(fakeHost(setup('written-1800', ['local'])), { home: '/home/u', uid: 1000 });
    const idle = await reader.read('org.gnome.desktop.session', 'idle-delay');
    expect(idle).toMatchObject({
      path: '/org/gnome/desktop/session/idle-delay',
      source: 'dconf-system-db',
      file: '/etc/dconf/db/local',
      locked: true,
      lockedBy: 'system-db:local',
    });
    expect(idle.evidence).toContain('user value uint32 1800 in /home/u/.config/dconf/user is ignored because of the lock');
    const user = dconfReader(fakeHost(setup('written-1800', ['site'])), { home: '/home/u', uid: 1000 });
    expect(await user.read('org.gnome.desktop.session', 'idle-delay')).toMatchObject({ source: 'dconf-user-db', file: '/home/u/.config/dconf/user' });
    expect(await user.read('org.gnome.desktop.screensaver', 'lock-enabled')).toMatchObject({
      source: 'schema-default',
      file: `${schemas}/org.gnome.desktop.screensaver.gschema.xml`,
    });
  });

  it('uses the default profile (user-db:user only) when there is no profile file', async () => {
    const spec = setup('written-never', []);
    delete spec.files?.['/etc/dconf/profile/user'];
    const reader = dconfReader(fakeHost(spec), { home: '/home/u', uid: 1000 });
    expect(await reader.profile()).toEqual({ file: null, sources: [{ kind: 'user-db', name: 'user' }] });
    expect((await reader.read('org.gnome.desktop.session', 'idle-delay')).value).toEqual({ type: 'u', value: 0 });
  });

  it('reads keyfiles when a system db was never compiled, and says so', async () => {
    const spec: FakeHostSpec = {
      files: {
        ...gnomeSchemas,
        '/etc/dconf/profile/user': 'user-db:user\nsystem-db:local\n',
        '/etc/dconf/db/local.d/00-screen-lock': screenLockSample('dconf/db/local.d/00-screen-lock'),
        '/etc/dconf/db/local.d/locks/00-screen-lock': screenLockSample('dconf/db/local.d/locks/00-screen-lock'),
        '/home/u/.config/dconf/user': screenLockSample('dconf/user/written-1800'),
      },
    };
    const idle = await dconfReader(fakeHost(spec), { home: '/home/u', uid: 1000 }).read('org.gnome.desktop.session', 'idle-delay');
    expect(idle).toMatchObject({ value: { type: 'u', value: 300 }, source: 'dconf-keyfile', locked: true, lockedBy: 'system-db:local' });
    expect(idle.evidence.some((e) => e.includes("take effect after 'dconf update'"))).toBe(true);
  });

  it('answers null, not a default, when the user db exists but cannot be read', async () => {
    const spec = setup(null, ['site']);
    spec.dirs = { '/home/u/.config/dconf': ['user'] };
    const idle = await dconfReader(fakeHost(spec), { home: '/home/u', uid: 1000 }).read('org.gnome.desktop.session', 'idle-delay');
    expect(idle.value).toBeNull();
    expect(idle.source).toBeNull();
    expect(idle.evidence.join('\n')).toContain('cannot be read');
  });

  it('still knows a locked value when the user db is unreadable', async () => {
    const spec = setup(null, ['local']);
    spec.dirs = { '/home/u/.config/dconf': ['user'] };
    const idle = await dconfReader(fakeHost(spec), { home: '/home/u', uid: 1000 }).read('org.gnome.desktop.session', 'idle-delay');
    expect(idle.value).toEqual({ type: 'u', value: 300 });
  });

  it('falls back to the given path when the schema is not installed', async () => {
    const spec: FakeHostSpec = { files: { '/home/u/.config/dconf/user': screenLockSample('dconf/user/compiled-900') } };
    const reader = dconfReader(fakeHost(spec), { home: '/home/u', uid: 1000 });
    const delay = await reader.read('org.mate.screensaver', 'lock-delay', { fallbackPath: '/org/mate/screensaver/' });
    expect(delay).toMatchObject({ value: { type: 'i', value: 2 }, source: 'dconf-user-db' });
    expect(delay.evidence).toContain('schema org.mate.screensaver is not installed');
    expect((await reader.read('org.mate.screensaver', 'lock-enabled')).value).toBeNull();
  });

  it('applies per-desktop overrides only for that desktop', async () => {
    const spec = setup(null, []);
    spec.files = { ...spec.files, [`${schemas}/20_ubuntu.gschema.override`]: '[org.gnome.desktop.session:ubuntu]\nidle-delay=600\n' };
    const reader = dconfReader(fakeHost(spec), { home: null, uid: null });
    expect((await reader.read('org.gnome.desktop.session', 'idle-delay')).value).toEqual({ type: 'u', value: 300 });
    expect((await reader.read('org.gnome.desktop.session', 'idle-delay', { desktops: ['ubuntu', 'GNOME'] })).value).toEqual({ type: 'u', value: 600 });
  });

  it('tells absent files from unreadable ones', async () => {
    const host = fakeHost({ files: { '/a/b/c': 'x' }, dirs: { '/secret': ['f'] } });
    expect((await readFileState(host, '/a/b/c')).state).toBe('present');
    expect((await readFileState(host, '/a/b/d')).state).toBe('absent');
    expect((await readFileState(host, '/a/x/y')).state).toBe('absent');
    expect((await readFileState(host, '/secret/f')).state).toBe('unreadable');
  });
});

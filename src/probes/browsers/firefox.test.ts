import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import type { Catalog } from '../../policy/catalog.js';
import { fakeHost } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { firefoxCollector } from './firefox.js';
import { firefoxRoots, parseProfilesIni, profilesIniBytes, rootEntryLimit } from './firefox-profiles.js';

// Real files written by firefox-esr 153.8.0esr on Debian 12 (fixtures/samples/browsers/firefox/README.md).
const dir = new URL('../../../fixtures/samples/browsers/firefox/', import.meta.url);
const profilesIni = readFileSync(new URL('profiles.ini', dir));
const permissions = gunzipSync(readFileSync(new URL('permissions.sqlite.gz', dir)));
const places = gunzipSync(readFileSync(new URL('places.sqlite.gz', dir)));

const root = '/home/ana/.config/mozilla/firefox';
const profile = `${root}/vto0jbur.charter-fixture`;
const fixtureHost = () =>
  fakeHost({
    files: {
      '/home/ana/.config/mozilla/firefox/profiles.ini': profilesIni,
      [`${profile}/prefs.js`]: 'user_pref("a", 1);\n',
      [`${profile}/permissions.sqlite`]: permissions,
      [`${profile}/places.sqlite`]: places,
    },
  });

const catalog: Catalog = {
  apps: [
    { id: 'local-chat', name: 'Local chat', categories: ['messenger'], approved: false, web: { origins: ['http://127.0.0.1:37839'] } },
    { id: 'whatsapp', name: 'WhatsApp', categories: ['messenger'], approved: false, web: { origins: ['https://web.whatsapp.com'] } },
  ],
};
const context = (extra: Partial<ProbeContext> = {}): ProbeContext => ({
  platform: 'linux',
  now: new Date('2026-12-07T08:00:00Z'),
  catalog,
  capabilities: { read: true, exec: false, live: false },
  ...extra,
});

/** A host that records every path read, listed or stat'ed. */
const recording = (host: Host): Host & { paths: string[] } => {
  const paths: string[] = [];
  return {
    ...host,
    paths,
    readFile: (p) => (paths.push(p), host.readFile(p)),
    readDir: (p) => (paths.push(p), host.readDir(p)),
    stat: (p) => (paths.push(p), host.stat(p)),
  };
};

describe('firefoxCollector on real Firefox files', () => {
  it('finds the profile in ~/.config/mozilla/firefox with its profiles.ini name', async () => {
    const result = await firefoxCollector.collect(fixtureHost(), [{ user: 'ana', home: '/home/ana' }], context());
    expect(result.profiles).toEqual([{ browser: 'firefox', user: 'ana', profile: 'vto0jbur.charter-fixture', path: profile, displayName: 'charter-fixture' }]);
    expect(result.gaps).toEqual([]);
    expect(result.webApps).toEqual([]);
  });

  it('reads notifications, camera and microphone grants from permissions.sqlite, nothing else', async () => {
    const result = await firefoxCollector.collect(fixtureHost(), [{ user: 'ana', home: '/home/ana' }], context());
    const file = `${profile}/permissions.sqlite`;
    const ref = { browser: 'firefox', user: 'ana', profile: 'vto0jbur.charter-fixture', file };
    expect(result.permissions).toEqual([
      { ...ref, origin: 'https://web.whatsapp.com', permission: 'notifications', setting: 'allow' },
      { ...ref, origin: 'https://discord.com', permission: 'notifications', setting: 'block' },
      { ...ref, origin: 'https://www.instagram.com', permission: 'notifications', setting: 'ask' },
      { ...ref, origin: 'https://app.element.io', permission: 'camera', setting: 'allow' },
      { ...ref, origin: 'https://app.element.io', permission: 'microphone', setting: 'allow' },
      { ...ref, origin: 'http://127.0.0.1:37839', permission: 'notifications', setting: 'allow' },
    ]);
  });

  it('without --include-browser-history: history null, and places.sqlite never opened', async () => {
    const host = recording(fixtureHost());
    const result = await firefoxCollector.collect(host, [{ user: 'ana', home: '/home/ana' }], context());
    expect(result.history).toBeNull();
    expect(host.paths.filter((p) => p.includes('places.sqlite'))).toEqual([]);
    expect(host.paths).toContain(`${profile}/permissions.sqlite`);
  });

  it('with it: visits per catalog origin only, never titles or paths', async () => {
    const result = await firefoxCollector.collect(fixtureHost(), [{ user: 'ana', home: '/home/ana' }], context({ includeBrowserHistory: true }));
    // Three visits to http://127.0.0.1:37839 (two paths); http://localhost:37839 is no catalog origin.
    expect(result.history).toEqual([
      {
        browser: 'firefox',
        user: 'ana',
        profile: 'vto0jbur.charter-fixture',
        origin: 'http://127.0.0.1:37839',
        visits: 3,
        lastVisit: '2026-12-07T06:43:41.143Z',
        file: `${profile}/places.sqlite`,
      },
    ]);
    const text = JSON.stringify(result);
    for (const secret of ['SECRET', 'secret=', '/second/path', 'localhost']) expect(text).not.toContain(secret);
  });

  it('a corrupt permissions.sqlite is a gap on permissions, not a crash', async () => {
    const host = fakeHost({
      files: { [`${root}/profiles.ini`]: profilesIni, [`${profile}/prefs.js`]: '', [`${profile}/permissions.sqlite`]: permissions.subarray(0, 5000) },
    });
    const result = await firefoxCollector.collect(host, [{ user: 'ana', home: '/home/ana' }], context());
    expect(result.permissions).toEqual([]);
    expect(result.gaps).toEqual([expect.objectContaining({ field: 'permissions', code: 'unsupported-format' })]);
  });

  it('on Windows, when the PowerShell run fails: a gap on each field, never an empty clean list', async () => {
    const result = await firefoxCollector.collect(fakeHost(), [], context({ platform: 'windows', includeBrowserHistory: true }));
    expect(result.gaps.map((g) => g.field)).toEqual(['profiles', 'permissions', 'history']);
  });
});

describe('firefox profile roots and profiles.ini', () => {
  it('knows the roots of each platform', () => {
    expect(firefoxRoots('linux', '/home/ana/')).toEqual([
      '/home/ana/.mozilla/firefox',
      '/home/ana/.config/mozilla/firefox',
      '/home/ana/snap/firefox/common/.mozilla/firefox',
      '/home/ana/.var/app/org.mozilla.firefox/.mozilla/firefox',
    ]);
    expect(firefoxRoots('macos', '/Users/ana')).toEqual(['/Users/ana/Library/Application Support/Firefox']);
    expect(firefoxRoots('windows', 'C:/Users/ana')).toEqual(['C:/Users/ana/AppData/Roaming/Mozilla/Firefox']);
  });

  it('parses the real profiles.ini', () => {
    expect(parseProfilesIni(profilesIni.toString('utf8'))).toEqual([{ name: 'charter-fixture', path: 'vto0jbur.charter-fixture', isRelative: true }]);
  });

  it('parses Install defaults and absolute paths (written from the layout in §6.2, gecko-dev toolkit/profile/test/xpcshell/head.js; not a capture)', () => {
    const ini =
      '[Install4F96D1932A9F858E]\r\nDefault=Profiles/abc.default-release\r\nLocked=1\r\n\r\n[Profile1]\r\nName=work\r\nIsRelative=0\r\nPath=/data/ff/work\r\n\r\n[Profile0]\r\nName=default-release\r\nIsRelative=1\r\nPath=Profiles/abc.default-release\r\nDefault=1\r\n';
    expect(parseProfilesIni(ini)).toEqual([
      { name: 'work', path: '/data/ff/work', isRelative: false },
      { name: 'default-release', path: 'Profiles/abc.default-release', isRelative: true },
    ]);
  });

  it('finds a profile folder that profiles.ini does not list (by its prefs.js), and says when profiles.ini is unreadable', async () => {
    const host = fakeHost({
      files: { '/Users/ana/Library/Application Support/Firefox/Profiles/zz.lost/prefs.js': '' },
      stats: { '/Users/ana/Library/Application Support/Firefox/profiles.ini': { type: 'file', size: 10 } },
    });
    const result = await firefoxCollector.collect(host, [{ user: 'ana', home: '/Users/ana' }], context({ platform: 'macos' }));
    expect(result.profiles.map((p) => p.profile)).toEqual(['zz.lost']);
    expect(result.gaps).toEqual([expect.objectContaining({ field: 'profiles', code: 'unreadable' })]);
  });

  it('a profiles.ini over its limit is not read, and a root with too many entries is marked incomplete', async () => {
    const host = fakeHost({
      files: { [`${root}/profiles.ini`]: profilesIni },
      stats: { [`${root}/profiles.ini`]: { type: 'file', size: profilesIniBytes + 1 } },
      dirs: { [root]: Array.from({ length: rootEntryLimit + 1 }, (_, i) => `d${String(i)}`) },
    });
    const reads: string[] = [];
    const spy = { ...host, readFile: (p: string) => (reads.push(p), host.readFile(p)) };
    const result = await firefoxCollector.collect(spy, [{ user: 'ana', home: '/home/ana' }], context());
    expect(reads).not.toContain(`${root}/profiles.ini`);
    expect(result.gaps.map((g) => [g.field, g.code])).toEqual([
      ['profiles', 'unreadable'],
      ['profiles', 'unreadable'],
    ]);
  });
});

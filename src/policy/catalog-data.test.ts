import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import catalogSchema from '../../schemas/catalog.schema.json' with { type: 'json' };
import type { AppCategory, CatalogApp } from './catalog.js';
import { appCategories } from './catalog.js';
import { safeRegex, safeRegexProblem } from '../safe-regex.js';

const file = new URL('../../policies/catalog/apps.yaml', import.meta.url);
const data = parse(readFileSync(file, 'utf8')) as { schemaVersion: number; apps: CatalogApp[] };
const apps = data.apps;
const ids = apps.map((a) => a.id);

/** Every messenger, social network, cloud-sync client and remote-access tool in probes.md §5 and §6. */
const fromProbes: Record<AppCategory, string[]> = {
  messenger: [
    'luxchat4gov',
    'luxchat',
    'element',
    'schildichat',
    'nheko',
    'fluffychat',
    'fractal',
    'whatsapp',
    'telegram',
    'signal',
    'facebook-messenger',
    'discord',
    'viber',
    'wechat',
    'threema',
    'wire',
    'skype',
    'slack',
    'microsoft-teams',
  ],
  'social-network': ['facebook', 'instagram', 'tiktok', 'x-twitter', 'linkedin'],
  'cloud-sync': ['dropbox', 'google-drive', 'onedrive', 'mega'],
  'remote-access': ['teamviewer', 'anydesk'],
};

/** Named in charter.md RMT-01 (remote access) and DLP-01 (cloud storage). */
const fromCharter: Partial<Record<AppCategory, string[]>> = {
  'remote-access': [
    'rustdesk',
    'screenconnect',
    'splashtop',
    'logmein',
    'realvnc',
    'tightvnc',
    'ultravnc',
    'x11vnc',
    'chrome-remote-desktop',
    'atera',
    'netsupport',
    'ammyy',
    'supremo',
    'remote-utilities',
    'meshagent',
    'zoho-assist',
  ],
  'cloud-sync': ['box', 'pcloud', 'proton-drive', 'nextcloud', 'owncloud', 'insync', 'icloud'],
};

describe('policies/catalog/apps.yaml', () => {
  it('is valid against schemas/catalog.schema.json', () => {
    const ajv = new Ajv2020({ allErrors: true });
    const validate = ajv.compile(catalogSchema);
    const valid = validate(data);
    expect(validate.errors ?? []).toEqual([]);
    expect(valid).toBe(true);
    expect(data.schemaVersion).toBe(1);
  });

  it('rejects unknown keys, bad ids, unknown categories and absolute data dirs', () => {
    const validate = new Ajv2020({ allErrors: true }).compile(catalogSchema);
    const app = { id: 'ok-app', name: 'OK', categories: ['messenger'], approved: false };
    expect(validate({ schemaVersion: 1, apps: [app] })).toBe(true);
    expect(validate({ schemaVersion: 1, apps: [{ ...app, id: 'Bad_Id' }] })).toBe(false);
    expect(validate({ schemaVersion: 1, apps: [{ ...app, categories: ['browser'] }] })).toBe(false);
    expect(validate({ schemaVersion: 1, apps: [{ ...app, colour: 'red' }] })).toBe(false);
    expect(validate({ schemaVersion: 1, apps: [{ ...app, linux: { rpms: ['x'] } }] })).toBe(false);
    expect(validate({ schemaVersion: 1, apps: [{ ...app, linux: { dataDirs: ['~/.config/x'] } }] })).toBe(false);
    expect(validate({ schemaVersion: 1, apps: [{ ...app, windows: { dataDirs: ['C:\\Users\\x'] } }] })).toBe(false);
    expect(validate({ schemaVersion: 2, apps: [] })).toBe(false);
  });

  it('has unique ids', () => {
    const duplicates = ids.filter((id, i) => ids.indexOf(id) !== i);
    expect(duplicates).toEqual([]);
  });

  it('compiles every namePattern and Windows uninstallNames entry as a case-insensitive RE2 pattern', () => {
    const bad: string[] = [];
    for (const app of apps) {
      for (const pattern of [...(app.namePatterns ?? []), ...(app.windows?.uninstallNames ?? [])]) {
        const problem = safeRegexProblem(pattern, 'i');
        if (problem !== undefined) bad.push(`${app.id}: ${pattern}: ${problem}`);
      }
    }
    expect(bad).toEqual([]);
  });

  it.each([
    ['luxchat', /^luxchat(?!\s*4\s*gov)/i, ['Luxchat', 'luxchat 4', 'LuxChat 4 Go', 'Luxchat Pro', 'Luxchat  4gv', 'luxchat4govx']],
    [
      'microsoft-teams',
      /^microsoft teams(?!\s+meeting add-in)/i,
      [
        'Microsoft Teams',
        'Microsoft Teams Meeting Add-in for Microsoft Office',
        'microsoft teams  meeting add-i',
        'Microsoft Teams classic',
        'Microsoft Teams\tMeeting Add-in',
        'microsoft teamsmeeting add-in',
        'Microsoft Teams meeting',
      ],
    ],
  ])('%s: the RE2 pattern answers like the lookahead it replaces', (id, lookahead, names) => {
    const app = apps.find((a) => a.id === id);
    const [pattern] = app?.namePatterns ?? [];
    expect(pattern).toBeDefined();
    for (const name of names) expect([name, safeRegex(pattern ?? '', 'i').test(name)]).toEqual([name, lookahead.test(name)]);
  });

  it('lists LuxChat4Gov and Luxchat before Element, LuxChat4Gov approved, Luxchat not', () => {
    expect(ids.indexOf('luxchat4gov')).toBeGreaterThanOrEqual(0);
    expect(ids.indexOf('luxchat4gov')).toBeLessThan(ids.indexOf('element'));
    expect(ids.indexOf('luxchat')).toBeLessThan(ids.indexOf('element'));
    const gov = apps.find((a) => a.id === 'luxchat4gov');
    expect(gov).toMatchObject({ approved: true, categories: ['messenger'], homeservers: ['luxchat4gov.lu'] });
    expect(apps.find((a) => a.id === 'luxchat')).toMatchObject({
      approved: false,
      homeservers: ['luxchat.lu', 'luxchat4pro.lu'],
    });
  });

  it('approves only LuxChat4Gov', () => {
    expect(apps.filter((a) => a.approved).map((a) => a.id)).toEqual(['luxchat4gov']);
  });

  it('gives Element its config.json on every platform', () => {
    const element = apps.find((a) => a.id === 'element');
    expect(element?.linux?.matrixConfigs).toContain('.config/Element/config.json');
    expect(element?.macos?.matrixConfigs).toContain('Library/Application Support/Element/config.json');
    expect(element?.windows?.matrixConfigs).toContain('AppData\\Roaming\\Element\\config.json');
  });

  for (const [category, expected] of Object.entries(fromProbes)) {
    it(`has every ${category} app of probes.md §5/§6`, () => {
      const missing = expected.filter((id) => !apps.some((a) => a.id === id && a.categories.includes(category as AppCategory)));
      expect(missing).toEqual([]);
    });
  }

  for (const [category, expected] of Object.entries(fromCharter)) {
    it(`has every ${category} app named in charter.md`, () => {
      const missing = expected.filter((id) => !apps.some((a) => a.id === id && a.categories.includes(category as AppCategory)));
      expect(missing).toEqual([]);
    });
  }

  it('uses only known categories and identifies every app on at least one platform', () => {
    for (const app of apps) {
      for (const c of app.categories) expect(appCategories).toContain(c);
      expect(Boolean(app.namePatterns?.length || app.linux || app.macos || app.windows), app.id).toBe(true);
    }
  });

  it('covers the widely used apps of issue 15, each in its category', () => {
    const wanted: Record<AppCategory, string[]> = {
      messenger: ['zoom', 'skype-for-business', 'rocket-chat', 'mattermost', 'zulip', 'session', 'briar', 'simplex-chat', 'jami', 'delta-chat', 'google-chat'],
      'social-network': ['bluesky', 'snapchat', 'reddit', 'pinterest', 'threads', 'mastodon', 'tuba', 'tokodon', 'whalebird', 'ivory'],
      'cloud-sync': ['icloud', 'sync-com', 'tresorit'],
      'remote-access': ['parsec', 'dwservice'],
    };
    for (const [category, list] of Object.entries(wanted)) {
      for (const id of list) expect(apps.find((a) => a.id === id)?.categories, id).toEqual([category]);
    }
  });

  it('gives the web origins of app-metadata.md §7 to their apps, each origin to one app only', () => {
    const origins = (id: string): string[] => apps.find((a) => a.id === id)?.web?.origins ?? [];
    const expected: Record<string, string[]> = {
      whatsapp: ['https://web.whatsapp.com'],
      telegram: ['https://web.telegram.org'],
      'facebook-messenger': ['https://www.messenger.com'],
      discord: ['https://discord.com'],
      slack: ['https://app.slack.com', 'https://*.slack.com'],
      'microsoft-teams': ['https://teams.microsoft.com', 'https://teams.live.com'],
      skype: ['https://web.skype.com'],
      instagram: ['https://www.instagram.com'],
      facebook: ['https://www.facebook.com'],
      'x-twitter': ['https://x.com', 'https://twitter.com'],
      tiktok: ['https://www.tiktok.com'],
      linkedin: ['https://www.linkedin.com'],
      bluesky: ['https://bsky.app'],
      threads: ['https://threads.net'],
      snapchat: ['https://web.snapchat.com'],
      'google-chat': ['https://chat.google.com'],
      threema: ['https://web.threema.ch'],
      element: ['https://app.element.io'],
      luxchat: ['https://webclient.luxchat.lu'],
    };
    for (const [id, list] of Object.entries(expected)) for (const origin of list) expect(origins(id), id).toContain(origin);
    const all = apps.flatMap((a) => a.web?.origins ?? []);
    expect(all.length).toBe(new Set(all).size);
    // The approved messenger has no known web client (app-metadata.md §7, U): none is invented.
    expect(origins('luxchat4gov')).toEqual([]);
  });

  it('names each Element-style config brand for one app only', () => {
    const brands = apps.flatMap((a) => (a.matrix?.brands ?? []).map((b) => b.toLowerCase().replace(/\s+/g, '')));
    expect(brands.length).toBe(new Set(brands).size);
    expect(brands).toEqual(expect.arrayContaining(['luxchat4gov', 'luxchat', 'element']));
  });

  it("leaves out the Debian chat packages another part's tests use as apps the catalog does not name", () => {
    const debianChat = ['konversation', 'hexchat', 'pidgin', 'dino-im', 'irssi', 'weechat', 'profanity', 'gajim', 'quassel', 'polari', 'mumble', 'linphone'];
    const claimed = apps.flatMap((a) =>
      [...(a.linux?.packages ?? []), ...(a.linux?.processes ?? []), ...(a.linux?.desktopFiles ?? [])].map((x) => x.toLowerCase()),
    );
    for (const name of debianChat) {
      expect(claimed, name).not.toContain(name);
      expect(
        apps.filter((a) => (a.namePatterns ?? []).some((p) => safeRegex(p, 'i').test(name))).map((a) => a.id),
        name,
      ).toEqual([]);
    }
  });

  it('does not claim the same display name for two apps (the earlier would silently win)', () => {
    const names = apps.map((a) => a.name);
    const clashes = apps.flatMap((app, i) =>
      names
        .filter((_, j) => j < i)
        .filter((earlier) => (app.namePatterns ?? []).some((p) => safeRegex(p, 'i').test(earlier)))
        .map((earlier) => `${app.id} pattern matches earlier app name ${earlier}`),
    );
    expect(clashes).toEqual([]);
  });
});

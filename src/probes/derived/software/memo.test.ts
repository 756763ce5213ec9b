import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject, ProbeOutcome } from '../../../model.js';
import type { Catalog } from '../../../policy/catalog.js';
import { runMemo, share } from '../../../run-memo.js';
import { deriveSoftware } from './derive.js';
import { chromiumAppId } from './web.js';

/*
 * The per-run memo (src/run-memo.ts) shared by the hosts of an audit: a host derived after others with the
 * same apps (hits) gets exactly what it gets alone (misses). The apps here are made up: no fixture
 * and no catalog names them, so nothing the memo holds comes from a list written for the tests.
 * The catalog is a made-up one too (one app of each kind of identifier), beside the State's.
 */

const stateCatalog = parse(readFileSync(new URL('../../../../policies/catalog/apps.yaml', import.meta.url), 'utf8')) as Catalog;
const madeUpCatalog: Catalog = {
  apps: [
    {
      id: 'quillchat',
      name: 'Quillchat',
      categories: ['messenger'],
      approved: true,
      linux: { packages: ['quillchat-desktop'], flatpak: ['org.quill.Chat'] },
      web: { origins: ['https://chat.quill.example'] },
    },
    { id: 'murmur-box', name: 'Murmur Box', categories: ['messenger'], approved: false, namePatterns: ['^murmur ?box'] },
  ],
};
const now = new Date('2026-11-21T09:30:00.000Z');
const sources = ['freedesktop', 'appstream', 'debtags', 'macos'].map((scheme) => ({ scheme, status: 'ok', detail: '' }));
const lists = '/var/lib/apt/lists/deb.example.org_dists_stable_main_binary-amd64_Packages';

const dpkg = (name: string, version: string, tags?: string[]): JsonObject => ({
  name,
  version,
  source: 'dpkg',
  scope: 'system',
  user: null,
  path: '/var/lib/dpkg/status',
  id: `${name}:amd64`,
  ...(tags === undefined ? {} : { metadata: [{ scheme: 'debtags', file: lists, field: 'Tag', values: tags }] }),
});
const desktop = (id: string, name: string, categories: string[], user: string | null): JsonObject => ({
  name,
  version: null,
  source: 'desktop-file',
  scope: user === null ? 'system' : 'user',
  user,
  path: `/usr/share/applications/${id}.desktop`,
  id,
  metadata: [{ scheme: 'freedesktop', file: `/usr/share/applications/${id}.desktop`, field: 'Categories', values: categories }],
});

/** One host: a base every host has, and what makes it differ from the others. */
const host = (extra: JsonObject[]): { installed: ProbeOutcome; browsers: ProbeOutcome } => ({
  installed: {
    status: 'ok',
    facts: {
      apps: [
        dpkg('zephyrnote', '3.1-2', ['role::program', 'interface::x11', 'use::chatting', 'protocol::xmpp']),
        dpkg('libzephyr9', '3.1-2'),
        desktop('io.example.Zephyrnote', 'Zephyrnote', ['Network', 'InstantMessaging'], null),
        dpkg('quillchat-desktop', '2.0.1'),
        dpkg('tallyd', '0.9', ['role::program', 'interface::daemon', 'works-with::file']),
        ...extra,
      ],
      metadataSources: sources,
    },
  },
  browsers: {
    status: 'ok',
    facts: {
      profiles: [],
      webApps: [
        { browser: 'chromium', profile: 'Default', user: 'ines', appId: chromiumAppId('https://chat.quill.example/'), origin: null, trace: 'registry' },
      ],
      permissions: [
        { browser: 'chromium', profile: 'Default', user: 'ines', origin: 'https://chat.quill.example', permission: 'notifications', setting: 'allow' },
      ],
      history: null,
    },
  },
});

const hosts = [
  host([]),
  host([desktop('org.example.Murmurbox', 'Murmur Box', ['Network', 'Chat'], 'ines')]),
  host([dpkg('zephyrnote', '3.1-3', ['role::program', 'interface::x11', 'use::chatting', 'protocol::xmpp'])]),
  host([desktop('io.example.Zephyrnote', 'Zephyrnote', ['Network', 'InstantMessaging', 'RemoteAccess'], null)]),
  host([]),
];

const derive = (catalog: Catalog, h: (typeof hosts)[number], memo?: ReturnType<typeof runMemo>): ProbeOutcome =>
  deriveSoftware(catalog, 'linux', h.installed, undefined, now, false, h.browsers, memo);

describe('derived software with a memo shared by the hosts of a run', () => {
  for (const [name, catalog] of [
    ['a made-up catalog', madeUpCatalog],
    ["the State's catalog", stateCatalog],
  ] as const) {
    it(`gives each host, on ${name}, the same facts and evidence as alone, in any order`, () => {
      const alone = hosts.map((h) => derive(catalog, h));
      const shared = runMemo();
      // Every host twice: the second time, everything it asks was answered before.
      const first = hosts.map((h) => derive(catalog, h, shared));
      const again = hosts.map((h) => derive(catalog, h, shared));
      const reversed = runMemo();
      const backwards = [...hosts].reverse().map((h) => derive(catalog, h, reversed));
      expect(first).toEqual(alone);
      expect(again).toEqual(alone);
      expect(backwards.reverse()).toEqual(alone);
    });
  }

  it('gives a host whose list differs from another’s in one entry’s version, user or path its own evidence, entries shared or not', () => {
    const base = hosts[1] ?? host([]);
    const apps = (h: typeof base): JsonObject[] => {
      const facts = h.installed.status === 'ok' ? h.installed.facts : {};
      return facts.apps as JsonObject[];
    };
    // Entries as a run's snapshot reader gives them: frozen, shared, one object per distinct entry.
    const sharedHost = (list: JsonObject[]): typeof base => ({
      ...base,
      installed: share({ status: 'ok', facts: { apps: list.map((entry) => share(structuredClone(entry))), metadataSources: sources } }),
    });
    const flatpak: JsonObject = {
      name: 'Quillchat',
      version: '2.0.1',
      source: 'flatpak',
      scope: 'user',
      user: 'ines',
      path: '/home/ines/.local/share/flatpak/app/org.quill.Chat',
      id: 'org.quill.Chat',
    };
    const entries = [...apps(base), flatpak].map((entry) => share(structuredClone(entry)));
    const changed = (index: number, change: JsonObject): JsonObject[] => entries.map((entry, i) => (i === index ? share({ ...entry, ...change }) : entry));
    const quill = entries.findIndex((entry) => entry.name === 'quillchat-desktop');
    const zephyr = entries.findIndex((entry) => entry.name === 'zephyrnote');
    const murmur = entries.findIndex((entry) => entry.name === 'Murmur Box');
    const quillFlatpak = entries.findIndex((entry) => entry.source === 'flatpak');
    const variants = [
      entries,
      // A catalog app's package, another version; a metadata-classified app's package, another version.
      changed(quill, { version: '2.0.2' }),
      changed(zephyr, { version: '3.1-9' }),
      // A catalog app's Flatpak, another user; a catalog app's desktop entry, another path.
      changed(quillFlatpak, { user: 'noor' }),
      changed(murmur, { path: '/home/ines/.local/share/applications/org.example.Murmurbox.desktop' }),
      // What no evidence shows: another user for a desktop entry, another path for a package.
      changed(murmur, { user: 'noor' }),
      changed(zephyr, { path: '/usr/lib/zephyrnote' }),
    ];
    for (const catalog of [madeUpCatalog, stateCatalog]) {
      const memo = runMemo();
      const shared = variants.map((list) =>
        derive(catalog, { ...sharedHost(list), installed: share({ status: 'ok', facts: { apps: list, metadataSources: sources } }) }, memo),
      );
      const alone = variants.map((list) =>
        derive(catalog, { ...base, installed: { status: 'ok', facts: { apps: structuredClone(list), metadataSources: sources } } }),
      );
      expect(shared).toEqual(alone);
    }
    // Each change shows in the evidence, so that the comparison compares something.
    const memo = runMemo();
    const evidence = variants.map((list) =>
      JSON.stringify(derive(madeUpCatalog, { ...base, installed: share({ status: 'ok', facts: { apps: list, metadataSources: sources } }) }, memo)),
    );
    expect(evidence[1]).toContain('dpkg package quillchat-desktop:amd64 2.0.2');
    expect(evidence[2]).toContain('dpkg package zephyrnote:amd64 3.1-9');
    expect(evidence[3]).toContain('flatpak org.quill.Chat 2.0.1 (user noor)');
    expect(evidence[4]).toContain('desktop file /home/ines/.local/share/applications/org.example.Murmurbox.desktop');
    for (const [index, shown] of [
      [1, 'quillchat-desktop:amd64 2.0.2'],
      [2, 'zephyrnote:amd64 3.1-9'],
      [3, '(user noor)'],
      [4, '/home/ines/.local'],
    ] as const)
      expect(
        evidence.filter((e) => e.includes(shown)),
        shown,
      ).toEqual([evidence[index]]);
  });

  it('finds what the made-up apps are, so the comparison compares something', () => {
    const shared = runMemo();
    hosts.forEach((h) => derive(madeUpCatalog, h, shared));
    const outcome = derive(madeUpCatalog, hosts[3] ?? host([]), shared);
    if (outcome.status !== 'partial' && outcome.status !== 'ok') throw new Error(`unexpected ${outcome.status}`);
    const apps = outcome.facts.apps as JsonObject[];
    expect(apps.map((a) => [a.id, a.classifiedBy, a.categories])).toEqual([
      ['deb:zephyrnote', 'metadata', ['messenger', 'remote-access']],
      ['quillchat', 'catalog', ['messenger']],
    ]);
    const zephyr = apps.find((a) => a.id === 'deb:zephyrnote');
    // Both versions installed on this host are its evidence; the memo did not give it another host's.
    expect(zephyr?.evidence).toEqual(expect.arrayContaining(['dpkg package zephyrnote:amd64 3.1-2']));
    expect((zephyr?.evidence as string[]).filter((e) => e.startsWith('dpkg package zephyrnote'))).toEqual(['dpkg package zephyrnote:amd64 3.1-2']);
    const quill = apps.find((a) => a.id === 'quillchat');
    expect(quill?.inBrowser).toBe(true);
    expect(quill?.evidence).toEqual(expect.arrayContaining([expect.stringContaining('app id')]));
  });

  it('keeps hosts apart: an app one host has is not in the next host it shares the memo with', () => {
    const shared = runMemo();
    const withMurmur = derive(madeUpCatalog, hosts[1] ?? host([]), shared);
    const without = derive(madeUpCatalog, hosts[0] ?? host([]), shared);
    const ids = (o: ProbeOutcome): unknown[] => (o.status === 'ok' || o.status === 'partial' ? (o.facts.apps as JsonObject[]).map((a) => a.id) : []);
    expect(ids(withMurmur)).toContain('murmur-box');
    expect(ids(without)).not.toContain('murmur-box');
  });

  it('gives each host checked at its own time the apps that run last used then, the rest shared with the other hosts of its inputs', () => {
    const base = hosts[0] ?? host([]);
    const installed = share(structuredClone(base.installed));
    const browsers = share(structuredClone(base.browsers));
    // Quillchat runs, and left data long ago; Murmur Box only left data.
    const activity: ProbeOutcome = share({
      status: 'ok',
      facts: {
        processes: [{ appId: 'quillchat', name: 'quillchat', pid: 4242, user: 'ines' }],
        dataDirs: [
          { appId: 'quillchat', path: '/home/ines/.config/Quillchat', user: 'ines', lastChange: '2026-01-02T03:04:05.000Z' },
          { appId: 'murmur-box', path: '/home/ines/.murmurbox', user: 'ines', lastChange: '2026-02-03T04:05:06.000Z' },
        ],
        matrixConfigs: [],
      },
    });
    const times = [new Date('2026-11-21T09:30:00.000Z'), new Date('2026-11-22T10:00:00.000Z'), new Date('2026-11-21T09:30:00.000Z')];
    const shared = runMemo();
    const outcomes = times.map((at) => deriveSoftware(madeUpCatalog, 'linux', installed, activity, () => at, true, browsers, shared));
    times.forEach((at, index) => {
      const alone = deriveSoftware(madeUpCatalog, 'linux', installed, activity, at, true, browsers);
      expect(JSON.stringify(outcomes[index]), at.toISOString()).toBe(JSON.stringify(alone));
    });
    const appsOf = (o: ProbeOutcome | undefined): JsonObject[] => (o?.status === 'ok' || o?.status === 'partial' ? (o.facts.apps as JsonObject[]) : []);
    const [first, second] = outcomes.map(appsOf);
    expect(first?.map((a) => [a.id, a.running, a.lastUsed])).toEqual([
      ['deb:zephyrnote', null, null],
      ['murmur-box', false, '2026-02-03T04:05:06.000Z'],
      ['quillchat', true, '2026-11-21T09:30:00.000Z'],
    ]);
    expect(second?.find((a) => a.id === 'quillchat')?.lastUsed).toBe('2026-11-22T10:00:00.000Z');
    // What does not depend on the time is one value for every host: the apps that do not run.
    expect(second?.[1]).toBe(first?.[1]);
    expect(Object.isFrozen(first?.[1])).toBe(true);
    // Without an app that runs, the time is not read, and each host gets the one shared outcome.
    const quiet = share({ status: 'ok', facts: { processes: [], dataDirs: [], matrixConfigs: [] } } satisfies ProbeOutcome);
    const read: Date[] = [];
    const clock = (at: Date) => (): Date => {
      read.push(at);
      return at;
    };
    const [a, b] = times.map((at) => deriveSoftware(madeUpCatalog, 'linux', installed, quiet, clock(at), true, browsers, shared));
    expect(read).toEqual([]);
    expect(b).toBe(a);
  });
});

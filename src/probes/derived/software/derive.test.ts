import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { JsonObject, ProbeOutcome } from '../../../model.js';
import type { Catalog } from '../../../policy/catalog.js';
import { deriveSoftware as deriveWithBrowsers } from './derive.js';
import type { SoftwareApp } from './derive.js';

/*
 * Inputs here are facts as the installed-apps and app-activity probes produce them (derived data,
 * not recorded command output). Package names and versions are the real Debian 12 ones
 * (`apt-cache policy`, `dpkg -c`); Windows/macOS identifiers come from probes.md §5.
 */

const catalog = parse(readFileSync(new URL('../../../../policies/catalog/apps.yaml', import.meta.url), 'utf8')) as Catalog;
const now = new Date('2026-11-21T09:30:00.000Z');

/** Every metadata scheme read (as installed-apps reports it on a Debian desktop with apt lists). */
const allRead = ['freedesktop', 'appstream', 'debtags', 'macos'].map((scheme) => ({ scheme, status: scheme === 'macos' ? 'absent' : 'ok', detail: '' }));
const installed = (apps: JsonObject[]): ProbeOutcome => ({ status: 'ok', facts: { apps, metadataSources: allRead } });
/** Browser profiles read in full, with no trace of any app (web traces: web.test.ts). */
const noBrowserTraces: ProbeOutcome = { status: 'ok', facts: { profiles: [], webApps: [], permissions: [], history: null } };
const deriveSoftware = (...args: Parameters<typeof deriveWithBrowsers>): ProbeOutcome => {
  const [c, platform, apps, activity, at, live = true, browsers = noBrowserTraces] = args;
  return deriveWithBrowsers(c, platform, apps, activity, at, live, browsers);
};

const activity = (facts: Partial<Record<'processes' | 'dataDirs' | 'matrixConfigs', JsonObject[] | null>>): ProbeOutcome => ({
  status: 'ok',
  facts: { processes: [], dataDirs: [], matrixConfigs: [], ...facts },
});

const dpkg = (name: string, version: string): JsonObject => ({
  name,
  version,
  source: 'dpkg',
  scope: 'system',
  user: null,
  path: null,
  id: name,
});

const debianBase = [
  dpkg('coreutils', '9.1-1'),
  dpkg('firefox-esr', '115.12.0esr-1~deb12u1'),
  dpkg('telegram-desktop', '4.6.5+ds-2+deb12u1'),
  dpkg('element-desktop', '1.11.85'),
  {
    name: 'Signal',
    version: '7.33.0',
    source: 'flatpak',
    scope: 'user',
    user: 'alice',
    path: '/home/alice/.local/share/flatpak/app/org.signal.Signal',
    id: 'org.signal.Signal',
  },
  {
    name: 'X11VNC Server',
    version: null,
    source: 'desktop-file',
    scope: 'system',
    user: null,
    path: '/usr/share/applications/x11vnc.desktop',
    id: 'x11vnc',
  },
];

const apps = (outcome: ProbeOutcome): SoftwareApp[] => {
  if (outcome.status !== 'ok' && outcome.status !== 'partial') throw new Error(`expected facts, got ${JSON.stringify(outcome)}`);
  return outcome.facts.apps as SoftwareApp[];
};
const app = (outcome: ProbeOutcome, id: string): SoftwareApp | undefined => apps(outcome).find((a) => a.id === id);

describe('deriveSoftware on a Debian workstation', () => {
  const outcome = deriveSoftware(
    catalog,
    'linux',
    installed(debianBase),
    activity({
      processes: [
        // comm is truncated to 15 characters; app-activity resolved the app id from the exe.
        { appId: 'telegram', pid: 2380, name: 'telegram-deskto', exe: '/usr/bin/telegram-desktop', user: 'alice' },
        { appId: 'telegram', pid: 2345, name: 'telegram-deskto', exe: '/usr/bin/telegram-desktop', user: 'alice' },
        { appId: 'element', pid: 3001, name: 'element-desktop', exe: '/opt/Element/element-desktop', user: 'alice' },
      ],
      dataDirs: [
        {
          appId: 'telegram',
          user: 'alice',
          path: '/home/alice/.local/share/TelegramDesktop',
          lastChange: '2026-11-20T10:00:00Z',
        },
        { appId: 'element', user: 'alice', path: '/home/alice/.config/Element', lastChange: '2026-11-21T08:12:44.120Z' },
        {
          appId: 'signal',
          user: 'alice',
          path: '/home/alice/.var/app/org.signal.Signal',
          lastChange: '2026-10-02T16:45:00.000Z',
        },
      ],
      matrixConfigs: [
        {
          appId: 'element',
          user: 'alice',
          path: '/home/alice/.config/Element/config.json',
          homeserver: 'matrix.luxchat4gov.lu',
          brand: 'Element',
        },
      ],
    }),
    now,
  );

  it('lists detected catalog apps only, sorted by id', () => {
    expect(apps(outcome).map((a) => a.id)).toEqual(['luxchat4gov', 'signal', 'telegram', 'x11vnc']);
  });

  it('joins installed, running and data evidence for one app', () => {
    expect(app(outcome, 'telegram')).toEqual({
      id: 'telegram',
      name: 'Telegram',
      categories: ['messenger'],
      approved: false,
      classifiedBy: 'catalog',
      installed: true,
      running: true,
      dataPresent: true,
      inBrowser: false,
      lastUsed: '2026-11-21T09:30:00.000Z',
      evidence: [
        'dpkg package telegram-desktop 4.6.5+ds-2+deb12u1',
        'process telegram-deskto pid 2345 and 1 more (user alice)',
        'data directory /home/alice/.local/share/TelegramDesktop changed 2026-11-20T10:00:00Z',
      ],
    });
  });

  it('uses the newest data change as lastUsed when the app is not running', () => {
    expect(app(outcome, 'signal')).toMatchObject({
      installed: true,
      running: false,
      dataPresent: true,
      lastUsed: '2026-10-02T16:45:00.000Z',
      evidence: ['flatpak org.signal.Signal 7.33.0 (user alice)', 'data directory /home/alice/.var/app/org.signal.Signal changed 2026-10-02T16:45:00.000Z'],
    });
  });

  it('matches .desktop files of software no package database knows', () => {
    expect(app(outcome, 'x11vnc')).toMatchObject({
      categories: ['remote-access'],
      installed: true,
      running: false,
      dataPresent: false,
      lastUsed: null,
      evidence: ['desktop file /usr/share/applications/x11vnc.desktop (X11VNC Server)'],
    });
  });

  it('reassigns an Element install whose config points at a LuxChat4Gov homeserver', () => {
    expect(app(outcome, 'element')).toBeUndefined();
    expect(app(outcome, 'luxchat4gov')).toEqual({
      id: 'luxchat4gov',
      name: 'LuxChat4Gov',
      categories: ['messenger'],
      approved: true,
      reason: "The State's messenger for its agents, managed by the CTIE (charter.md MSG-03).",
      classifiedBy: 'catalog',
      installed: true,
      running: true,
      dataPresent: true,
      inBrowser: false,
      lastUsed: '2026-11-21T09:30:00.000Z',
      evidence: [
        'dpkg package element-desktop 1.11.85',
        'process element-desktop pid 3001 (user alice)',
        'data directory /home/alice/.config/Element changed 2026-11-21T08:12:44.120Z',
        'Element config /home/alice/.config/Element/config.json points at homeserver matrix.luxchat4gov.lu',
      ],
    });
  });

  it('summarises unapproved apps and the approved messenger', () => {
    expect(outcome).toMatchObject({
      status: 'ok',
      facts: { unapproved: ['signal', 'telegram', 'x11vnc'], approvedMessengerPresent: true },
    });
  });
});

describe('deriveSoftware with several users of one Matrix client', () => {
  const outcome = deriveSoftware(
    catalog,
    'linux',
    installed([dpkg('element-desktop', '1.11.85')]),
    activity({
      dataDirs: [
        { appId: 'element', user: 'alice', path: '/home/alice/.config/Element', lastChange: '2026-11-01T08:00:00Z' },
        { appId: 'element', user: 'bob', path: '/home/bob/.config/Element', lastChange: '2026-11-19T17:30:00Z' },
      ],
      matrixConfigs: [
        {
          appId: 'element',
          user: 'alice',
          path: '/home/alice/.config/Element/config.json',
          homeserver: 'https://homeserver.luxchat4gov.lu',
          brand: 'Luxchat4Gov',
        },
        {
          appId: 'element',
          user: 'bob',
          path: '/home/bob/.config/Element/config.json',
          homeserver: 'https://matrix-client.matrix.org',
          brand: 'Element',
        },
      ],
    }),
    now,
  );

  it("gives each user's evidence to the app of their homeserver and the shared install to both", () => {
    expect(app(outcome, 'luxchat4gov')).toMatchObject({
      installed: true,
      running: false,
      lastUsed: '2026-11-01T08:00:00.000Z',
      evidence: [
        'dpkg package element-desktop 1.11.85',
        'data directory /home/alice/.config/Element changed 2026-11-01T08:00:00Z',
        'Element config /home/alice/.config/Element/config.json points at homeserver https://homeserver.luxchat4gov.lu (brand Luxchat4Gov)',
      ],
    });
    expect(app(outcome, 'element')).toMatchObject({
      installed: true,
      lastUsed: '2026-11-19T17:30:00.000Z',
      evidence: [
        'dpkg package element-desktop 1.11.85',
        'data directory /home/bob/.config/Element changed 2026-11-19T17:30:00Z',
        'Element config /home/bob/.config/Element/config.json points at homeserver https://matrix-client.matrix.org',
      ],
    });
    expect(outcome).toMatchObject({ facts: { unapproved: ['element'], approvedMessengerPresent: true } });
  });

  it('keeps a public Luxchat homeserver as the unapproved public service', () => {
    const publicLuxchat = deriveSoftware(
      catalog,
      'windows',
      installed([
        {
          name: 'Luxchat',
          version: '1.11.40',
          source: 'windows-uninstall',
          scope: 'user',
          user: 'alice',
          path: null,
          id: 'luxchat',
        },
      ]),
      activity({
        matrixConfigs: [
          {
            appId: 'luxchat',
            user: 'alice',
            path: 'C:\\Users\\alice\\AppData\\Roaming\\Luxchat\\config.json',
            homeserver: '01.lu-cix.luxchat.lu',
            brand: 'Luxchat',
          },
        ],
      }),
      now,
    );
    expect(publicLuxchat).toMatchObject({ facts: { unapproved: ['luxchat'], approvedMessengerPresent: false } });
  });
});

describe('deriveSoftware on Windows and macOS', () => {
  it('matches Uninstall key names, DisplayNames and AppX families; ignores look-alikes', () => {
    const outcome = deriveSoftware(
      catalog,
      'windows',
      installed([
        {
          name: 'Telegram Desktop',
          version: '5.8.3',
          source: 'windows-uninstall',
          scope: 'user',
          user: 'alice',
          path: 'C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop\\',
          id: '{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1',
        },
        {
          name: 'TeamViewer',
          version: '15.58.5',
          source: 'windows-uninstall',
          scope: 'system',
          user: null,
          path: 'C:\\Program Files\\TeamViewer',
          id: 'TeamViewer',
        },
        {
          name: 'Microsoft Teams Meeting Add-in for Microsoft Office',
          version: '1.24.14501',
          source: 'windows-uninstall',
          scope: 'system',
          user: null,
          path: null,
          id: '{A7AB73A3-CB10-4AA5-9D38-6AEFFBDE4C91}',
        },
        {
          name: '5319275A.WhatsAppDesktop',
          version: '2.2450.6.0',
          source: 'appx',
          scope: 'user',
          user: 'alice',
          path: 'C:\\Program Files\\WindowsApps\\5319275A.WhatsAppDesktop_2.2450.6.0_x64__cv1g1gvanyjgm',
          id: '5319275A.WhatsAppDesktop_cv1g1gvanyjgm',
        },
      ]),
      activity({
        processes: [{ appId: 'teamviewer', pid: 4120, name: 'TeamViewer_Service.exe', exe: null, user: null }],
        dataDirs: [
          {
            appId: 'anydesk',
            user: 'alice',
            path: 'C:\\Users\\alice\\AppData\\Roaming\\AnyDesk',
            lastChange: '2026-09-14T12:00:00Z',
          },
        ],
      }),
      now,
    );
    expect(apps(outcome).map((a) => [a.id, a.installed, a.running, a.dataPresent])).toEqual([
      ['anydesk', false, false, true],
      ['teamviewer', true, true, false],
      ['telegram', true, false, false],
      ['whatsapp', true, false, false],
    ]);
    expect(app(outcome, 'telegram')?.evidence).toEqual(['uninstall entry "Telegram Desktop" 5.8.3 (user alice)']);
    expect(app(outcome, 'whatsapp')?.evidence).toEqual(['AppX package 5319275A.WhatsAppDesktop_cv1g1gvanyjgm 2.2450.6.0 (user alice)']);
    expect(app(outcome, 'teamviewer')?.evidence).toEqual(['uninstall entry "TeamViewer" 15.58.5 (system)', 'process TeamViewer_Service.exe pid 4120']);
    // Portable AnyDesk leaves only its data directory: still detected, still unapproved.
    expect(outcome).toMatchObject({
      facts: { unapproved: ['anydesk', 'teamviewer', 'telegram', 'whatsapp'], approvedMessengerPresent: false },
    });
  });

  it('matches macOS bundles by bundle id, whatever the .app is called', () => {
    const outcome = deriveSoftware(
      catalog,
      'macos',
      installed([
        {
          name: 'Telegram Desktop',
          version: '5.8.3',
          source: 'macos-bundle',
          scope: 'system',
          user: null,
          path: '/Applications/Telegram Desktop.app',
          id: 'com.tdesktop.Telegram',
        },
        {
          name: 'Safari',
          version: '18.1',
          source: 'macos-bundle',
          scope: 'system',
          user: null,
          path: '/Applications/Safari.app',
          id: 'com.apple.Safari',
        },
      ]),
      activity({}),
      now,
    );
    expect(apps(outcome)).toEqual([
      {
        id: 'telegram',
        name: 'Telegram',
        categories: ['messenger'],
        approved: false,
        classifiedBy: 'catalog',
        installed: true,
        running: false,
        dataPresent: false,
        inBrowser: false,
        lastUsed: null,
        evidence: ['app bundle /Applications/Telegram Desktop.app (com.tdesktop.Telegram 5.8.3)'],
      },
    ]);
  });
});

describe('deriveSoftware when facts are missing', () => {
  it('counts installs but leaves running, data and lastUsed unknown without app-activity, and says the lists may miss apps', () => {
    for (const missing of [
      undefined,
      { status: 'unsupported', reason: 'not a live target' } as const,
      { status: 'error', message: 'timed out after 10000 ms' } as const,
    ]) {
      const outcome = deriveSoftware(catalog, 'linux', installed(debianBase), missing, now);
      expect(app(outcome, 'telegram')).toMatchObject({
        installed: true,
        running: null,
        dataPresent: null,
        lastUsed: null,
        evidence: ['dpkg package telegram-desktop 4.6.5+ds-2+deb12u1'],
      });
      // Without the config, element-desktop stays Element: nothing shows it is LuxChat4Gov. An app
      // seen only through its data directory or process could be missing: the lists are incomplete,
      // and "no approved messenger" is not known.
      expect(outcome).toMatchObject({
        status: 'partial',
        facts: { unapproved: ['element', 'signal', 'telegram', 'x11vnc'], approvedMessengerPresent: null },
        unknown: { apps: { code: missing === undefined ? 'not-collected' : missing.status === 'error' ? 'probe-failed' : 'undetermined' } },
      });
    }
  });

  it('leaves running unknown when app-activity could not list processes: no gap at rest, a gap on a live system', () => {
    const atRest = deriveSoftware(catalog, 'linux', installed(debianBase), activity({ processes: null }), now, false);
    expect(atRest.status).toBe('ok');
    expect(app(atRest, 'telegram')).toMatchObject({ running: null, dataPresent: false, lastUsed: null });
    const live = deriveSoftware(catalog, 'linux', installed(debianBase), activity({ processes: null }), now, true);
    expect(live).toMatchObject({ status: 'partial', unknown: { apps: { code: 'undetermined' } } });
  });

  it('passes on what app-activity or installed-apps marked incomplete, with its reason code', () => {
    const partialActivity: ProbeOutcome = {
      status: 'partial',
      facts: { processes: [], dataDirs: [], matrixConfigs: [] },
      unknown: { dataDirs: { code: 'permission', detail: '/home/bob cannot be read without administrator rights' } },
    };
    expect(deriveSoftware(catalog, 'linux', installed([]), partialActivity, now)).toMatchObject({
      status: 'partial',
      facts: { apps: [], approvedMessengerPresent: null },
      unknown: { apps: { code: 'permission', detail: 'app-activity: /home/bob cannot be read without administrator rights' } },
    });
    const partialApps: ProbeOutcome = {
      status: 'partial',
      facts: { apps: [] },
      unknown: { apps: { code: 'permission', detail: '/root/.local/share/applications cannot be read' } },
    };
    expect(deriveSoftware(catalog, 'linux', partialApps, activity({}), now)).toMatchObject({
      status: 'partial',
      unknown: { apps: { code: 'permission' }, unapproved: { code: 'permission' } },
    });
  });

  it('carries the reason when installed-apps is not ok: unknown is never compliant', () => {
    expect(deriveSoftware(catalog, 'linux', { status: 'unsupported', reason: 'no package database found' }, undefined, now)).toEqual({
      status: 'unsupported',
      reason: 'installed-apps: no package database found',
    });
    expect(deriveSoftware(catalog, 'linux', { status: 'error', message: 'dpkg status unreadable' }, activity({}), now)).toEqual({
      status: 'error',
      code: 'probe-failed',
      message: 'installed-apps: dpkg status unreadable',
    });
    expect(deriveSoftware(catalog, 'linux', undefined, activity({}), now)).toMatchObject({ status: 'error' });
    expect(deriveSoftware(catalog, 'linux', { status: 'ok', facts: { apps: null } }, activity({}), now)).toMatchObject({
      status: 'error',
    });
  });

  it('reports nothing detected as empty lists, not unknown', () => {
    expect(deriveSoftware(catalog, 'linux', installed([dpkg('coreutils', '9.1-1')]), activity({}), now)).toEqual({
      status: 'ok',
      facts: { apps: [], unapproved: [], approvedMessengerPresent: false, metadataGaps: [] },
    });
  });

  it('ignores activity entries for ids the catalog does not know', () => {
    const outcome = deriveSoftware(
      catalog,
      'linux',
      installed([]),
      activity({
        processes: [{ appId: 'no-such-app', pid: 1, name: 'x', exe: null, user: null }],
        dataDirs: [{ appId: null, user: 'alice', path: '/home/alice/.config/x', lastChange: '2026-01-01T00:00:00Z' }],
      }),
      now,
    );
    expect(outcome).toMatchObject({ facts: { apps: [] } });
  });
});

describe('deriveSoftware: Element-style configs claimed by brand and URLs (config-claim.ts)', () => {
  const elementInstall = installed([dpkg('element-desktop', '1.11.85')]);
  const config = (user: string, facts: JsonObject): JsonObject => ({
    appId: 'element',
    user,
    path: `/home/${user}/.config/Element/config.json`,
    baseUrlHost: null,
    linkHosts: [],
    ...facts,
  });

  it('moves an Element install whose config is the Luxchat kit config to Luxchat, with its reason', () => {
    const outcome = deriveSoftware(
      catalog,
      'linux',
      elementInstall,
      activity({
        matrixConfigs: [
          config('agent', {
            homeserver: 'local.synapse.server',
            baseUrlHost: 'local.synapse.server',
            brand: 'Luxchat',
            linkHosts: ['dev.luxchat.lu', 'luxchat.lu', 'u-download.luxchat.lu'],
          }),
        ],
      }),
      now,
      false,
    );
    expect(app(outcome, 'element')).toBeUndefined();
    expect(app(outcome, 'luxchat')).toMatchObject({
      approved: false,
      reason: expect.stringMatching(/^A consumer service for citizens and businesses/) as unknown,
      installed: true,
      evidence: [
        'dpkg package element-desktop 1.11.85',
        'Element config /home/agent/.config/Element/config.json points at homeserver local.synapse.server (brand Luxchat)',
      ],
    });
    expect(outcome).toMatchObject({ facts: { unapproved: ['luxchat'], approvedMessengerPresent: false } });
  });

  it('withdraws the approval of LuxChat4Gov named by brand alone, saying why', () => {
    const outcome = deriveSoftware(
      catalog,
      'linux',
      elementInstall,
      activity({ matrixConfigs: [config('agent', { homeserver: 'matrix.org', brand: 'Luxchat4Gov' })] }),
      now,
      false,
    );
    expect(app(outcome, 'luxchat4gov')).toMatchObject({
      approved: false,
      reason:
        'LuxChat4Gov is approved only with a homeserver under luxchat4gov.lu: ' +
        'Element config /home/agent/.config/Element/config.json points at homeserver matrix.org (brand Luxchat4Gov)',
      installed: true,
    });
    expect(outcome).toMatchObject({ facts: { unapproved: ['luxchat4gov'], approvedMessengerPresent: false } });
  });

  it('keeps LuxChat4Gov approved for the users whose config points at its homeserver', () => {
    const outcome = deriveSoftware(
      catalog,
      'linux',
      elementInstall,
      activity({ matrixConfigs: [config('agent', { homeserver: 'homeserver.luxchat4gov.lu', brand: 'Luxchat4Gov', linkHosts: ['luxchat.lu'] })] }),
      now,
      false,
    );
    expect(app(outcome, 'luxchat4gov')).toMatchObject({ approved: true, installed: true });
    expect(outcome).toMatchObject({ facts: { unapproved: [], approvedMessengerPresent: true } });
  });
});

describe('deriveSoftware with apps the catalog does not name', () => {
  // Tags: Debian 12 bookworm/main Packages of the `chat` root (src/probes/derived/software/metadata.test.ts says where).
  const lists = '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages';
  const irssi: JsonObject = {
    ...dpkg('irssi', '1.4.3-2'),
    metadata: [
      { scheme: 'debtags', file: lists, field: 'Tag', values: ['interface::text-mode', 'protocol::irc', 'role::devel-lib', 'role::program', 'use::chatting'] },
    ],
  };
  const sources = (debtags: 'ok' | 'absent' | 'error'): JsonObject[] => [
    { scheme: 'freedesktop', status: 'ok', detail: '2 desktop files' },
    { scheme: 'appstream', status: 'ok', detail: '2 metainfo files' },
    {
      scheme: 'debtags',
      status: debtags,
      detail: debtags === 'ok' ? '3 lists' : debtags === 'absent' ? 'no /var/lib/apt/lists' : 'lz4 list could not be decoded',
    },
  ];
  const withSources = (apps: JsonObject[], debtags: 'ok' | 'absent' | 'error'): ProbeOutcome => ({
    status: 'ok',
    facts: { apps, metadataSources: sources(debtags) },
  });

  it('adds the classified app beside the catalog apps: unapproved, classified by metadata, activity unknown', () => {
    const outcome = deriveSoftware(catalog, 'linux', withSources([dpkg('telegram-desktop', '4.6.5+ds-2+deb12u1'), irssi], 'ok'), activity({}), now);
    expect(outcome.status).toBe('ok');
    expect(apps(outcome).map((a) => [a.id, a.classifiedBy, a.approved])).toEqual([
      ['deb:irssi', 'metadata', false],
      ['telegram', 'catalog', false],
    ]);
    expect(apps(outcome)[0]).toEqual({
      id: 'deb:irssi',
      name: 'irssi',
      categories: ['messenger'],
      approved: false,
      classifiedBy: 'metadata',
      installed: true,
      running: null,
      dataPresent: null,
      inBrowser: null,
      lastUsed: null,
      evidence: ['dpkg package irssi 1.4.3-2', `Debian package tags of irssi in ${lists}: Tag protocol::irc, use::chatting → messenger`],
    });
    expect(outcome).toMatchObject({ facts: { unapproved: ['deb:irssi', 'telegram'], metadataGaps: [] } });
  });

  it('tags that are not on the target are a note; tags present but unreadable make the app lists incomplete', () => {
    const absent = deriveSoftware(catalog, 'linux', withSources([dpkg('coreutils', '9.1-1')], 'absent'), activity({}), now);
    expect(absent).toMatchObject({
      status: 'ok',
      facts: { apps: [], metadataGaps: [expect.stringContaining('Debian package tags: not on the target (no /var/lib/apt/lists)')] },
    });
    const unreadable = deriveSoftware(catalog, 'linux', withSources([dpkg('coreutils', '9.1-1'), irssi], 'error'), activity({}), now);
    expect(unreadable).toMatchObject({
      status: 'partial',
      unknown: {
        apps: { code: 'unreadable', detail: expect.stringContaining('Debian package tags could not be read (lz4 list could not be decoded)') as unknown },
      },
    });
    // What was classified is still there: one messenger found decides a rule even over an incomplete list.
    expect(apps(unreadable).map((a) => a.id)).toEqual(['deb:irssi']);
  });
});

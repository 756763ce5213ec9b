import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../../model.js';
import { classifyByMetadata } from './metadata.js';
import type { MetadataApp } from './metadata.js';

/*
 * Inputs are installed-apps entries of the shape the probe gives them (src/probes/installed-apps/app.ts,
 * DeclaredMetadata). Real values: the `Tag:` fields below are copied from
 * /var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages of the `chat`
 * root (scripts/debian-root.sh, `apt-get update` of Debian 12 on 2026-12-07; version after each);
 * the desktop entries' Categories/Keywords/GenericName from /usr/share/applications of the `chat`
 * and `office` roots (hexchat 2.16.1-1+b3, pidgin 2.14.12-1, claws-mail 4.1.1-2+b1,
 * netsurf-gtk 3.10-1+b3, mpv 0.35.1-4). Entries marked "synthesised" are written for the case.
 */
const tags: Record<string, string[]> = {
  hexchat: ['implemented-in::c', 'interface::graphical', 'interface::x11', 'protocol::irc', 'role::program', 'uitoolkit::gtk', 'use::chatting'], // 2.16.1-1+b3
  'hexchat-common': ['made-of::icons', 'protocol::dcc', 'protocol::irc', 'protocol::ssl', 'role::app-data', 'role::documentation', 'use::chatting'], // 2.16.1-1
  irssi: [
    'devel::lang:perl',
    'devel::library',
    'implemented-in::c',
    'implemented-in::perl',
    'interface::text-mode',
    'network::client',
    'protocol::dcc',
    'protocol::irc',
    'role::devel-lib',
    'role::program',
    'uitoolkit::ncurses',
    'use::chatting',
  ], // 1.4.3-2
  libpurple0: ['role::shared-lib'], // 2.14.12-1
  'dino-im': [
    'implemented-in::vala',
    'interface::graphical',
    'interface::x11',
    'network::client',
    'privacy::no-known-issues',
    'protocol::jabber',
    'role::program',
    'scope::application',
    'uitoolkit::gtk',
    'use::chatting',
    'works-with::im',
    'x11::application',
  ], // 0.4.2-1
  prosody: ['implemented-in::lua', 'network::server', 'protocol::jabber', 'role::program'], // 0.12.3-1+deb12u1
  x11vnc: ['interface::graphical', 'interface::x11', 'network::server', 'role::program', 'use::login', 'use::viewing', 'x11::application'], // 0.9.16-9
  syncthing: [
    'implemented-in::TODO',
    'interface::commandline',
    'interface::daemon',
    'interface::web',
    'role::program',
    'use::synchronizing',
    'works-with::file',
  ], // 1.19.2~ds1-1+b4
  'claws-mail': [
    'implemented-in::c',
    'interface::graphical',
    'interface::x11',
    'mail::imap',
    'mail::pop',
    'mail::smtp',
    'mail::user-agent',
    'network::client',
    'protocol::http',
    'protocol::imap',
    'protocol::ipv6',
    'protocol::ldap',
    'protocol::nntp',
    'protocol::pop3',
    'protocol::smtp',
    'protocol::ssl',
    'protocol::tcp',
    'role::program',
    'scope::application',
    'uitoolkit::gtk',
    'use::downloading',
    'use::editing',
    'use::viewing',
    'works-with-format::html',
    'works-with-format::plaintext',
    'works-with::mail',
    'works-with::pim',
    'works-with::text',
    'x11::application',
  ], // 4.1.1-2+b1
  'netsurf-gtk': [
    'implemented-in::c',
    'interface::graphical',
    'interface::x11',
    'protocol::http',
    'role::program',
    'scope::application',
    'uitoolkit::gtk',
    'use::browsing',
    'web::browser',
    'works-with-format::html',
    'works-with::text',
    'x11::application',
  ], // 3.10-1+b3
  thunderbird: [
    'interface::graphical',
    'interface::x11',
    'mail::user-agent',
    'role::dummy',
    'role::program',
    'suite::mozilla',
    'uitoolkit::gtk',
    'works-with::mail',
  ], // 1:140.12.0esr-1~deb12u1
  mpv: [
    'implemented-in::c',
    'interface::graphical',
    'interface::x11',
    'role::program',
    'sound::player',
    'uitoolkit::sdl',
    'uitoolkit::xlib',
    'use::playing',
    'works-with-format::mp3',
    'works-with-format::oggtheora',
    'works-with-format::oggvorbis',
    'works-with-format::wav',
    'works-with::audio',
    'works-with::video',
    'x11::application',
  ], // 0.35.1-4
};

const lists = '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages';

const dpkg = (name: string, version = '1.0'): JsonObject => ({
  name,
  version,
  source: 'dpkg',
  scope: 'system',
  user: null,
  path: null,
  id: `${name}:amd64`,
  ...(tags[name] ? { metadata: [{ scheme: 'debtags', file: lists, field: 'Tag', values: tags[name] ?? [] }] } : {}),
});

const desktop = (id: string, name: string, categories: string[], keywords: string[] = [], dir = '/usr/share/applications'): JsonObject => ({
  name,
  version: null,
  source: 'desktop-file',
  scope: 'system',
  user: null,
  path: `${dir}/${id}.desktop`,
  id,
  metadata: [{ scheme: 'freedesktop', file: `${dir}/${id}.desktop`, field: 'Categories', values: categories, ...(keywords.length > 0 ? { keywords } : {}) }],
});

const classify = (entries: JsonObject[], matched: (string | null)[] = entries.map(() => null)): MetadataApp[] => classifyByMetadata(entries, matched);
const summary = (apps: MetadataApp[]): [string, string[]][] => apps.map((a) => [a.id, a.categories]);

describe('classifying apps the catalog does not name', () => {
  it('one app from a package and its desktop entry, with the file, field, value and category as evidence', () => {
    const apps = classify([
      dpkg('hexchat', '2.16.1-1+b3'),
      desktop('io.github.Hexchat', 'HexChat', ['GTK', 'Network', 'IRCClient'], ['IM', 'Chat', 'IRC Client']),
    ]);
    expect(summary(apps)).toEqual([['deb:hexchat', ['messenger']]]);
    expect(apps[0]?.name).toBe('HexChat');
    expect(apps[0]?.members).toHaveLength(2);
    expect(apps[0]?.evidence).toEqual([
      `Debian package tags of hexchat in ${lists}: Tag protocol::irc, use::chatting → messenger`,
      'desktop entry /usr/share/applications/io.github.Hexchat.desktop: Categories IRCClient → messenger',
    ]);
  });

  it('a terminal client that only its Debian tags describe; a program tagged as a library too is still an app', () => {
    const apps = classify([dpkg('irssi', '1.4.3-2')]);
    expect(summary(apps)).toEqual([['deb:irssi', ['messenger']]]);
    expect(apps[0]?.evidence[0]).toContain('use::chatting');
  });

  it('libraries, data and documentation packages classify nothing, whatever chat tags they carry', () => {
    expect(classify([dpkg('hexchat-common'), dpkg('libpurple0')])).toEqual([]);
    // Real tags of libgadu-dev (1:1.12.2-6 in bookworm/main): role::program, but no user interface.
    const dev = {
      ...dpkg('libgadu-dev'),
      metadata: [
        {
          scheme: 'debtags',
          file: lists,
          field: 'Tag',
          values: [
            'devel::library',
            'network::client',
            'protocol::dcc',
            'protocol::gadu-gadu',
            'role::devel-lib',
            'role::documentation',
            'role::program',
            'use::chatting',
            'works-with::im',
          ],
        },
      ],
    };
    expect(classify([dev])).toEqual([]);
    // synthesised: a library tagged like a client.
    const lib = {
      ...dpkg('libexample-irc1'),
      metadata: [{ scheme: 'debtags', file: lists, field: 'Tag', values: ['protocol::irc', 'use::chatting', 'role::shared-lib'] }],
    };
    expect(classify([lib])).toEqual([]);
  });

  it('a chat server is not a messenger; a VNC server is remote access when a second signal agrees', () => {
    expect(classify([dpkg('prosody')])).toEqual([]);
    // use::login alone (x11vnc, or a login manager) is not enough...
    expect(classify([dpkg('x11vnc')])).toEqual([]);
    // ...with its desktop entry (synthesised from app-metadata.md §1.2: x11vnc declares Network;RemoteAccess) it is.
    const apps = classify([dpkg('x11vnc'), desktop('x11vnc', 'X11VNC Server', ['Network', 'RemoteAccess'])]);
    expect(summary(apps)).toEqual([['deb:x11vnc', ['remote-access']]]);
    expect(apps[0]?.evidence).toEqual([
      `Debian package tags of x11vnc in ${lists}: Tag use::login → remote-access`,
      'desktop entry /usr/share/applications/x11vnc.desktop: Categories RemoteAccess → remote-access',
    ]);
  });

  it('mail clients, browsers and media players are not messengers or social networks', () => {
    const office = [
      dpkg('claws-mail'),
      desktop(
        'claws-mail',
        'Claws Mail',
        ['Network', 'Email'],
        ['lightweight', 'fast', 'gui', 'extensible', 'plugin', 'pop', 'pop3', 'imap', 'imap4', 'nntp', 'news', 'E-mail client'],
      ),
      dpkg('netsurf-gtk'),
      desktop('netsurf-gtk', 'NetSurf Web Browser', ['Network', 'WebBrowser'], ['Web Browser']),
      dpkg('thunderbird'),
      dpkg('mpv'),
      desktop(
        'mpv',
        'mpv Media Player',
        ['AudioVideo', 'Audio', 'Video', 'Player', 'TV'],
        ['mpv', 'media', 'player', 'video', 'audio', 'tv', 'Multimedia player'],
      ),
      // synthesised: "Network" alone, News and Feed, and FileTransfer/P2P (review only).
      desktop('org.example.Reader', 'Reader', ['Network', 'News', 'Feed']),
      desktop('org.example.Torrent', 'Torrent', ['Network', 'FileTransfer', 'P2P']),
    ];
    expect(classify(office)).toEqual([]);
  });

  it('classifies by the mechanism, not by a list of names: an app no list in charter names', () => {
    // synthesised: neither "Parley" nor its ids appear anywhere in charter's code or catalog.
    const apps = classify([desktop('org.example.Parley', 'Parley', ['Qt', 'Network', 'InstantMessaging'])]);
    expect(summary(apps)).toEqual([['desktop:org.example.Parley', ['messenger']]]);
    const sync = classify([desktop('net.example.Drift', 'Drift', ['Utility', 'X-SuSE-SyncUtility'])]);
    expect(summary(sync)).toEqual([['desktop:net.example.Drift', ['cloud-sync']]]);
  });

  it('a value that decides only with a second signal: a keyword of the category, or another source', () => {
    expect(classify([dpkg('syncthing')])).toEqual([]);
    // synthesised: the same tags with a desktop entry whose GenericName says sync.
    const apps = classify([dpkg('syncthing'), desktop('syncthing', 'Syncthing', ['Network', 'FileTransfer', 'P2P'], ['File Synchronizer'])]);
    expect(summary(apps)).toEqual([['deb:syncthing', ['cloud-sync']]]);
    expect(apps[0]?.evidence).toEqual([
      `Debian package tags of syncthing in ${lists}: Tag use::synchronizing → cloud-sync (with "synchroni*" in the Keywords/GenericName of /usr/share/applications/syncthing.desktop)`,
    ]);
    // synthesised: no keyword anywhere, but a desktop entry of the same app decides the category.
    const drift = { ...dpkg('drift'), metadata: [{ scheme: 'debtags', file: lists, field: 'Tag', values: ['role::program', 'use::synchronizing'] }] };
    const agreed = classify([drift, desktop('drift', 'Drift', ['Utility', 'X-SuSE-SyncUtility'])]);
    expect(agreed[0]?.evidence[0]).toBe(`Debian package tags of drift in ${lists}: Tag use::synchronizing → cloud-sync`);
    // Chat protocols confirm a chat client, never make one: an IRC bot (kgb-bot's real tags, 1.58-1.1 in bookworm/main).
    const bot = {
      ...dpkg('kgb-bot'),
      metadata: [{ scheme: 'debtags', file: lists, field: 'Tag', values: ['interface::daemon', 'protocol::irc', 'role::program'] }],
    };
    expect(classify([bot])).toEqual([]);
    // ...and a SIP test tool (sipsak's real tags).
    const sip = {
      ...dpkg('sipsak'),
      metadata: [{ scheme: 'debtags', file: lists, field: 'Tag', values: ['interface::commandline', 'protocol::voip', 'role::program', 'use::checking'] }],
    };
    expect(classify([sip])).toEqual([]);
    // A keyword makes a protocol enough (synthesised: a terminal client whose package says what it is).
    const client = {
      ...dpkg('tiny-irc'),
      metadata: [{ scheme: 'debtags', file: lists, field: 'Tag', values: ['interface::text-mode', 'protocol::irc', 'role::program'] }],
    };
    expect(classify([client])[0]?.evidence).toEqual([
      `Debian package tags of tiny-irc in ${lists}: Tag protocol::irc → messenger (with "irc" in the name "tiny-irc")`,
    ]);
  });

  it('macOS: social-networking is a social network; a messenger too when its name or id says so', () => {
    const bundle = (id: string, name: string, category: string): JsonObject => ({
      name,
      version: '1.0',
      source: 'macos-bundle',
      scope: 'system',
      user: null,
      path: `/Applications/${name}.app`,
      id,
      metadata: [{ scheme: 'macos', file: `/Applications/${name}.app/Contents/Info.plist`, field: 'LSApplicationCategoryType', values: [category] }],
    });
    // synthesised bundles (Signal and Element declare social-networking: app-metadata.md §4).
    const apps = classify([
      bundle('com.example.chat', 'Palaver', 'public.app-category.social-networking'),
      bundle('org.example.gazette', 'Gazette', 'public.app-category.social-networking'),
      bundle('com.example.sheets', 'Sheets', 'public.app-category.productivity'),
    ]);
    expect(summary(apps)).toEqual([
      ['macos:com.example.chat', ['messenger', 'social-network']],
      ['macos:org.example.gazette', ['social-network']],
    ]);
    expect(apps[0]?.evidence.join('\n')).toContain('(with "chat" in the id com.example.chat)');
  });

  it('a Flatpak and the desktop entry it exports are one app; a link that misses leaves two, never none', () => {
    const flatpak: JsonObject = {
      name: 'Dino',
      version: '0.4.4',
      source: 'flatpak',
      scope: 'user',
      user: 'agent',
      path: '/home/agent/.local/share/flatpak/app/im.dino.Dino',
      id: 'im.dino.Dino',
    };
    const exported = desktop(
      'im.dino.Dino',
      'Dino',
      ['GTK', 'Network', 'Chat', 'InstantMessaging'],
      [],
      '/home/agent/.local/share/flatpak/exports/share/applications',
    );
    expect(summary(classify([flatpak, { ...exported, scope: 'user', user: 'agent' }]))).toEqual([['flatpak:im.dino.Dino', ['messenger']]]);
    // installed-apps attaches an exported launcher's declarations to the Flatpak entry itself.
    const declared = { ...flatpak, metadata: exported.metadata ?? null };
    expect(summary(classify([declared]))).toEqual([['flatpak:im.dino.Dino', ['messenger']]]);
    // The Debian package is dino-im, the desktop id im.dino.Dino: no link, two entries, both reported.
    expect(summary(classify([dpkg('dino-im'), desktop('im.dino.Dino', 'Dino', ['GTK', 'Network', 'Chat', 'InstantMessaging'])]))).toEqual([
      ['deb:dino-im', ['messenger']],
      ['desktop:im.dino.Dino', ['messenger']],
    ]);
  });

  it('desktop entries do not link to each other through a guessed package name that is not installed', () => {
    const a = desktop('org.one.desktop', 'One', ['Network', 'Chat']);
    const b = desktop('org.two.desktop', 'Two', ['Network', 'IRCClient']);
    expect(classify([a, b]).map((app) => app.id)).toEqual(['desktop:org.one.desktop', 'desktop:org.two.desktop']);
  });

  it('an app the catalog matched through one of its entries is left to the catalog', () => {
    const entries = [dpkg('hexchat'), desktop('io.github.Hexchat', 'HexChat', ['GTK', 'Network', 'IRCClient'])];
    expect(classify(entries, ['hexchat-approved', null])).toEqual([]);
    expect(classify(entries, [null, 'hexchat-approved'])).toEqual([]);
  });

  it('ids of classified apps never take the shape of a catalog id', () => {
    const apps = classify([dpkg('irssi'), dpkg('hexchat'), desktop('pidgin', 'Pidgin', ['GTK', 'Network', 'InstantMessaging'])]);
    expect(apps.length).toBe(3);
    for (const app of apps) expect(app.id).not.toMatch(/^[a-z0-9][a-z0-9-]*$/);
  });

  it('ignores metadata of a shape it does not know, without failing', () => {
    const odd = { ...dpkg('odd'), metadata: [{ scheme: 'windows', file: 'x', field: 'y', values: ['Chat'] }, null, 'Chat'] } as unknown as JsonObject;
    expect(classify([odd])).toEqual([]);
  });
});

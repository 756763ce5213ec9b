/**
 * The one table that turns what a platform declares about an app (desktop entry and AppStream
 * categories, Debian package tags, the macOS App Store category) into a charter category, for apps
 * the catalog does not name. README ("How an app the catalog does not name is classified") shows
 * this table; src/probes/derived/software/metadata-table.test.ts keeps the two equal.
 *
 * macOS values compare lower-cased (every UTI Apple lists is lower case), the others exactly.
 *
 * Sources (see /work/shared/reference/app-metadata.md for the full notes):
 * - freedesktop categories: Desktop Menu Specification 1.1, category registry
 *   (freedesktop/xdg-specs menu/menu-spec.xml @21f18fb3); AppStream `<categories>` use the same
 *   names (ximion/appstream docs/xml @a17ad63f).
 * - Debian tags: the debtags 2.1.5 vocabulary (/usr/share/debtags/vocabulary) and the `Tag:` fields
 *   of Debian 12 bookworm/main `Packages` (read in /var/lib/apt/lists of a debootstrap root built by
 *   scripts/debian-root.sh): e.g. irssi carries role::devel-lib and devel::library next to
 *   role::program, hexchat-common carries use::chatting with role::app-data and no role::program.
 * - macOS: Apple "Launch Services Keys", LSApplicationCategoryType; the UTI list as reproduced in
 *   tauri-apps/tauri crates/tauri-bundler/src/bundle/category.rs @26267547. Messengers declare
 *   social-networking too (signalapp/Signal-Desktop package.json build.mac.category;
 *   element-hq/element-desktop electron-builder.ts).
 */
import type { DeclaredMetadata } from '../../installed-apps/app.js';
import type { AppCategory } from '../../../policy/catalog.js';

export type MetadataScheme = DeclaredMetadata['scheme'];

/**
 * - `decides`: the value alone puts the app in the category.
 * - `corroborated`: only with a second signal for the same category: a keyword of that category
 *   (`categoryKeywords`) in the app's Keywords, GenericName, name or id, or another value, of any
 *   entry or file of the same app, that decides the category (it then adds to the evidence).
 * - `never`: a trap, listed so that nobody adds it: it never classifies, alone or with anything.
 */
export type Strength = 'decides' | 'corroborated' | 'never';

export interface TableRow {
  scheme: MetadataScheme;
  /** The declared value, compared exactly (menu-spec names are case-sensitive). */
  value: string;
  /** null: no charter category (a `never` row). */
  category: AppCategory | null;
  strength: Strength;
  /** Why, in a few words (README shows it). */
  why: string;
}

/** Rows for both desktop entries and AppStream, which share the menu-spec category names. */
const menuSpec: Omit<TableRow, 'scheme'>[] = [
  {
    value: 'InstantMessaging',
    category: 'messenger',
    strength: 'decides',
    why: 'registered "instant messaging client" (Telegram, Pidgin, Dino, Signal, Element)',
  },
  { value: 'Chat', category: 'messenger', strength: 'decides', why: 'registered "chat client" (voice chat such as Mumble too)' },
  { value: 'IRCClient', category: 'messenger', strength: 'decides', why: 'registered "IRC client" (HexChat, Konversation)' },
  { value: 'VideoConference', category: 'messenger', strength: 'decides', why: 'registered "video conference software": calls and chat with outside parties' },
  { value: 'Telephony', category: 'messenger', strength: 'decides', why: 'registered "telephony via PC": SIP softphones (Linphone)' },
  { value: 'RemoteAccess', category: 'remote-access', strength: 'decides', why: 'registered "tools to remotely manage your PC" (KRDC, Vinagre, x11vnc)' },
  { value: 'X-SuSE-SyncUtility', category: 'cloud-sync', strength: 'decides', why: 'vendor category the Nextcloud and ownCloud clients declare' },
  { value: 'FileTransfer', category: null, strength: 'never', why: 'review only: FTP clients, torrent clients and Syncthing all declare it' },
  { value: 'P2P', category: null, strength: 'never', why: 'review only: torrent clients and Syncthing' },
  { value: 'Network', category: null, strength: 'never', why: 'main category of browsers, mail clients, VPN and torrent tools' },
  { value: 'WebBrowser', category: null, strength: 'never', why: 'a browser is not a social network (web use is judged from browser profiles)' },
  { value: 'Email', category: null, strength: 'never', why: 'mail clients may ship chat but are not messengers' },
  { value: 'News', category: null, strength: 'never', why: 'feed and news readers, mail clients' },
  { value: 'Feed', category: null, strength: 'never', why: 'feed readers' },
  { value: 'TelephonyTools', category: null, strength: 'never', why: 'dialling and PBX tools, not a softphone' },
  { value: 'Dialup', category: null, strength: 'never', why: 'modem dial-up' },
];

/** Chat uses (debtags vocabulary); libraries and servers are excluded by `debtagsNotAnApp` and `debtagsServer`. */
const debtagsMessenger: [string, string][] = [
  ['use::chatting', 'facet use: "chatting"'],
  ['works-with::im', '"can connect to IM networks"'],
];

/**
 * Chat protocols: in bookworm/main also IRC bots and log analysers (kgb-bot, manderlbot, piespy),
 * tunnels (pagekite), notifiers (painintheapt) and SIP test, attack and codec tools (sipsak,
 * sip-tester, sipcrack, speex, kamailio): they confirm a chat client, never make one.
 */
const debtagsProtocols: [string, string][] = [
  ['protocol::irc', 'IRC: clients, but also bots and log analysers'],
  ['protocol::jabber', 'XMPP: clients, but also notifiers'],
  ['protocol::dcc', 'IRC direct client-to-client'],
  ['protocol::oscar', 'AIM/ICQ'],
  ['protocol::msn-messenger', 'MSN Messenger'],
  ['protocol::yahoo-messenger', 'Yahoo! Messenger'],
  ['protocol::gadu-gadu', 'Gadu-Gadu'],
  ['protocol::voip', 'SIP, H.323, IAX: softphones, but also SIP test tools, codecs and servers'],
];

export const metadataTable: readonly TableRow[] = [
  ...(['freedesktop', 'appstream'] as const).flatMap((scheme) => menuSpec.map((row) => ({ scheme, ...row }))),
  ...debtagsMessenger.map(([value, why]): TableRow => ({ scheme: 'debtags', value, category: 'messenger', strength: 'decides', why })),
  ...debtagsProtocols.map(([value, why]): TableRow => ({ scheme: 'debtags', value, category: 'messenger', strength: 'corroborated', why })),
  { scheme: 'debtags', value: 'web::microblog', category: 'social-network', strength: 'decides', why: '"microblog software" clients' },
  { scheme: 'debtags', value: 'use::synchronizing', category: 'cloud-sync', strength: 'corroborated', why: 'also rsync-like tools, bsdiff, curl' },
  {
    scheme: 'debtags',
    value: 'use::login',
    category: 'remote-access',
    strength: 'corroborated',
    why: 'remote desktop viewers and servers, but also login managers',
  },
  { scheme: 'debtags', value: 'network::client', category: null, strength: 'never', why: 'any network client' },
  { scheme: 'debtags', value: 'web::browser', category: null, strength: 'never', why: 'a browser is not a social network' },
  { scheme: 'debtags', value: 'use::browsing', category: null, strength: 'never', why: 'browsers' },
  { scheme: 'debtags', value: 'mail::user-agent', category: null, strength: 'never', why: 'mail clients are not messengers' },
  { scheme: 'debtags', value: 'protocol::bittorrent', category: null, strength: 'never', why: 'review only: file transfer' },
  { scheme: 'debtags', value: 'protocol::ftp', category: null, strength: 'never', why: 'review only: file transfer (browsers too)' },
  { scheme: 'debtags', value: 'use::downloading', category: null, strength: 'never', why: 'review only: browsers, mail clients' },
  {
    scheme: 'macos',
    value: 'public.app-category.social-networking',
    category: 'social-network',
    strength: 'decides',
    why: "Apple's one communication category, taken at its word (messengers declare it too)",
  },
  {
    scheme: 'macos',
    value: 'public.app-category.social-networking',
    category: 'messenger',
    strength: 'corroborated',
    why: 'also a messenger when its name, id or another source says so (Signal and Element declare it)',
  },
  { scheme: 'macos', value: 'public.app-category.business', category: null, strength: 'never', why: 'business apps' },
  { scheme: 'macos', value: 'public.app-category.productivity', category: null, strength: 'never', why: 'productivity apps' },
  { scheme: 'macos', value: 'public.app-category.news', category: null, strength: 'never', why: 'news readers' },
];

/**
 * Debian tags that say a package is not itself an app (a library, its development files, a plugin,
 * documentation, data, a transitional package): its tags classify nothing unless it also carries
 * `role::program` and a user interface (`debtagsInterface`). irssi is tagged role::devel-lib,
 * role::program and interface::text-mode: an app. hexchat-common has use::chatting with
 * role::app-data only, libpurple0 role::shared-lib, and libgadu-dev, libgadu-doc, speex-doc,
 * libtelepathy-logger-dev carry role::program but no interface: not apps.
 */
export const debtagsNotAnApp: readonly string[] = [
  'role::shared-lib',
  'role::devel-lib',
  'role::plugin',
  'role::documentation',
  'role::app-data',
  'role::data',
  'role::source',
  'role::debug-symbols',
  'role::dummy',
  'devel::library',
];

/** The tag that, with a user interface, overrides `debtagsNotAnApp`. */
export const debtagsProgram = 'role::program';

/** Tag prefixes that say a package has a user interface. */
export const debtagsInterface: readonly string[] = ['interface::', 'uitoolkit::', 'x11::application'];

/**
 * A package tagged `network::server` without `network::client` is a server (prosody, ejabberd,
 * ircd-hybrid, znc, mumble-server): its Debian tags do not make it a messenger or a social network.
 * Servers still count for remote-access (x11vnc is a VNC server).
 */
export const debtagsServer: { tag: string; unless: string; spares: readonly AppCategory[] } = {
  tag: 'network::server',
  unless: 'network::client',
  spares: ['remote-access'],
};

/**
 * Second signals: words (or word stems, ending in `*`) looked for in an app's Keywords,
 * GenericName, AppStream keywords, name and id. Text is compared as lower-case words (camelCase and
 * punctuation split, so `HexChat` reads "hex chat", `com.example.chat` reads "com example chat").
 */
export const categoryKeywords: Readonly<Record<AppCategory, readonly string[]>> = {
  messenger: ['chat', 'chatting', 'messenger', 'messaging', 'instant messaging', 'im', 'irc', 'xmpp', 'jabber', 'matrix', 'voip', 'softphone'],
  'social-network': ['social', 'social network*', 'microblog*', 'mastodon', 'fediverse'],
  'cloud-sync': ['sync', 'syncing', 'synchroni*', 'cloud storage', 'file sync*'],
  'remote-access': ['remote desktop', 'remote access', 'remote control', 'remote support', 'rdp', 'vnc'],
};

/** The rows for one declared value, in table order. */
export const rowsFor = (scheme: MetadataScheme, value: string): TableRow[] =>
  metadataTable.filter((row) => row.scheme === scheme && (scheme === 'macos' ? row.value === value.trim().toLowerCase() : row.value === value.trim()));

/** Lower-case words of a text: camelCase and every non-alphanumeric character split it. */
export const words = (text: string): string[] =>
  text
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .toLowerCase()
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w !== '');

/** The first keyword of `category` the text contains, or undefined. */
export const keywordIn = (category: AppCategory, text: string): string | undefined => {
  const have = words(text);
  return categoryKeywords[category].find((keyword) => {
    const wanted = words(keyword.replace(/\*$/, ''));
    const stem = keyword.endsWith('*');
    return have.some((_, i) =>
      wanted.every((w, j) => {
        const got = have[i + j];
        if (got === undefined) return false;
        return stem && j === wanted.length - 1 ? got.startsWith(w) : got === w;
      }),
    );
  });
};

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import type { Catalog } from '../policy/catalog.js';
import { catalogDataDirs, catalogMatrixConfigs, dataDirsOf, brandApp, homeserverApp, homeserverHost, linkApp, matchApp, matchFirst } from './match.js';
import type { AppSignal, SignalKind } from './match.js';

/** The shipped catalog: these tests pin the identifiers it must resolve. */
const catalog = parse(readFileSync(new URL('../../policies/catalog/apps.yaml', import.meta.url), 'utf8')) as Catalog;

const linux = (kind: SignalKind, value: string): string | undefined => matchApp(catalog, 'linux', { kind, value })?.id;
const macos = (kind: SignalKind, value: string): string | undefined => matchApp(catalog, 'macos', { kind, value })?.id;
const windows = (kind: SignalKind, value: string): string | undefined => matchApp(catalog, 'windows', { kind, value })?.id;

describe('matchApp on Linux', () => {
  it('matches package names exactly, case-insensitively', () => {
    expect(linux('package', 'telegram-desktop')).toBe('telegram');
    expect(linux('package', 'signal-desktop')).toBe('signal');
    expect(linux('package', 'element-desktop')).toBe('element');
    expect(linux('package', 'x11vnc')).toBe('x11vnc');
    expect(linux('package', 'tigervnc-standalone-server')).toBe('tigervnc');
    expect(linux('package', 'Nextcloud-Desktop')).toBe('nextcloud');
    expect(linux('package', 'telegram')).toBeUndefined();
    expect(linux('package', 'libsignal-protocol-c2')).toBeUndefined();
    expect(linux('package', 'coreutils')).toBeUndefined();
  });

  it('matches Flatpak ids and snap names', () => {
    expect(linux('flatpak', 'org.telegram.desktop')).toBe('telegram');
    expect(linux('flatpak', 'im.riot.Riot')).toBe('element');
    expect(linux('flatpak', 'com.discordapp.Discord')).toBe('discord');
    expect(linux('snap', 'signal-desktop')).toBe('signal');
    expect(linux('snap', 'wire')).toBe('wire');
    expect(linux('flatpak', 'org.mozilla.firefox')).toBeUndefined();
  });

  it('matches desktop files by id, by implied Flatpak id and by snap prefix', () => {
    expect(linux('desktop-file', 'org.telegram.desktop.desktop')).toBe('telegram');
    expect(linux('desktop-file', '/usr/share/applications/x11vnc.desktop')).toBe('x11vnc');
    expect(linux('desktop-file', 'com.nextcloud.desktopclient.nextcloud')).toBe('nextcloud');
    expect(linux('desktop-file', '/var/lib/flatpak/exports/share/applications/org.signal.Signal.desktop')).toBe('signal');
    expect(linux('desktop-file', '/var/lib/snapd/desktop/applications/telegram-desktop_telegram-desktop.desktop')).toBe('telegram');
    expect(linux('desktop-file', 'firefox-esr.desktop')).toBeUndefined();
  });

  it('matches process names, also when /proc/<pid>/comm truncated them to 15 characters', () => {
    expect(linux('process', 'telegram-desktop')).toBe('telegram');
    // Recorded on this Debian 12 machine: a binary named telegram-desktop has comm "telegram-deskto".
    expect(linux('process', 'telegram-deskto')).toBe('telegram');
    expect(linux('process', '/opt/Signal/signal-desktop')).toBe('signal');
    expect(linux('process', 'teamviewerd')).toBe('teamviewer');
    expect(linux('process', 'Xtigervnc')).toBe('tigervnc');
    // A 15-character prefix only matches when the name really was truncated.
    expect(linux('process', 'telegram-deskt')).toBeUndefined();
    expect(linux('process', 'bash')).toBeUndefined();
  });

  it('matches data dirs, paths below them, implied Flatpak/snap dirs, and matrix configs', () => {
    expect(linux('data-dir', '.local/share/TelegramDesktop')).toBe('telegram');
    expect(linux('data-dir', '.local/share/TelegramDesktop/tdata/')).toBe('telegram');
    expect(linux('data-dir', '.var/app/org.telegram.desktop')).toBe('telegram');
    expect(linux('data-dir', 'snap/signal-desktop/current')).toBe('signal');
    expect(linux('data-dir', '.config/Element')).toBe('element');
    expect(linux('data-dir', '.config/ElementX')).toBeUndefined();
    expect(linux('matrix-config', '.config/Element/config.json')).toBe('element');
    expect(linux('matrix-config', '.var/app/im.riot.Riot/config/Element/config.json')).toBe('element');
  });

  it('matches install dirs and paths below them, with globs inside one segment', () => {
    expect(linux('install-dir', '/opt/Signal')).toBe('signal');
    expect(linux('install-dir', '/opt/Signal/')).toBe('signal');
    expect(linux('install-dir', '/opt/teamviewer/tv_bin')).toBe('teamviewer');
    expect(linux('install-dir', '/opt/screenconnect-0a1b2c3d4e5f')).toBe('screenconnect');
    expect(linux('install-dir', '/opt/Signalling')).toBeUndefined();
  });

  it('matches display names through namePatterns, anchored so unrelated software does not match', () => {
    expect(linux('display-name', 'Telegram Desktop')).toBe('telegram');
    expect(linux('display-name', 'Signal-7.1.0-x86_64.AppImage')).toBe('signal');
    expect(linux('display-name', 'Element')).toBe('element');
    expect(linux('display-name', 'Wireshark')).toBeUndefined();
    expect(linux('display-name', 'Elementary Tweaks')).toBeUndefined();
    // Skype for Business (Lync) is its own app, not consumer Skype.
    expect(linux('display-name', 'Skype for Business')).toBe('skype-for-business');
    expect(linux('display-name', 'Microsoft Teams Meeting Add-in for Microsoft Office')).toBeUndefined();
  });
});

describe('matchApp on macOS', () => {
  it('matches bundle ids (both Telegram apps) and executables from ps paths', () => {
    expect(macos('bundle-id', 'ru.keepcoder.Telegram')).toBe('telegram');
    expect(macos('bundle-id', 'com.tdesktop.Telegram')).toBe('telegram');
    expect(macos('bundle-id', 'org.whispersystems.signal-desktop')).toBe('signal');
    expect(macos('bundle-id', 'im.riot.app')).toBe('element');
    expect(macos('bundle-id', 'com.carriez.rustdesk')).toBe('rustdesk');
    expect(macos('bundle-id', 'com.apple.Safari')).toBeUndefined();
    expect(macos('process', '/Applications/Slack.app/Contents/MacOS/Slack')).toBe('slack');
    expect(macos('process', '/Applications/Microsoft Teams.app/Contents/MacOS/MSTeams')).toBe('microsoft-teams');
  });

  it('matches data dirs with a wildcard segment (Group Containers team prefix)', () => {
    expect(macos('data-dir', 'Library/Group Containers/6N38VWS5BX.ru.keepcoder.Telegram')).toBe('telegram');
    expect(macos('data-dir', 'Library/Application Support/Signal/IndexedDB')).toBe('signal');
    expect(macos('data-dir', 'Library/Application Support/Luxchat4Gov')).toBe('luxchat4gov');
    expect(macos('data-dir', 'Library/Application Support/Luxchat')).toBe('luxchat');
    // Linux-only data dirs do not apply on macOS.
    expect(macos('data-dir', '.local/share/TelegramDesktop')).toBeUndefined();
    expect(macos('matrix-config', 'Library/Application Support/Element/config.json')).toBe('element');
  });
});

describe('matchApp on Windows', () => {
  it('matches Uninstall DisplayNames and key names', () => {
    expect(windows('uninstall-name', 'Telegram Desktop')).toBe('telegram');
    expect(windows('uninstall-name', 'Signal 7.1.0')).toBe('signal');
    expect(windows('uninstall-name', 'TeamViewer')).toBe('teamviewer');
    expect(windows('uninstall-name', 'AnyDesk')).toBe('anydesk');
    expect(windows('uninstall-name', 'Element')).toBe('element');
    expect(windows('uninstall-name', 'Microsoft Teams Meeting Add-in for Microsoft Office')).toBeUndefined();
    expect(windows('uninstall-name', 'Mozilla Firefox (x64 en-US)')).toBeUndefined();
    expect(windows('uninstall-key', '{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1')).toBe('telegram');
    expect(windows('uninstall-key', '{53f49750-6209-4fbf-9ca8-7a333c87d1ed}_IS1')).toBe('telegram');
    expect(windows('uninstall-key', '7d96caee-06e6-597c-9f2f-c7bb2e0948b4')).toBe('signal');
  });

  it('puts LuxChat4Gov and public Luxchat before Element', () => {
    expect(windows('uninstall-name', 'Luxchat4Gov 1.11.30')).toBe('luxchat4gov');
    expect(windows('uninstall-name', 'LuxChat 4 Gov')).toBe('luxchat4gov');
    expect(windows('uninstall-name', 'Luxchat')).toBe('luxchat');
    expect(windows('process', 'Luxchat4Gov.exe')).toBe('luxchat4gov');
    expect(windows('process', 'Element.exe')).toBe('element');
  });

  it('matches AppX names, family names and full names by their Name part', () => {
    expect(windows('appx', '5319275A.WhatsAppDesktop_cv1g1gvanyjgm')).toBe('whatsapp');
    expect(windows('appx', '5319275A.WhatsAppDesktop')).toBe('whatsapp');
    expect(windows('appx', '5319275A.WhatsAppDesktop_2.2419.11.0_x64__cv1g1gvanyjgm')).toBe('whatsapp');
    expect(windows('appx', 'MSTeams_8wekyb3d8bbwe')).toBe('microsoft-teams');
    expect(windows('appx', 'Facebook.InstagramBeta_8xx8rvfyw5nnt')).toBe('instagram');
    expect(windows('appx', 'Facebook.Instagram_8xx8rvfyw5nnt')).toBe('instagram');
    expect(windows('appx', 'BytedancePte.Ltd.TikTok_6yccndn6064se')).toBe('tiktok');
    expect(windows('appx', 'Microsoft.WindowsCalculator_8wekyb3d8bbwe')).toBeUndefined();
  });

  it('matches image names with or without .exe, and profile-relative data dirs with either separator', () => {
    expect(windows('process', 'Telegram.exe')).toBe('telegram');
    expect(windows('process', 'telegram')).toBe('telegram');
    expect(windows('process', 'C:\\Users\\alice\\AppData\\Roaming\\Telegram Desktop\\Telegram.exe')).toBe('telegram');
    expect(windows('process', 'ScreenConnect.ClientService.exe')).toBe('screenconnect');
    expect(windows('process', 'remoting_host.exe')).toBe('chrome-remote-desktop');
    expect(windows('data-dir', 'AppData\\Roaming\\Telegram Desktop\\tdata')).toBe('telegram');
    expect(windows('data-dir', 'AppData/Roaming/AnyDesk')).toBe('anydesk');
    expect(windows('matrix-config', 'AppData\\Roaming\\Element\\config.json')).toBe('element');
  });
});

describe('matchFirst', () => {
  it('tries the strongest identifier first', () => {
    const signals: AppSignal[] = [
      { kind: 'desktop-file', value: 'custom-launcher.desktop' },
      { kind: 'display-name', value: 'Signal' },
    ];
    expect(matchFirst(catalog, 'linux', signals)).toMatchObject({ app: { id: 'signal' }, signal: signals[1] });
    expect(matchFirst(catalog, 'linux', [{ kind: 'display-name', value: 'GIMP' }])).toBeUndefined();
  });
});

describe('catalog order and caching', () => {
  it('lets the earlier app win and recompiles for a different catalog object', () => {
    const first: Catalog = {
      apps: [
        { id: 'a', name: 'A', categories: ['messenger'], approved: true, namePatterns: ['^chat'] },
        { id: 'b', name: 'B', categories: ['messenger'], approved: false, namePatterns: ['^chat'] },
      ],
    };
    const reversed: Catalog = { apps: [...first.apps].reverse() };
    expect(matchApp(first, 'linux', { kind: 'display-name', value: 'Chat client' })?.id).toBe('a');
    expect(matchApp(reversed, 'linux', { kind: 'display-name', value: 'Chat client' })?.id).toBe('b');
    expect(matchApp(first, 'linux', { kind: 'display-name', value: '   ' })).toBeUndefined();
  });

  it('lets the earlier app win between exact identifiers and globs of one kind, whichever kind of identifier matched', () => {
    const app = (id: string, packages: string[]): Catalog['apps'][number] => ({
      id,
      name: id,
      categories: ['messenger'],
      approved: false,
      linux: { packages },
    });
    // A glob before an exact name, an exact name before a glob, and the same name twice.
    const mixed: Catalog = { apps: [app('glob-first', ['zz-*']), app('exact', ['zz-chat', 'Qq-Tool']), app('glob-last', ['qq-*']), app('twice', ['zz-chat'])] };
    const linuxIn = (value: string): string | undefined => matchApp(mixed, 'linux', { kind: 'package', value })?.id;
    expect(linuxIn('zz-chat')).toBe('glob-first');
    expect(linuxIn(' QQ-tool ')).toBe('exact');
    expect(linuxIn('qq-other')).toBe('glob-last');
    expect(linuxIn('chat')).toBeUndefined();
    const exactFirst: Catalog = { apps: [app('exact', ['zz-chat']), app('glob', ['zz-*'])] };
    expect(matchApp(exactFirst, 'linux', { kind: 'package', value: 'ZZ-Chat' })?.id).toBe('exact');
    expect(matchApp(exactFirst, 'linux', { kind: 'package', value: 'zz-other' })?.id).toBe('glob');
  });

  it('names the app when a pattern does not compile', () => {
    const broken: Catalog = {
      apps: [{ id: 'broken', name: 'Broken', categories: ['messenger'], approved: false, namePatterns: ['(('] }],
    };
    expect(() => matchApp(broken, 'linux', { kind: 'display-name', value: 'x' })).toThrow(/catalog app 'broken'/);
  });
});

describe('catalog paths and homeservers', () => {
  it('derives Flatpak and snap data dirs on Linux only', () => {
    const telegram = catalog.apps.find((a) => a.id === 'telegram')!;
    expect(dataDirsOf(telegram, 'linux')).toEqual(['.local/share/TelegramDesktop', '.var/app/org.telegram.desktop', 'snap/telegram-desktop']);
    expect(dataDirsOf(telegram, 'windows')).toEqual(['AppData\\Roaming\\Telegram Desktop']);
    expect(catalogDataDirs(catalog, 'linux')).toContainEqual({ appId: 'telegram', path: 'snap/telegram-desktop' });
    expect(catalogMatrixConfigs(catalog, 'windows').slice(0, 3)).toEqual([
      { appId: 'luxchat4gov', path: 'AppData\\Roaming\\Luxchat4Gov\\config.json' },
      { appId: 'luxchat', path: 'AppData\\Roaming\\Luxchat\\config.json' },
      { appId: 'element', path: 'AppData\\Roaming\\Element\\config.json' },
    ]);
  });

  it('reduces server names and base URLs to a host', () => {
    expect(homeserverHost('https://matrix.luxchat4gov.lu/')).toBe('matrix.luxchat4gov.lu');
    expect(homeserverHost('HomeServer.LuxChat4Gov.lu:8448')).toBe('homeserver.luxchat4gov.lu');
    expect(homeserverHost('https://user@01.lu-cix.luxchat.lu:443/_matrix')).toBe('01.lu-cix.luxchat.lu');
    expect(homeserverHost('matrix.org.')).toBe('matrix.org');
  });

  it('maps homeservers to apps by domain suffix on a label boundary', () => {
    expect(homeserverApp(catalog, 'luxchat4gov.lu')?.id).toBe('luxchat4gov');
    expect(homeserverApp(catalog, 'https://homeserver.luxchat4gov.lu')?.id).toBe('luxchat4gov');
    expect(homeserverApp(catalog, '01.lu-cix.luxchat.lu')?.id).toBe('luxchat');
    expect(homeserverApp(catalog, 'poc.luxchat4pro.lu')?.id).toBe('luxchat');
    expect(homeserverApp(catalog, 'notluxchat4gov.lu')).toBeUndefined();
    expect(homeserverApp(catalog, 'matrix.org')).toBeUndefined();
    expect(homeserverApp(catalog, '')).toBeUndefined();
  });
});

describe('Luxchat names, brands and URLs', () => {
  it('tells LuxChat4Gov and Luxchat apart in desktop entry, bundle and uninstall names on every platform', () => {
    for (const [kind, at] of [
      ['display-name', linux],
      ['display-name', macos],
      ['uninstall-name', windows],
    ] as const) {
      for (const name of ['Luxchat4Gov', 'LuxChat 4 Gov', 'luxchat4gov Helper', 'LUXCHAT 4GOV']) expect(at(kind, name), name).toBe('luxchat4gov');
      for (const name of ['Luxchat', 'LuxChat', 'Luxchat 2.1', 'Luxchat4Pro']) expect(at(kind, name), name).toBe('luxchat');
      expect(at(kind, 'Element')).toBe('element');
      expect(at(kind, 'Lux Chat')).toBeUndefined();
    }
  });

  it('maps config.json brands case-insensitively, white space ignored', () => {
    expect(brandApp(catalog, 'Luxchat4Gov')?.id).toBe('luxchat4gov');
    expect(brandApp(catalog, 'LuxChat 4 Gov')?.id).toBe('luxchat4gov');
    expect(brandApp(catalog, 'LUXCHAT')?.id).toBe('luxchat');
    expect(brandApp(catalog, 'Riot')?.id).toBe('element');
    expect(brandApp(catalog, 'Luxchat Pro')).toBeUndefined();
    expect(brandApp(catalog, '  ')).toBeUndefined();
  });

  it('maps download, update and link URL hosts by domain suffix on a label boundary', () => {
    expect(linkApp(catalog, ['u-download.luxchat.lu'])?.id).toBe('luxchat');
    expect(linkApp(catalog, ['example.org', 'luxchat.lu'])?.id).toBe('luxchat');
    expect(linkApp(catalog, ['riot.im'])?.id).toBe('element');
    expect(linkApp(catalog, ['notluxchat.lu', 'luxchat.lu.example.org'])).toBeUndefined();
    expect(linkApp(catalog, [])).toBeUndefined();
  });
});

describe('patterns compiled on first use', () => {
  // The loaders refuse such a catalog (safe-regex.ts); here one is built by hand to see when its
  // patterns are compiled: only when a signal of their kind is tested, and then with the same error.
  const broken: Catalog = {
    apps: [
      { id: 'bad', name: 'Bad', category: 'messenger', namePatterns: ['^bad(?!x)'], linux: { packages: ['bad-pkg'], installDirs: ['/opt/Bad*'] } },
      { id: 'good', name: 'Good', category: 'messenger', namePatterns: ['^good'], linux: { packages: ['good-*'], installDirs: ['/opt/Good'] } },
    ],
  } as unknown as Catalog;

  it('match other kinds without compiling them, and name the app of a pattern that cannot compile', () => {
    expect(matchApp(broken, 'linux', { kind: 'package', value: 'good-tool' })?.id).toBe('good');
    expect(matchApp(broken, 'linux', { kind: 'install-dir', value: '/opt/BadApp/bin' })?.id).toBe('bad');
    expect(matchApp(broken, 'linux', { kind: 'install-dir', value: '/opt/Good/x' })?.id).toBe('good');
    expect(() => matchApp(broken, 'linux', { kind: 'display-name', value: 'good thing' })).toThrow(
      /catalog app 'bad': invalid regular expression "\^bad\(\?!x\)"/,
    );
  });
});

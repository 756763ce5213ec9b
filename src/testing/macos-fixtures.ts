/**
 * Builds the macOS replay hosts fixtures/hosts/macos14-compliant and macos14-noncompliant.
 *
 * These hosts are BUILT from documented formats and public captures, not recorded on a Mac: the
 * README.md of each host names the source of every file and command output. Binary property lists
 * are written by ./bplist.ts, XML ones by the `plist` package. src/platform/macos/fixtures.test.ts checks
 * that the checked-in files equal this builder's output; `UPDATE_MACOS_FIXTURES=1` rewrites them,
 * then `UPDATE_EXPECTED=1 npx vitest run src/scenarios.test.ts -t macos14` refreshes expected.json.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'plist';
import type { PlistValue } from 'plist';
import { buildBplist, type BplistValue } from './bplist.js';

export const recordedAt = '2026-11-20T10:00:00.000Z';
const root = new URL('../..', import.meta.url).pathname;

/** Public captures stored beside the parsers that read them (see their README.md). */
const capture = (path: string): string => readFileSync(join(root, path), 'utf8');

const ms = (iso: string): number => Date.parse(iso);
const date = (iso: string): Date => new Date(iso);

type Kind = 'file' | 'directory' | 'other';
const modes: Record<Kind, number> = { file: 0o100644, directory: 0o040755, other: 0o020620 };

interface Stat {
  type: Kind;
  size: number;
  mtimeMs: number;
  mode: number;
  uid: number;
}

interface Command {
  argv: string[];
  exitCode: number;
  stdout: string;
  stderr: string;
}

interface ProfiledBundle {
  path: string;
  name: string;
  version: string;
  identifier: string;
}

type Info = { [key: string]: string };

class MacHost {
  readonly files = new Map<string, Buffer>();
  readonly stats: Record<string, Stat> = {};
  readonly links: Record<string, string> = {};
  readonly dirs: Record<string, string[]> = {};
  readonly commands: Command[] = [];
  /** Every bundle written, for the system_profiler answer. */
  readonly bundles: ProfiledBundle[] = [];
  readonly name: string;

  constructor(name: string) {
    this.name = name;
  }

  plist(path: string, value: BplistValue, binary = true): void {
    this.files.set(path, binary ? buildBplist(value) : Buffer.from(build(value as PlistValue)));
  }

  text(path: string, text: string): void {
    this.files.set(path, Buffer.from(text, 'utf8'));
  }

  stat(path: string, kind: Kind, mtime: string, uid = 0, size?: number): void {
    this.stats[path] = { type: kind, size: size ?? (kind === 'directory' ? 4096 : 0), mtimeMs: ms(mtime), mode: modes[kind], uid };
  }

  run(argv: string[], stdout = '', stderr = '', exitCode = 0): void {
    this.commands.push({ argv, exitCode, stdout, stderr });
  }

  app(path: string, info: Info, binary = true): void {
    this.plist(`${path}/Contents/Info.plist`, info, binary);
    this.bundles.push({ path, name: info.CFBundleName ?? '', version: info.CFBundleShortVersionString ?? '', identifier: info.CFBundleIdentifier ?? '' });
  }

  /** The files of the replay directory, by path relative to it. */
  output(): Map<string, Buffer> {
    const out = new Map<string, Buffer>();
    for (const [path, data] of this.files) out.set(`files/${path.replace(/^\/+/, '')}`, data);
    const manifest = {
      platform: 'macos',
      name: this.name,
      recordedAt,
      tool: 'built by src/testing/macos-fixtures.ts from documented formats and public captures (not recorded)',
      capabilities: { read: true, exec: true, live: true },
      stats: this.stats,
      links: this.links,
      dirs: this.dirs,
    };
    out.set('host.json', Buffer.from(`${JSON.stringify(sortKeys(manifest), null, 2)}\n`));
    out.set('commands.json', Buffer.from(`${JSON.stringify(this.commands, null, 2)}\n`));
    return out;
  }
}

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
const sortKeys = (value: unknown): Json => {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (typeof value === 'object' && value !== null) {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sortKeys(v)]));
  }
  return value as Json;
};

const bundle = (identifier: string, name: string, version: string, executable: string): Info => ({
  CFBundleIdentifier: identifier,
  CFBundleName: name,
  CFBundleShortVersionString: version,
  CFBundleVersion: version,
  CFBundleExecutable: executable,
  CFBundlePackageType: 'APPL',
  LSMinimumSystemVersion: '12.0',
});

interface Install {
  date: Date;
  displayName: string;
  displayVersion: string;
  processName: string;
  packageIdentifiers: string[];
}

const install = (iso: string, displayName: string, displayVersion: string, processName: string, packageIdentifiers: string[] = []): Install => ({
  date: date(iso),
  displayName,
  displayVersion,
  processName,
  packageIdentifiers,
});

const common = (h: MacHost, history: Install[], version: string, build: string, darwin: string, hostname: string): void => {
  h.plist(
    '/System/Library/CoreServices/SystemVersion.plist',
    {
      ProductBuildVersion: build,
      ProductCopyright: '1983-2024 Apple Inc.',
      ProductName: 'macOS',
      ProductUserVisibleVersion: version,
      ProductVersion: version,
      iOSSupportVersion: '17.5',
    },
    false,
  );
  h.plist('/Library/Preferences/SystemConfiguration/preferences.plist', {
    System: { System: { ComputerName: hostname, HostName: `${hostname}.local` }, Network: { HostNames: { LocalHostName: hostname } } },
  });
  h.stat('/Users/alice', 'directory', '2026-11-20T09:55:00Z', 501);
  h.stat('/Users/Shared', 'directory', '2026-01-10T09:00:00Z', 0);
  h.dirs['/Users'] = ['.localized', 'Shared', 'alice'];
  h.stat('/dev/console', 'other', '2026-11-20T07:58:00Z', 501);
  h.links['/etc/localtime'] = '/var/db/timezone/zoneinfo/Europe/Luxembourg';
  h.run(['uname', '-r'], `${darwin}\n`);
  h.run(['uname', '-m'], 'arm64\n');
  h.run(['hostname'], `${hostname}.local\n`);
  h.run(['sysctl', 'vm.swapusage'], 'vm.swapusage: total = 2048.00M  used = 1067.75M  free = 980.25M  (encrypted)\n');
  h.run(['id', '-u'], '0\n');
  h.app('/Applications/Safari.app', bundle('com.apple.Safari', 'Safari', '18.1', 'Safari'), false);
  h.app('/System/Applications/Calculator.app', bundle('com.apple.calculator', 'Calculator', '11.0', 'Calculator'));
  h.app('/System/Applications/Utilities/Terminal.app', bundle('com.apple.Terminal', 'Terminal', '2.14', 'Terminal'));
  h.app('/Applications/Microsoft Office/Microsoft Word.app', bundle('com.microsoft.Word', 'Microsoft Word', '16.90', 'Microsoft Word'));
  h.plist('/Library/Receipts/InstallHistory.plist', history as unknown as BplistValue);
};

const psHeaderProcesses: [number, number, string][] = [
  [1, 0, '/sbin/launchd'],
  [95, 0, '/usr/libexec/logd'],
  [402, 0, '/usr/sbin/mDNSResponder'],
  [610, 501, '/usr/libexec/rapportd'],
  [640, 501, '/System/Library/CoreServices/ControlCenter.app/Contents/MacOS/ControlCenter'],
  [700, 501, '/Applications/Safari.app/Contents/MacOS/Safari'],
];

const ps = (rows: [number, number, string][]): string =>
  rows.map(([pid, uid, comm]) => `${String(pid).padStart(5)} ${String(uid).padStart(5)} ${comm}\n`).join('');

type LsofProcess = [number, string, number, string, [string, string, string][]];

const lsofFields = (processes: LsofProcess[]): string => {
  const out: string[] = [];
  for (const [pid, command, uid, login, files] of processes) {
    out.push(`p${pid}`, `c${command}`, `u${uid}`, `L${login}`);
    for (const [type, proto, name] of files) out.push(`t${type}`, `P${proto}`, `n${name}`);
  }
  return `${out.join('\n')}\n`;
};

const baseTcp: LsofProcess[] = [
  [
    610,
    'rapportd',
    501,
    'alice',
    [
      ['IPv4', 'TCP', '*:49152'],
      ['IPv6', 'TCP', '*:49152'],
    ],
  ],
  [
    640,
    'ControlCenter',
    501,
    'alice',
    [
      ['IPv4', 'TCP', '*:7000'],
      ['IPv6', 'TCP', '*:7000'],
      ['IPv4', 'TCP', '*:5000'],
      ['IPv6', 'TCP', '*:5000'],
    ],
  ],
];
const baseUdp: LsofProcess[] = [
  [
    402,
    'mDNSResponder',
    65,
    '_mdnsresponder',
    [
      ['IPv4', 'UDP', '*:5353'],
      ['IPv6', 'UDP', '*:5353'],
      ['IPv4', 'UDP', '192.168.1.23:61234->192.168.1.1:53'],
    ],
  ],
];
const sfw = '/usr/libexec/ApplicationFirewall/socketfilterfw';

/**
 * `system_profiler -json SPApplicationsDataType` for the bundles of the host plus `extra`, in the
 * layout of src/probes/installed-apps/testdata/system-profiler (Foundation's `" : "` JSON).
 */
const systemProfiler = (h: MacHost, extra: ProfiledBundle[] = []): string => {
  const entries = [...h.bundles, ...extra].map((b) => {
    const apple = b.identifier.startsWith('com.apple.');
    return {
      _name: b.name,
      arch_kind: 'arch_arm_i64',
      lastModified: '2026-10-02T07:11:04Z',
      obtained_from: apple ? 'apple' : 'identified_developer',
      path: b.path,
      signed_by: apple
        ? ['Software Signing', 'Apple Code Signing Certification Authority', 'Apple Root CA']
        : [`Developer ID Application: ${b.name} (ABCDE12345)`, 'Developer ID Certification Authority', 'Apple Root CA'],
      version: b.version,
    };
  });
  return `${JSON.stringify({ SPApplicationsDataType: entries }, null, 2).replace(/": /g, '" : ')}\n`;
};

const softwareUpdateCapture = 'src/probes/updates/testdata/softwareupdate';

const compliant = (): MacHost => {
  const h = new MacHost('macos14-compliant');
  common(
    h,
    [
      install('2024-06-01T12:00:00Z', 'macOS Sonoma', '14.5', 'macOS Installer'),
      install('2026-10-02T08:12:00Z', 'Luxchat4Gov', '1.11.40', 'Installer', ['lu.etat.luxchat4gov.pkg']),
      install('2025-10-20T18:02:00Z', 'macOS Sequoia', '15.7', 'macOS Installer'),
      install('2026-11-05T06:41:00Z', 'macOS Sequoia 15.7.2', '15.7.2', 'softwareupdated'),
      install('2026-11-12T03:10:00Z', 'XProtectPlistConfigData', '5277', 'softwareupdated', ['com.apple.pkg.XProtectPlistConfigData_10_15.16U4353']),
    ],
    '15.7.2',
    '24G325',
    '24.6.0',
    'agent-mac-01',
  );
  const lux = '/Applications/Luxchat4Gov.app';
  h.app(lux, bundle('lu.etat.luxchat4gov.desktop', 'Luxchat4Gov', '1.11.40', 'Luxchat4Gov'));
  // A nested helper bundle: never listed as an app of its own.
  h.app(
    `${lux}/Contents/Frameworks/Luxchat4Gov Helper.app`,
    bundle('lu.etat.luxchat4gov.desktop.helper', 'Luxchat4Gov Helper', '1.11.40', 'Luxchat4Gov Helper'),
  );
  const support = '/Users/alice/Library/Application Support/Luxchat4Gov';
  const config = {
    default_server_config: { 'm.homeserver': { base_url: 'https://matrix.luxchat4gov.lu', server_name: 'luxchat4gov.lu' } },
    brand: 'Luxchat4Gov',
    disable_guests: true,
    default_country_code: 'LU',
  };
  h.text(`${support}/config.json`, `${JSON.stringify(config, null, 4)}\n`);
  h.stat(support, 'directory', '2026-11-20T09:40:00Z', 501);
  h.run(
    ['ps', '-axww', '-o', 'pid=,uid=,comm='],
    ps([
      ...psHeaderProcesses,
      [812, 501, `${lux}/Contents/MacOS/Luxchat4Gov`],
      [815, 501, `${lux}/Contents/Frameworks/Luxchat4Gov Helper (Renderer).app/Contents/MacOS/Luxchat4Gov Helper (Renderer)`],
      [816, 501, `${lux}/Contents/Frameworks/Luxchat4Gov Helper (GPU).app/Contents/MacOS/Luxchat4Gov Helper (GPU)`],
      [901, 0, '/usr/local/jamf/bin/jamf'],
    ]),
  );
  h.run(['fdesetup', 'status'], 'FileVault is On.\n');
  h.run([sfw, '--getglobalstate'], 'Firewall is enabled. (State = 1)\n');
  h.run([sfw, '--getblockall'], 'Firewall has block all state set to disabled.\n');
  h.run([sfw, '--getstealthmode'], 'Firewall stealth mode is on\n');
  h.run([sfw, '--getallowsigned'], 'Automatically allow built-in signed software ENABLED.\nAutomatically allow downloaded signed software DISABLED.\n');
  h.plist('/Library/Preferences/com.apple.alf.plist', {
    globalstate: 1,
    stealthenabled: 1,
    allowsignedenabled: 1,
    allowdownloadsignedenabled: 0,
    loggingenabled: 1,
  });
  h.plist('/Library/Managed Preferences/com.apple.security.firewall.plist', { EnableFirewall: true, BlockAllIncoming: false, EnableStealthMode: true }, false);
  // Screen lock: a configuration profile sets all three values.
  h.plist('/Library/Managed Preferences/com.apple.screensaver.plist', { idleTime: 600, askForPassword: 1, askForPasswordDelay: 0 }, false);
  h.plist('/Users/alice/Library/Preferences/ByHost/com.apple.screensaver.8C2F5A1E-1D5B-5E3C-9A77-0F3B2C4D5E6F.plist', {
    idleTime: 600,
    CleanExit: true,
    PrefsVersion: 100,
    moduleDict: { moduleName: 'Flurry', path: '/System/Library/Screen Savers/Flurry.saver', type: 0 },
  });
  h.run(['sysadminctl', '-screenLock', 'status'], '', '2026-11-20 10:59:58.123 sysadminctl[1812:40117] screenLock delay is immediate\n');
  h.plist('/Library/Preferences/com.apple.loginwindow.plist', {
    GuestEnabled: false,
    lastUserName: 'alice',
    lastUser: 'loggedIn',
    OptimizerLastRunForSystem: 336068864,
  });
  h.plist('/Library/Preferences/com.apple.SoftwareUpdate.plist', {
    AutomaticCheckEnabled: true,
    AutomaticDownload: true,
    AutomaticallyInstallMacOSUpdates: true,
    CriticalUpdateInstall: true,
    ConfigDataInstall: true,
    LastAttemptSystemVersion: '15.7.2 (24G325)',
    LastSuccessfulDate: date('2026-11-19T22:14:05Z'),
    LastFullSuccessfulDate: date('2026-11-19T22:14:05Z'),
    LastRecommendedUpdatesAvailable: 0,
    LastUpdatesAvailable: 0,
    RecommendedUpdates: [],
    LastSessionSuccessful: true,
  });
  h.run(['softwareupdate', '--list', '--no-scan'], capture(`${softwareUpdateCapture}/no-new-software.txt`));
  // Management: Jamf Pro, enrolled through Automated Device Enrollment.
  h.run(['profiles', 'status', '-type', 'enrollment'], 'Enrolled via DEP: Yes\nMDM enrollment: Yes (User Approved)\n');
  h.text('/usr/local/jamf/bin/jamf', '(Jamf binary: placeholder, contents not read)\n');
  h.plist('/Library/Preferences/com.jamfsoftware.jamf.plist', { jss_url: 'https://luxgov.jamfcloud.com/', verifySSLCert: 'always_except_during_enrollment' });
  const jamfLog = [
    'Thu Nov 19 09:15:02 agent-mac-01 jamf[7960]: Checking for policies triggered by "recurring check-in" for user "alice"...',
    'Thu Nov 19 09:15:04 agent-mac-01 jamf[7960]: Checking for patches...',
    'Thu Nov 19 09:15:04 agent-mac-01 jamf[7960]: No patch policies were found.',
    'Fri Nov 20 09:15:01 agent-mac-01 jamf[8051]: Checking for policies triggered by "recurring check-in" for user "alice"...',
    'Fri Nov 20 09:15:03 agent-mac-01 jamf[8051]: Checking for patches...',
    'Fri Nov 20 09:15:03 agent-mac-01 jamf[8051]: No patch policies were found.',
  ]
    .map((line) => `${line}\n`)
    .join('');
  h.text('/var/log/jamf.log', jamfLog);
  h.stat('/var/log/jamf.log', 'file', '2026-11-20T08:15:03Z', 0, Buffer.byteLength(jamfLog));
  h.run(['lsof', '-nP', '-iTCP', '-sTCP:LISTEN', '-FpcuLPtn'], lsofFields(baseTcp));
  h.run(['lsof', '-nP', '-iUDP', '-FpcuLPtn'], lsofFields(baseUdp));
  // Every app system_profiler lists lies in the scanned folders: it adds none.
  h.run(['system_profiler', '-json', 'SPApplicationsDataType'], systemProfiler(h));
  return h;
};

const noncompliant = (): MacHost => {
  const h = new MacHost('macos14-noncompliant');
  common(
    h,
    [
      install('2024-06-01T12:00:00Z', 'macOS Sonoma', '14.5', 'macOS Installer'),
      install('2026-06-02T07:30:00Z', 'macOS Sonoma 14.5', '14.5', 'softwareupdated'),
      install('2026-09-14T16:02:00Z', 'WhatsApp', '24.20.79', 'appstoreagent', ['net.whatsapp.WhatsApp']),
    ],
    '14.5',
    '23F79',
    '23.5.0',
    'agent-mac-02',
  );
  h.app('/Applications/WhatsApp.app', bundle('net.whatsapp.WhatsApp', 'WhatsApp', '24.20.79', 'WhatsApp'));
  h.app('/Applications/Dropbox.app', bundle('com.getdropbox.dropbox', 'Dropbox', '212.4.5767', 'Dropbox'), false);
  h.app('/Users/alice/Applications/Telegram.app', bundle('ru.keepcoder.Telegram', 'Telegram', '11.3', 'Telegram'));
  const containers = '/Users/alice/Library/Containers/net.whatsapp.WhatsApp';
  h.text(`${containers}/Data/Library/Preferences/net.whatsapp.WhatsApp.plist.placeholder`, '');
  h.stat(containers, 'directory', '2026-11-20T09:31:00Z', 501);
  const group = '/Users/alice/Library/Group Containers/6N38VWS5BX.ru.keepcoder.Telegram';
  h.text(`${group}/appstore/.placeholder`, '');
  h.stat(group, 'directory', '2026-11-18T17:02:00Z', 501);
  h.dirs['/Users/alice/Library/Group Containers'] = ['6N38VWS5BX.ru.keepcoder.Telegram'];
  h.run(
    ['ps', '-axww', '-o', 'pid=,uid=,comm='],
    ps([
      ...psHeaderProcesses,
      [830, 501, '/Applications/WhatsApp.app/Contents/MacOS/WhatsApp'],
      [850, 501, '/Applications/Dropbox.app/Contents/MacOS/Dropbox'],
      [851, 501, '/Applications/Dropbox.app/Contents/Frameworks/Dropbox Web Helper.app/Contents/MacOS/Dropbox Web Helper'],
      [960, 216, '/opt/homebrew/opt/postgresql@16/bin/postgres'],
    ]),
  );
  h.run(['fdesetup', 'status'], 'FileVault is Off.\n');
  h.run([sfw, '--getglobalstate'], 'Firewall is disabled. (State = 0)\n');
  h.run([sfw, '--getblockall'], 'Firewall has block all state set to disabled.\n');
  h.run([sfw, '--getstealthmode'], 'Firewall stealth mode is off\n');
  h.run([sfw, '--getallowsigned'], 'Automatically allow built-in signed software ENABLED.\nAutomatically allow downloaded signed software ENABLED.\n');
  h.plist('/Library/Preferences/com.apple.alf.plist', { globalstate: 0, stealthenabled: 0, allowsignedenabled: 1, allowdownloadsignedenabled: 1 });
  // Screen lock: screen saver after one hour, password five minutes later.
  h.plist('/Users/alice/Library/Preferences/ByHost/com.apple.screensaver.8C2F5A1E-1D5B-5E3C-9A77-0F3B2C4D5E6F.plist', {
    idleTime: 3600,
    CleanExit: true,
    PrefsVersion: 100,
  });
  h.plist('/Users/alice/Library/Preferences/com.apple.screensaver.plist', { askForPassword: 1, askForPasswordDelay: 300 }, false);
  h.run(['sysadminctl', '-screenLock', 'status'], '', '2026-11-20 10:59:58.123 sysadminctl[1812:40117] screenLock delay is 300 seconds\n');
  h.plist('/Library/Preferences/com.apple.loginwindow.plist', { GuestEnabled: true, autoLoginUser: 'alice', lastUserName: 'alice' });
  h.text('/etc/kcpassword', '(obfuscated password: placeholder)\n');
  h.plist('/Library/Preferences/com.apple.SoftwareUpdate.plist', {
    AutomaticCheckEnabled: true,
    AutomaticDownload: true,
    AutomaticallyInstallMacOSUpdates: false,
    CriticalUpdateInstall: true,
    ConfigDataInstall: true,
    LastAttemptSystemVersion: '14.5 (23F79)',
    LastSuccessfulDate: date('2026-11-18T21:03:44Z'),
    LastFullSuccessfulDate: date('2026-11-18T21:03:44Z'),
    LastRecommendedUpdatesAvailable: 1,
    LastUpdatesAvailable: 1,
    RecommendedUpdates: [
      {
        'Display Name': 'macOS Sonoma 14.7.1',
        'Display Version': '14.7.1',
        Identifier: 'MSU_UPDATE_23H222_patch_14.7.1',
        MobileSoftwareUpdate: true,
        'Product Key': 'MSU_UPDATE_23H222_patch_14.7.1',
      },
    ],
    LastSessionSuccessful: true,
  });
  // The same pending update, in the layout of the Salt capture for macOS 10.15 and later.
  h.run(
    ['softwareupdate', '--list', '--no-scan'],
    'Software Update Tool\n\nFinding available software\nSoftware Update found the following new or updated software:\n' +
      '* Label: macOS Sonoma 14.7.1-23H222\n    Title: macOS Sonoma 14.7.1, Version: 14.7.1, Size: 3084292K, Recommended: YES, Action: restart,\n',
  );
  h.run(['profiles', 'status', '-type', 'enrollment'], 'Enrolled via DEP: No\nMDM enrollment: No\n');
  h.run(
    ['lsof', '-nP', '-iTCP', '-sTCP:LISTEN', '-FpcuLPtn'],
    lsofFields([
      ...baseTcp,
      [
        960,
        'postgres',
        216,
        '_postgres',
        [
          ['IPv4', 'TCP', '*:5432'],
          ['IPv6', 'TCP', '*:5432'],
        ],
      ],
    ]),
  );
  h.run(['lsof', '-nP', '-iUDP', '-FpcuLPtn'], lsofFields(baseUdp));
  // Signal run from Downloads, never moved to an Applications folder: only system_profiler finds it.
  const signal = '/Users/alice/Downloads/Signal.app';
  h.plist(`${signal}/Contents/Info.plist`, bundle('org.whispersystems.signal-desktop', 'Signal', '7.33.0', 'Signal'));
  h.run(
    ['system_profiler', '-json', 'SPApplicationsDataType'],
    systemProfiler(h, [{ path: signal, name: 'Signal', version: '7.33.0', identifier: 'org.whispersystems.signal-desktop' }]),
  );
  return h;
};

/** Both hosts: directory name → (relative path → bytes). */
export const buildMacosFixtures = (): Map<string, Map<string, Buffer>> => new Map([compliant(), noncompliant()].map((h) => [h.name, h.output()]));

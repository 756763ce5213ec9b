/**
 * The two built Windows replay fixtures (fixtures/hosts/windows11-compliant and
 * windows11-noncompliant): what each PowerShell script and dsregcmd would print on such a machine.
 * BUILT FROM DOCUMENTATION, NOT RECORDED: the shapes follow each cmdlet's output object on Microsoft
 * Learn and reference/probes.md §3 (see the README.md of each fixture); values are illustrative.
 * Windows PowerShell 5.1 conventions are used: enums as numbers, ConvertTo-Json -Compress, CRLF.
 *
 * The argv of each command comes from the probes' own script constants, so the replay matches them
 * exactly; fixtures.test.ts checks that commands.json is what this file builds, and rewrites it with
 * UPDATE_WINDOWS_FIXTURES=1 (needed whenever a script or the catalog's Windows paths change).
 */
import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import type { RecordedCommand, ReplayManifest } from '../hosts/replay-format.js';
import type { Json } from '../model.js';
import type { Catalog } from '../policy/catalog.js';
import { windowsActivityScript } from '../probes/app-activity/windows.js';
import { windowsBrowsersScript } from '../probes/browsers/chromium-windows.js';
import { windowsEncryptionScript } from '../probes/disk-encryption/windows.js';
import { windowsFirewallScript } from '../probes/firewall/windows.js';
import { windowsAppxScript, windowsUninstallScript } from '../probes/installed-apps/windows.js';
import { windowsListeningScript } from '../probes/listening-services/windows.js';
import { windowsLoginScript } from '../probes/login/windows.js';
import { windowsManagementScript } from '../probes/management/windows.js';
import { windowsOsScript } from '../probes/os/windows.js';
import { windowsScreenLockScript } from '../probes/screen-lock/windows.js';
import { windowsPendingUpdatesScript, windowsUpdatesScript } from '../probes/updates/windows.js';
import { powershellProgram, psArgs } from '../windows/powershell.js';

export const windowsFixtureNames = ['windows11-compliant', 'windows11-noncompliant'] as const;
export type WindowsFixtureName = (typeof windowsFixtureNames)[number];

export const recordedAt = '2026-11-20T10:00:00.000Z';

/** What the script trailer prints: compressed JSON with every non-ASCII character escaped, then CRLF. */
export const psJson = (value: Json): string =>
  `${JSON.stringify(value).replace(/[\u0080-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}\r\n`;

/** Text written as UTF-16LE with a BOM, as a host hands it over (bytes decoded as UTF-8). */
export const asUtf16leSeenAsUtf8 = (text: string): string => Buffer.from(`\uFEFF${text}`, 'utf16le').toString('utf8');

const crlf = (lines: readonly string[]): string => `${lines.join('\r\n')}\r\n`;

const aliceSid = 'S-1-5-21-1004336348-1177238915-682003330-1001';
const bobSid = 'S-1-5-21-3623811015-3361044348-30300820-1001';

const dsregcmd = (state: { azure: boolean; tenant?: string; mdmUrl?: string; device: string }): string =>
  crlf([
    '+----------------------------------------------------------------------+',
    '| Device State                                                         |',
    '+----------------------------------------------------------------------+',
    '',
    `             AzureAdJoined : ${state.azure ? 'YES' : 'NO'}`,
    '          EnterpriseJoined : NO',
    '              DomainJoined : NO',
    `               Device Name : ${state.device}`,
    '',
    ...(state.azure
      ? [
          '+----------------------------------------------------------------------+',
          '| Tenant Details                                                       |',
          '+----------------------------------------------------------------------+',
          '',
          `                TenantName : ${state.tenant ?? ''}`,
          '                  TenantId : 6f1c2a7e-0000-4000-8000-000000000000',
          `                    MdmUrl : ${state.mdmUrl ?? ''}`,
          '',
        ]
      : []),
    '+----------------------------------------------------------------------+',
    '| User State                                                           |',
    '+----------------------------------------------------------------------+',
    '',
    `                    NgcSet : ${state.azure ? 'YES' : 'NO'}`,
    '           WorkplaceJoined : NO',
    '',
    'For more information, please visit https://www.microsoft.com/aadjerrors',
  ]);

const elementConfig = JSON.stringify(
  {
    default_server_config: { 'm.homeserver': { base_url: 'https://homeserver.luxchat4gov.lu', server_name: 'homeserver.luxchat4gov.lu' } },
    brand: 'Luxchat4Gov',
    default_country_code: 'LU',
    disable_guests: true,
  },
  null,
  4,
);

type Outputs = Record<string, Json>;

/**
 * Real `powercfg` outputs (src/probes/screen-lock/testdata, cited in its README) as the screen-lock
 * script returns them: the CONSOLELOCK query (Hyper-V Server capture, password on wake-up), then
 * STANDBYIDLE (DTrace sample: 1800 s plugged in, 900 s on battery) or, for a machine that never
 * sleeps on battery, the documentation-built Display and Sleep queries (STANDBYIDLE DC 0).
 */
const powercfgCapture = (name: string): string => readFileSync(new URL(`../probes/screen-lock/testdata/${name}`, import.meta.url), 'utf8');
const powercfgSleeps = (): Json => ({
  text: `${powercfgCapture('powercfg-query-hyperv.txt')}\n${powercfgCapture('powercfg-qh-standbyidle.txt')}`,
  error: null,
});
const powercfgNeverOnBattery = (): Json => ({
  text: `${powercfgCapture('powercfg-query-hyperv.txt')}\n${powercfgCapture('powercfg-display-lock.txt')}`,
  error: null,
});

/**
 * The browsers script's answer for one user with one Chromium-family profile. The Preferences text
 * follows the shape Chromium 156 writes (fixtures/samples/browsers/chromium-156); `.lnk` fields are
 * WScript.Shell's (TargetPath, Arguments).
 */
const browserHome = (user: string, browser: string, dataDir: string, exceptions: JsonObjectLike, shortcuts: Json[] = [], firefox: Json = null): Json => ({
  user,
  home: `C:\\Users\\${user}`,
  dirs: [
    {
      browser,
      root: `C:\\Users\\${user}\\${dataDir}`,
      localState: JSON.stringify({ profile: { info_cache: { Default: { name: 'Person 1' } } } }),
      localStateError: null,
      listError: null,
      profiles: [
        {
          dir: 'Default',
          prefs: JSON.stringify({ profile: { content_settings: { exceptions: { notifications: exceptions } } } }),
          prefsError: null,
          icons: null,
          iconsError: null,
          registry: [],
          registryError: null,
        },
      ],
    },
  ],
  shortcuts,
  firefox,
});
type JsonObjectLike = Record<string, { last_modified: string; setting: number }>;

/*
 * The `firefox` member of a home (firefox-windows-script.ts): profiles.ini and permissions.sqlite are
 * real files firefox-esr 153.8 wrote on Debian 12 (fixtures/samples/browsers/firefox/README.md: one
 * notification allow for https://web.whatsapp.com among others); profiles.ini's Path is given the
 * Windows layout (`Profiles/`, firefox-profiles.ts). `permissions` null: the profile has no
 * permissions.sqlite (nothing of concern).
 */
const firefoxSamples = new URL('../../fixtures/samples/browsers/firefox/', import.meta.url);
const firefoxHome = (user: string, permissions: Buffer | null): Json => {
  const root = `C:\\Users\\${user}\\AppData\\Roaming\\Mozilla\\Firefox`;
  const directory = 'vto0jbur.charter-fixture';
  const ini = readFileSync(new URL('profiles.ini', firefoxSamples), 'utf8').replace(`Path=${directory}`, `Path=Profiles/${directory}`).replace(/\n/g, '\r\n');
  const file = (bytes: Buffer): Json => ({ size: bytes.length, b64: bytes.toString('base64'), error: null, changed: false });
  return {
    root,
    homeError: null,
    present: true,
    ini: { size: Buffer.byteLength(ini), text: ini, error: null, changed: false },
    listError: null,
    truncated: false,
    folders: [{ path: `${root}\\Profiles\\${directory}`, db: permissions === null ? null : file(permissions), wal: null, journal: null }],
  };
};
const firefoxPermissions = (): Buffer => gunzipSync(readFileSync(new URL('permissions.sqlite.gz', firefoxSamples)));

const compliant = (): Outputs => ({
  browsers: [browserHome('alice', 'edge', 'AppData\\Local\\Microsoft\\Edge\\User Data', {}, [], firefoxHome('alice', null))],
  os: {
    Caption: 'Microsoft Windows 11 Enterprise',
    Version: '10.0.26100',
    BuildNumber: '26100',
    OSArchitecture: '64-bit',
    CSName: 'LU-PC-0142',
    ProductType: 1,
    DisplayVersion: '24H2',
    UBR: 7171,
    EditionID: 'Enterprise',
    CurrentBuild: '26100',
    ProcessorArchitecture: 'AMD64',
  },
  uninstall: [
    {
      root: 'HKLM',
      sid: null,
      user: null,
      key: '{5C1E3F2A-9B7D-4E1A-8C3B-2F0D6A7E9B11}',
      DisplayName: 'Microsoft Edge',
      DisplayVersion: '142.0.3595.80',
      Publisher: 'Microsoft Corporation',
      InstallLocation: 'C:\\Program Files (x86)\\Microsoft\\Edge\\Application',
      SystemComponent: null,
      ParentKeyName: null,
    },
    {
      root: 'HKLM',
      sid: null,
      user: null,
      key: 'AddressBook',
      DisplayName: null,
      DisplayVersion: null,
      Publisher: null,
      InstallLocation: null,
      SystemComponent: null,
      ParentKeyName: null,
    },
    {
      root: 'HKLM',
      sid: null,
      user: null,
      key: '{8C2E4B3D-1111-4A2B-9C3D-5E6F7A8B9C0D}',
      DisplayName: 'Windows SDK AddOn',
      DisplayVersion: '10.1.0.0',
      Publisher: 'Microsoft Corporation',
      InstallLocation: null,
      SystemComponent: 1,
      ParentKeyName: null,
    },
    {
      root: 'HKLM-WOW6432Node',
      sid: null,
      user: null,
      key: '7-Zip',
      DisplayName: '7-Zip 24.08 (x64)',
      DisplayVersion: '24.08',
      Publisher: 'Igor Pavlov',
      InstallLocation: 'C:\\Program Files\\7-Zip\\',
      SystemComponent: null,
      ParentKeyName: null,
    },
    {
      root: 'HKU',
      sid: aliceSid,
      user: 'alice',
      key: 'luxchat4gov',
      DisplayName: 'Luxchat4Gov',
      DisplayVersion: '1.11.52',
      Publisher: 'CTIE',
      InstallLocation: 'C:\\Users\\alice\\AppData\\Local\\luxchat4gov',
      SystemComponent: null,
      ParentKeyName: null,
    },
  ],
  appx: {
    allUsers: true,
    currentUser: 'alice',
    note: null,
    packages: [
      {
        Name: 'Microsoft.WindowsCalculator',
        PackageFamilyName: 'Microsoft.WindowsCalculator_8wekyb3d8bbwe',
        PackageFullName: 'Microsoft.WindowsCalculator_11.2409.0.0_x64__8wekyb3d8bbwe',
        Version: '11.2409.0.0',
        InstallLocation: 'C:\\Program Files\\WindowsApps\\Microsoft.WindowsCalculator_11.2409.0.0_x64__8wekyb3d8bbwe',
        IsFramework: false,
        Users: [{ user: 'LU-PC-0142\\alice', sid: aliceSid, state: 'Installed' }],
      },
      {
        Name: 'Microsoft.VCLibs.140.00',
        PackageFamilyName: 'Microsoft.VCLibs.140.00_8wekyb3d8bbwe',
        PackageFullName: 'Microsoft.VCLibs.140.00_14.0.33519.0_x64__8wekyb3d8bbwe',
        Version: '14.0.33519.0',
        InstallLocation: 'C:\\Program Files\\WindowsApps\\Microsoft.VCLibs.140.00_14.0.33519.0_x64__8wekyb3d8bbwe',
        IsFramework: true,
        Users: [{ user: 'LU-PC-0142\\alice', sid: aliceSid, state: 'Installed' }],
      },
    ],
  },
  activity: {
    processes: [
      { pid: 4, name: 'System', exe: null, user: null },
      { pid: 5120, name: 'explorer.exe', exe: 'C:\\Windows\\explorer.exe', user: 'LU-PC-0142\\alice' },
      { pid: 7344, name: 'Luxchat4Gov.exe', exe: 'C:\\Users\\alice\\AppData\\Local\\luxchat4gov\\app-1.11.52\\Luxchat4Gov.exe', user: 'LU-PC-0142\\alice' },
      { pid: 7410, name: 'Luxchat4Gov.exe', exe: 'C:\\Users\\alice\\AppData\\Local\\luxchat4gov\\app-1.11.52\\Luxchat4Gov.exe', user: 'LU-PC-0142\\alice' },
    ],
    ownerNote: null,
    dirs: [
      {
        user: 'alice',
        rel: 'AppData\\Roaming\\Luxchat4Gov',
        path: 'C:\\Users\\alice\\AppData\\Roaming\\Luxchat4Gov',
        lastChange: '2026-11-20T09:41:07.000Z',
        lastChangePath: 'C:\\Users\\alice\\AppData\\Roaming\\Luxchat4Gov\\IndexedDB',
      },
      {
        user: 'alice',
        rel: 'AppData\\Local\\luxchat4gov',
        path: 'C:\\Users\\alice\\AppData\\Local\\luxchat4gov',
        lastChange: '2026-11-03T08:15:00.000Z',
        lastChangePath: 'C:\\Users\\alice\\AppData\\Local\\luxchat4gov\\app-1.11.52',
      },
    ],
    configs: [
      {
        user: 'alice',
        rel: 'AppData\\Roaming\\Luxchat4Gov\\config.json',
        path: 'C:\\Users\\alice\\AppData\\Roaming\\Luxchat4Gov\\config.json',
        content: elementConfig,
        error: null,
      },
    ],
  },
  encryption: {
    systemDrive: 'C:',
    bitlocker: [
      {
        MountPoint: 'C:',
        VolumeType: 0,
        VolumeStatus: 1,
        ProtectionStatus: 1,
        EncryptionMethod: 6,
        EncryptionPercentage: 100,
        LockStatus: 0,
        KeyProtector: ['Tpm', 'RecoveryPassword'],
      },
    ],
    bitlockerError: null,
    cim: null,
    cimError: null,
    shellProtection: null,
    pagingFiles: ['C:\\pagefile.sys'],
    ntfsEncryptPagingFile: 0,
  },
  firewall: {
    active: [
      { Name: 'Domain', Enabled: 1, DefaultInboundAction: 4, DefaultOutboundAction: 2 },
      { Name: 'Private', Enabled: 1, DefaultInboundAction: 4, DefaultOutboundAction: 2 },
      { Name: 'Public', Enabled: 1, DefaultInboundAction: 0, DefaultOutboundAction: 0 },
    ],
    activeError: null,
    local: [
      { Name: 'Domain', Enabled: 1, DefaultInboundAction: 0, DefaultOutboundAction: 0 },
      { Name: 'Private', Enabled: 1, DefaultInboundAction: 0, DefaultOutboundAction: 0 },
      { Name: 'Public', Enabled: 1, DefaultInboundAction: 0, DefaultOutboundAction: 0 },
    ],
    service: 'Running',
  },
  screenLock: {
    power: powercfgSleeps(),
    powerPolicy: { consoleLock: {}, standbyIdle: {} },
    machine: { InactivityTimeoutSecs: 600 },
    winlogon: {},
    users: [
      {
        sid: aliceSid,
        user: 'alice',
        desktop: { ScreenSaveActive: '1', ScreenSaverIsSecure: '1', ScreenSaveTimeOut: '900' },
        policy: { ScreenSaveActive: '1', ScreenSaverIsSecure: '1', ScreenSaveTimeOut: '600', 'SCRNSAVE.EXE': 'scrnsave.scr' },
        system: {},
      },
    ],
  },
  login: {
    winlogonRead: true,
    AutoAdminLogon: '0',
    DefaultUserName: 'alice',
    DefaultDomainName: 'LU-PC-0142',
    AutoLogonCount: null,
    HasDefaultPassword: false,
    guest: { name: 'Guest', enabled: false, via: 'Get-LocalUser' },
    guestError: null,
  },
  pending: { pending: [], error: null },
  updates: {
    au: { NoAutoUpdate: 0, AUOptions: 4, ScheduledInstallDay: 0, ScheduledInstallTime: 3 },
    wu: {},
    ux: {},
    notificationLevel: 4,
    serviceStartType: 'Manual',
    results: { lastSearch: '2026-11-20T06:12:33.000Z', lastInstall: '2026-11-12T03:05:10.000Z' },
    history: [
      {
        date: '2026-11-12T03:05:10.000Z',
        title: '2026-11 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB0000002)',
        operation: 1,
        resultCode: 2,
      },
      {
        date: '2026-11-12T02:58:41.000Z',
        title: 'Security Intelligence Update for Microsoft Defender Antivirus - KB2267602 (Version 1.441.0.0)',
        operation: 1,
        resultCode: 2,
      },
      {
        date: '2026-10-15T03:01:00.000Z',
        title: '2026-10 Cumulative Update for Windows 11 Version 24H2 for x64-based Systems (KB0000001)',
        operation: 1,
        resultCode: 2,
      },
    ],
    hotfixes: [
      { id: 'KB0000001', description: 'Security Update', installedOn: '2026-10-14T22:00:00.000Z' },
      { id: 'KB0000002', description: 'Security Update', installedOn: '2026-11-11T23:00:00.000Z' },
    ],
    lastBoot: '2026-11-13T07:50:12.000Z',
    reboot: { windowsUpdate: false, componentServicing: false },
  },
  management: {
    enrollments: [
      {
        id: '4E1C5F2A-7B3D-4C9E-A1F0-2D3E4F5A6B7C',
        ProviderID: 'MS DM Server',
        EnrollmentState: 1,
        EnrollmentType: 6,
        UPN: 'alice@ctie.etat.lu',
        DiscoveryServiceFullURL: 'https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc',
        tasks: [
          { name: 'Schedule #1 created by enrollment client', lastRun: '2026-11-03T08:02:11.000Z', lastResult: 0 },
          { name: 'Schedule #3 created by enrollment client', lastRun: '2026-11-20T05:41:12.000Z', lastResult: 0 },
          { name: 'PushLaunch', lastRun: '1999-11-30T00:00:00.000Z', lastResult: 267011 },
        ],
      },
      {
        id: 'C1A2B3D4-0000-4000-8000-00000000A1B2',
        ProviderID: null,
        EnrollmentState: null,
        EnrollmentType: 0,
        UPN: null,
        DiscoveryServiceFullURL: null,
        tasks: [],
      },
    ],
    partOfDomain: false,
    domain: 'WORKGROUP',
    imeRunning: true,
    ccmExec: null,
  },
  listening: {
    tcp: [
      { LocalAddress: '0.0.0.0', LocalPort: 135, OwningProcess: 1012, process: 'svchost' },
      { LocalAddress: '::', LocalPort: 135, OwningProcess: 1012, process: 'svchost' },
      { LocalAddress: '0.0.0.0', LocalPort: 5040, OwningProcess: 6020, process: 'svchost' },
      { LocalAddress: '0.0.0.0', LocalPort: 49664, OwningProcess: 868, process: 'lsass' },
      { LocalAddress: '0.0.0.0', LocalPort: 49665, OwningProcess: 720, process: 'wininit' },
      { LocalAddress: '127.0.0.1', LocalPort: 49710, OwningProcess: 7344, process: 'Luxchat4Gov' },
    ],
    udp: [
      { LocalAddress: '0.0.0.0', LocalPort: 5353, OwningProcess: 2248, process: 'svchost' },
      { LocalAddress: '0.0.0.0', LocalPort: 5355, OwningProcess: 2248, process: 'svchost' },
      { LocalAddress: '127.0.0.1', LocalPort: 56021, OwningProcess: 3300, process: 'svchost' },
    ],
  },
});

const noncompliant = (): Outputs => ({
  browsers: [
    browserHome(
      'bob',
      'chrome',
      'AppData\\Local\\Google\\Chrome\\User Data',
      { 'https://web.whatsapp.com:443,*': { last_modified: '13440000000000000', setting: 1 } },
      [
        {
          path: 'C:\\Users\\bob\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Chrome Apps\\WhatsApp Web.lnk',
          target: 'C:\\Program Files\\Google\\Chrome\\Application\\chrome_proxy.exe',
          args: '--profile-directory=Default --app-id=hnpfjngllnobngcgfapefoaidbinmjnm',
          name: 'WhatsApp Web',
        },
      ],
      firefoxHome('bob', firefoxPermissions()),
    ),
  ],
  os: {
    Caption: 'Microsoft Windows 11 Pro',
    Version: '10.0.22621',
    BuildNumber: '22621',
    OSArchitecture: '64-bit',
    CSName: 'DESKTOP-7Q2M4KD',
    ProductType: 1,
    DisplayVersion: '22H2',
    UBR: 4317,
    EditionID: 'Professional',
    CurrentBuild: '22621',
    ProcessorArchitecture: 'AMD64',
  },
  uninstall: [
    {
      root: 'HKLM',
      sid: null,
      user: null,
      key: 'PostgreSQL 16',
      DisplayName: 'PostgreSQL 16 ',
      DisplayVersion: '16.4-1',
      Publisher: 'PostgreSQL Global Development Group',
      InstallLocation: 'C:\\Program Files\\PostgreSQL\\16',
      SystemComponent: null,
      ParentKeyName: null,
    },
    {
      root: 'HKLM-WOW6432Node',
      sid: null,
      user: null,
      key: 'Dropbox',
      DisplayName: 'Dropbox',
      DisplayVersion: '236.4.6110',
      Publisher: 'Dropbox, Inc.',
      InstallLocation: 'C:\\Program Files (x86)\\Dropbox',
      SystemComponent: null,
      ParentKeyName: null,
    },
    {
      root: 'HKLM-WOW6432Node',
      sid: null,
      user: null,
      key: 'Dropbox Update Helper',
      DisplayName: 'Dropbox Update Helper',
      DisplayVersion: '1.3.1007.1',
      Publisher: 'Dropbox, Inc.',
      InstallLocation: null,
      SystemComponent: 1,
      ParentKeyName: null,
    },
  ],
  appx: {
    allUsers: true,
    currentUser: 'bob',
    note: null,
    packages: [
      {
        Name: '5319275A.WhatsAppDesktop',
        PackageFamilyName: '5319275A.WhatsAppDesktop_cv1g1gvanyjgm',
        PackageFullName: '5319275A.WhatsAppDesktop_2.2546.3.0_x64__cv1g1gvanyjgm',
        Version: '2.2546.3.0',
        InstallLocation: 'C:\\Program Files\\WindowsApps\\5319275A.WhatsAppDesktop_2.2546.3.0_x64__cv1g1gvanyjgm',
        IsFramework: false,
        Users: [{ user: 'DESKTOP-7Q2M4KD\\bob', sid: bobSid, state: 'Installed' }],
      },
      {
        Name: 'TelegramMessengerLLP.TelegramDesktop',
        PackageFamilyName: 'TelegramMessengerLLP.TelegramDesktop_t4vj0pshhgkwm',
        PackageFullName: 'TelegramMessengerLLP.TelegramDesktop_6.2.4.0_x64__t4vj0pshhgkwm',
        Version: '6.2.4.0',
        InstallLocation: 'C:\\Program Files\\WindowsApps\\TelegramMessengerLLP.TelegramDesktop_6.2.4.0_x64__t4vj0pshhgkwm',
        IsFramework: false,
        Users: [{ user: 'DESKTOP-7Q2M4KD\\bob', sid: bobSid, state: 'Installed' }],
      },
      {
        Name: 'Microsoft.WindowsCalculator',
        PackageFamilyName: 'Microsoft.WindowsCalculator_8wekyb3d8bbwe',
        PackageFullName: 'Microsoft.WindowsCalculator_11.2409.0.0_x64__8wekyb3d8bbwe',
        Version: '11.2409.0.0',
        InstallLocation: 'C:\\Program Files\\WindowsApps\\Microsoft.WindowsCalculator_11.2409.0.0_x64__8wekyb3d8bbwe',
        IsFramework: false,
        Users: [],
      },
    ],
  },
  activity: {
    processes: [
      { pid: 4, name: 'System', exe: null, user: null },
      {
        pid: 6612,
        name: 'WhatsApp.exe',
        exe: 'C:\\Program Files\\WindowsApps\\5319275A.WhatsAppDesktop_2.2546.3.0_x64__cv1g1gvanyjgm\\WhatsApp.exe',
        user: 'DESKTOP-7Q2M4KD\\bob',
      },
      { pid: 5904, name: 'Dropbox.exe', exe: 'C:\\Program Files (x86)\\Dropbox\\Client\\Dropbox.exe', user: 'DESKTOP-7Q2M4KD\\bob' },
      { pid: 3120, name: 'postgres.exe', exe: 'C:\\Program Files\\PostgreSQL\\16\\bin\\postgres.exe', user: 'NT AUTHORITY\\NETWORK SERVICE' },
    ],
    ownerNote: null,
    dirs: [
      {
        user: 'bob',
        rel: 'AppData\\Local\\Packages\\5319275A.WhatsAppDesktop_cv1g1gvanyjgm',
        path: 'C:\\Users\\bob\\AppData\\Local\\Packages\\5319275A.WhatsAppDesktop_cv1g1gvanyjgm',
        lastChange: '2026-11-19T18:22:05.000Z',
        lastChangePath: 'C:\\Users\\bob\\AppData\\Local\\Packages\\5319275A.WhatsAppDesktop_cv1g1gvanyjgm\\LocalState',
      },
      {
        user: 'bob',
        rel: 'AppData\\Local\\Dropbox',
        path: 'C:\\Users\\bob\\AppData\\Local\\Dropbox',
        lastChange: '2026-11-20T09:55:41.000Z',
        lastChangePath: 'C:\\Users\\bob\\AppData\\Local\\Dropbox\\instance1',
      },
    ],
    configs: [],
  },
  encryption: {
    systemDrive: 'C:',
    bitlocker: [
      { MountPoint: 'C:', VolumeType: 0, VolumeStatus: 0, ProtectionStatus: 0, EncryptionMethod: 0, EncryptionPercentage: 0, LockStatus: 0, KeyProtector: [] },
    ],
    bitlockerError: null,
    cim: null,
    cimError: null,
    shellProtection: null,
    pagingFiles: ['C:\\pagefile.sys'],
    ntfsEncryptPagingFile: 0,
  },
  firewall: {
    active: [
      { Name: 'Domain', Enabled: 1, DefaultInboundAction: 4, DefaultOutboundAction: 2 },
      { Name: 'Private', Enabled: 0, DefaultInboundAction: 2, DefaultOutboundAction: 2 },
      { Name: 'Public', Enabled: 0, DefaultInboundAction: 0, DefaultOutboundAction: 0 },
    ],
    activeError: null,
    local: [
      { Name: 'Domain', Enabled: 1, DefaultInboundAction: 0, DefaultOutboundAction: 0 },
      { Name: 'Private', Enabled: 0, DefaultInboundAction: 2, DefaultOutboundAction: 0 },
      { Name: 'Public', Enabled: 0, DefaultInboundAction: 0, DefaultOutboundAction: 0 },
    ],
    service: 'Running',
  },
  screenLock: {
    power: powercfgNeverOnBattery(),
    powerPolicy: { consoleLock: {}, standbyIdle: {} },
    machine: {},
    winlogon: {},
    users: [{ sid: bobSid, user: 'bob', desktop: { ScreenSaveActive: '1', ScreenSaverIsSecure: '0', ScreenSaveTimeOut: '1800' }, policy: {}, system: {} }],
  },
  login: {
    winlogonRead: true,
    AutoAdminLogon: '1',
    DefaultUserName: 'bob',
    DefaultDomainName: 'DESKTOP-7Q2M4KD',
    AutoLogonCount: null,
    HasDefaultPassword: true,
    guest: { name: 'Guest', enabled: true, via: 'Get-LocalUser' },
    guestError: null,
  },
  pending: {
    pending: [
      {
        title: '2026-11 Cumulative Update for Windows 11 Version 22H2 for x64-based Systems (KB0000005)',
        kb: ['0000005'],
        severity: 'Critical',
        categories: ['0fa1201d-4330-4fa8-8ae9-b877473b6441'],
      },
      {
        title: '2026-10 Cumulative Update for Windows 11 Version 22H2 for x64-based Systems (KB0000004)',
        kb: ['0000004'],
        severity: 'Important',
        categories: ['0fa1201d-4330-4fa8-8ae9-b877473b6441'],
      },
      { title: 'Intel Corporation - Display - 31.0.101.4502', kb: [], severity: null, categories: ['ebfc1fc5-71a4-4f7b-9aca-3b9a503104a0'] },
    ],
    error: null,
  },
  updates: {
    au: { NoAutoUpdate: 1 },
    wu: {},
    ux: {},
    notificationLevel: 1,
    serviceStartType: 'Manual',
    results: { lastSearch: '2026-08-02T11:20:00.000Z', lastInstall: '2026-07-15T02:10:00.000Z' },
    history: [
      {
        date: '2026-07-15T02:10:00.000Z',
        title: '2026-07 Cumulative Update for Windows 11 Version 22H2 for x64-based Systems (KB0000003)',
        operation: 1,
        resultCode: 2,
      },
    ],
    hotfixes: [{ id: 'KB0000003', description: 'Security Update', installedOn: '2026-07-14T22:00:00.000Z' }],
    lastBoot: '2026-07-10T08:00:00.000Z',
    reboot: { windowsUpdate: true, componentServicing: false },
  },
  management: { enrollments: [], partOfDomain: false, domain: 'WORKGROUP', imeRunning: null, ccmExec: null },
  listening: {
    tcp: [
      { LocalAddress: '0.0.0.0', LocalPort: 135, OwningProcess: 1008, process: 'svchost' },
      { LocalAddress: '0.0.0.0', LocalPort: 445, OwningProcess: 4, process: 'System' },
      { LocalAddress: '0.0.0.0', LocalPort: 3389, OwningProcess: 1320, process: 'svchost' },
      { LocalAddress: '0.0.0.0', LocalPort: 5432, OwningProcess: 3120, process: 'postgres' },
      { LocalAddress: '::', LocalPort: 5432, OwningProcess: 3120, process: 'postgres' },
      { LocalAddress: '192.168.1.23', LocalPort: 139, OwningProcess: 4, process: 'System' },
    ],
    udp: [{ LocalAddress: '192.168.1.23', LocalPort: 137, OwningProcess: 4, process: 'System' }],
  },
});

const ps = (script: string, stdout: string): RecordedCommand => ({
  argv: [powershellProgram, ...psArgs(script)],
  exitCode: 0,
  stdout,
  stderr: '',
  timedOut: false,
});

/** commands.json of a fixture; `utf16` names the outputs stored as UTF-16LE with a BOM. */
export const fixtureCommands = (name: WindowsFixtureName, catalog: Catalog): RecordedCommand[] => {
  const o = name === 'windows11-compliant' ? compliant() : noncompliant();
  const out = (key: string): Json => o[key] ?? null;
  const utf16 = new Set(name === 'windows11-compliant' ? ['os'] : ['firewall']);
  const text = (key: string): string => (utf16.has(key) ? asUtf16leSeenAsUtf8(psJson(out(key))) : psJson(out(key)));
  const device = name === 'windows11-compliant' ? 'LU-PC-0142' : 'DESKTOP-7Q2M4KD';
  const dsreg =
    name === 'windows11-compliant'
      ? dsregcmd({ azure: true, tenant: 'CTIE', mdmUrl: 'https://enrollment.manage.microsoft.com/enrollmentserver/discovery.svc', device })
      : dsregcmd({ azure: false, device });
  return [
    ps(windowsOsScript, text('os')),
    ps(windowsUninstallScript, text('uninstall')),
    ps(windowsAppxScript, text('appx')),
    ps(windowsActivityScript(catalog, true), text('activity')),
    ps(windowsBrowsersScript, text('browsers')),
    ps(windowsEncryptionScript, text('encryption')),
    ps(windowsFirewallScript, text('firewall')),
    ps(windowsScreenLockScript, text('screenLock')),
    ps(windowsLoginScript, text('login')),
    ps(windowsUpdatesScript, text('updates')),
    ps(windowsPendingUpdatesScript, text('pending')),
    ps(windowsManagementScript, text('management')),
    ps(windowsListeningScript, text('listening')),
    { argv: ['dsregcmd.exe', '/status'], exitCode: 0, stdout: dsreg, stderr: '', timedOut: false },
  ];
};

export const fixtureManifest = (name: WindowsFixtureName): ReplayManifest => ({
  platform: 'windows',
  name,
  recordedAt,
  tool: 'built from documentation (src/testing/windows-fixture-hosts.ts), not recorded',
  capabilities: { read: true, exec: true, live: true },
});

/** The files of a fixture directory as text, by file name. */
export const fixtureFiles = (name: WindowsFixtureName, catalog: Catalog): Record<string, string> => ({
  'host.json': `${JSON.stringify(fixtureManifest(name), null, 2)}\n`,
  'commands.json': `${JSON.stringify(fixtureCommands(name, catalog), null, 2)}\n`,
});

/**
 * End of security support per operating-system release, as dated data: UPD-01's verdict flips on
 * the date by itself, with no code change. Transcribed from /work/shared/reference/lifecycles.md
 * (researched for 2026-12-07); only dated rows are here. A release the reference gives no date for
 * (macOS 14, Oracle Linux 10, Linux Mint, Fedora 45, Alpine 3.25, Ubuntu 26.10, Windows 11 26H2 …)
 * is left out on purpose: a host running it gets `supported: null`, so the rule errors, never passes.
 *
 * Dates are the *last day covered*, ISO 8601. `YYYY-MM` is a month-only vendor date (Canonical):
 * it covers the whole month. `verified: false` marks rows the reference tags unverified (U):
 * estimates, or sources that disagree; `note` says why.
 */

/** Operating systems the table knows; `centos` is CentOS Linux, `centos-stream` CentOS Stream. */
export type LifecycleOs =
  | 'debian'
  | 'ubuntu'
  | 'rhel'
  | 'almalinux'
  | 'rocky'
  | 'ol'
  | 'centos'
  | 'centos-stream'
  | 'fedora'
  | 'opensuse-leap'
  | 'sles'
  | 'alpine'
  | 'macos'
  | 'windows';

/**
 * Windows servicing columns, chosen from the registry's EditionID: `home-pro` (Core*, Professional*),
 * `enterprise-education` (Enterprise*, Education*, IoTEnterprise, ServerRdsh), `ltsc` (EnterpriseS*),
 * `iot-ltsc` (IoTEnterpriseS*).
 */
export type WindowsEditionGroup = 'home-pro' | 'enterprise-education' | 'ltsc' | 'iot-ltsc';

/** `YYYY-MM-DD`, or `YYYY-MM` when the vendor publishes only the month. */
export type EndDate = string;

/** The last day an end date covers: the date itself, or the last day of a month-only date. */
export const lastDayCovered = (end: EndDate): string => {
  if (/^\d{4}-\d{2}-\d{2}$/.test(end)) return end;
  const [year = 0, month = 0] = end.split('-').map(Number);
  return new Date(Date.UTC(year, month, 0)).toISOString().slice(0, 10);
};

export interface LifecycleEntry {
  readonly os: LifecycleOs;
  /**
   * The release as the host reports it: the major of VERSION_ID (Debian, RHEL family, CentOS),
   * VERSION_ID (Ubuntu, Fedora, Leap, SLES), the x.y branch (Alpine), the major (macOS), the
   * CurrentBuild (Windows).
   */
  readonly release: string;
  /** Windows only: which servicing column. */
  readonly edition?: WindowsEditionGroup;
  readonly label: string;
  /**
   * End of the vendor's regular (free) security support. Null only for a current macOS major:
   * Apple publishes no end, and patches the three newest majors (see `note`).
   */
  readonly end: EndDate | null;
  /** Debian only: end of Debian LTS (community, served from the normal security suite, no action needed). */
  readonly lts?: EndDate;
  /** Ubuntu only: end of ESM, counted only when the host shows Ubuntu Pro with esm-infra enabled. */
  readonly esm?: EndDate;
  /** Ubuntu only: end of the Legacy add-on, counted only when esm-infra-legacy is enabled. */
  readonly legacy?: EndDate;
  /** Where the dates were read (https). */
  readonly source: string;
  /** When the row was last checked against its source (YYYY-MM-DD). */
  readonly checked: string;
  readonly verified: boolean;
  readonly note?: string;
}

/** The day the whole table was last checked; a table much older than this needs a review. */
export const tableChecked = '2026-12-07';

const checked = tableChecked;
const eol = (product: string): string => `https://github.com/endoflife-date/endoflife.date/blob/a70eca33/products/${product}.md`;
const ubuntuSite = 'https://ubuntu.com/about/release-cycle';
const alpineData = 'https://github.com/endoflife-date/release-data/blob/0dee6c6a/releases/alpine-linux.json';

const debian: LifecycleEntry[] = [
  { os: 'debian', release: '9', label: 'Debian 9 (stretch)', end: '2020-07-18', lts: '2022-06-30', source: eol('debian'), checked, verified: true },
  { os: 'debian', release: '10', label: 'Debian 10 (buster)', end: '2022-09-10', lts: '2024-06-30', source: eol('debian'), checked, verified: true },
  { os: 'debian', release: '11', label: 'Debian 11 (bullseye)', end: '2024-08-14', lts: '2026-08-31', source: eol('debian'), checked, verified: true },
  {
    os: 'debian',
    release: '12',
    label: 'Debian 12 (bookworm)',
    end: '2026-07-11',
    lts: '2028-06-30',
    source: eol('debian'),
    checked,
    verified: true,
    note: "Regular end from endoflife.date's scrape of debian.org (earlier sources: 2026-06-10); both are past, LTS is not affected.",
  },
  {
    os: 'debian',
    release: '13',
    label: 'Debian 13 (trixie)',
    end: '2028-08-09',
    lts: '2030-06-30',
    source: eol('debian'),
    checked,
    verified: true,
    note: 'Planned dates.',
  },
];

const ubuntuLts = (release: string, name: string, end: EndDate, esm: EndDate, legacy: EndDate): LifecycleEntry => ({
  os: 'ubuntu',
  release,
  label: `Ubuntu ${release} LTS (${name})`,
  end,
  esm,
  legacy,
  source: ubuntuSite,
  checked,
  verified: true,
});

const ubuntu: LifecycleEntry[] = [
  ubuntuLts('14.04', 'Trusty Tahr', '2019-04', '2024-05', '2029-05'),
  ubuntuLts('16.04', 'Xenial Xerus', '2021-04-30', '2026-05', '2031-05'),
  ubuntuLts('18.04', 'Bionic Beaver', '2023-05-31', '2028-05', '2033-05'),
  ubuntuLts('20.04', 'Focal Fossa', '2025-05-29', '2030-05', '2035-05'),
  ubuntuLts('22.04', 'Jammy Jellyfish', '2027-05', '2032-05', '2037-05'),
  ubuntuLts('24.04', 'Noble Numbat', '2029-05', '2034-05', '2039-05'),
  ubuntuLts('26.04', 'Resolute Raccoon', '2031-05', '2036-05', '2041-05'),
  { os: 'ubuntu', release: '24.10', label: 'Ubuntu 24.10 (Oracular Oriole)', end: '2025-07-10', source: eol('ubuntu'), checked, verified: true },
  {
    os: 'ubuntu',
    release: '25.04',
    label: 'Ubuntu 25.04 (Plucky Puffin)',
    end: '2026-01-15',
    source: 'https://www.html.it/magazine/fine-supporto-per-ubuntu-25-04-perche-aggiornare-ora-e-fondamentale/',
    checked,
    verified: true,
  },
  { os: 'ubuntu', release: '25.10', label: 'Ubuntu 25.10 (Questing Quokka)', end: '2026-07', source: ubuntuSite, checked, verified: true },
];

const enterpriseLinux = (os: LifecycleOs, name: string, product: string, dates: Readonly<Record<string, EndDate>>): LifecycleEntry[] =>
  Object.entries(dates).map(([release, end]) => ({ os, release, label: `${name} ${release}`, end, source: eol(product), checked, verified: true }));

const redHatFamily: LifecycleEntry[] = [
  ...enterpriseLinux('rhel', 'Red Hat Enterprise Linux', 'rhel', { '7': '2024-06-30', '8': '2029-05-31', '9': '2032-05-31', '10': '2035-05-31' }),
  ...enterpriseLinux('almalinux', 'AlmaLinux', 'almalinux', { '8': '2029-05-31', '9': '2032-05-31', '10': '2035-05-31' }),
  ...enterpriseLinux('rocky', 'Rocky Linux', 'rocky-linux', { '8': '2029-05-31', '9': '2032-05-31', '10': '2035-05-31' }),
  ...enterpriseLinux('ol', 'Oracle Linux', 'oracle-linux', { '7': '2024-12-31', '8': '2029-07-31', '9': '2032-06-30' }),
  ...enterpriseLinux('centos', 'CentOS Linux', 'centos', { '7': '2024-06-30', '8': '2021-12-31' }),
  { os: 'centos-stream', release: '8', label: 'CentOS Stream 8', end: '2024-05-31', source: eol('centos-stream'), checked, verified: true },
  {
    os: 'centos-stream',
    release: '9',
    label: 'CentOS Stream 9',
    end: '2027-05-31',
    source: eol('centos-stream'),
    checked,
    verified: false,
    note: "Red Hat's estimated end of builds.",
  },
  {
    os: 'centos-stream',
    release: '10',
    label: 'CentOS Stream 10',
    end: '2030-05-31',
    source: eol('centos-stream'),
    checked,
    verified: false,
    note: 'Estimated: the end of RHEL 10 full support.',
  },
];

const fedora: LifecycleEntry[] = [
  ...enterpriseLinux('fedora', 'Fedora', 'fedora', { '40': '2025-05-13', '41': '2025-12-15', '42': '2026-05-27' }),
  {
    os: 'fedora',
    release: '43',
    label: 'Fedora 43',
    end: '2026-12-09',
    source: eol('fedora'),
    checked,
    verified: false,
    note: "Fedora's schedule; the os-release SUPPORT_END of installed systems says 2026-12-02.",
  },
  {
    os: 'fedora',
    release: '44',
    label: 'Fedora 44',
    end: '2027-06-02',
    source: eol('fedora'),
    checked,
    verified: false,
    note: "Fedora's schedule; the os-release SUPPORT_END of installed systems says 2027-05-19.",
  },
];

const suse: LifecycleEntry[] = [
  ...enterpriseLinux('opensuse-leap', 'openSUSE Leap', 'opensuse', { '15.5': '2024-12-31', '15.6': '2026-04-30', '16.0': '2027-10-31' }),
  ...[
    ['12.5', '12 SP5', '2024-10-31'],
    ['15.5', '15 SP5', '2024-12-31'],
    ['15.6', '15 SP6', '2025-12-31'],
    ['15.7', '15 SP7', '2031-07-31'],
    ['16.0', '16.0', '2027-11-30'],
  ].map(([release = '', name = '', end = '']): LifecycleEntry => ({
    os: 'sles',
    release,
    label: `SUSE Linux Enterprise Server ${name}`,
    end,
    source: eol('sles'),
    checked,
    verified: true,
    note: 'General support; LTSS (paid) is not counted.',
  })),
];

const alpine: LifecycleEntry[] = Object.entries({
  '3.19': '2025-11-01',
  '3.20': '2026-04-01',
  '3.21': '2026-11-01',
  '3.22': '2027-05-01',
  '3.23': '2027-11-01',
  '3.24': '2028-06-01',
}).map(([release, end]) => ({
  os: 'alpine',
  release,
  label: `Alpine Linux ${release}`,
  end,
  source: alpineData,
  checked,
  verified: true,
  note: 'The main repository.',
}));

const macos: LifecycleEntry[] = [
  {
    os: 'macos',
    release: '12',
    label: 'macOS 12 Monterey',
    end: '2024-09-16',
    source: eol('macos'),
    checked,
    verified: true,
    note: 'Dropped at the release of macOS 15.',
  },
  {
    os: 'macos',
    release: '13',
    label: 'macOS 13 Ventura',
    end: '2025-09-15',
    source: eol('macos'),
    checked,
    verified: true,
    note: 'Dropped at the release of macOS 26.',
  },
  {
    os: 'macos',
    release: '15',
    label: 'macOS 15 Sequoia',
    end: null,
    source: eol('macos'),
    checked,
    verified: true,
    note: 'Apple publishes no end; it patches the three newest majors, so Sequoia is expected to drop when macOS 28 ships (about autumn 2027).',
  },
  {
    os: 'macos',
    release: '26',
    label: 'macOS 26 Tahoe',
    end: null,
    source: eol('macos'),
    checked,
    verified: true,
    note: 'Apple publishes no end; the current major in the newest sources, expected to drop when macOS 29 ships (about autumn 2028).',
  },
];

const windowsRow = (release: string, edition: WindowsEditionGroup, label: string, end: EndDate, note?: string): LifecycleEntry => ({
  os: 'windows',
  release,
  edition,
  label,
  end,
  source: eol('windows'),
  checked,
  verified: true,
  ...(note === undefined ? {} : { note }),
});

const noEsu = 'Extended Security Updates (paid or enrolled per device) are not counted: charter reads no ESU licence yet.';

/** Windows 11 general availability: Home/Pro 24 months, Enterprise/Education 36 months. */
const windows11 = (version: string, build: string, homePro: EndDate, enterprise: EndDate): LifecycleEntry[] => [
  windowsRow(build, 'home-pro', `Windows 11 ${version} (build ${build}) Home/Pro`, homePro),
  windowsRow(build, 'enterprise-education', `Windows 11 ${version} (build ${build}) Enterprise/Education`, enterprise),
];

const windows: LifecycleEntry[] = [
  windowsRow('19045', 'home-pro', 'Windows 10 22H2 (build 19045) Home/Pro', '2025-10-14', noEsu),
  windowsRow('19045', 'enterprise-education', 'Windows 10 22H2 (build 19045) Enterprise/Education', '2025-10-14', noEsu),
  windowsRow('10240', 'ltsc', 'Windows 10 Enterprise LTSB 2015 (build 10240)', '2025-10-14'),
  windowsRow('14393', 'ltsc', 'Windows 10 Enterprise LTSB 2016 (build 14393)', '2026-10-13'),
  windowsRow('14393', 'iot-ltsc', 'Windows 10 IoT Enterprise LTSB 2016 (build 14393)', '2026-10-13'),
  windowsRow('17763', 'ltsc', 'Windows 10 Enterprise LTSC 2019 (build 17763)', '2029-01-09'),
  windowsRow('17763', 'iot-ltsc', 'Windows 10 IoT Enterprise LTSC 2019 (build 17763)', '2029-01-09'),
  windowsRow('19044', 'ltsc', 'Windows 10 Enterprise LTSC 2021 (build 19044)', '2027-01-12'),
  windowsRow('19044', 'iot-ltsc', 'Windows 10 IoT Enterprise LTSC 2021 (build 19044)', '2032-01-13'),
  ...windows11('21H2', '22000', '2023-10-10', '2024-10-08'),
  ...windows11('22H2', '22621', '2024-10-08', '2025-10-14'),
  ...windows11('23H2', '22631', '2025-11-11', '2026-11-10'),
  ...windows11('24H2', '26100', '2026-10-13', '2027-10-12'),
  ...windows11('25H2', '26200', '2027-10-12', '2028-10-10'),
  ...windows11('26H1', '28000', '2028-03-14', '2029-03-13'), // new Snapdragon X2 devices only
  windowsRow('26100', 'ltsc', 'Windows 11 Enterprise LTSC 2024 (build 26100)', '2029-10-09'),
  windowsRow('26100', 'iot-ltsc', 'Windows 11 IoT Enterprise LTSC 2024 (build 26100)', '2034-10-10'),
];

export type LifecycleTable = readonly LifecycleEntry[];

/**
 * Releases the reference names but cannot date (not in the table, so `supported: null`): the note
 * explains the error to whoever reads the finding, and says what to confirm before adding a row.
 */
export const undatedReleases: readonly { os: LifecycleOs; release: string; note: string }[] = [
  { os: 'debian', release: '14', note: 'Debian 14 (forky) is not released and has no published dates' },
  { os: 'ubuntu', release: '26.10', note: "Ubuntu 26.10's release and end, about July 2027, are schedule-based, not confirmed" },
  { os: 'ol', release: '10', note: "Oracle Linux 10's support dates were not found" },
  { os: 'fedora', release: '45', note: "Fedora 45's release and end were not visible in the sources; it ends four weeks after Fedora 47 ships" },
  { os: 'alpine', release: '3.25', note: 'Alpine 3.25 was not visible in the sources' },
  {
    os: 'macos',
    release: '14',
    note: "macOS 14 Sonoma's end is not confirmed: Apple drops it when macOS 27 ships, expected in September 2026; check Apple's security releases page",
  },
];

/** Every dated release, one entry each (Windows: one per build and servicing column). */
export const lifecycleTable: LifecycleTable = [...debian, ...ubuntu, ...redHatFamily, ...fedora, ...suse, ...alpine, ...macos, ...windows];

/** Debian/Ubuntu: unattended-upgrades, apt's lists against dpkg's status, apt's history. */
import { gunzipSync } from 'node:zlib';
import { readText, textOf, type Host } from '../../hosts/host.js';
import type { Json } from '../../model.js';
import { parseDpkgStatus } from '../../platform/linux/dpkg-status.js';
import { unitState } from '../../platform/linux/units.js';
import { AptConfig, aptConfParts, parseAptConf, periodicEnabled } from './apt-conf.js';
import {
  classifyListFiles,
  isSecuritySource,
  listsDir,
  pendingUpdates,
  releaseFor,
  releaseInfo,
  type InstalledPackage,
  type Offer,
  type PendingUpdate,
  type ReleaseInfo,
} from './apt-lists.js';
import { lastDpkgUpgrade, lastSuccessfulUpgrade, localTimeToIso, parseAptHistory } from './history.js';
import { scanPackagesList } from './apt-index.js';
import type { IndexEntry } from './apt-lists.js';
import type { SharedContext } from '../../platform/run-shared.js';
import { contentKind, fromContent, fromShared } from '../../content-memo.js';
import type { RunMemo } from '../../run-memo.js';
import type { UpdateFacts } from './facts.js';
import { newestIso } from './facts.js';

const dpkgStatus = '/var/lib/dpkg/status';

/** A probe's context as collectApt reads it: the run's shared work, and the run's memo (content-memo.ts). */
type AptContext = SharedContext & { readonly memo?: RunMemo | undefined };

/** What the updates probe takes from dpkg's status text. */
interface StatusFacts {
  /** A package that writes /var/run/reboot-required is installed (unattended-upgrades, update-notifier-common). */
  rebootFlagWriter: boolean;
  installed: readonly InstalledPackage[];
}

const statusFacts = (statusText: string): StatusFacts => {
  const rebootFlagWriter = /^Package: (unattended-upgrades|update-notifier-common)\nStatus: \S+ ok installed/m.test(statusText);
  const held = new Set([...statusText.matchAll(/^Package: (\S+)\nStatus: hold /gm)].map((m) => m[1] ?? ''));
  const installed: InstalledPackage[] = parseDpkgStatus(statusText).flatMap((r) =>
    r.version === null || r.architecture === null ? [] : [{ name: r.name, architecture: r.architecture, version: r.version, held: held.has(r.name) }],
  );
  return { rebootFlagWriter, installed };
};

// Computed once per run for each content the hosts share (content-memo.ts).
const statusKind = contentKind<StatusFacts>('apt: dpkg status');
const pendingKind = contentKind<PendingUpdate[]>('apt: pending updates');
const historyKind = contentKind<HistoryUpgrade | undefined>('apt: history.log');
const gzHistoryKind = contentKind<HistoryUpgrade | undefined>('apt: history.log.gz');
const dpkgLogKind = contentKind<{ last: string | undefined }>('apt: dpkg.log');

/** apt.conf.d parts in apt's order, then apt.conf (apt-pkg/init.cc reads the parts directory first). */
export const readAptConfig = async (host: Host): Promise<{ config: AptConfig; files: string[] }> => {
  const config = new AptConfig();
  const files: string[] = [];
  const readInto = async (path: string, depth: number): Promise<void> => {
    const text = await readText(host, path);
    if (text === undefined) return;
    files.push(path);
    for (const statement of parseAptConf(text)) {
      if (statement.kind === 'include' && depth < 10) {
        if (statement.path.endsWith('/')) {
          for (const name of aptConfParts((await host.readDir(statement.path)) ?? [])) await readInto(`${statement.path}${name}`, depth + 1);
        } else {
          await readInto(statement.path, depth + 1);
        }
      } else {
        config.apply([statement]);
      }
    }
  };
  for (const name of aptConfParts((await host.readDir('/etc/apt/apt.conf.d')) ?? [])) await readInto(`/etc/apt/apt.conf.d/${name}`, 0);
  await readInto('/etc/apt/apt.conf', 0);
  return { config, files };
};

interface Automatic {
  automatic: boolean | null;
  mechanism: string | null;
  evidence: string[];
}

const describeUnit = async (host: Host, unit: string, context: SharedContext): Promise<{ ok: boolean; text: string }> => {
  const state = await unitState(host, unit, context);
  if (state.masked) return { ok: false, text: `${unit} is masked` };
  if (!state.installed) return { ok: false, text: `${unit} is not installed` };
  if (!state.enabled) return { ok: false, text: `${unit} is not enabled` };
  return { ok: true, text: `${unit} is enabled (wanted by ${state.wantedBy.join(', ')})` };
};

const aptAutomatic = async (host: Host, installed: ReadonlySet<string>, context: SharedContext): Promise<Automatic> => {
  const evidence: string[] = [];
  const packageInstalled = installed.has('unattended-upgrades');
  const binary = (await host.stat('/usr/bin/unattended-upgrade')) !== undefined;
  if (packageInstalled) evidence.push('package unattended-upgrades is installed');
  else if (binary) evidence.push('/usr/bin/unattended-upgrade exists');
  else evidence.push('unattended-upgrades is not installed');
  const { config, files } = await readAptConfig(host);
  let ok = packageInstalled || binary;
  const periodic = (key: string): boolean | null => {
    const value = config.get(`APT::Periodic::${key}`);
    const enabled = periodicEnabled(value);
    evidence.push(`APT::Periodic::${key} ${value === undefined ? 'is not set' : `is "${value}"`}${enabled === null ? ' (not understood)' : ''}`);
    return enabled;
  };
  const enable = config.get('APT::Periodic::Enable');
  if (enable !== undefined && periodicEnabled(enable) === false) {
    evidence.push(`APT::Periodic::Enable is "${enable}": apt.systemd.daily does nothing`);
    ok = false;
  }
  const lists = periodic('Update-Package-Lists');
  const upgrade = periodic('Unattended-Upgrade');
  if (lists !== true || upgrade !== true) ok = false;
  if (files.length === 0) evidence.push('no apt configuration files were read');
  const origins = [...config.list('Unattended-Upgrade::Origins-Pattern'), ...config.list('Unattended-Upgrade::Allowed-Origins')];
  if (packageInstalled || binary) {
    if (origins.some((origin) => /security/i.test(origin))) {
      evidence.push('Unattended-Upgrade origins include the security archive');
    } else {
      evidence.push(origins.length === 0 ? 'Unattended-Upgrade::Origins-Pattern is empty' : 'no Unattended-Upgrade origin names the security archive');
      ok = false;
    }
  }
  for (const unit of ['apt-daily.timer', 'apt-daily-upgrade.timer']) {
    const state = await describeUnit(host, unit, context);
    evidence.push(state.text);
    if (!state.ok) ok = false;
  }
  const gnome = await gnomeSoftwareNote(host, installed);
  if (gnome !== undefined) evidence.push(gnome);
  return { automatic: ok, mechanism: ok ? 'unattended-upgrades' : null, evidence };
};

/** GNOME Software / PackageKit: visible from files only as an installed package and dconf defaults. */
export const gnomeSoftwareNote = async (host: Host, installed: ReadonlySet<string>): Promise<string | undefined> => {
  const present = installed.has('gnome-software') || (await host.stat('/usr/bin/gnome-software')) !== undefined;
  if (!present) return undefined;
  return 'GNOME Software is installed: with PackageKit it downloads updates by default and installs them only as an offline update at the next reboot the user accepts; not counted as automatic installation';
};

interface ListsResult {
  pending: ReturnType<typeof pendingUpdates> | null;
  securityKnown: boolean;
  evidence: string[];
  reasons: string[];
  updatedAt: string | null;
  updatedAtSource: string | null;
}

const scanLists = async (host: Host, context: AptContext, installed: readonly InstalledPackage[]): Promise<ListsResult> => {
  const evidence: string[] = [];
  const reasons: string[] = [];
  const names = await host.readDir(listsDir);
  if (names === undefined)
    return { pending: null, securityKnown: false, evidence, reasons: [`${listsDir} cannot be read`], updatedAt: null, updatedAtSource: null };
  const files = classifyListFiles(names);
  if (files.packages.length === 0) {
    return {
      pending: null,
      securityKnown: false,
      evidence,
      reasons: [`no Packages index in ${listsDir} (apt-get update never ran, or the lists were removed)`],
      updatedAt: null,
      updatedAtSource: null,
    };
  }
  const releases: ReleaseInfo[] = [];
  const releaseTimes: number[] = [];
  // Read together: on a remote target (ssh) that is one round trip, not one per file.
  const releaseReads = await Promise.all(
    files.releases.map(async (file) => {
      const path = `${listsDir}/${file}`;
      const [text, stat] = await Promise.all([readText(host, path), host.stat(path)]);
      return { file, text, stat };
    }),
  );
  for (const { file, text, stat } of releaseReads) {
    if (text !== undefined) releases.push(releaseInfo(file, text));
    if (stat !== undefined) releaseTimes.push(stat.mtimeMs);
  }
  const wanted = new Set(installed.map((p) => p.name));
  // What the pending updates are computed from: the lists' entries, with their sources' traits.
  const offered: { entries: readonly IndexEntry[]; source: string; security: boolean; upgradesOnly: boolean }[] = [];
  let unreadable = false;
  let securityUnreadable = false;
  let securityLists = 0;
  // Read together: on a remote target (ssh) that is one round trip, not one per file.
  const listScans = new Map(
    await Promise.all(
      files.packages.map(async ({ file, compression }) => {
        const release = releaseFor(file, releases);
        const skipped = release?.notAutomatic === true && !release.butAutomaticUpgrades;
        return [file, skipped ? undefined : await scanPackagesList(host, file, compression, wanted, context)] as const;
      }),
    ),
  );
  for (const { file, compression } of files.packages) {
    const release = releaseFor(file, releases);
    const security = isSecuritySource(file, release);
    if (security) securityLists++;
    if (release?.notAutomatic === true && !release.butAutomaticUpgrades) {
      evidence.push(`${file}: NotAutomatic source, ignored`);
      continue;
    }
    const scanned = listScans.get(file) ?? { problem: 'cannot be read' };
    if ('problem' in scanned) {
      reasons.push(`${listsDir}/${file}: ${scanned.problem}`);
      unreadable = true;
      if (security) securityUnreadable = true;
      continue;
    }
    const { entries } = scanned;
    evidence.push(`${file}: ${entries.length} entries for installed packages${compression === 'none' ? '' : ` (${compression})`}`);
    offered.push({ entries, source: release?.dist ?? file, security, upgradesOnly: release?.notAutomatic === true });
  }
  evidence.push('apt pinning (/etc/apt/preferences*) is not applied');
  const stamp = await host.stat('/var/lib/apt/periodic/update-success-stamp');
  const newestRelease = releaseTimes.length === 0 ? undefined : Math.max(...releaseTimes);
  const updated = newestIso([stamp?.mtimeMs, newestRelease]);
  const updatedAtSource =
    updated === null
      ? null
      : stamp !== undefined && (newestRelease === undefined || stamp.mtimeMs >= newestRelease)
        ? '/var/lib/apt/periodic/update-success-stamp (mtime)'
        : `newest mtime of ${listsDir}/*Release (apt sets it to the server's Last-Modified, so the refresh was at or after this time)`;
  if (updated === null) reasons.push('no Release file or update-success-stamp shows when the lists were refreshed');
  if (securityLists === 0) reasons.push('no security source among the package lists: pending security updates cannot be known');
  if (unreadable) reasons.push('some package lists could not be read: pendingUpdates is unknown');
  // The same installed packages (one status content) and the same lists' entries (one scan per list
  // content, apt-index.ts): the same pending updates, computed once per run.
  const pending = fromShared(
    context.memo,
    pendingKind,
    [installed, ...offered.flatMap((list) => [list.entries, list.source, list.security, list.upgradesOnly])],
    () => pendingFrom(installed, offered),
  );
  return {
    pending,
    securityKnown: securityLists > 0 && !securityUnreadable,
    evidence,
    reasons,
    updatedAt: updated,
    updatedAtSource,
  };
};

/** The pending updates of `installed` among the lists' entries (in the lists' order). */
const pendingFrom = (
  installed: readonly InstalledPackage[],
  lists: readonly { entries: readonly IndexEntry[]; source: string; security: boolean; upgradesOnly: boolean }[],
): PendingUpdate[] => {
  const offers = new Map<string, Offer[]>();
  for (const { entries, source, security, upgradesOnly } of lists) {
    for (const entry of entries) {
      const key = `${entry.name}:${entry.architecture}`;
      const list = offers.get(key) ?? [];
      list.push({ version: entry.version, source, security, upgradesOnly });
      offers.set(key, list);
    }
  }
  return pendingUpdates(installed, offers);
};

const historyFiles = ['/var/log/apt/history.log', '/var/log/apt/history.log.1', '/var/log/apt/history.log.1.gz', '/var/log/apt/history.log.2.gz'];

/** The last successful upgrade a history log holds (its end as written, and its command line), or null; undefined when it cannot be read. */
interface HistoryUpgrade {
  last: { end: string | null; commandline: string | null } | null;
}

const historyUpgrade = (text: string | undefined): HistoryUpgrade | undefined => {
  if (text === undefined) return undefined;
  const last = lastSuccessfulUpgrade(parseAptHistory(text));
  return { last: last === undefined ? null : { end: last.end, commandline: last.commandline } };
};

const gunzipText = (data: Buffer): string | undefined => {
  try {
    return gunzipSync(data).toString('utf8');
  } catch {
    return undefined;
  }
};

/** A history log's last successful upgrade; undefined when it cannot be read (absent, or not gzip when named .gz). */
const readHistory = async (host: Host, path: string, memo: RunMemo | undefined): Promise<HistoryUpgrade | undefined> => {
  const data = await host.readFile(path);
  if (data === undefined) return undefined;
  if (!path.endsWith('.gz')) return fromContent(memo, historyKind, data, () => historyUpgrade(textOf(data)));
  return fromContent(memo, gzHistoryKind, data, () => historyUpgrade(gunzipText(data)));
};

const lastUpgrade = async (
  host: Host,
  timeZone: string,
  memo: RunMemo | undefined,
): Promise<{ at: string | null; command: string | null; source: string | null }> => {
  let fromHistory: { at: string; command: string | null; source: string } | undefined;
  for (const path of historyFiles) {
    const history = await readHistory(host, path, memo);
    if (history === undefined) continue;
    const last = history.last;
    const at = last === null || last.end === null ? null : localTimeToIso(last.end, timeZone);
    if (at !== null && last !== null) {
      fromHistory = { at, command: last.commandline, source: path };
      break;
    }
  }
  const dpkgLog = await host.readFile('/var/log/dpkg.log');
  const dpkgLocal = dpkgLog === undefined ? undefined : fromContent(memo, dpkgLogKind, dpkgLog, () => ({ last: lastDpkgUpgrade(textOf(dpkgLog)) })).last;
  const dpkgAt = dpkgLocal === undefined ? null : localTimeToIso(dpkgLocal, timeZone);
  if (dpkgAt !== null && (fromHistory === undefined || dpkgAt > fromHistory.at)) {
    return { at: dpkgAt, command: null, source: '/var/log/dpkg.log' };
  }
  return fromHistory === undefined
    ? { at: null, command: null, source: null }
    : { at: fromHistory.at, command: fromHistory.command, source: fromHistory.source };
};

/**
 * The first line of dpkg.log is the installation (debootstrap or the installer) when logrotate has
 * not yet rotated it away: no dpkg.log.1 or older exists. Otherwise unknown.
 */
const installationTime = async (host: Host, timeZone: string): Promise<string | null> => {
  const entries = (await host.readDir('/var/log')) ?? [];
  if (entries.some((name) => /^dpkg\.log\.\d+(\.gz)?$/.test(name))) return null;
  const text = await readText(host, '/var/log/dpkg.log');
  const first = text === undefined ? undefined : /^(\d{4}-\d\d-\d\d \d\d:\d\d:\d\d) /.exec(text)?.[1];
  return first === undefined ? null : localTimeToIso(first, timeZone);
};

export interface AptCollection {
  facts: Partial<UpdateFacts>;
  /** A package that writes /var/run/reboot-required is installed (unattended-upgrades, update-notifier-common). */
  rebootFlagWriter: boolean;
}

export const collectApt = async (host: Host, context: AptContext, timeZone: string): Promise<AptCollection> => {
  const reasons: string[] = [];
  const statusBytes = await host.readFile(dpkgStatus);
  const { rebootFlagWriter, installed } =
    statusBytes === undefined
      ? { rebootFlagWriter: false, installed: [] }
      : fromContent(context.memo, statusKind, statusBytes, () => statusFacts(textOf(statusBytes)));
  if (statusBytes === undefined) reasons.push(`${dpkgStatus} cannot be read`);
  const names = new Set(installed.map((p) => p.name));
  const automatic = await aptAutomatic(host, names, context);
  const lists = statusBytes === undefined ? undefined : await scanLists(host, context, installed);
  if (lists !== undefined) reasons.push(...lists.reasons);
  const pending = lists?.pending ?? null;
  const upgrade = await lastUpgrade(host, timeZone, context.memo);
  const installedAt = await installationTime(host, timeZone);
  if (upgrade.at === null) {
    reasons.push(
      installedAt === null
        ? 'no successful upgrade in /var/log/apt/history.log or /var/log/dpkg.log, and the logs do not go back to the installation'
        : `no upgrade since the installation (${installedAt})`,
    );
  }
  const pendingJson: Json[] | null = pending === null ? null : pending.map((p) => ({ ...p }));
  const incomplete = lists?.reasons.some((r) => r.includes('pendingUpdates is unknown')) === true;
  return {
    rebootFlagWriter,
    facts: {
      automatic: automatic.automatic,
      mechanism: automatic.mechanism,
      automaticEvidence: automatic.evidence,
      pendingUpdates: pending === null || incomplete ? null : pending.length,
      pendingSecurityUpdates: pending === null || lists?.securityKnown !== true ? null : pending.filter((p) => p.security).length,
      pending: pendingJson,
      pendingEvidence: lists?.evidence ?? [],
      listsUpdatedAt: lists?.updatedAt ?? null,
      listsUpdatedAtSource: lists?.updatedAtSource ?? null,
      lastUpgradeAt: upgrade.at,
      lastUpgradeCommand: upgrade.command,
      lastUpgradeSource: upgrade.source,
      installedAt,
      upToDateSince: upgrade.at ?? installedAt,
      reasons,
    },
  };
};

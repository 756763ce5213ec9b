/**
 * Whether an operating-system release still receives security updates on a given day, from the
 * `os` facts and the dated lifecycle table. Pure: the clock is an argument, so the verdict changes
 * on the end date by itself, and a snapshot can be judged as of the day it was collected.
 *
 * Rules (also in README, "Support lifecycles"):
 * - A release is supported up to and including its end date (UTC); a month-only date covers the month.
 * - Debian: the verdict counts Debian LTS, which needs no action (it is served from the normal
 *   security suite); the end of regular security support is reported in the reason.
 * - Ubuntu: after standard support, ESM counts only when the host shows Ubuntu Pro attached with
 *   esm-infra enabled (os.ubuntuPro), and the Legacy add-on only with esm-infra-legacy enabled.
 * - Paid extensions charter cannot see (RHEL ELS, Oracle Extended Support, SLES LTSS, Windows ESU,
 *   Freexian ELTS) are not counted.
 * - Rolling releases (Arch and ID_LIKE=arch, openSUSE Tumbleweed, Alpine edge) have no end of life:
 *   supported, kind `rolling`; whether they are kept fresh is UPD-03's question (updates.upToDateSince).
 * - A release older than the oldest row of its operating system (and edition) whose end has passed
 *   is unsupported; any other release missing from the table, an unknown operating system or a
 *   missing version is `supported: null` (the rule errors, never passes).
 */
import type { Json } from '../../../model.js';
import {
  lastDayCovered,
  lifecycleTable,
  undatedReleases,
  type EndDate,
  type LifecycleEntry,
  type LifecycleOs,
  type LifecycleTable,
  type WindowsEditionGroup,
} from './table.js';

export type SupportKind = 'standard' | 'lts' | 'esm' | 'legacy' | 'rolling';

export interface SupportStatus {
  supported: boolean | null;
  release: string | null;
  /** The last day covered (ISO 8601, `YYYY-MM` for a month-only date) of the support this host counts. */
  endOfSupport: string | null;
  /** The support phase the verdict rests on: the current one, or the last one that ended. */
  kind: SupportKind | null;
  source: string | null;
  reason: string;
}

type OsFacts = Readonly<Record<string, Json | undefined>>;

const text = (value: Json | undefined): string | null => (typeof value === 'string' && value !== '' ? value : null);

const unknown = (release: string | null, reason: string): SupportStatus => ({
  supported: null,
  release,
  endOfSupport: null,
  kind: null,
  source: null,
  reason,
});

const dayOf = (now: Date): string => now.toISOString().slice(0, 10);

const daysBetween = (from: string, to: string): number => Math.round((Date.parse(to) - Date.parse(from)) / 86_400_000);

/** Numeric release order ('9' < '10', '15.6' < '16.0'); undefined when a part is not a number. */
const compareReleases = (a: string, b: string): number | undefined => {
  const pa = a.split('.').map(Number);
  const pb = b.split('.').map(Number);
  if ([...pa, ...pb].some((n) => !Number.isInteger(n))) return undefined;
  for (let i = 0; i < Math.max(pa.length, pb.length); i++) {
    const d = (pa[i] ?? 0) - (pb[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
};

/** The servicing column of a Windows EditionID (order matters: EnterpriseS before Enterprise). */
export const windowsEditionGroup = (editionId: string): WindowsEditionGroup | null => {
  if (/^IoTEnterpriseS/i.test(editionId)) return 'iot-ltsc';
  if (/^EnterpriseS/i.test(editionId)) return 'ltsc';
  if (/^(Core|Professional)/i.test(editionId)) return 'home-pro';
  if (/^(Enterprise|Education|IoTEnterprise|ServerRdsh)/i.test(editionId)) return 'enterprise-education';
  return null;
};

interface Identified {
  os: LifecycleOs;
  release: string;
  edition?: WindowsEditionGroup;
  /** What the host reported, for reasons when the release is not in the table. */
  described: string;
}

const rollingIds = new Set(['arch', 'opensuse-tumbleweed']);
const majorOf = (version: string): string => version.split('.')[0] ?? version;

/** Which table row the host would match, a rolling release, or why it cannot be told. */
const identify = (os: OsFacts): Identified | { rolling: string } | { unknown: string; release?: string } => {
  const distribution = text(os.distribution);
  const version = text(os.version);
  const name = text(os.distributionName);
  const like = Array.isArray(os.distributionLike) ? os.distributionLike : [];
  if (distribution === null) return { unknown: 'the operating system could not be determined' };
  if (rollingIds.has(distribution) || like.includes('arch')) return { rolling: name ?? distribution };
  if (distribution === 'alpine' && version !== null && /_|edge/.test(version)) return { rolling: name ?? `Alpine Linux ${version}` };
  if (distribution === 'macos') {
    const major = typeof os.versionMajor === 'number' ? String(os.versionMajor) : version === null ? null : majorOf(version);
    if (major === null) return { unknown: 'the macOS version could not be determined' };
    return { os: 'macos', release: major, described: `macOS ${major}` };
  }
  if (distribution === 'windows') {
    const productType = text(os.productType);
    if (productType !== null && productType !== 'workstation') return { unknown: `Windows ${productType} releases are not in charter's lifecycle table` };
    const build = text(os.build);
    const editionId = text(os.edition);
    if (build === null) return { unknown: 'the Windows build number could not be determined' };
    if (editionId === null) return { unknown: `the edition of Windows build ${build} could not be determined (its end of support depends on it)` };
    const edition = windowsEditionGroup(editionId);
    if (edition === null) return { unknown: `Windows edition ${editionId} (build ${build}) is not in charter's lifecycle table` };
    return { os: 'windows', release: build, edition, described: `Windows build ${build} ${editionId}` };
  }
  if (version === null) {
    const extra = distribution === 'debian' ? ' (Debian testing and sid have none, and no security support commitment)' : '';
    return { unknown: `${name ?? distribution} reports no VERSION_ID${extra}` };
  }
  const described = `${name ?? distribution} (${distribution} ${version})`;
  switch (distribution) {
    case 'debian':
    case 'rhel':
    case 'almalinux':
    case 'rocky':
    case 'ol':
      return { os: distribution, release: majorOf(version), described };
    case 'centos': {
      const major = majorOf(version);
      if (/stream/i.test(name ?? '') || Number(major) >= 9) return { os: 'centos-stream', release: major, described };
      if (/centos linux/i.test(name ?? '') || Number(major) <= 7) return { os: 'centos', release: major, described };
      return { unknown: `CentOS ${major}: the os-release name does not tell CentOS Linux from CentOS Stream` };
    }
    case 'alpine':
      return { os: 'alpine', release: version.split('.').slice(0, 2).join('.'), described };
    case 'ubuntu':
    case 'fedora':
    case 'opensuse-leap':
    case 'sles':
      return { os: distribution, release: version, described };
    default:
      return { unknown: `${described}: operating system not in charter's lifecycle table`, release: described };
  }
};

interface Phase {
  kind: SupportKind;
  end: EndDate;
}

const phaseNames: Readonly<Record<SupportKind, string>> = {
  standard: 'regular security support',
  lts: 'Debian LTS (no action needed)',
  esm: 'Ubuntu Pro ESM',
  legacy: 'Ubuntu Pro Legacy add-on',
  rolling: 'rolling release',
};

const enabledProServices = (os: OsFacts): string[] => {
  const pro = os.ubuntuPro;
  if (typeof pro !== 'object' || pro === null || Array.isArray(pro) || pro.attached !== true) return [];
  return Array.isArray(pro.enabledServices) ? pro.enabledServices.filter((s): s is string => typeof s === 'string') : [];
};

/** The support phases this host counts, in order, and what it would need for more. */
const phasesOf = (entry: LifecycleEntry, end: EndDate, os: OsFacts): { phases: Phase[]; missing: string[] } => {
  const phases: Phase[] = [{ kind: 'standard', end }];
  const missing: string[] = [];
  if (entry.lts !== undefined) phases.push({ kind: 'lts', end: entry.lts });
  const services = enabledProServices(os);
  if (entry.esm !== undefined) {
    if (services.includes('esm-infra')) phases.push({ kind: 'esm', end: entry.esm });
    else missing.push(`ESM until ${entry.esm} needs Ubuntu Pro with esm-infra enabled, which this host does not show`);
  }
  if (entry.legacy !== undefined && services.includes('esm-infra-legacy')) phases.push({ kind: 'legacy', end: entry.legacy });
  return { phases, missing };
};

const verdict = (entry: LifecycleEntry, os: OsFacts, today: string): SupportStatus => {
  const base = { release: entry.label, source: entry.source };
  const caveat = entry.verified ? '' : ` (date not verified: ${entry.note ?? 'see the lifecycle table'})`;
  if (entry.end === null) {
    return {
      ...base,
      supported: true,
      endOfSupport: null,
      kind: 'standard',
      reason: `${entry.label} is supported: ${entry.note ?? 'no end of support is published'}`,
    };
  }
  const { phases, missing } = phasesOf(entry, entry.end, os);
  const last = phases[phases.length - 1] ?? { kind: 'standard', end: entry.end };
  const current = phases.find((p) => today <= lastDayCovered(p.end));
  const history = phases.map((p) => `${phaseNames[p.kind]} ${today <= lastDayCovered(p.end) ? 'until' : 'ended on'} ${p.end}`).join(', ');
  const needs = missing.length === 0 ? '' : `; ${missing.join('; ')}`;
  if (current === undefined) {
    return { ...base, supported: false, endOfSupport: last.end, kind: last.kind, reason: `${entry.label} is out of support: ${history}${needs}${caveat}` };
  }
  const left = daysBetween(today, lastDayCovered(last.end));
  const soon = left <= 90 ? `; ends in ${left} day${left === 1 ? '' : 's'}` : '';
  return {
    ...base,
    supported: true,
    endOfSupport: last.end,
    kind: current.kind,
    reason: `${entry.label} is supported: ${history}${soon}${needs}${caveat}`,
  };
};

/** `os` facts (one host), the evaluation clock and the table → the support verdict. */
export const supportStatus = (os: OsFacts, now: Date, table: LifecycleTable = lifecycleTable): SupportStatus => {
  const found = identify(os);
  if ('unknown' in found) return unknown(found.release ?? null, found.unknown);
  if ('rolling' in found) {
    return {
      supported: true,
      release: found.rolling,
      endOfSupport: null,
      kind: 'rolling',
      source: null,
      reason: `${found.rolling} is a rolling release: it has no end of support while it is kept updated (UPD-03 checks that)`,
    };
  }
  const today = dayOf(now);
  const rows = table.filter((e) => e.os === found.os && e.edition === found.edition);
  const entry = rows.find((e) => e.release === found.release);
  if (entry !== undefined) return verdict(entry, os, today);
  const oldest = rows.reduce<LifecycleEntry | undefined>((o, e) => (o === undefined || (compareReleases(e.release, o.release) ?? 0) < 0 ? e : o), undefined);
  const oldestEnd =
    oldest === undefined
      ? undefined
      : [oldest.end, oldest.lts, oldest.esm, oldest.legacy]
          .filter((d): d is string => typeof d === 'string')
          .map(lastDayCovered)
          .sort()
          .pop();
  if (oldest !== undefined && oldestEnd !== undefined && (compareReleases(found.release, oldest.release) ?? 0) < 0 && oldestEnd < today) {
    return {
      supported: false,
      release: found.described,
      endOfSupport: null,
      kind: null,
      source: oldest.source,
      reason: `${found.described} is older than ${oldest.label}, the oldest release in charter's lifecycle table, whose support ended on ${oldestEnd}`,
    };
  }
  const undated = undatedReleases.find((u) => u.os === found.os && u.release === found.release);
  return unknown(found.described, `${found.described}: release not in charter's lifecycle table${undated === undefined ? '' : ` (${undated.note})`}`);
};

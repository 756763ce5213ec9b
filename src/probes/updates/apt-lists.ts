/**
 * apt's downloaded package indexes in /var/lib/apt/lists: which file is which (file names are the
 * source URI with `/` turned into `_`), the Release header of each source, and a fast scan of a
 * `Packages` index for the installed packages only.
 */
import { compareDebianVersions } from './debian-version.js';

export const listsDir = '/var/lib/apt/lists';

export interface ReleaseInfo {
  /** Release file name in the lists directory. */
  file: string;
  /** File name prefix shared with the Packages indexes of this source (up to and including `_`). */
  prefix: string;
  /** The suite as written in sources.list (`bookworm-security`), from the file name. */
  dist: string;
  origin: string | null;
  label: string | null;
  suite: string | null;
  codename: string | null;
  date: string | null;
  notAutomatic: boolean;
  butAutomaticUpgrades: boolean;
}

const releaseName = /^(.*_)(InRelease|Release)$/;
const packagesName = /_Packages(?:\.(lz4|gz|xz|bz2|lzma|zst))?$/;

export interface ListFiles {
  releases: string[];
  /** Packages indexes with their compression (`none` for plain text). */
  packages: { file: string; compression: string }[];
}

/** Sorts the entries of /var/lib/apt/lists into Release files and Packages indexes. */
export const classifyListFiles = (names: readonly string[]): ListFiles => {
  const releases: string[] = [];
  const packages: { file: string; compression: string }[] = [];
  for (const name of [...names].sort()) {
    if (releaseName.test(name)) releases.push(name);
    const match = packagesName.exec(name);
    if (match) packages.push({ file: name, compression: match[1] ?? 'none' });
  }
  return { releases, packages };
};

/**
 * The header fields of a Release or InRelease file (deb822; an InRelease file is clear-signed, its
 * fields start after the armor header's blank line). Stops at the checksum lists.
 */
export const parseReleaseHeader = (text: string): Map<string, string> => {
  const fields = new Map<string, string>();
  let body = text;
  if (body.startsWith('-----BEGIN PGP SIGNED MESSAGE-----')) {
    const blank = body.search(/\r?\n\r?\n/);
    body = blank === -1 ? '' : body.slice(blank).replace(/^\s+/, '');
  }
  for (const line of body.split('\n')) {
    if (line.startsWith(' ') || line.startsWith('\t')) continue;
    const trimmed = line.trimEnd();
    if (trimmed === '' || trimmed.startsWith('-----BEGIN PGP SIGNATURE')) break;
    const colon = trimmed.indexOf(':');
    if (colon <= 0) continue;
    const key = trimmed.slice(0, colon);
    if (key === 'MD5Sum' || key === 'SHA1' || key === 'SHA256' || key === 'SHA512') break;
    fields.set(key.toLowerCase(), trimmed.slice(colon + 1).trim());
  }
  return fields;
};

/** `deb.debian.org_debian-security_dists_bookworm-security_InRelease` → `bookworm-security`. */
const distFromPrefix = (prefix: string): string => {
  const at = prefix.lastIndexOf('_dists_');
  const dist = at === -1 ? prefix.replace(/_$/, '') : prefix.slice(at + '_dists_'.length, -1);
  return dist.replace(/_/g, '/');
};

export const releaseInfo = (file: string, text: string): ReleaseInfo => {
  const fields = parseReleaseHeader(text);
  const prefix = releaseName.exec(file)?.[1] ?? file;
  const yes = (key: string): boolean => (fields.get(key) ?? '').toLowerCase() === 'yes';
  return {
    file,
    prefix,
    dist: distFromPrefix(prefix),
    origin: fields.get('origin') ?? null,
    label: fields.get('label') ?? null,
    suite: fields.get('suite') ?? null,
    codename: fields.get('codename') ?? null,
    date: fields.get('date') ?? null,
    notAutomatic: yes('notautomatic'),
    butAutomaticUpgrades: yes('butautomaticupgrades'),
  };
};

/**
 * A source carries security updates: its suite is `*-security` (Debian ≥ 11, Ubuntu) or
 * `<codename>/updates` (Debian ≤ 10's security archive), or its Release file is labelled Debian-Security.
 */
export const isSecuritySource = (listFile: string, release: ReleaseInfo | undefined): boolean => {
  if (/_debian-security_|-security_/.test(listFile)) return true;
  if (release === undefined) return false;
  const names = [release.dist, release.suite ?? '', release.codename ?? ''];
  return names.some((n) => /-security$/.test(n) || /\/updates$/.test(n)) || release.label === 'Debian-Security';
};

/** The Release file a Packages index belongs to: the one whose prefix is the longest match. */
export const releaseFor = (listFile: string, releases: readonly ReleaseInfo[]): ReleaseInfo | undefined => {
  let best: ReleaseInfo | undefined;
  for (const release of releases) {
    if (listFile.startsWith(release.prefix) && (best === undefined || release.prefix.length > best.prefix.length)) best = release;
  }
  return best;
};

export interface IndexEntry {
  name: string;
  version: string;
  architecture: string;
  /** The stanza's `Tag:` field (Debian package tags), continuation lines joined; absent when it has none. */
  tag?: string;
}

const packageField = Buffer.from('\nPackage: ');
const versionField = Buffer.from('\nVersion: ');
const architectureField = Buffer.from('\nArchitecture: ');
const tagField = Buffer.from('\nTag: ');

/** FNV-1a over bytes: the cheap pre-filter that avoids building a string per stanza. */
const fnv = (bytes: Uint8Array, start: number, end: number): number => {
  let h = 0x811c9dc5;
  for (let k = start; k < end; k++) h = Math.imul(h ^ (bytes[k] ?? 0), 0x01000193);
  return h >>> 0;
};

export const nameHashes = (names: Iterable<string>): Set<number> => {
  const hashes = new Set<number>();
  for (const name of names) {
    const bytes = Buffer.from(name, 'latin1');
    hashes.add(fnv(bytes, 0, bytes.length));
  }
  return hashes;
};

const fieldValue = (data: Buffer, field: Buffer, from: number, end: number): string | undefined => {
  const at = data.indexOf(field, from);
  if (at === -1 || at >= end) return undefined;
  const start = at + field.length;
  const eol = data.indexOf(10, start);
  return data.toString('latin1', start, eol === -1 || eol > end ? end : eol).trim();
};

/**
 * A deb822 field that may continue on following lines (a line starting with a space or tab). The
 * search is bounded by the stanza (a view, not a copy): most stanzas of a list have no such field.
 */
const foldedValue = (data: Buffer, field: Buffer, from: number, end: number): string | undefined => {
  const found = data.subarray(from, end).indexOf(field);
  if (found === -1) return undefined;
  const at = from + found;
  let stop = data.indexOf(10, at + field.length);
  while (stop !== -1 && stop + 1 < end && (data[stop + 1] === 32 || data[stop + 1] === 9)) stop = data.indexOf(10, stop + 1);
  return data
    .toString('latin1', at + field.length, stop === -1 || stop > end ? end : stop)
    .replace(/\r?\n[ \t]+/g, ' ')
    .trim();
};

/**
 * The stanzas of a Packages index whose Package is in `wanted`: only Package, Version,
 * Architecture and Tag are read. Stanzas are found with Buffer.indexOf (native, fast) and a package name is
 * turned into a string only when its hash matches an installed name: a 50 MB index of 63,000
 * packages is scanned in about 20 ms.
 */
export const scanPackagesIndex = (data: Buffer, wanted: ReadonlySet<string>, hashes: ReadonlySet<number>): IndexEntry[] => {
  const entries: IndexEntry[] = [];
  const next = (from: number): number => {
    const at = data.indexOf(packageField, from);
    return at === -1 ? -1 : at + packageField.length;
  };
  const firstIsPackage = data.subarray(0, packageField.length - 1).equals(packageField.subarray(1));
  let start = firstIsPackage ? packageField.length - 1 : next(0);
  while (start !== -1) {
    let eol = data.indexOf(10, start);
    if (eol === -1) eol = data.length;
    let nameEnd = eol;
    while (nameEnd > start && (data[nameEnd - 1] === 32 || data[nameEnd - 1] === 13)) nameEnd--;
    if (hashes.has(fnv(data, start, nameEnd))) {
      const name = data.toString('latin1', start, nameEnd);
      if (wanted.has(name)) {
        const following = data.indexOf(packageField, eol);
        const end = following === -1 ? data.length : following;
        const version = fieldValue(data, versionField, eol, end);
        const architecture = fieldValue(data, architectureField, eol, end);
        const tag = foldedValue(data, tagField, eol, end);
        if (version !== undefined && architecture !== undefined)
          entries.push(tag === undefined ? { name, version, architecture } : { name, version, architecture, tag });
        start = following === -1 ? -1 : following + packageField.length;
        continue;
      }
    }
    start = next(eol);
  }
  return entries;
};

/**
 * scanPackagesIndex over an index handed over in pieces (a streamed decode, see decodeLz4): each
 * call scans the stanzas that are complete (up to the last `Package:` line) and says how much it
 * consumed, so a stanza cut by the end of a piece is scanned whole with the next one. The entries
 * are those of scanning the whole index at once.
 */
export const packagesScanner = (
  wanted: ReadonlySet<string>,
  hashes: ReadonlySet<number>,
): { consume: (data: Buffer, last: boolean) => number; entries: IndexEntry[] } => {
  const entries: IndexEntry[] = [];
  const consume = (data: Buffer, last: boolean): number => {
    const upTo = last ? data.length : data.lastIndexOf(packageField);
    if (upTo <= 0) return last ? data.length : 0;
    for (const entry of scanPackagesIndex(data.subarray(0, upTo), wanted, hashes)) entries.push(entry);
    return upTo;
  };
  return { consume, entries };
};

/** One version of a package offered by one source. */
export interface Offer {
  version: string;
  source: string;
  security: boolean;
  /** From a NotAutomatic source that still allows upgrades (backports). */
  upgradesOnly: boolean;
}

export interface InstalledPackage {
  name: string;
  architecture: string;
  version: string;
  held: boolean;
}

export interface PendingUpdate {
  package: string;
  architecture: string;
  installed: string;
  candidate: string;
  security: boolean;
  source: string;
  held: boolean;
}

/**
 * What apt would offer, without pinning: the highest version among the regular sources (or, for a
 * package whose installed version is newer than all of them, among ButAutomaticUpgrades sources).
 * `security` follows update-notifier's apt_check.py: true when the candidate, or any version newer
 * than the installed one, comes from a security source (a security fix masked by a newer candidate
 * from another suite still counts).
 */
export const pendingUpdates = (installed: readonly InstalledPackage[], offers: ReadonlyMap<string, Offer[]>): PendingUpdate[] => {
  const result: PendingUpdate[] = [];
  for (const pkg of installed) {
    const all = offers.get(`${pkg.name}:${pkg.architecture}`) ?? [];
    const regular = all.filter((offer) => !offer.upgradesOnly);
    const newest = (list: readonly Offer[]): Offer | undefined =>
      list.reduce<Offer | undefined>((best, offer) => {
        if (best === undefined) return offer;
        const order = compareDebianVersions(offer.version, best.version);
        return order > 0 || (order === 0 && offer.security && !best.security) ? offer : best;
      }, undefined);
    let candidate = newest(regular);
    if (candidate === undefined || compareDebianVersions(pkg.version, candidate.version) > 0) {
      candidate = newest(all.filter((offer) => offer.upgradesOnly)) ?? candidate;
    }
    if (candidate === undefined || compareDebianVersions(candidate.version, pkg.version) <= 0) continue;
    const security = all.some((offer) => offer.security && compareDebianVersions(offer.version, pkg.version) > 0);
    result.push({
      package: pkg.name,
      architecture: pkg.architecture,
      installed: pkg.version,
      candidate: candidate.version,
      security,
      source: candidate.source,
      held: pkg.held,
    });
  }
  return result.sort((a, b) => (a.package < b.package ? -1 : a.package > b.package ? 1 : a.architecture < b.architecture ? -1 : 1));
};

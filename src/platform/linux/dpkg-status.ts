/** dpkg's database of installed packages (/var/lib/dpkg/status and status.d), read by several probes. */

/** A package as a package database records it. */
export interface PackageRecord {
  name: string;
  version: string | null;
  architecture: string | null;
}

/**
 * dpkg package states whose files are on disk and configured: `installed`, and the two trigger states
 * a package passes through while configured (dpkg(1), "Package states").
 */
const installedStates = new Set(['installed', 'triggers-awaited', 'triggers-pending']);

export interface DpkgOptions {
  /**
   * Distroless images keep one control stanza per package in /var/lib/dpkg/status.d/ and may omit
   * `Status:`; such a stanza counts as installed.
   */
  statusOptional?: boolean;
}

type DpkgField = 'Package' | 'Status' | 'Version' | 'Architecture';

/**
 * A line holding one of the four fields needed, or a blank line (the end of a stanza). Everything else,
 * mostly Description and Conffiles continuation lines, is skipped by the regular expression engine
 * without being copied: a 1 MB status file (1500 packages) is read in a few milliseconds.
 */
const dpkgLine = /^(?:(Package|Status|Version|Architecture):(.*)|[ \t]*)$/gm;

/** Stanzas of dpkg status text, reduced to the fields above (field names as dpkg writes them). */
const dpkgStanzas = (text: string): Partial<Record<DpkgField, string>>[] => {
  const result: Partial<Record<DpkgField, string>>[] = [];
  let current: Partial<Record<DpkgField, string>> = {};
  let filled = false;
  // With the m flag, ^ and $ also match around a lone \r: normalise CRLF first.
  const normalised = text.includes('\r') ? text.replace(/\r\n?/g, '\n') : text;
  for (const match of normalised.matchAll(dpkgLine)) {
    const field = match[1] as DpkgField | undefined;
    if (field === undefined) {
      if (filled) result.push(current);
      current = {};
      filled = false;
    } else if (current[field] === undefined) {
      current[field] = (match[2] ?? '').trim();
      filled = true;
    }
  }
  if (filled) result.push(current);
  return result;
};

/**
 * /var/lib/dpkg/status (or one status.d file) → installed packages. A stanza counts when the third word
 * of `Status:` is an installed state, whatever the selection (`install`, `hold`, even `deinstall` not yet
 * acted on); `deinstall ok config-files` and `purge ok not-installed` are removed packages. The same
 * name appears once per architecture on multi-arch systems.
 */
export const parseDpkgStatus = (text: string, options: DpkgOptions = {}): readonly PackageRecord[] => {
  const recent = options.statusOptional === true ? recentOptional : recentRequired;
  const known = recent.get(text);
  if (known !== undefined) return known;
  const packages = parseDpkgStatusNow(text, options);
  recent.set(text, packages);
  for (const oldest of recent.keys()) {
    if (recent.size <= 4) break;
    recent.delete(oldest);
  }
  return packages;
};

/**
 * The last few parses, by text: dpkg's status is read by two probes of a check, and an audit over
 * ssh hands every host with the same file the same text (see readText). Frozen: callers share them.
 */
const recentRequired = new Map<string, readonly PackageRecord[]>();
const recentOptional = new Map<string, readonly PackageRecord[]>();

const parseDpkgStatusNow = (text: string, options: DpkgOptions): readonly PackageRecord[] => {
  const packages: PackageRecord[] = [];
  for (const stanza of dpkgStanzas(text)) {
    const name = stanza.Package;
    if (name === undefined || name === '') continue;
    const status = stanza.Status;
    if (status === undefined) {
      if (options.statusOptional !== true) continue;
    } else {
      const words = status.split(/\s+/);
      if (words.length !== 3 || !installedStates.has(words[2] ?? '')) continue;
    }
    packages.push(Object.freeze({ name, version: nonEmpty(stanza.Version), architecture: nonEmpty(stanza.Architecture) }));
  }
  return Object.freeze(packages);
};

const nonEmpty = (value: string | undefined): string | null => (value === undefined || value === '' ? null : value);

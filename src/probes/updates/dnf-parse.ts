/** Pure parsers for dnf's configuration and command outputs. */
import { iniSections, readIni } from '../../platform/codecs/ini.js';

/** An INI file (dnf's automatic.conf): section → key (lower case) → value, the last one winning; `#` and `;` comments. */
export const parseIni = (text: string): Map<string, Map<string, string>> => iniSections(readIni(text), { wins: 'last', foldKeys: true });

/** libdnf's boolean option values. */
export const dnfBoolean = (value: string | undefined): boolean | null => {
  if (value === undefined) return null;
  const v = value.toLowerCase();
  if (['1', 'yes', 'true', 'on'].includes(v)) return true;
  if (['0', 'no', 'false', 'off'].includes(v)) return false;
  return null;
};

export interface DnfUpdate {
  package: string;
  architecture: string;
  candidate: string;
  repository: string;
}

/**
 * `dnf check-update` stdout (exit 100 when updates exist): `name.arch  [epoch:]version-release  repo`
 * rows, possibly wrapped onto two lines when the name is long; the "Obsoleting Packages" section and
 * its indented rows are not updates.
 */
export const parseDnfCheckUpdate = (stdout: string): DnfUpdate[] => {
  const updates: DnfUpdate[] = [];
  const tokens: string[] = [];
  for (const line of stdout.split('\n')) {
    if (/^Obsoleting Packages/.test(line)) break;
    if (/^(Last metadata expiration check|Security:|Updating Subscription)/.test(line)) continue;
    tokens.push(
      ...line
        .trim()
        .split(/\s+/)
        .filter((t) => t !== ''),
    );
    while (tokens.length >= 3) {
      const [nameArch = '', candidate = '', repository = ''] = tokens.splice(0, 3);
      const dot = nameArch.lastIndexOf('.');
      if (dot <= 0) continue;
      updates.push({ package: nameArch.slice(0, dot), architecture: nameArch.slice(dot + 1), candidate, repository });
    }
    if (line.trim() === '') tokens.length = 0;
  }
  return updates;
};

/**
 * `dnf updateinfo list --security ...` stdout: `ADVISORY  Severity/Sec.  name-[epoch:]version-release.arch`.
 * Returns the distinct package names (an advisory per package version can repeat a name).
 */
export const parseDnfSecurityUpdateinfo = (stdout: string): Set<string> => {
  const names = new Set<string>();
  for (const line of stdout.split('\n')) {
    const match = /^\S+\s+\S*\/Sec\.\s+(\S+)\s*$/.exec(line);
    if (match === null) continue;
    const nevra = match[1] ?? '';
    const withoutArch = nevra.slice(0, nevra.lastIndexOf('.'));
    const name = /^(.+)-[^-]+-[^-]+$/.exec(withoutArch)?.[1];
    if (name !== undefined) names.add(name);
  }
  return names;
};

/**
 * `dnf history list` (dnf 4) rows: `ID | Command line | Date and time | Action(s) | Altered`.
 * Returns the newest row whose actions include an install or upgrade (I, U, Upgrade, Install).
 */
export const parseDnfHistoryList = (stdout: string): { id: number; date: string; command: string } | undefined => {
  for (const line of stdout.split('\n')) {
    const cells = line.split('|').map((c) => c.trim());
    if (cells.length < 5 || !/^\d+$/.test(cells[0] ?? '')) continue;
    const actions = cells[3] ?? '';
    if (!/(^|[\s,])(I|U|Install|Upgrade|Update)([\s,]|$)/.test(actions)) continue;
    return { id: Number(cells[0]), date: cells[2] ?? '', command: cells[1] ?? '' };
  }
  return undefined;
};

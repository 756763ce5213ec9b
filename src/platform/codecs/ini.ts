/**
 * The one INI tokenizer: `[section]` headers and `key = value` lines, as the files charter reads
 * write them (GLib key files and desktop entries, systemd's journald.conf and timesyncd.conf,
 * dnf's automatic.conf, Firefox's profiles.ini, display managers' settings, puppet.conf, sssd.conf,
 * smb.conf). Each reader differs only in its dialect (which lines are comments, whether a section's
 * name keeps the blanks inside its brackets) and in what it makes of the entries (first or last
 * value wins, names compared without case): the tokenizing itself is here once.
 *
 * Lines are split on `\n` (a `\r` before it is dropped). Blank lines and comment lines are skipped.
 * A line `[...]` (after trimming) starts a section; any other line with an `=` after at least one
 * character is an entry whose key and value are trimmed; every other line is ignored (tolerant: a
 * malformed file gives fewer entries, never an exception). Entries before any header are in section
 * '' and group 0.
 */

/** One `key=value` line of an INI file. */
export interface IniEntry {
  /** The section's name, as the dialect keeps it; '' before any header. */
  readonly section: string;
  /** Which header the entry follows: 0 before any, then 1, 2, ... in file order (a repeated name counts again). */
  readonly group: number;
  readonly key: string;
  readonly value: string;
  /** 1-based line number. */
  readonly line: number;
}

export interface IniDialect {
  /** What a comment line starts with (after leading blanks). */
  readonly comments: readonly string[];
  /** Whether a section's name loses the blanks inside its brackets (`[ global ]` → `global`). */
  readonly trimSectionNames: boolean;
}

/** `#` and `;` comments, section names trimmed: what most of these files (and Python's configparser) accept. */
export const commonIni: IniDialect = { comments: ['#', ';'], trimSectionNames: true };

/** What an INI file holds: its section headers and its entries, in file order. */
export interface IniFile {
  /** The name of each header (group 1, 2, ...), as the dialect keeps it. */
  readonly headers: readonly string[];
  readonly entries: readonly IniEntry[];
}

/** The headers and entries of `text`. */
export const readIni = (text: string, dialect: IniDialect = commonIni): IniFile => {
  const headers: string[] = [];
  const entries: IniEntry[] = [];
  let section = '';
  let group = 0;
  let start = 0;
  for (let number = 1; start <= text.length; number += 1) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end).trim();
    start = end + 1;
    if (line === '' || dialect.comments.some((comment) => line.startsWith(comment))) continue;
    if (line.startsWith('[') && line.endsWith(']')) {
      const name = line.slice(1, -1);
      section = dialect.trimSectionNames ? name.trim() : name;
      headers.push(section);
      group += 1;
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0) continue;
    entries.push({ section, group, key: line.slice(0, eq).trim(), value: line.slice(eq + 1).trim(), line: number });
  }
  return { headers, entries };
};

/** How repeated keys of a section resolve when entries are gathered by section. */
export interface IniGathering {
  /** `first`: the first value of a key wins (GLib); `last`: the last one does (configparser, Samba). */
  readonly wins: 'first' | 'last';
  /** Lower-case section names and keys, for formats that compare them without case. */
  readonly foldSections?: boolean;
  readonly foldKeys?: boolean;
}

/**
 * Entries gathered by section name: section → key → value. Every header's section is there, empty or
 * not, in the order first seen, after section '' (the keys before any header, often none).
 */
export const iniSections = (file: IniFile, gathering: IniGathering): Map<string, Map<string, string>> => {
  const fold = (name: string): string => (gathering.foldSections === true ? name.toLowerCase() : name);
  const sections = new Map<string, Map<string, string>>([['', new Map<string, string>()]]);
  for (const header of file.headers) if (!sections.has(fold(header))) sections.set(fold(header), new Map<string, string>());
  for (const entry of file.entries) {
    const keys = sections.get(fold(entry.section));
    const key = gathering.foldKeys === true ? entry.key.toLowerCase() : entry.key;
    if (keys !== undefined && (gathering.wins === 'last' || !keys.has(key))) keys.set(key, entry.value);
  }
  return sections;
};

/** GLib key files (desktop entries, Flatpak metadata, dconf keyfiles): `#` comments only (GLib has no `;` ones), group names as written. */
export const keyFileIni: IniDialect = { comments: ['#'], trimSectionNames: false };

/**
 * A GLib key file's groups: group → key → value, the first occurrence of a key winning; localised
 * keys (`Name[fr]`) kept under their full name; keys before the first group in none (GLib refuses
 * such a file).
 */
export const keyFileGroups = (text: string): Map<string, Map<string, string>> => {
  const { headers, entries } = readIni(text, keyFileIni);
  const groups = iniSections({ headers, entries: entries.filter((entry) => entry.group > 0) }, { wins: 'first' });
  if (!headers.includes('')) groups.delete('');
  return groups;
};

/**
 * Pure readers for local account databases: the password field of /etc/passwd, /etc/shadow (shadow(5)),
 * /etc/group (group(5)) and sudoers(5) user specifications that grant every command.
 */

const lines = (text: string): string[] => text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));

/** Name → second field of /etc/passwd (`x` means "see /etc/shadow"; empty means no password at all). */
export const passwdPasswordFields = (text: string): Map<string, string> => {
  const fields = new Map<string, string>();
  for (const line of lines(text)) {
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const parts = line.split(':');
    if (parts.length !== 7 || parts[0] === '') continue;
    fields.set(parts[0] ?? '', parts[1] ?? '');
  }
  return fields;
};

export interface ShadowEntry {
  name: string;
  /** Encrypted password field: '' (no password), `!`/`*` prefixed (locked), or a crypt(3) hash. */
  password: string;
  /** Account expiration, days since 1970-01-01; null when unset. */
  expireDays: number | null;
}

/** /etc/shadow: name:password:lastchg:min:max:warn:inactive:expire:reserved. Malformed lines are skipped. */
export const parseShadow = (text: string): ShadowEntry[] => {
  const entries: ShadowEntry[] = [];
  for (const line of lines(text)) {
    if (line === '' || line.startsWith('#')) continue;
    const parts = line.split(':');
    if (parts.length < 2 || parts[0] === '') continue;
    const expire = parts[7] ?? '';
    entries.push({ name: parts[0] ?? '', password: parts[1] ?? '', expireDays: /^\d+$/.test(expire) ? Number(expire) : null });
  }
  return entries;
};

/** A password field that can never match: `!` (locked by passwd -l / usermod -L) or `*` (no password set). */
export const isLocked = (password: string): boolean => password.startsWith('!') || password.startsWith('*');

export interface GroupEntry {
  name: string;
  gid: number;
  members: string[];
}

/** /etc/group: name:password:gid:member,member. */
export const parseGroup = (text: string): GroupEntry[] => {
  const entries: GroupEntry[] = [];
  for (const line of lines(text)) {
    if (line === '' || line.startsWith('#') || line.startsWith('+') || line.startsWith('-')) continue;
    const parts = line.split(':');
    if (parts.length !== 4 || parts[0] === '' || !/^\d+$/.test(parts[2] ?? '')) continue;
    const members = (parts[3] ?? '')
      .split(',')
      .map((m) => m.trim())
      .filter((m) => m !== '');
    entries.push({ name: parts[0] ?? '', gid: Number(parts[2]), members });
  }
  return entries;
};

/** One sudoers user specification that lets its users run every command as root. */
export interface SudoGrant {
  /** The user list items as written: `alice`, `%sudo`, `%#27`, `#1000`, `+netgroup`, `ALL`, or a User_Alias name. */
  who: string[];
  /** path:line of the specification. */
  at: string;
}

export interface SudoersFile {
  grants: SudoGrant[];
  /** User_Alias and Cmnd_Alias definitions: name → members. */
  userAliases: Map<string, string[]>;
  cmndAliases: Map<string, string[]>;
  /** `@includedir` / `#includedir` targets. */
  includeDirs: string[];
  /** `@include` / `#include` targets (not followed). */
  includes: string[];
}

/** Joins backslash-continued lines, keeping the number of the first line. */
const logicalLines = (text: string): { text: string; line: number }[] => {
  const out: { text: string; line: number }[] = [];
  let pending: { text: string; line: number } | undefined;
  for (const [index, raw] of lines(text).entries()) {
    const continued = raw.endsWith('\\');
    const part = continued ? raw.slice(0, -1) : raw;
    pending = pending === undefined ? { text: part, line: index + 1 } : { text: `${pending.text} ${part}`, line: pending.line };
    if (!continued) {
      out.push(pending);
      pending = undefined;
    }
  }
  if (pending !== undefined) out.push(pending);
  return out;
};

/** Splits on commas that are not inside parentheses. */
const splitTopLevel = (text: string): string[] => {
  const parts: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of text) {
    if (ch === '(') depth++;
    if (ch === ')') depth = Math.max(0, depth - 1);
    if (ch === ',' && depth === 0) {
      parts.push(current);
      current = '';
    } else current += ch;
  }
  parts.push(current);
  return parts.map((part) => part.trim()).filter((part) => part !== '');
};

const runsAsRoot = (runas: string | undefined): boolean => {
  if (runas === undefined) return true; // no Runas_Spec: root
  const users = (runas.split(':')[0] ?? '').split(',').map((u) => u.trim());
  if (users.length === 1 && users[0] === '') return false; // (:group) runs as the invoking user
  return users.some((u) => u === 'ALL' || u === 'root' || u === '#0');
};

/**
 * Whether a Cmnd_Spec_List (what follows `host =`) grants ALL commands as root. Runas_Spec carries over
 * to later commands of the list; tags (`NOPASSWD:`) and options (`TIMEOUT=...`) are skipped.
 */
export const grantsAllAsRoot = (specList: string, cmndAliases: ReadonlyMap<string, string[]>): boolean => {
  let runas: string | undefined;
  for (const item of splitTopLevel(specList)) {
    let rest = item;
    const runasMatch = /^\(([^)]*)\)\s*/.exec(rest);
    if (runasMatch) {
      runas = runasMatch[1];
      rest = rest.slice(runasMatch[0].length);
    }
    rest = rest
      .replace(/^(?:[A-Z_]+=\S+\s+)+/, '')
      .replace(/^(?:[A-Z_]+:\s*)+/, '')
      .trim();
    const command = rest.split(/\s+/)[0] ?? '';
    const all = command === 'ALL' || (cmndAliases.get(command)?.includes('ALL') ?? false);
    if (all && runsAsRoot(runas)) return true;
  }
  return false;
};

const aliasKinds = ['User_Alias', 'Runas_Alias', 'Host_Alias', 'Cmnd_Alias', 'Cmd_Alias'];

/** Reads one sudoers file: includes, aliases, and the user specifications that grant ALL as root. */
export const parseSudoers = (path: string, text: string, knownCmndAliases: ReadonlyMap<string, string[]> = new Map()): SudoersFile => {
  const file: SudoersFile = { grants: [], userAliases: new Map(), cmndAliases: new Map(), includeDirs: [], includes: [] };
  for (const { text: raw, line } of logicalLines(text)) {
    let entry = raw.trim();
    const include = /^[@#](include|includedir)\s+(.+)$/.exec(entry);
    if (include) {
      const target = (include[2] ?? '').trim();
      (include[1] === 'includedir' ? file.includeDirs : file.includes).push(target);
      continue;
    }
    if (entry === '' || (entry.startsWith('#') && !/^#\d/.test(entry))) continue;
    entry = entry.replace(/\s#(?!\d).*$/, '').trim();
    if (/^Defaults([:@!>]|\s|$)/.test(entry)) continue;
    const kind = aliasKinds.find((k) => entry.startsWith(`${k} `) || entry.startsWith(`${k}\t`));
    if (kind !== undefined) {
      for (const definition of entry.slice(kind.length).split(':')) {
        const eq = definition.indexOf('=');
        if (eq === -1) continue;
        const name = definition.slice(0, eq).trim();
        const members = definition
          .slice(eq + 1)
          .split(',')
          .map((m) => m.trim())
          .filter((m) => m !== '');
        if (kind === 'User_Alias') file.userAliases.set(name, members);
        if (kind === 'Cmnd_Alias' || kind === 'Cmd_Alias') file.cmndAliases.set(name, members);
      }
      continue;
    }
    const eq = entry.indexOf('=');
    if (eq === -1) continue;
    const left = entry
      .slice(0, eq)
      .replace(/\s*,\s*/g, ',')
      .trim()
      .split(/\s+/);
    if (left.length < 2) continue;
    const who = (left[0] ?? '').split(',').filter((w) => w !== '');
    const aliases = new Map([...knownCmndAliases, ...file.cmndAliases]);
    // Further `: Host_List = Cmnd_Spec_List` sections: the part after each `=`.
    const sections = entry
      .slice(eq + 1)
      .split(/\s:\s*(?=[^=]*=)/)
      .map((section, i) => (i === 0 ? section : section.slice(section.indexOf('=') + 1)));
    if (sections.some((section) => grantsAllAsRoot(section, aliases))) file.grants.push({ who, at: `${path}:${line}` });
  }
  return file;
};

/** File names sudo reads from an includedir: no `~` suffix and no dot (sudoers(5)). */
export const sudoersDirEntry = (name: string): boolean => !name.endsWith('~') && !name.includes('.');

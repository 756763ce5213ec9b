import { safeRegex, type SafeRegex } from '../../safe-regex.js';
/**
 * Pure readers for OpenSSH server configuration: sshd_config(5) files (with Include and Match) and the
 * output of `sshd -T`. sshd keeps the FIRST value it reads for most keywords, keywords are
 * case-insensitive, and settings inside a Match block do not change the global value.
 */

/** One keyword line of an sshd_config file. */
export interface SshdLine {
  /** Lower-case keyword as written (aliases are resolved later). */
  keyword: string;
  args: string[];
  line: number;
}

/**
 * Splits one line the way sshd's argv_split does, close enough for configuration values: words
 * separated by whitespace, the keyword optionally followed by `=`, double or single quotes group
 * words. Undefined for blank lines and comments.
 */
export const tokenizeSshdLine = (raw: string): string[] | undefined => {
  const line = raw.trim();
  if (line === '' || line.startsWith('#')) return undefined;
  const words: string[] = [];
  let current = '';
  let quote: string | null = null;
  let inWord = false;
  for (const ch of line) {
    if (quote !== null) {
      if (ch === quote) quote = null;
      else current += ch;
      continue;
    }
    if (ch === '"' || ch === "'") {
      quote = ch;
      inWord = true;
      continue;
    }
    if (ch === ' ' || ch === '\t' || (ch === '=' && words.length === 0)) {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
      continue;
    }
    if (ch === '#' && !inWord) break;
    current += ch;
    inWord = true;
  }
  if (inWord) words.push(current);
  return words.length === 0 ? undefined : words;
};

export const parseSshdConfig = (text: string): SshdLine[] => {
  const lines: SshdLine[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const words = tokenizeSshdLine(raw);
    const [keyword, ...args] = words ?? [];
    if (keyword === undefined) continue;
    lines.push({ keyword: keyword.toLowerCase(), args, line: index + 1 });
  }
  return lines;
};

/** Include patterns of one file, made absolute (relative ones are relative to /etc/ssh). */
export const includePatterns = (lines: readonly SshdLine[]): string[] =>
  lines.filter((l) => l.keyword === 'include').flatMap((l) => l.args.map(absoluteInclude));

export const absoluteInclude = (pattern: string): string => (pattern.startsWith('/') ? pattern : `/etc/ssh/${pattern}`);

/** glob(3) for one path component: `*`, `?` and `[...]`; a leading dot must be matched explicitly. */
export const globComponentRegExp = (component: string): SafeRegex => {
  let source = '';
  for (let i = 0; i < component.length; i++) {
    const ch = component[i] ?? '';
    if (ch === '*') source += '[^/]*';
    else if (ch === '?') source += '[^/]';
    else if (ch === '[') {
      const end = component.indexOf(']', i + 2);
      if (end === -1) source += '\\[';
      else {
        let set = component.slice(i + 1, end).replace(/\\/g, '\\\\');
        if (set.startsWith('!')) set = `^${set.slice(1)}`;
        source += `[${set}]`;
        i = end;
      }
    } else source += ch.replace(/[.+^${}()|\\]/g, '\\$&');
  }
  // The pattern comes from the checked machine's sshd_config: matched in linear time (RE2), and
  // "a leading dot only matches a leading dot" checked outside the pattern (RE2 has no lookahead).
  const re = safeRegex(`^${source}$`);
  const dotMustMatch = !component.startsWith('.');
  return { source: re.source, flags: re.flags, test: (name) => !(dotMustMatch && name.startsWith('.')) && re.test(name) };
};

export const hasGlob = (text: string): boolean => /[*?[]/.test(text);

/** A directive with where it is and the Match block it sits in (null = global). */
export interface Directive {
  keyword: string;
  args: string[];
  at: string;
  match: { criteria: string; at: string } | null;
}

/**
 * Walks the main file and its Includes in the order sshd reads them. `files` holds the text of every
 * file read, `expansions` what each absolute Include pattern expanded to (sorted, as glob(3) returns).
 * A Match inside an included file ends with that file; an Include inside a Match block is conditional.
 */
export const flattenSshdConfig = (mainPath: string, files: ReadonlyMap<string, string>, expansions: ReadonlyMap<string, readonly string[]>): Directive[] => {
  const out: Directive[] = [];
  const walk = (path: string, inherited: Directive['match'], depth: number): void => {
    const text = files.get(path);
    if (text === undefined || depth > 16) return;
    let match = inherited;
    for (const line of parseSshdConfig(text)) {
      const at = `${path}:${line.line}`;
      if (line.keyword === 'match') {
        const criteria = line.args.join(' ');
        match = criteria.toLowerCase() === 'all' ? inherited : { criteria, at };
        continue;
      }
      if (line.keyword === 'include') {
        for (const pattern of line.args.map(absoluteInclude)) {
          for (const included of expansions.get(pattern) ?? []) walk(included, match, depth + 1);
        }
        continue;
      }
      out.push({ keyword: line.keyword, args: line.args, at, match });
    }
  };
  walk(mainPath, null, 0);
  return out;
};

/** Deprecated spellings sshd maps onto another keyword. */
const aliases: Record<string, string> = {
  challengeresponseauthentication: 'kbdinteractiveauthentication',
  skeyauthentication: 'kbdinteractiveauthentication',
};

export const canonicalKeyword = (keyword: string): string => aliases[keyword] ?? keyword;

/** Keywords whose every occurrence adds a value instead of the first one winning. */
const accumulating = new Set(['port', 'listenaddress', 'hostkey', 'acceptenv', 'subsystem', 'hostcertificate']);

export interface Setting {
  value: string;
  at: string;
}

export interface MatchBlock {
  criteria: string;
  at: string;
  settings: Record<string, string>;
}

export interface EffectiveConfig {
  /** First global value of each keyword (canonical lower-case keyword). */
  global: Map<string, Setting>;
  /** Every global value of accumulating keywords (Port, ListenAddress, ...). */
  multi: Map<string, Setting[]>;
  matchBlocks: MatchBlock[];
}

export const effectiveConfig = (directives: readonly Directive[]): EffectiveConfig => {
  const global = new Map<string, Setting>();
  const multi = new Map<string, Setting[]>();
  const blocks = new Map<string, MatchBlock>();
  for (const directive of directives) {
    const keyword = canonicalKeyword(directive.keyword);
    const value = directive.args.join(' ');
    if (directive.match !== null) {
      const block = blocks.get(directive.match.at) ?? { criteria: directive.match.criteria, at: directive.match.at, settings: {} };
      if (!(keyword in block.settings)) block.settings[keyword] = value;
      blocks.set(directive.match.at, block);
      continue;
    }
    if (accumulating.has(keyword)) {
      multi.set(keyword, [...(multi.get(keyword) ?? []), { value, at: directive.at }]);
      continue;
    }
    if (!global.has(keyword)) global.set(keyword, { value, at: directive.at });
  }
  return { global, multi, matchBlocks: [...blocks.values()] };
};

/** `sshd -T`: one `keyword value` line per setting, keywords in lower case; repeated keywords kept in order. */
export const parseSshdT = (stdout: string): Map<string, string[]> => {
  const settings = new Map<string, string[]>();
  for (const raw of stdout.split('\n')) {
    const line = raw.trim();
    if (line === '') continue;
    const space = line.indexOf(' ');
    const keyword = (space === -1 ? line : line.slice(0, space)).toLowerCase();
    const value = space === -1 ? '' : line.slice(space + 1).trim();
    settings.set(keyword, [...(settings.get(keyword) ?? []), value]);
  }
  return settings;
};

export const permitRootLoginValues = ['yes', 'no', 'prohibit-password', 'forced-commands-only'] as const;
export type PermitRootLogin = (typeof permitRootLoginValues)[number];

/** PermitRootLogin value; `without-password` is the old name of `prohibit-password` (sshd -T still prints it). */
export const permitRootLogin = (value: string): PermitRootLogin | null => {
  const lower = value.toLowerCase();
  const normal = lower === 'without-password' ? 'prohibit-password' : lower;
  return (permitRootLoginValues as readonly string[]).includes(normal) ? (normal as PermitRootLogin) : null;
};

/** sshd's yes/no flags; anything else makes sshd refuse its configuration. */
export const yesNo = (value: string): boolean | null => {
  const lower = value.toLowerCase();
  return lower === 'yes' ? true : lower === 'no' ? false : null;
};

/** A Port value, or the port of a ListenAddress (`host:port`, `[v6]:port`). */
export const portNumber = (value: string): number | null => {
  if (!/^\d+$/.test(value)) return null;
  const port = Number(value);
  return port >= 1 && port <= 65535 ? port : null;
};

export const listenAddressPort = (value: string): number | null => {
  const first = value.split(/\s+/)[0] ?? '';
  const bracketed = /^\[[^\]]*\]:(\d+)$/.exec(first);
  if (bracketed) return portNumber(bracketed[1] ?? '');
  const colons = first.split(':').length - 1;
  if (colons === 1) return portNumber(first.slice(first.indexOf(':') + 1));
  return null;
};

/** OpenSSH defaults (sshd_config(5), OpenSSH 7.0 and later) for the settings the charter checks. */
export const sshdDefaults = {
  permitrootlogin: 'prohibit-password',
  passwordauthentication: 'yes',
  kbdinteractiveauthentication: 'yes',
  permitemptypasswords: 'no',
  usepam: 'no',
  port: '22',
} as const;

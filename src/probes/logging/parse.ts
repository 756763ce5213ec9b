/**
 * Pure parsers for logging and time configuration: systemd INI files (journald.conf,
 * journal-upload.conf, timesyncd.conf), rsyslog, syslog-ng, audit rules and auditctl output,
 * chrony, ntpd/ntpsec and OpenNTPD configuration.
 */
import { readIni } from '../../platform/codecs/ini.js';

/** Every value assigned to `key` in `[section]` of a systemd-style INI file, in order. */
export const iniValues = (text: string, section: string, key: string): string[] =>
  readIni(text, { comments: ['#', ';'], trimSectionNames: false })
    .entries.filter((entry) => entry.section === section && entry.key === key)
    .map((entry) => entry.value);

/**
 * systemd's drop-in rule: for each file name the directory listed first wins (/etc over /run over
 * /usr/local/lib over /usr/lib); the winners are applied in file-name order.
 */
export const dropInOrder = (listings: readonly { dir: string; names: readonly string[] }[]): string[] => {
  const chosen = new Map<string, string>();
  for (const { dir, names } of listings) {
    for (const name of names) if (name.endsWith('.conf') && !chosen.has(name)) chosen.set(name, `${dir}/${name}`);
  }
  return [...chosen.keys()].sort().map((name) => chosen.get(name) ?? name);
};

export type JournalStorage = 'persistent' | 'auto' | 'volatile' | 'none';

/** Storage= from journald.conf and its drop-ins, applied in order; `auto` when never set. */
export const journalStorage = (texts: readonly string[]): JournalStorage => {
  let storage: JournalStorage = 'auto';
  for (const text of texts) {
    for (const value of iniValues(text, 'Journal', 'Storage')) {
      const lower = value.toLowerCase();
      if (lower === '') storage = 'auto';
      else if (lower === 'persistent' || lower === 'auto' || lower === 'volatile' || lower === 'none') storage = lower;
    }
  }
  return storage;
};

export interface SyslogConfig {
  /** Remote destinations, e.g. `tcp://logs.example.lu:6514`. */
  forwardTargets: string[];
  /** Some rule writes to a local file. */
  writesFiles: boolean;
}

const withPort = (protocol: string, host: string, port: string | undefined): string =>
  `${protocol}://${host}${port !== undefined && port !== '' ? `:${port}` : ''}`;

/** A body with balanced parentheses starting right after an opening `(` at `start`; quotes respected. */
const balanced = (text: string, start: number): string => {
  let depth = 1;
  let quote: string | null = null;
  for (let i = start; i < text.length; i += 1) {
    const c = text[i];
    if (quote !== null) {
      if (c === '\\') i += 1;
      else if (c === quote) quote = null;
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '(') depth += 1;
    else if (c === ')') {
      depth -= 1;
      if (depth === 0) return text.slice(start, i);
    }
  }
  return text.slice(start);
};

const rainerParameter = (body: string, name: string): string | undefined => new RegExp(`(?:^|[\\s,])${name}\\s*=\\s*"([^"]*)"`, 'i').exec(body)?.[1];

/** rsyslog.conf or a file from /etc/rsyslog.d: legacy `@host`/`@@host` and file actions, and action(type=...) objects. */
export const parseRsyslog = (text: string): SyslogConfig => {
  const clean = text
    .replace(/\/\*[\s\S]*?\*\//g, '')
    .split('\n')
    .map((line) => (line.trimStart().startsWith('#') ? '' : line))
    .join('\n');
  const forwardTargets: string[] = [];
  let writesFiles = false;
  for (const match of clean.matchAll(/\baction\s*\(/gi)) {
    const body = balanced(clean, match.index + match[0].length);
    const type = rainerParameter(body, 'type')?.toLowerCase();
    if (type === 'omfile') writesFiles = true;
    if (type === 'omfwd' || type === 'omrelp') {
      const target = rainerParameter(body, 'target');
      if (target === undefined) continue;
      const protocol = type === 'omrelp' ? 'relp' : (rainerParameter(body, 'protocol') ?? 'udp').toLowerCase();
      forwardTargets.push(withPort(protocol, target, rainerParameter(body, 'port')));
    }
  }
  for (const raw of clean.split('\n')) {
    const line = raw.trim();
    if (
      line === '' ||
      line.startsWith('$') ||
      /^(module|input|template|ruleset|global|main_queue|include|if|action|set|unset|stop|call|lookup_table|parser|timezone)\b/i.test(line)
    )
      continue;
    const match = /^\S+\s+(.+)$/.exec(line);
    if (!match) continue;
    const action = (match[1] ?? '').trim();
    const forward = /^(@@?)(?:\([^)]*\))?(\[[^\]]+\]|[^\s:;]+)(?::(\d+))?/.exec(action);
    if (forward) {
      forwardTargets.push(withPort(forward[1] === '@@' ? 'tcp' : 'udp', forward[2] ?? '', forward[3]));
      continue;
    }
    const relp = /^:omrelp:([^:\s;]+)(?::(\d+))?/.exec(action);
    if (relp) {
      forwardTargets.push(withPort('relp', relp[1] ?? '', relp[2]));
      continue;
    }
    if (/^-?\//.test(action) || action.startsWith('?')) writesFiles = true;
  }
  return { forwardTargets, writesFiles };
};

/** Top-level `KEYWORD NAME { ... };` blocks of a syslog-ng configuration, with braces balanced. */
const syslogNgBlocks = (text: string, keyword: string): { name: string; body: string }[] => {
  const blocks: { name: string; body: string }[] = [];
  const pattern = new RegExp(`\\b${keyword}\\s*([A-Za-z0-9_.-]*)\\s*\\{`, 'g');
  for (const match of text.matchAll(pattern)) {
    let depth = 1;
    let end = match.index + match[0].length;
    const start = end;
    while (end < text.length && depth > 0) {
      if (text[end] === '{') depth += 1;
      else if (text[end] === '}') depth -= 1;
      end += 1;
    }
    blocks.push({ name: match[1] ?? '', body: text.slice(start, end - 1) });
  }
  return blocks;
};

/** syslog-ng.conf: network()/tcp()/udp()/syslog() destinations used by a log path, and file() ones. */
export const parseSyslogNg = (text: string): SyslogConfig => {
  const clean = text
    .split('\n')
    .map((line) => line.replace(/(^|\s)#.*$/, ''))
    .join('\n');
  const used = new Set<string>();
  const logs = syslogNgBlocks(clean, 'log');
  for (const log of logs) for (const ref of log.body.matchAll(/destination\s*\(\s*([A-Za-z0-9_.-]+)\s*\)/g)) used.add(ref[1] ?? '');
  const forwardTargets: string[] = [];
  let writesFiles = false;
  for (const destination of syslogNgBlocks(clean, 'destination')) {
    if (logs.length > 0 && !used.has(destination.name)) continue;
    if (/\bfile\s*\(/.test(destination.body)) writesFiles = true;
    for (const driver of destination.body.matchAll(/\b(network|syslog|tcp6?|udp6?)\s*\(\s*"?([^"\s)]+)"?/g)) {
      const kind = driver[1] ?? '';
      const args = balanced(destination.body, driver.index + destination.body.slice(driver.index).indexOf('(') + 1);
      const transport = /transport\s*\(\s*"?([a-z-]+)"?\s*\)/i.exec(args)?.[1]?.toLowerCase();
      const protocol = kind.startsWith('udp') ? 'udp' : kind.startsWith('tcp') ? 'tcp' : (transport ?? 'tcp');
      forwardTargets.push(withPort(protocol, driver[2] ?? '', /port\s*\(\s*(\d+)\s*\)/.exec(args)?.[1]));
    }
  }
  return { forwardTargets, writesFiles };
};

/** Audit rules in an audit.rules file: `-a`/`-A` syscall rules and `-w` watches; control lines (-D, -b, -f, -e, ...) do not count. */
export const countAuditRules = (text: string): number => text.split('\n').filter((line) => /^\s*-[aAw]\s/.test(line)).length;

export interface AuditStatus {
  /** 0 off, 1 on, 2 on and locked (immutable). */
  enabled: number | null;
  pid: number | null;
}

/** `auditctl -s`. */
export const parseAuditctlStatus = (text: string): AuditStatus => {
  const value = (key: string): number | null => {
    const match = new RegExp(`^${key} (\\d+)`, 'm').exec(text);
    return match ? Number(match[1]) : null;
  };
  return { enabled: value('enabled'), pid: value('pid') };
};

/** `auditctl -l`: one rule per line, or `No rules`. */
export const countLoadedAuditRules = (text: string): number => text.split('\n').filter((line) => line.trim() !== '' && line.trim() !== 'No rules').length;

export interface TimeConfig {
  /** Configured time sources, e.g. `pool 2.debian.pool.ntp.org`. */
  sources: string[];
  /** chrony `sourcedir` / `confdir` directories to read further. */
  includeDirs: string[];
}

/** chrony.conf (and .sources / conf.d files): server, pool, peer; sourcedir and confdir. */
export const parseChrony = (text: string): TimeConfig => {
  const sources: string[] = [];
  const includeDirs: string[] = [];
  for (const raw of text.split('\n')) {
    const line = raw.replace(/[#!;%].*$/, '').trim();
    const match = /^(server|pool|peer|refclock|sourcedir|confdir)\s+(\S+)/.exec(line);
    if (!match) continue;
    if (match[1] === 'sourcedir' || match[1] === 'confdir') includeDirs.push(...line.split(/\s+/).slice(1));
    else sources.push(`${match[1]} ${match[2]}`);
  }
  return { sources, includeDirs };
};

/** ntp.conf (ntpd, ntpsec): server, pool, peer. */
export const parseNtpConf = (text: string): string[] =>
  text.split('\n').flatMap((raw) => {
    const match = /^\s*(server|pool|peer)\s+(\S+)/.exec(raw.replace(/#.*$/, ''));
    return match ? [`${match[1]} ${match[2]}`] : [];
  });

/** OpenNTPD ntpd.conf: server, servers. */
export const parseOpenNtpd = (text: string): string[] =>
  text.split('\n').flatMap((raw) => {
    const match = /^\s*(servers?)\s+(\S+)/.exec(raw.replace(/#.*$/, ''));
    return match ? [`${match[1]} ${match[2]}`] : [];
  });

/** timesyncd.conf and drop-ins: the last NTP= wins (empty resets); FallbackNTP= likewise. */
export const parseTimesyncd = (texts: readonly string[]): { ntp: string[]; fallback: string[] | null } => {
  let ntp: string[] = [];
  let fallback: string[] | null = null;
  for (const text of texts) {
    for (const value of iniValues(text, 'Time', 'NTP')) ntp = value === '' ? [] : value.split(/\s+/);
    for (const value of iniValues(text, 'Time', 'FallbackNTP')) fallback = value === '' ? [] : value.split(/\s+/);
  }
  return { ntp, fallback };
};

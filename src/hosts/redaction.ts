/**
 * Redaction of host identity before a recording is written: host names, machine ids and the names
 * of real users are replaced everywhere (file contents and paths, listings, link targets, command
 * argv and output). Only the listed values are replaced, each as a whole word.
 *
 * Names of one or two characters are too common to replace as words (a user `a` would eat every
 * article), so they are replaced only where they stand alone in a field: for a user, a path segment
 * right after `/home/`, a line starting `NAME:` (passwd, group, shadow) and a `:`/`,` member list
 * entry ending its line (group); for a host name, a blank-separated token. A short user name in a
 * table (`who`, `loginctl`) is therefore NOT redacted.
 *
 * Never redacted: system accounts (uid < 1000 or >= 60000, root, nobody) and names that identify
 * nobody but are words the data needs (`localhost`, distribution default host and account names
 * such as `debian`, `ubuntu`, `pi`, and the target's os-release ID / ID_LIKE / VERSION_CODENAME).
 */
import { createHash } from 'node:crypto';
import type { Host } from './host.js';
import { parsePasswd } from '../platform/codecs/passwd.js';
import { readText } from './host.js';
import type { RedactionKind } from './replay-format.js';

export interface Redaction {
  kind: RedactionKind;
  /** The secret value; never written anywhere. */
  original: string;
  replacement: string;
}

/**
 * Names that identify nobody and are also words the data needs: loopback names, and the default
 * host and account names of distributions and cloud images (`debian`, `ubuntu`, `pi`, ...), which
 * also appear in os-release and package names. The target's own os-release ID, ID_LIKE and
 * VERSION_CODENAME are added to these.
 */
const commonNames = [
  'localhost',
  'localhost.localdomain',
  'localhost6',
  'localhost6.localdomain6',
  '(none)',
  'linux',
  'debian',
  'ubuntu',
  'fedora',
  'centos',
  'rhel',
  'rocky',
  'almalinux',
  'alpine',
  'arch',
  'archlinux',
  'kali',
  'raspberrypi',
  'pi',
  'opensuse',
  'suse',
  'mint',
  'pop-os',
  'manjaro',
  'gentoo',
  'nixos',
  'void',
  'android',
  'vagrant',
  'ec2-user',
  'cloud-user',
  'admin',
  'user',
  'guest',
];

/** Accounts that are never people, even under /home or with a regular uid. */
const systemNames = ['root', 'nobody', 'lost+found', 'daemon', 'bin', 'sys', 'sync'];

const osReleaseWords = async (host: Host): Promise<string[]> => {
  const text = (await readText(host, '/etc/os-release')) ?? (await readText(host, '/usr/lib/os-release')) ?? '';
  return text.split('\n').flatMap((line) => {
    const match = /^(ID|ID_LIKE|VERSION_CODENAME)=["']?([^"']*)["']?$/.exec(line.trim());
    return (
      match?.[2]
        ?.toLowerCase()
        .split(/\s+/)
        .filter((w) => w !== '') ?? []
    );
  });
};

const firstUidOfUsers = 1000;
const lastUidOfUsers = 59_999;

const firstLine = (text: string | undefined): string => (text ?? '').split('\n')[0]?.trim() ?? '';

const hostnameRedactions = async (host: Host, keep: ReadonlySet<string>): Promise<Redaction[]> => {
  const names = new Set<string>();
  for (const file of ['/proc/sys/kernel/hostname', '/etc/hostname']) {
    const name = firstLine(await readText(host, file)).toLowerCase();
    if (name !== '' && !keep.has(name)) names.add(name);
  }
  const redactions: Redaction[] = [];
  const shortNames = new Map<string, string>();
  const replacementFor = (short: string): string => {
    let replacement = shortNames.get(short);
    if (replacement === undefined) {
      replacement = `host${shortNames.size + 1}`;
      shortNames.set(short, replacement);
    }
    return replacement;
  };
  for (const name of [...names].sort()) {
    const short = name.split('.')[0] ?? name;
    const replacement = replacementFor(short);
    if (short !== name) redactions.push({ kind: 'hostname', original: name, replacement: `${replacement}.example` });
    const seen = redactions.some((r) => r.original === short);
    if (short !== '' && !keep.has(short) && !seen) redactions.push({ kind: 'hostname', original: short, replacement });
  }
  return redactions;
};

const machineIdFiles = ['/etc/machine-id', '/var/lib/dbus/machine-id', '/sys/class/dmi/id/product_uuid'];

/** A replacement of the same shape: hex stays hex (all zeros, numbered), a UUID stays a UUID. */
const machineIdReplacement = (original: string, index: number): string => {
  const digits = String(index).padStart(original.replace(/-/g, '').length, '0');
  if (/^[0-9a-f]{32}$/i.test(original)) return digits;
  if (/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(original)) {
    return `${digits.slice(0, 8)}-${digits.slice(8, 12)}-${digits.slice(12, 16)}-${digits.slice(16, 20)}-${digits.slice(20)}`;
  }
  return 'x'.repeat(original.length);
};

const asUuid = (hex: string): string => `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;

const machineIdRedactions = async (host: Host): Promise<Redaction[]> => {
  const ids = new Set<string>();
  for (const file of machineIdFiles) {
    const id = firstLine(await readText(host, file)).toLowerCase();
    if (id.length >= 8 && !/^0[0-]*$/.test(id)) ids.add(id);
  }
  const redactions: Redaction[] = [];
  [...ids].sort().forEach((id, index) => {
    const replacement = machineIdReplacement(id, index);
    redactions.push({ kind: 'machine-id', original: id, replacement });
    // systemd also prints a 32-hex id in UUID form (e.g. `hostnamectl`), and a UUID as plain hex.
    if (/^[0-9a-f]{32}$/.test(id)) {
      redactions.push({ kind: 'machine-id', original: asUuid(id), replacement: asUuid(replacement) });
    } else if (/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/.test(id)) {
      redactions.push({ kind: 'machine-id', original: id.replace(/-/g, ''), replacement: replacement.replace(/-/g, '') });
    }
  });
  return redactions;
};

const userRedactions = async (host: Host, keep: ReadonlySet<string>): Promise<Redaction[]> => {
  const entries = parsePasswd((await readText(host, '/etc/passwd')) ?? '');
  const isUser = (uid: number): boolean => uid >= firstUidOfUsers && uid <= lastUidOfUsers;
  const system = new Set([...keep, ...systemNames, ...entries.filter((e) => !isUser(e.uid)).map((e) => e.name)]);
  const names: string[] = [];
  const add = (name: string): void => {
    if (name !== '' && !name.startsWith('.') && !system.has(name) && !names.includes(name)) names.push(name);
  };
  for (const entry of [...entries].sort((a, b) => a.uid - b.uid || a.name.localeCompare(b.name))) {
    if (isUser(entry.uid)) add(entry.name);
  }
  for (const name of (await host.readDir('/home')) ?? []) add(name);
  return names.map((original, index) => ({ kind: 'user', original, replacement: `user${index + 1}` }));
};

/** Read the identifying values of a host: its names, machine ids and real users. */
export const collectRedactions = async (host: Host): Promise<Redaction[]> => {
  const keep = new Set([...commonNames, ...(await osReleaseWords(host))]);
  return [...(await hostnameRedactions(host, keep)), ...(await machineIdRedactions(host)), ...(await userRedactions(host, keep))];
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Case-insensitive for ASCII letters, without the `i` flag (which would apply to every pattern). */
const anyCase = (escaped: string): string => escaped.replace(/[a-z]/gi, (letter) => `[${letter.toLowerCase()}${letter.toUpperCase()}]`);

const word = '[A-Za-z0-9_]';
/** Shortest name replaced wherever it stands as a word; shorter ones only in name fields. */
export const minWordLength = 3;

const patternFor = (redaction: Redaction, encode: (text: string) => string): string => {
  const escaped = escapeRegExp(encode(redaction.original));
  const body = redaction.kind === 'hostname' ? anyCase(escaped) : escaped;
  if (redaction.original.length >= minWordLength) return `(?<!${word})${body}(?!${word})`;
  // Too short to be a word of its own: only where it stands alone in a field.
  if (redaction.kind === 'hostname') return `(?<=^|[ \\t])${body}(?=[ \\t]|$)`;
  return `(?:(?<=/home/)${body}(?![A-Za-z0-9_.-])|^${body}(?=:)|(?<=[:,])${body}(?=,|$))`;
};

export interface Redactor {
  text(input: string): string;
  /**
   * A value of structured data (a fact, a key): a value that is exactly a redacted user name,
   * however short, is replaced whole (a two-letter user is a whole `user` field, never a word of a
   * sentence); anything else as `text`.
   */
  value(input: string): string;
  /** Bytes; binary content (with NUL bytes) keeps its length, so offsets inside it stay valid. */
  bytes(input: Buffer): Buffer;
}

const sameLength = (replacement: string, length: number): string =>
  replacement.length === length ? replacement : replacement.padEnd(length, '_').slice(0, length);

const compile = (redactions: readonly Redaction[], encode: (text: string) => string): RegExp | undefined => {
  if (redactions.length === 0) return undefined;
  return new RegExp(redactions.map((r) => `(${patternFor(r, encode)})`).join('|'), 'gm');
};

/** One pass over the input, so a replacement is never itself replaced again. */
const replaceAll = (
  input: string,
  pattern: RegExp | undefined,
  ordered: readonly Redaction[],
  replacementOf: (redaction: Redaction, matched: string) => string,
): string => {
  if (pattern === undefined) return input;
  return input.replace(pattern, (matched: string, ...groups: unknown[]) => {
    const index = groups.findIndex((group) => typeof group === 'string');
    const redaction = ordered[index];
    return redaction === undefined ? matched : replacementOf(redaction, matched);
  });
};

const latin1 = (text: string): string => Buffer.from(text, 'utf8').toString('latin1');

export const createRedactor = (redactions: readonly Redaction[]): Redactor => {
  // Longest first, so a host name containing a user name is replaced whole.
  const ordered = [...redactions]
    .filter((r) => r.original !== '')
    .sort((a, b) => b.original.length - a.original.length || a.original.localeCompare(b.original));
  const textPattern = compile(ordered, (t) => t);
  const bytePattern = compile(ordered, latin1);
  const whole = new Map<string, string>();
  // Users only: a short host name (`vm`) is also a word a fact may be (a virtualisation kind).
  for (const r of ordered) if (r.kind === 'user' && !whole.has(r.original)) whole.set(r.original, r.replacement);
  const text = (input: string): string => replaceAll(input, textPattern, ordered, (r) => r.replacement);
  return {
    text,
    value: (input) => whole.get(input) ?? text(input),
    bytes: (input) => {
      const binary = input.includes(0);
      const source = input.toString('latin1');
      const result = replaceAll(source, bytePattern, ordered, (r, matched) => (binary ? sameLength(r.replacement, matched.length) : r.replacement));
      return result === source ? input : Buffer.from(result, 'latin1');
    },
  };
};

export function applyRedactions(redactions: readonly Redaction[], input: string): string;
export function applyRedactions(redactions: readonly Redaction[], input: Buffer): Buffer;
export function applyRedactions(redactions: readonly Redaction[], input: string | Buffer): string | Buffer {
  const redactor = createRedactor(redactions);
  return typeof input === 'string' ? redactor.text(input) : redactor.bytes(input);
}

const sha256 = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A machine id's stable replacement: a UUID stays a UUID, 32 hex digits stay 32 hex digits, anything else becomes 32 hex digits. */
export const machineIdPseudonym = (id: string): string => {
  const hex = sha256(`charter machine-id\0${id.toLowerCase()}`);
  if (/^[0-9a-f]{8}(-[0-9a-f]{4}){3}-[0-9a-f]{12}$/i.test(id)) return asUuid(hex.slice(0, 32));
  return hex.slice(0, 32);
};

export interface StablePseudonyms {
  /** The host name's pseudonym (`host-` and 12 hex digits, from its first label); null for null. */
  hostName: string | null;
  /** The machine id's (see machineIdPseudonym); null for null. */
  machineId: string | null;
  /** collectRedactions' list with the host name and machine id replacements made these stable ones. */
  redactions(found: readonly Redaction[]): Redaction[];
}

/**
 * Pseudonyms that depend on nothing but the machine: the same machine gets the same ones in every
 * collection, check and audit, so snapshots taken on different days line up. A host name is hashed
 * together with the machine id (the machine's own secret, when it has one), so hashing a list of
 * likely host names does not find the real one, and two machines with the same name (`vm`) get
 * different pseudonyms.
 */
export const stablePseudonyms = (hostName: string | null, machineId: string | null): StablePseudonyms => {
  const salt = machineId?.toLowerCase() ?? '';
  const hostPseudonym = (name: string): string => `host-${sha256(`charter host\0${salt}\0${name.toLowerCase()}`).slice(0, 12)}`;
  return {
    hostName: hostName === null ? null : hostPseudonym(hostName.split('.')[0] ?? hostName),
    machineId: machineId === null ? null : machineIdPseudonym(machineId),
    redactions: (found) =>
      found.map((r): Redaction => {
        if (r.kind === 'machine-id') return { ...r, replacement: machineIdPseudonym(r.original) };
        if (r.kind === 'hostname') {
          const [short = r.original, ...rest] = r.original.split('.');
          return { ...r, replacement: rest.length === 0 ? hostPseudonym(short) : `${hostPseudonym(short)}.example` };
        }
        return r;
      }),
  };
};

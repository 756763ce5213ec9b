import { parse as parseYaml } from 'yaml';
import { decodeEntities } from '../../platform/linux/dconf/xml.js';

export type { DpkgOptions, PackageRecord } from '../../platform/linux/dpkg-status.js';
export { parseDpkgStatus } from '../../platform/linux/dpkg-status.js';
import type { PackageRecord } from '../../platform/linux/dpkg-status.js';
import { keyFileGroups } from '../../platform/codecs/ini.js';

const lines = (text: string): string[] => text.split('\n').map((line) => (line.endsWith('\r') ? line.slice(0, -1) : line));

/** Splits apk's installed database into stanzas of `F:value` lines (blank line between packages). */
const stanzas = (text: string): Map<string, string>[] => {
  const result: Map<string, string>[] = [];
  let current = new Map<string, string>();
  for (const line of lines(text)) {
    if (line.trim() === '') {
      if (current.size > 0) result.push(current);
      current = new Map();
      continue;
    }
    const at = line.indexOf(':');
    if (at <= 0) continue;
    const key = line.slice(0, at);
    if (current.has(key)) continue;
    current.set(key, line.slice(at + 1).trim());
  }
  if (current.size > 0) result.push(current);
  return result;
};

/** The query format index.ts passes to `rpm -qa --qf`; parseRpmQuery reads exactly these columns. */
export const rpmQueryFormat = '%{NAME}\\t%{EPOCH}\\t%{VERSION}-%{RELEASE}\\t%{ARCH}\\t%{VENDOR}\\n';

export interface RpmRecord extends PackageRecord {
  vendor: string | null;
}

const rpmNone = (value: string | undefined): string | null => (value === undefined || value === '' || value === '(none)' ? null : value);

/**
 * Output of `rpm -qa --qf rpmQueryFormat` → packages. rpm prints `(none)` for an unset tag; the epoch,
 * when set, is written `epoch:version-release` like rpm does. `gpg-pubkey` entries are imported signing
 * keys, not software, and are left out.
 */
export const parseRpmQuery = (stdout: string): RpmRecord[] => {
  const packages: RpmRecord[] = [];
  for (const line of lines(stdout)) {
    if (line === '') continue;
    const [name, epoch, versionRelease, architecture, vendor] = line.split('\t');
    if (name === undefined || name === '' || name === 'gpg-pubkey') continue;
    const version = rpmNone(versionRelease);
    const epochValue = rpmNone(epoch);
    packages.push({
      name,
      version: version !== null && epochValue !== null && epochValue !== '0' ? `${epochValue}:${version}` : version,
      architecture: rpmNone(architecture),
      vendor: rpmNone(vendor),
    });
  }
  return packages;
};

/** /lib/apk/db/installed → packages (`P:` name, `V:` version, `A:` architecture). */
export const parseApkInstalled = (text: string): PackageRecord[] =>
  stanzas(text).flatMap((stanza) => {
    const name = stanza.get('P');
    if (name === undefined || name === '') return [];
    return [{ name, version: nonEmpty(stanza.get('V')), architecture: nonEmpty(stanza.get('A')) }];
  });

/** One /var/lib/pacman/local/<name>-<version>/desc file → its package (`%NAME%`, `%VERSION%`, `%ARCH%`). */
export const parsePacmanDesc = (text: string): PackageRecord | undefined => {
  const fields = new Map<string, string>();
  let key: string | undefined;
  for (const line of lines(text)) {
    const header = /^%([A-Z0-9_]+)%$/.exec(line);
    if (header) {
      key = header[1];
      continue;
    }
    if (line === '') {
      key = undefined;
      continue;
    }
    if (key !== undefined && !fields.has(key)) fields.set(key, line);
  }
  const name = fields.get('NAME');
  if (name === undefined || name === '') return undefined;
  return { name, version: nonEmpty(fields.get('VERSION')), architecture: nonEmpty(fields.get('ARCH')) };
};

/** A GLib key file (desktop entries, Flatpak `metadata`, installations.d) → groups of keys (see keyFileGroups). */
export const parseKeyFile = keyFileGroups;

export interface DesktopEntry {
  /** Unlocalised `Name=`. */
  name: string;
  exec: string | null;
  /** `NoDisplay=true`: not shown in menus (handlers, helpers). */
  noDisplay: boolean;
  /** `Hidden=true`: the entry counts as deleted (Desktop Entry Specification). */
  hidden: boolean;
  /** `X-Flatpak=` app id, on launchers Flatpak exports. */
  flatpak: string | null;
  /** `X-SnapInstanceName=`, on launchers snapd exports. */
  snap: string | null;
  /** Unlocalised `Categories=`, as declared (menu-spec names, `X-` vendor names). */
  categories: string[];
  /** Unlocalised `Keywords=`. */
  keywords: string[];
  /** Unlocalised `GenericName=` ("Web Browser"). */
  genericName: string | null;
}

const desktopEscapes: Record<string, string> = { s: ' ', n: '\n', t: '\t', r: '\r', '\\': '\\', ';': ';' };

/**
 * A `;`-separated desktop entry list (`strings`, `localestrings`) → its values. Desktop Entry
 * Specification 1.5, "Possible value types" (freedesktop/xdg-specs desktop-entry/desktop-entry-spec.xml
 * @21f18fb3): values are separated by `;`, the last one optionally terminated by `;`, a literal
 * semicolon is written `\;`, and `\s \n \t \r \\` are escapes. Empty values are dropped.
 */
export const desktopList = (value: string | undefined): string[] => {
  if (value === undefined) return [];
  const values: string[] = [];
  let current = '';
  for (let i = 0; i < value.length; i++) {
    const c = value[i] ?? '';
    if (c === '\\' && i + 1 < value.length) {
      const next = value[i + 1] ?? '';
      current += desktopEscapes[next] ?? `\\${next}`;
      i++;
    } else if (c === ';') {
      values.push(current);
      current = '';
    } else {
      current += c;
    }
  }
  values.push(current);
  return values.map((v) => v.trim()).filter((v) => v !== '');
};

/** A .desktop file → its `[Desktop Entry]` application, or undefined for links, directories and junk. */
export const parseDesktopEntry = (text: string): DesktopEntry | undefined => {
  const entry = parseKeyFile(text).get('Desktop Entry');
  const name = entry?.get('Name');
  if (entry === undefined || name === undefined || name === '') return undefined;
  const type = entry.get('Type');
  if (type !== undefined && type !== 'Application') return undefined;
  return {
    name,
    exec: nonEmpty(entry.get('Exec')),
    noDisplay: entry.get('NoDisplay') === 'true',
    hidden: entry.get('Hidden') === 'true',
    flatpak: nonEmpty(entry.get('X-Flatpak')),
    snap: nonEmpty(entry.get('X-SnapInstanceName')),
    categories: desktopList(entry.get('Categories')),
    keywords: desktopList(entry.get('Keywords')),
    genericName: nonEmpty(entry.get('GenericName')),
  };
};

/** A Flatpak deploy's `metadata` key file → the app id it declares (`[Application] name=`). */
export const parseFlatpakMetadata = (text: string): { id: string; runtime: string | null } | undefined => {
  const application = parseKeyFile(text).get('Application');
  const id = application?.get('name');
  if (id === undefined || id === '') return undefined;
  return { id, runtime: nonEmpty(application?.get('runtime')) };
};

/** One pattern per attribute name, built once: metainfo files are read for every Flatpak app. */
const attributePatterns = new Map<string, RegExp>();
const attribute = (tag: string, name: string): string | undefined => {
  let pattern = attributePatterns.get(name);
  if (pattern === undefined) {
    pattern = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  const match = pattern.exec(tag);
  const value = match?.[1] ?? match?.[2];
  return value === undefined ? undefined : decodeEntities(value);
};

/**
 * AppStream metainfo XML → the component's unlocalised name and newest release version. Releases are
 * compared by `timestamp`/`date` when every release has one, otherwise the first listed wins (the
 * specification lists newest first). Only these two values are read; this is not a general XML parser.
 */
export const parseMetainfo = (xml: string): { name: string | null; version: string | null } => {
  const body = xml.replace(/<!--[\s\S]*?-->/g, '').replace(/<developer\b[\s\S]*?<\/developer>/g, '');
  let name: string | null = null;
  for (const match of body.matchAll(/<name(\s[^>]*)?>([^<]*)<\/name>/g)) {
    if (attribute(match[1] ?? '', 'xml:lang') !== undefined) continue;
    name = nonEmpty(decodeEntities(match[2] ?? '').trim());
    break;
  }
  const releases = [...body.matchAll(/<release\b[^>]*>/g)].flatMap((match) => {
    const version = attribute(match[0], 'version');
    if (version === undefined || version === '') return [];
    const timestamp = attribute(match[0], 'timestamp');
    const date = attribute(match[0], 'date');
    const when = timestamp !== undefined ? Number(timestamp) * 1000 : date !== undefined ? Date.parse(date) : NaN;
    return [{ version, when }];
  });
  let newest = releases[0];
  if (releases.every((release) => !Number.isNaN(release.when))) {
    for (const release of releases) if (newest === undefined || release.when > newest.when) newest = release;
  }
  return { name, version: newest?.version ?? null };
};

export interface SnapRecord {
  name: string;
  /** The revision in use: `"22753"`, or `"x1"` for a locally installed (unasserted) snap. */
  revision: string | null;
  active: boolean;
  channel: string | null;
  type: string | null;
}

const snapRevision = (value: unknown): string | null => {
  const n = typeof value === 'number' ? value : typeof value === 'string' && /^-?\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isInteger(n) || n === 0) return null;
  return n < 0 ? `x${-n}` : String(n);
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * /var/lib/snapd/state.json → installed snaps (`data.snaps.<name>` with a non-empty `sequence`).
 * Revisions are JSON strings in some snapd versions (2.56 wrote `"current":"2538"`) and numbers in
 * others (`snap.Revision.MarshalJSON`); both are read. Throws on text that is not JSON.
 */
export const parseSnapState = (text: string): SnapRecord[] => {
  const state: unknown = JSON.parse(text);
  const data = isObject(state) ? state.data : undefined;
  const snaps = isObject(data) ? data.snaps : undefined;
  if (!isObject(snaps)) return [];
  return Object.entries(snaps).flatMap(([name, snap]) => {
    if (!isObject(snap) || !Array.isArray(snap.sequence) || snap.sequence.length === 0) return [];
    return [
      {
        name,
        revision: snapRevision(snap.current),
        active: snap.active === true,
        channel: typeof snap.channel === 'string' && snap.channel !== '' ? snap.channel : null,
        type: typeof snap.type === 'string' && snap.type !== '' ? snap.type : null,
      },
    ];
  });
};

/** A snap's meta/snap.yaml → its `version:` (always read as text: `version: 1.10` is "1.10"). */
export const parseSnapYamlVersion = (text: string): string | null => {
  let document: unknown;
  try {
    document = parseYaml(text, { version: '1.2', schema: 'failsafe' });
  } catch {
    return null;
  }
  return isObject(document) && typeof document.version === 'string' ? nonEmpty(document.version) : null;
};

/**
 * An AppImage file name → a display name: the part before the first version-looking token
 * (`Signal-7.1.0-x86_64.AppImage` → `Signal`, `balenaEtcher-1.18.11-x64.AppImage` → `balenaEtcher`).
 * The version itself is not guessed from the file name.
 */
export const appImageName = (fileName: string): string => {
  const stem = fileName.replace(/\.appimage$/i, '');
  const cut = /[-_ .]v?\d/i.exec(stem);
  const name = (cut ? stem.slice(0, cut.index) : stem).replace(/[-_ .]+$/, '');
  return name === '' ? stem : name;
};

function nonEmpty(value: string | undefined): string | null {
  return value === undefined || value === '' ? null : value;
}

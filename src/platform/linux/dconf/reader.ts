/**
 * The effective GSettings value of a schema key for one user, read from files only (works as root
 * without the user's session bus, and on filesystems at rest), the way dconf and GSettings decide:
 *
 *  1. the profile (/run/dconf/user/<uid>, $XDG_RUNTIME_DIR/dconf/profile on a live host, then
 *     /etc/dconf/profile/user, /usr/local/share/dconf/profile/user, /usr/share/dconf/profile/user;
 *     no file = `user-db:user`) lists the databases, first = the user's writable one;
 *  2. a lock in a later (system) database hides every database before it (dconf_engine_read);
 *  3. otherwise the first database that has the key wins (user db, then system dbs in order);
 *  4. a value of the wrong type is ignored (g_settings_backend_read), giving the schema default;
 *  5. the schema default is the gschema XML `<default>` with `.gschema.override` files applied.
 *
 * A system database is read from its compiled GVDB file (what dconf reads); when only the keyfile
 * directory exists (`dconf update` not run yet), its keyfiles are used and the source says so.
 */
import { posix } from 'node:path';
import type { Host } from '../../../hosts/host.js';
import { parseGvdb, type GvdbTable } from './gvdb.js';
import { formatGVariant, type GVariant } from './gvariant.js';
import { parseGVariantText } from './gvariant-text.js';
import { parseKeyfile, parseLocks, parseProfile, type DconfSourceSpec } from './keyfile.js';
import { parseSchemaOverride, parseSchemaXml, type Schema, type SchemaKey } from './schema.js';

export type SettingSource = 'dconf-user-db' | 'dconf-system-db' | 'dconf-keyfile' | 'schema-override' | 'schema-default';

export interface EffectiveSetting {
  schema: string;
  key: string;
  /** Full dconf key path, e.g. /org/gnome/desktop/session/idle-delay. */
  path: string;
  /** The value GSettings would return; null when it cannot be known. */
  value: GVariant | null;
  source: SettingSource | null;
  /** File the value came from (a database, keyfile, override or schema file). */
  file: string | null;
  /** A system database locks the key (the user cannot change it); null when a database is unreadable. */
  locked: boolean | null;
  /** The database holding the lock, e.g. 'system-db:local'. */
  lockedBy: string | null;
  /** The target has a schema file declaring this key. */
  schemaInstalled: boolean;
  evidence: string[];
}

export interface DconfUser {
  /** Home directory; null for "any new user" (no user database). */
  home: string | null;
  uid: number | null;
}

export interface ReadOptions {
  /** dconf path of the schema ('/org/.../') when the schema file is not installed on the target. */
  fallbackPath?: string;
  /** XDG_CURRENT_DESKTOP names, for `[schema:DESKTOP]` override groups. */
  desktops?: readonly string[];
}

export interface DconfReader {
  /** Which profile file was used, and its sources. */
  profile(): Promise<{ file: string | null; sources: DconfSourceSpec[] }>;
  read(schema: string, key: string, options?: ReadOptions): Promise<EffectiveSetting>;
}

type FileState = { state: 'present'; data: Buffer } | { state: 'absent' } | { state: 'unreadable' };

/** Read a file, telling "not there" from "there but unreadable" (e.g. another user's 0700 home). */
export const readFileState = async (host: Host, path: string): Promise<FileState> => {
  const data = await host.readFile(path);
  if (data !== undefined) return { state: 'present', data };
  let child = path;
  for (;;) {
    const parent = posix.dirname(child);
    const listing = await host.readDir(parent);
    if (listing !== undefined) {
      if (!listing.includes(posix.basename(child))) return { state: 'absent' };
      const stat = await host.stat(path);
      return stat !== undefined && stat.type === 'directory' ? { state: 'absent' } : { state: 'unreadable' };
    }
    if (parent === child || parent === '/') return { state: 'unreadable' };
    child = parent;
  }
};

interface LoadedSource {
  label: string;
  spec: DconfSourceSpec;
  file: string | null;
  status: 'ok' | 'absent' | 'unreadable' | 'corrupt';
  fromKeyfiles: boolean;
  value(path: string): GVariant | undefined;
  locked(path: string): boolean;
  note: string | null;
}

const emptySource = (spec: DconfSourceSpec, file: string | null, status: LoadedSource['status'], note: string | null): LoadedSource => ({
  label: `${spec.kind}:${spec.name}`,
  spec,
  file,
  status,
  fromKeyfiles: false,
  value: () => undefined,
  locked: () => false,
  note,
});

const fromGvdb = (spec: DconfSourceSpec, file: string, data: Buffer): LoadedSource => {
  let table: GvdbTable;
  let locks: GvdbTable | undefined;
  try {
    table = parseGvdb(data);
    locks = table.table('.locks');
  } catch (error) {
    return emptySource(spec, file, 'corrupt', `${file} is not a readable GVDB file (${(error as Error).message})`);
  }
  return {
    ...emptySource(spec, file, 'ok', null),
    value: (path) => {
      try {
        return table.value(path);
      } catch {
        return undefined;
      }
    },
    locked: (path) => locks?.lookup(path) !== undefined,
  };
};

const sortNames = (names: readonly string[]): string[] => [...names].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));

/** A system database that was never compiled: its keyfiles and locks, later files winning. */
const fromKeyfiles = async (host: Host, spec: DconfSourceSpec, dir: string): Promise<LoadedSource | undefined> => {
  const names = await host.readDir(dir);
  if (names === undefined) return undefined;
  const values = new Map<string, string>();
  const origin = new Map<string, string>();
  for (const name of sortNames(names)) {
    const path = `${dir}/${name}`;
    const text = (await host.readFile(path))?.toString('utf8');
    if (text === undefined) continue;
    for (const entry of parseKeyfile(text)) {
      const group = entry.group.replace(/^\/+|\/+$/g, '');
      const full = `/${group === '' ? '' : `${group}/`}${entry.key}`;
      values.set(full, entry.value);
      origin.set(full, path);
    }
  }
  const lockNames = (await host.readDir(`${dir}/locks`)) ?? [];
  const locks = new Set<string>();
  for (const name of sortNames(lockNames)) {
    const text = (await host.readFile(`${dir}/locks/${name}`))?.toString('utf8');
    if (text !== undefined) for (const lock of parseLocks(text)) locks.add(lock);
  }
  return {
    ...emptySource(spec, dir, 'ok', `/etc/dconf/db/${spec.name} is not compiled: values read from ${dir} (they take effect after 'dconf update')`),
    fromKeyfiles: true,
    value: (path) => {
      const text = values.get(path);
      if (text === undefined) return undefined;
      try {
        return parseGVariantText(text);
      } catch {
        return undefined;
      }
    },
    locked: (path) => locks.has(path),
  };
};

const systemSourceCache = new WeakMap<Host, Map<string, Promise<LoadedSource>>>();

const loadSystemSource = (host: Host, spec: DconfSourceSpec): Promise<LoadedSource> => {
  let cache = systemSourceCache.get(host);
  if (cache === undefined) {
    cache = new Map();
    systemSourceCache.set(host, cache);
  }
  const cacheKey = `${spec.kind}:${spec.name}`;
  let pending = cache.get(cacheKey);
  if (pending === undefined) {
    pending = (async () => {
      const file = spec.kind === 'file-db' ? spec.name : `/etc/dconf/db/${spec.name}`;
      const state = await readFileState(host, file);
      if (state.state === 'present') return fromGvdb(spec, file, state.data);
      if (state.state === 'unreadable') return emptySource(spec, file, 'unreadable', `${file} cannot be read`);
      if (spec.kind === 'system-db') {
        const keyfiles = await fromKeyfiles(host, spec, `${file}.d`);
        if (keyfiles !== undefined) return keyfiles;
      }
      return emptySource(spec, file, 'absent', null);
    })();
    cache.set(cacheKey, pending);
  }
  return pending;
};

const loadUserSource = async (host: Host, spec: DconfSourceSpec, user: DconfUser): Promise<LoadedSource> => {
  if (spec.kind === 'service-db') {
    return emptySource(spec, null, 'unreadable', `${spec.kind}:${spec.name} is kept by a service and is not read from files`);
  }
  if (user.home === null) return emptySource(spec, null, 'absent', null);
  const file = `${user.home}/.config/dconf/${spec.name}`;
  const state = await readFileState(host, file);
  if (state.state === 'present') return fromGvdb(spec, file, state.data);
  if (state.state === 'unreadable') return emptySource(spec, file, 'unreadable', `${file} cannot be read (not permitted?)`);
  return emptySource(spec, file, 'absent', null);
};

interface InstalledSchema {
  schema: Schema;
  file: string;
  overrides: { key: string; desktop: string | null; value: string; file: string }[];
}

const schemaDirs = ['/usr/share/glib-2.0/schemas', '/usr/local/share/glib-2.0/schemas'];
const schemaCache = new WeakMap<Host, Map<string, Promise<InstalledSchema | undefined>>>();
const overrideCache = new WeakMap<Host, Map<string, Promise<{ file: string; text: string }[]>>>();

const overrideFiles = (host: Host, dir: string, names: readonly string[]): Promise<{ file: string; text: string }[]> => {
  let cache = overrideCache.get(host);
  if (cache === undefined) {
    cache = new Map();
    overrideCache.set(host, cache);
  }
  let pending = cache.get(dir);
  if (pending === undefined) {
    pending = (async () => {
      const files: { file: string; text: string }[] = [];
      for (const name of sortNames(names.filter((n) => n.endsWith('.gschema.override')))) {
        const text = (await host.readFile(`${dir}/${name}`))?.toString('utf8');
        if (text !== undefined) files.push({ file: `${dir}/${name}`, text });
      }
      return files;
    })();
    cache.set(dir, pending);
  }
  return pending;
};

const findSchema = async (host: Host, id: string): Promise<InstalledSchema | undefined> => {
  for (const dir of schemaDirs) {
    const names = await host.readDir(dir);
    if (names === undefined) continue;
    const candidates = [`${id}.gschema.xml`, ...names.filter((n) => n.endsWith('.gschema.xml') && n !== `${id}.gschema.xml`)];
    for (const name of candidates) {
      if (!names.includes(name)) continue;
      const text = (await host.readFile(`${dir}/${name}`))?.toString('utf8');
      if (text === undefined || !text.includes(`"${id}"`)) continue;
      const schema = parseSchemaXml(text).find((s) => s.id === id);
      if (schema === undefined) continue;
      const overrides = (await overrideFiles(host, dir, names)).flatMap(({ file, text: overrideText }) =>
        parseSchemaOverride(overrideText)
          .filter((o) => o.schema === id)
          .map((o) => ({ key: o.key, desktop: o.desktop, value: o.value, file })),
      );
      return { schema, file: `${dir}/${name}`, overrides };
    }
  }
  return undefined;
};

/** The installed schema with its overrides (cached per host). */
export const installedSchema = (host: Host, id: string): Promise<InstalledSchema | undefined> => {
  let cache = schemaCache.get(host);
  if (cache === undefined) {
    cache = new Map();
    schemaCache.set(host, cache);
  }
  let pending = cache.get(id);
  if (pending === undefined) {
    pending = findSchema(host, id);
    cache.set(id, pending);
  }
  return pending;
};

interface SchemaDefault {
  value: GVariant | null;
  source: 'schema-override' | 'schema-default';
  file: string;
  note: string | null;
}

const schemaDefault = (installed: InstalledSchema, key: SchemaKey, desktops: readonly string[]): SchemaDefault => {
  let chosen: SchemaDefault = { value: null, source: 'schema-default', file: installed.file, note: null };
  if (key.defaultText !== null) {
    try {
      chosen = { ...chosen, value: parseGVariantText(key.defaultText, key.type) };
    } catch (error) {
      chosen = { ...chosen, note: `default of ${key.name} in ${installed.file} does not parse: ${(error as Error).message}` };
    }
  }
  const applicable = installed.overrides.filter((o) => o.key === key.name && (o.desktop === null || desktops.includes(o.desktop)));
  // Generic overrides first, then per-desktop ones (which GSettings prefers for that desktop).
  for (const override of [...applicable.filter((o) => o.desktop === null), ...applicable.filter((o) => o.desktop !== null)]) {
    try {
      chosen = { value: parseGVariantText(override.value, key.type), source: 'schema-override', file: override.file, note: null };
    } catch {
      // glib-compile-schemas rejects an override that does not parse; the default stays.
    }
  }
  return chosen;
};

const profileCandidates = (user: DconfUser): string[] => [
  ...(user.uid === null ? [] : [`/run/dconf/user/${user.uid}`, `/run/user/${user.uid}/dconf/profile`]),
  '/etc/dconf/profile/user',
  '/usr/local/share/dconf/profile/user',
  '/usr/share/dconf/profile/user',
];

/** A reader of effective settings for one user (system databases and schemas are cached per host). */
export const dconfReader = (host: Host, user: DconfUser): DconfReader => {
  let profilePromise: Promise<{ file: string | null; sources: DconfSourceSpec[] }> | undefined;
  let sourcesPromise: Promise<LoadedSource[]> | undefined;

  const profile = (): Promise<{ file: string | null; sources: DconfSourceSpec[] }> => {
    profilePromise ??= (async () => {
      for (const file of profileCandidates(user)) {
        const text = (await host.readFile(file))?.toString('utf8');
        if (text !== undefined) return { file, sources: parseProfile(text) };
      }
      return { file: null, sources: [{ kind: 'user-db', name: 'user' }] };
    })();
    return profilePromise;
  };

  const sources = (): Promise<LoadedSource[]> => {
    sourcesPromise ??= (async () => {
      const { sources: specs } = await profile();
      return Promise.all(
        specs.map((spec) => (spec.kind === 'user-db' || spec.kind === 'service-db' ? loadUserSource(host, spec, user) : loadSystemSource(host, spec))),
      );
    })();
    return sourcesPromise;
  };

  const read = async (schemaId: string, key: string, options: ReadOptions = {}): Promise<EffectiveSetting> => {
    const evidence: string[] = [];
    const installed = await installedSchema(host, schemaId);
    const schemaKey = installed?.schema.keys[key];
    const base = installed?.schema.path ?? options.fallbackPath ?? null;
    const path = `${base ?? `/${schemaId.replace(/\./g, '/')}/`}${key}`;
    if (installed === undefined) evidence.push(`schema ${schemaId} is not installed`);
    else if (schemaKey === undefined) evidence.push(`schema ${schemaId} has no key ${key}`);

    const { file: profileFile } = await profile();
    const loaded = await sources();
    const result: EffectiveSetting = {
      schema: schemaId,
      key,
      path,
      value: null,
      source: null,
      file: null,
      locked: false,
      lockedBy: null,
      schemaInstalled: schemaKey !== undefined,
      evidence,
    };
    for (const source of loaded) if (source.note !== null && source.status !== 'ok') evidence.push(source.note);
    for (const source of loaded) if (source.note !== null && source.status === 'ok') evidence.push(source.note);
    if (loaded.length === 0) {
      evidence.push(`dconf profile ${profileFile ?? '(default)'} lists no database`);
      result.locked = true;
      result.lockedBy = 'profile';
    }

    // 1. Locks, searched from the last database back to the second (dconf_engine_read).
    let lockLevel = 0;
    for (let i = loaded.length - 1; i > 0; i -= 1) {
      const source = loaded[i];
      if (source?.locked(path)) {
        lockLevel = i;
        result.locked = true;
        result.lockedBy = source.label;
        evidence.push(`${path} is locked by ${source.label} (${source.file ?? ''})`);
        break;
      }
    }
    const lockUnknown = lockLevel === 0 && loaded.slice(1).some((s) => s.status === 'unreadable' || s.status === 'corrupt');
    if (lockUnknown) result.locked = null;

    const first = loaded[0];
    const writable = first !== undefined && (first.spec.kind === 'user-db' || first.spec.kind === 'service-db');
    if (first !== undefined && !writable && lockLevel === 0) {
      result.locked = true;
      result.lockedBy = first.label;
      evidence.push(`the dconf profile starts with ${first.label}: no setting is writable by the user`);
    }

    let found: { value: GVariant; source: LoadedSource; index: number } | undefined;
    let uncertain = false;
    let start = lockLevel;
    if (lockLevel === 0 && writable) {
      if (first.status === 'unreadable' || first.status === 'corrupt') uncertain = true;
      const value = first.value(path);
      if (value !== undefined) found = { value, source: first, index: 0 };
      start = 1;
    } else if (lockLevel > 0 && first !== undefined && writable) {
      const hidden = first.value(path);
      if (hidden !== undefined) evidence.push(`user value ${formatGVariant(hidden)} in ${first.file ?? first.label} is ignored because of the lock`);
    }
    for (let i = start; found === undefined && i < loaded.length; i += 1) {
      const source = loaded[i];
      if (source === undefined) continue;
      if (source.status === 'unreadable' || source.status === 'corrupt') {
        uncertain = true;
        continue;
      }
      const value = source.value(path);
      if (value !== undefined) found = { value, source, index: i };
    }
    if (uncertain || lockUnknown) {
      evidence.push(`${path}: a dconf database that decides this key could not be read, so the value is unknown`);
      return result;
    }

    if (found !== undefined) {
      const where = found.source.file ?? found.source.label;
      if (schemaKey !== undefined && found.value.type !== schemaKey.type) {
        evidence.push(
          `${path} = ${formatGVariant(found.value)} in ${where} has type ${found.value.type}, not ${schemaKey.type}: GSettings ignores it and uses the default`,
        );
      } else {
        result.value = found.value;
        result.source = found.index === 0 && writable ? 'dconf-user-db' : found.source.fromKeyfiles ? 'dconf-keyfile' : 'dconf-system-db';
        result.file = where;
        evidence.push(`${path} = ${formatGVariant(found.value)} from ${found.source.label} (${where})`);
        return result;
      }
    }

    if (installed === undefined || schemaKey === undefined) return result;
    const fallback = schemaDefault(installed, schemaKey, options.desktops ?? []);
    if (fallback.note !== null) evidence.push(fallback.note);
    if (fallback.value !== null) {
      result.value = fallback.value;
      result.source = fallback.source;
      result.file = fallback.file;
      evidence.push(
        `${schemaId} ${key} = ${formatGVariant(fallback.value)} from ${fallback.source === 'schema-override' ? 'the schema override' : 'the schema default'} (${fallback.file})`,
      );
    }
    return result;
  };

  return { profile, read };
};

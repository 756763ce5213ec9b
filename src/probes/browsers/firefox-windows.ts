/**
 * Firefox on Windows: the `firefox` member of each home in the browsers script's answer
 * (firefox-windows-script.ts, run in the same PowerShell process as the Chromium family), read with
 * the same code as on Linux and macOS once the bytes are here: parseProfilesIni for the profile
 * list, querySqliteBytes + readMozPerms for permissions.sqlite (its -wal applied). Whatever could
 * not be listed or read is a gap. History (places.sqlite) is not read on Windows: a gap when asked.
 * Only checked against replays (no Windows machine here).
 */
import type { Host } from '../../hosts/host.js';
import { limits } from '../../limits.js';
import type { Json, JsonObject } from '../../model.js';
import type { ProbeContext } from '../probe.js';
import { runWindowsBrowsers } from './chromium-windows.js';
import { emptyCollection, type BrowserCollection, type BrowserGap } from './collector.js';
import { addMozPerms, readMozPerms } from './firefox-permissions.js';
import { parseProfilesIni, profilesIniBytes, rootEntryLimit } from './firefox-profiles.js';
import type { ProfileRef } from './shapes.js';
import { isHotJournalHead, querySqliteBytes, tooBig, type SqliteGap, type SqlitePair, type SqliteRead } from './sqlite.js';

const isObject = (j: Json | undefined): j is JsonObject => typeof j === 'object' && j !== null && !Array.isArray(j);
const list = (j: Json | undefined): JsonObject[] => (Array.isArray(j) ? j.filter(isObject) : isObject(j) ? [j] : []);
const str = (o: JsonObject | null, key: string): string | null => {
  const v = o?.[key];
  return typeof v === 'string' ? v : null;
};
const num = (o: JsonObject | null, key: string): number | null => {
  const v = o?.[key];
  return typeof v === 'number' ? v : null;
};
const obj = (o: JsonObject, key: string): JsonObject | null => {
  const v = o[key];
  return isObject(v) ? v : null;
};

const lastSegment = (path: string): string =>
  path
    .split('\\')
    .filter((s) => s !== '')
    .at(-1) ?? path;

/** A profiles.ini Path= as the Windows path the script joined it to. */
const iniPath = (root: string, path: string, isRelative: boolean): string => {
  const p = path.replace(/\//g, '\\');
  return isRelative ? `${root}\\${p.replace(/^\\+|\\+$/g, '')}` : p.replace(/\\+$/, '');
};

/** One file of the answer ({size, b64, error, changed}) as bytes, or why not. */
const fileBytes = (file: JsonObject | null, path: string): { absent: true } | { gap: SqliteGap } | { bytes: Buffer; changed: boolean } => {
  if (file === null) return { absent: true };
  const error = str(file, 'error');
  if (error !== null) return { gap: { file: path, code: 'unreadable', detail: `${path}: could not be read (${error})` } };
  const size = num(file, 'size');
  if (size !== null && size > limits.browserDatabaseBytes) return { gap: tooBig(path, size) };
  const b64 = str(file, 'b64');
  if (b64 === null || size === null) return { gap: { file: path, code: 'unreadable', detail: `${path}: the script gave no content` } };
  const bytes = Buffer.from(b64, 'base64');
  return { bytes, changed: file.changed === true || bytes.length !== size };
};

/** permissions.sqlite of one profile folder in the answer, read as on Linux. */
const readPermissions = async (folder: JsonObject, path: string, ref: ProfileRef, now: Date): Promise<SqliteRead<ReturnType<typeof readMozPerms>>> => {
  const file = `${path}\\permissions.sqlite`;
  const db = fileBytes(obj(folder, 'db'), file);
  if ('absent' in db) return { status: 'absent' };
  if ('gap' in db) return { status: 'gap', gap: db.gap };
  const wal = fileBytes(obj(folder, 'wal'), `${file}-wal`);
  if ('gap' in wal) return { status: 'gap', gap: wal.gap };
  const walBytes = 'bytes' in wal && wal.bytes.length > 0 ? wal : null;
  const pair: SqlitePair = { db: db.bytes, wal: walBytes?.bytes ?? null, changed: db.changed || (walBytes?.changed ?? false) };
  const journal = obj(folder, 'journal');
  const head = str(journal, 'head');
  const journalHot = journal !== null && (head === null || isHotJournalHead(Buffer.from(head, 'base64')));
  return querySqliteBytes(file, pair, journalHot, (d) => readMozPerms(d, ref, file, now));
};

/** Reads the `firefox` member of every home in the script's answer (exported for tests). */
export const windowsFirefoxCollection = async (answer: Json, context: Pick<ProbeContext, 'includeBrowserHistory' | 'now'>): Promise<BrowserCollection> => {
  const collection = emptyCollection(context);
  const gap = (field: BrowserGap['field'], code: BrowserGap['code'], detail: string): void => {
    collection.gaps.push({ field, code, detail });
  };
  const fields: BrowserGap['field'][] = ['profiles', 'permissions', ...(context.includeBrowserHistory === true ? (['history'] as const) : [])];
  for (const home of list(answer)) {
    const user = str(home, 'user');
    const who = user === null ? '' : ` (user ${user})`;
    const ff = obj(home, 'firefox');
    if (ff === null) {
      for (const field of fields) gap(field, 'probe-failed', `firefox${who}: the browsers script gave no Firefox answer for ${str(home, 'home') ?? '?'}`);
      continue;
    }
    const root = str(ff, 'root') ?? `${str(home, 'home') ?? '?'}\\AppData\\Roaming\\Mozilla\\Firefox`;
    const homeError = str(ff, 'homeError');
    if (homeError !== null)
      for (const field of fields) gap(field, 'permission', `firefox: ${str(home, 'home') ?? '?'}\\AppData\\Roaming${who} could not be listed: ${homeError}`);
    if (ff.present !== true) continue;
    const ini = obj(ff, 'ini');
    const iniText = str(ini, 'text');
    if (ini !== null && (iniText === null || (num(ini, 'size') ?? 0) > profilesIniBytes)) {
      gap(
        'profiles',
        'unreadable',
        `firefox: ${root}\\profiles.ini could not be read (or is over ${String(profilesIniBytes)} bytes)${who}; profiles found by their prefs.js only`,
      );
    }
    const listError = str(ff, 'listError');
    if (listError !== null) gap('profiles', 'permission', `firefox: ${root}${who} could not be listed: ${listError}`);
    if (ff.truncated === true)
      gap('profiles', 'unreadable', `firefox: ${root}${who} holds over ${String(rootEntryLimit)} entries; only the first were looked into`);
    const folders = new Map<string, JsonObject>();
    for (const f of list(ff.folders)) {
      const path = str(f, 'path');
      if (path !== null && !folders.has(path.toLowerCase())) folders.set(path.toLowerCase(), f);
    }
    // profiles.ini order first (with their names), then folders found by prefs.js only, as on Linux.
    const named = new Map<string, string | null>();
    for (const p of iniText === null ? [] : parseProfilesIni(iniText)) {
      const key = iniPath(root, p.path, p.isRelative).toLowerCase();
      if (!named.has(key)) named.set(key, p.name);
    }
    const order = [...[...named.keys()].filter((k) => folders.has(k)), ...[...folders.keys()].filter((k) => !named.has(k))];
    for (const key of order) {
      const folder = folders.get(key);
      const path = str(folder ?? null, 'path');
      if (folder === undefined || path === null) continue;
      const ref: ProfileRef = { browser: 'firefox', user, profile: lastSegment(path) };
      collection.profiles.push({ ...ref, path, displayName: named.get(key) ?? null });
      addMozPerms(collection, ref, await readPermissions(folder, path, ref, context.now));
    }
    if (collection.history !== null && order.length > 0)
      gap('history', 'not-collected', `firefox${who}: places.sqlite is not read on Windows (only profiles and site permissions are)`);
  }
  return collection;
};

export const collectFirefoxWindows = async (host: Host, context: ProbeContext): Promise<BrowserCollection> => {
  const failedWith = (detail: string): BrowserCollection => {
    const collection = emptyCollection(context);
    const fields: BrowserGap['field'][] = ['profiles', 'permissions', ...(context.includeBrowserHistory === true ? (['history'] as const) : [])];
    for (const field of fields) collection.gaps.push({ field, code: 'probe-failed', detail: `Firefox on Windows: ${detail}` });
    return collection;
  };
  if (!context.capabilities.exec) return failedWith('browser profiles are read through PowerShell, which cannot run on this target');
  const answer = await runWindowsBrowsers(host, context);
  return answer.ok ? windowsFirefoxCollection(answer.value, context) : failedWith(answer.reason);
};

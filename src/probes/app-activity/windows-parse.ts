/** Pure interpretation of the Windows app-activity script's answer. */
import type { Json } from '../../model.js';
import type { Catalog } from '../../policy/catalog.js';
import { matchAnswers, matchFirst, normaliseRelativePath, type CatalogPath } from '../../software/match.js';
import { dateOf, isObject, numberOf, objectsOf, stringOf } from '../../platform/windows/json.js';
import { parseMatrixConfig, type MatrixConfig } from './parse.js';

/** Catalog paths (relative to a profile, backslashes), first app wins, `..` refused. */
export const windowsPaths = (paths: readonly CatalogPath[]): CatalogPath[] => {
  const seen = new Set<string>();
  const result: CatalogPath[] = [];
  for (const { appId, path } of paths) {
    const clean = path
      .trim()
      .replace(/\//g, '\\')
      .replace(/^\\+|\\+$/g, '');
    const key = normaliseRelativePath(clean);
    if (clean === '' || clean.split('\\').includes('..') || seen.has(key)) continue;
    seen.add(key);
    result.push({ appId, path: clean });
  }
  return result;
};

/** `DOMAIN\user` → `user`. */
export const userPart = (name: string | null): string | null => {
  if (name === null) return null;
  const part = name.split('\\').pop() ?? '';
  return part === '' ? null : part;
};

export type WindowsProcessEntry = {
  appId: string;
  pid: number;
  name: string | null;
  exe: string | null;
  user: string | null;
  count: number;
  matchedBy: 'exe' | 'name';
};

/** Win32_Process rows → catalog app processes, grouped by app, user and executable (lowest pid kept). */
export const windowsProcesses = (catalog: Catalog, rows: Json): { processes: WindowsProcessEntry[]; total: number } => {
  const groups = new Map<string, WindowsProcessEntry>();
  const answers = matchAnswers(catalog, 'windows');
  const list = objectsOf(rows);
  for (const row of list) {
    const pid = numberOf(row.pid ?? null);
    const name = stringOf(row.name);
    const exe = stringOf(row.exe);
    if (pid === null) continue;
    const signals = [
      ...(exe === null ? [] : [{ kind: 'process' as const, value: exe }]),
      ...(name === null ? [] : [{ kind: 'process' as const, value: name }]),
    ];
    const found = matchFirst(catalog, 'windows', signals, answers);
    if (!found) continue;
    const user = userPart(stringOf(row.user));
    const key = JSON.stringify([found.app.id, user, exe ?? name]);
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      group.pid = Math.min(group.pid, pid);
    } else {
      groups.set(key, { appId: found.app.id, pid, name, exe, user, count: 1, matchedBy: exe !== null && found.signal.value === exe ? 'exe' : 'name' });
    }
  }
  const processes = [...groups.values()].sort((a, b) => (a.appId < b.appId ? -1 : a.appId > b.appId ? 1 : a.pid - b.pid));
  return { processes, total: list.length };
};

export type WindowsDataDir = { appId: string; user: string; path: string; lastChange: string | null; lastChangePath: string | null };

const appOf = (entries: readonly CatalogPath[], rel: string | null): string | null => {
  if (rel === null) return null;
  const key = normaliseRelativePath(rel);
  return entries.find((e) => normaliseRelativePath(e.path) === key)?.appId ?? null;
};

const byUserPath = (a: { user: string; path: string }, b: { user: string; path: string }): number =>
  a.user < b.user ? -1 : a.user > b.user ? 1 : a.path < b.path ? -1 : a.path > b.path ? 1 : 0;

/** Found data directories → facts; the app is the catalog entry whose relative path was looked up. */
export const windowsDataDirs = (entries: readonly CatalogPath[], rows: Json): WindowsDataDir[] => {
  const seen = new Set<string>();
  const result: WindowsDataDir[] = [];
  for (const row of objectsOf(rows)) {
    const appId = appOf(entries, stringOf(row.rel));
    const user = stringOf(row.user);
    const path = stringOf(row.path);
    if (appId === null || user === null || path === null || seen.has(path.toLowerCase())) continue;
    seen.add(path.toLowerCase());
    const lastChange = dateOf(row.lastChange ?? null);
    result.push({ appId, user, path, lastChange, lastChangePath: lastChange === null ? null : (stringOf(row.lastChangePath) ?? path) });
  }
  return result.sort(byUserPath);
};

export type WindowsMatrixConfig = { appId: string; user: string; path: string } & MatrixConfig;

/** Element-style config.json contents → {homeserver, baseUrlHost, brand, linkHosts} per file. */
export const windowsMatrixConfigs = (entries: readonly CatalogPath[], rows: Json): WindowsMatrixConfig[] => {
  const result: WindowsMatrixConfig[] = [];
  for (const row of objectsOf(rows)) {
    const appId = appOf(entries, stringOf(row.rel));
    const user = stringOf(row.user);
    const path = stringOf(row.path);
    if (appId === null || user === null || path === null) continue;
    const content = typeof row.content === 'string' ? row.content : null;
    if (content === null) {
      result.push({ appId, user, path, homeserver: null, baseUrlHost: null, brand: null, linkHosts: [], error: stringOf(row.error) ?? 'could not be read' });
      continue;
    }
    result.push({ appId, user, path, ...parseMatrixConfig(content.replace(/^\uFEFF/, '')) });
  }
  return result.sort(byUserPath);
};

/** The answer's parts, each null when the script did not report it. */
export const answerParts = (value: Json): { processes: Json; processesNote: string | null; dirs: Json; configs: Json } => {
  const o = isObject(value) ? value : {};
  return { processes: o.processes ?? null, processesNote: stringOf(o.ownerNote), dirs: o.dirs ?? null, configs: o.configs ?? null };
};

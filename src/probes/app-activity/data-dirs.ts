/** Per-user traces of catalog apps: data directories and their last change, Element-style configs. */
import { readText } from '../../hosts/host.js';
import { safeGlob, type SafeRegex } from '../../safe-regex.js';
import type { Host } from '../../hosts/host.js';
import type { CatalogPath } from '../../software/match.js';
import { mapLimit } from './map-limit.js';
import { parseMatrixConfig, type MatrixConfig } from './parse.js';

/** Direct children of a data directory whose mtimes are read, at most. */
export const childLimit = 200;
const concurrency = 32;

export interface UserHome {
  user: string;
  home: string;
}

export type DataDir = {
  appId: string;
  user: string;
  path: string;
  /** Newest mtime among the directory and its direct children (ISO 8601); null when unknown. */
  lastChange: string | null;
  /** Where that newest mtime was seen. */
  lastChangePath: string | null;
};

/** A config file found, and what it names (parse.ts `MatrixConfig`). */
export type MatrixConfigEntry = { appId: string; user: string; path: string } & MatrixConfig;

const join = (home: string, relative: string): string => `${home.replace(/\/+$/, '')}/${relative}`;

const isoOf = (ms: number): string | null => (Number.isFinite(ms) ? new Date(ms).toISOString() : null);

/** Newest mtime among `path` and up to `childLimit` direct children. */
const newestChange = async (host: Host, path: string, ownMtime: number): Promise<{ ms: number; path: string }> => {
  let newest = { ms: ownMtime, path };
  const children = (await host.readDir(path)) ?? [];
  const stats = await mapLimit([...children].sort().slice(0, childLimit), concurrency, async (name) => ({
    path: `${path}/${name}`,
    stat: await host.stat(`${path}/${name}`),
  }));
  for (const { path: child, stat } of stats) {
    if (stat && stat.mtimeMs > newest.ms) newest = { ms: stat.mtimeMs, path: child };
  }
  return newest;
};

/** One path segment with `*` wildcards, compared case-insensitively like the catalog's identifiers (linear time: catalogs are input). */
const globRegExp = (segment: string): SafeRegex => safeGlob(segment, { question: false });

/** Paths a catalog path names under a home: `*` matches within one segment, case-insensitively. */
export const expandPath = async (host: Host, home: string, relative: string): Promise<string[]> => {
  let paths = [home.replace(/\/+$/, '')];
  for (const segment of relative.split('/').filter((s) => s !== '')) {
    if (!segment.includes('*')) {
      paths = paths.map((p) => `${p}/${segment}`);
      continue;
    }
    const pattern = globRegExp(segment);
    const listed = await Promise.all(
      paths.map(async (p) =>
        ((await host.readDir(p)) ?? [])
          .sort()
          .filter((n) => pattern.test(n))
          .map((n) => `${p}/${n}`),
      ),
    );
    paths = listed.flat().slice(0, childLimit);
  }
  return paths;
};

interface Candidate {
  appId: string;
  user: string;
  path: string;
}

/** Every (home, catalog path) pair, globs expanded; a real path found twice keeps its first app. */
const candidates = async (host: Host, homes: readonly UserHome[], entries: readonly CatalogPath[]): Promise<Candidate[]> => {
  const pairs = homes.flatMap(({ user, home }) => entries.map(({ appId, path }) => ({ appId, user, home, path })));
  const expanded = await mapLimit(pairs, concurrency, async ({ appId, user, home, path }) =>
    (path.includes('*') ? await expandPath(host, home, path) : [join(home, path)]).map((p) => ({ appId, user, path: p })),
  );
  const byPath = new Map<string, Candidate>();
  for (const candidate of expanded.flat()) if (!byPath.has(candidate.path)) byPath.set(candidate.path, candidate);
  return [...byPath.values()];
};

/** Stats every (home, catalog path) pair; reports those present. */
export const scanDataDirs = async (host: Host, homes: readonly UserHome[], entries: readonly CatalogPath[]): Promise<DataDir[]> => {
  const found = await mapLimit(await candidates(host, homes, entries), concurrency, async (pair): Promise<DataDir | undefined> => {
    const stat = await host.stat(pair.path);
    if (!stat) return undefined;
    const newest = stat.type === 'directory' ? await newestChange(host, pair.path, stat.mtimeMs) : { ms: stat.mtimeMs, path: pair.path };
    const lastChange = isoOf(newest.ms);
    return { ...pair, lastChange, lastChangePath: lastChange === null ? null : newest.path };
  });
  return found.filter((entry) => entry !== undefined);
};

/** Reads every Element-style config.json the catalog names, in every home. */
export const scanMatrixConfigs = async (host: Host, homes: readonly UserHome[], entries: readonly CatalogPath[]): Promise<MatrixConfigEntry[]> => {
  const found = await mapLimit(await candidates(host, homes, entries), concurrency, async (pair): Promise<MatrixConfigEntry | undefined> => {
    const text = await readText(host, pair.path);
    if (text === undefined) return undefined;
    return { ...pair, ...parseMatrixConfig(text) };
  });
  return found.filter((entry) => entry !== undefined);
};

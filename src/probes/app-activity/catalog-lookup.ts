/**
 * The app-activity probe's view of the catalog on Linux, over the shared matchers in
 * src/software/match.ts (catalog order, case-insensitive, `*` globs, 15-character comm).
 */
import type { Catalog, CatalogApp } from '../../policy/catalog.js';
import { catalogDataDirs, catalogMatrixConfigs, matchFirst, type AppSignal, type CatalogPath, type MatchAnswers } from '../../software/match.js';

/** What a process can be recognised by. */
export interface ProcessIdentity {
  /** `/proc/<pid>/comm`; the kernel truncates it to 15 bytes. */
  comm: string;
  /** Names argv[0] stands for (basenames). */
  argv0: readonly string[];
  /** Target of the `exe` link; null when unreadable. */
  exe: string | null;
  flatpak: string | null;
  snap: string | null;
}

export type ProcessMatch = 'flatpak' | 'snap' | 'exe' | 'argv0' | 'comm';

/**
 * The catalog app a process belongs to. Identifiers are tried strongest first (Flatpak id, snap
 * name, executable, argv[0], comm); for each, the first app in catalog order that lists it wins.
 */
export const appForProcess = (
  catalog: Catalog,
  identity: ProcessIdentity,
  answers?: MatchAnswers,
): { app: CatalogApp; matchedBy: ProcessMatch } | undefined => {
  const tried: { signal: AppSignal; by: ProcessMatch }[] = [];
  if (identity.flatpak !== null) tried.push({ signal: { kind: 'flatpak', value: identity.flatpak }, by: 'flatpak' });
  if (identity.snap !== null) tried.push({ signal: { kind: 'snap', value: identity.snap }, by: 'snap' });
  if (identity.exe !== null) tried.push({ signal: { kind: 'process', value: identity.exe }, by: 'exe' });
  for (const name of identity.argv0) tried.push({ signal: { kind: 'process', value: name }, by: 'argv0' });
  if (identity.comm !== '') tried.push({ signal: { kind: 'process', value: identity.comm }, by: 'comm' });
  const found = matchFirst(
    catalog,
    'linux',
    tried.map((t) => t.signal),
    answers,
  );
  if (!found) return undefined;
  const by = tried.find((t) => t.signal === found.signal)?.by ?? 'comm';
  return { app: found.app, matchedBy: by };
};

/**
 * Per-user data directories (relative to a home; may contain `*`), including `.var/app/<flatpak
 * id>` and `snap/<snap name>`, in catalog order. A path listed twice keeps its first app.
 */
export const linuxDataDirs = (catalog: Catalog): CatalogPath[] => firstClaims(catalogDataDirs(catalog, 'linux'));

/** Element-style config.json paths (relative to a home), in catalog order; first app wins. */
export const linuxMatrixConfigs = (catalog: Catalog): CatalogPath[] => firstClaims(catalogMatrixConfigs(catalog, 'linux'));

const firstClaims = (paths: readonly CatalogPath[]): CatalogPath[] => {
  const seen = new Set<string>();
  const result: CatalogPath[] = [];
  for (const { appId, path } of paths) {
    const clean = path
      .trim()
      .replace(/^(\.\/)+/, '')
      .replace(/^\/+|\/+$/g, '');
    if (clean === '' || clean.split('/').includes('..') || seen.has(clean)) continue;
    seen.add(clean);
    result.push({ appId, path: clean });
  }
  return result;
};

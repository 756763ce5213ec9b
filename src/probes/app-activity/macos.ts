/**
 * app-activity on macOS. Processes: `ps -axww -o pid=,uid=,comm=` (works without root; `comm` is
 * the executable path), matched by the bundle id of the outermost app bundle the executable lies in,
 * else by its name and the bundle's name, so Electron helpers count as their app. Data directories
 * and Element-style config.json files: the catalog's macOS paths under every /Users home.
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import type { Catalog } from '../../policy/catalog.js';
import { listMacHomes, userNamesByUid, type MacHome } from '../../platform/macos/homes.js';
import { readPlist, stringValue } from '../../platform/macos/plist.js';
import { failure, runTool, succeeded } from '../../platform/macos/run.js';
import { catalogDataDirs, catalogMatrixConfigs, matchAnswers, matchFirst, type AppSignal, type CatalogPath } from '../../software/match.js';
import { ok, type ProbeContext } from '../probe.js';
import { scanDataDirs, scanMatrixConfigs } from './data-dirs.js';
import { baseName, outermostBundle, parsePs, psArgs, type PsRow } from './macos-parse.js';

type MacosMatch = 'bundle-id' | 'exe' | 'bundle-name';

type RunningApp = {
  appId: string;
  pid: number;
  name: string;
  exe: string | null;
  user: string | null;
  uid: number;
  count: number;
  matchedBy: MacosMatch;
};

/** A path listed twice keeps its first app (catalog order). */
const firstClaims = (paths: readonly CatalogPath[]): CatalogPath[] => {
  const seen = new Set<string>();
  return paths.filter(({ path }) => {
    const clean = path.trim().replace(/^\/+|\/+$/g, '');
    if (clean === '' || clean.split('/').includes('..') || seen.has(clean)) return false;
    seen.add(clean);
    return true;
  });
};

const matchProcesses = async (host: Host, catalog: Catalog, rows: readonly PsRow[], names: Map<number, string>): Promise<RunningApp[]> => {
  const bundleIds = new Map<string, Promise<string | null>>();
  const bundleId = (bundle: string): Promise<string | null> => {
    let id = bundleIds.get(bundle);
    if (id === undefined) {
      id = readPlist(host, `${bundle}/Contents/Info.plist`).then((read) => (read.status === 'ok' ? stringValue(read.dict, 'CFBundleIdentifier') : null));
      bundleIds.set(bundle, id);
    }
    return id;
  };
  const groups = new Map<string, RunningApp>();
  const answers = matchAnswers(catalog, 'macos');
  for (const row of rows) {
    const bundle = outermostBundle(row.command);
    const id = bundle === undefined ? null : await bundleId(bundle.bundle);
    const tried: { signal: AppSignal; by: MacosMatch }[] = [];
    if (id !== null) tried.push({ signal: { kind: 'bundle-id', value: id }, by: 'bundle-id' });
    tried.push({ signal: { kind: 'process', value: row.command }, by: 'exe' });
    if (bundle !== undefined) {
      tried.push({ signal: { kind: 'process', value: bundle.bundleName }, by: 'bundle-name' });
      tried.push({ signal: { kind: 'display-name', value: bundle.bundleName }, by: 'bundle-name' });
    }
    const found = matchFirst(
      catalog,
      'macos',
      tried.map((t) => t.signal),
      answers,
    );
    if (!found) continue;
    const by = tried.find((t) => t.signal === found.signal)?.by ?? 'exe';
    const key = JSON.stringify([found.app.id, row.uid, bundle?.bundle ?? row.command]);
    const group = groups.get(key);
    if (group) {
      group.count += 1;
      if (row.pid < group.pid)
        Object.assign(group, { pid: row.pid, name: baseName(row.command), exe: row.command.startsWith('/') ? row.command : null, matchedBy: by });
      continue;
    }
    groups.set(key, {
      appId: found.app.id,
      pid: row.pid,
      name: baseName(row.command),
      exe: row.command.startsWith('/') ? row.command : null,
      user: names.get(row.uid) ?? null,
      uid: row.uid,
      count: 1,
      matchedBy: by,
    });
  }
  return [...groups.values()].sort((a, b) => (a.appId < b.appId ? -1 : a.appId > b.appId ? 1 : a.pid - b.pid));
};

const collectProcesses = async (
  host: Host,
  context: ProbeContext,
  homes: readonly MacHome[],
  notes: string[],
): Promise<{ processes: RunningApp[]; count: number } | undefined> => {
  if (!context.capabilities.live || !context.capabilities.exec) {
    notes.push('processes: needs a running system where commands can be run');
    return undefined;
  }
  const result = await runTool(host, 'ps', psArgs);
  if (!succeeded(result)) {
    notes.push(`processes: ${failure(`ps ${psArgs.join(' ')}`, result)}`);
    return undefined;
  }
  const rows = parsePs(result.stdout);
  return { processes: await matchProcesses(host, context.catalog, rows, userNamesByUid(homes)), count: rows.length };
};

export const collectMacos = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  const notes: string[] = [];
  const homes = await listMacHomes(host);
  const [scan, dataDirs, matrixConfigs] = await Promise.all([
    collectProcesses(host, context, homes, notes),
    scanDataDirs(host, homes, firstClaims(catalogDataDirs(context.catalog, 'macos'))),
    scanMatrixConfigs(host, homes, firstClaims(catalogMatrixConfigs(context.catalog, 'macos'))),
  ]);
  if (homes.length === 0) notes.push('data directories: no home directory found under /Users');
  else {
    notes.push(
      'data directories: since macOS 14, folders under ~/Library/Containers of other apps may be hidden from a process ' +
        'without Full Disk Access; a missing container is then not proof of absence',
    );
  }
  const facts: JsonObject = {
    processes: scan ? scan.processes : null,
    processCount: scan ? scan.count : null,
    dataDirs,
    matrixConfigs,
    notes,
  };
  return ok(facts);
};

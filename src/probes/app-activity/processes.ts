/** Running catalog apps, from /proc. Reads only; tolerates processes that vanish mid-scan. */
import { readText } from '../../hosts/host.js';
import type { Host } from '../../hosts/host.js';
import { unlessVanished } from '../../hosts/vanished.js';
import type { Catalog } from '../../policy/catalog.js';
import { appForProcess } from './catalog-lookup.js';
import { matchAnswers, type MatchAnswers } from '../../software/match.js';
import type { ProcessMatch } from './catalog-lookup.js';
import { mapLimit } from './map-limit.js';
import { runningProcesses, type ProcessInfo } from '../../platform/linux/processes.js';
import type { SharedContext } from '../../platform/run-shared.js';
import { argv0Names, parseCgroup, parseStatusUid } from './parse.js';

/** /proc reads in flight at once. */
const concurrency = 64;

export type RunningApp = {
  appId: string;
  /** Lowest pid among the grouped processes. */
  pid: number;
  /** `comm` of that process. */
  name: string;
  /** Executable path; null when the `exe` link is unreadable (other users' processes without root). */
  exe: string | null;
  user: string | null;
  uid: number | null;
  /** Processes grouped into this entry (Electron apps run many helpers). */
  count: number;
  matchedBy: ProcessMatch;
};

export interface ProcessScan {
  processes: RunningApp[];
  /** Numeric entries found in /proc. */
  processCount: number;
  /** User-space processes whose `exe` link could not be read. */
  unreadableExe: number;
}

interface Inspected {
  exeUnreadable: boolean;
  match?: Omit<RunningApp, 'count'>;
}

/**
 * One process, from the shared process table (comm, command line and exe link are read once per
 * host for every probe). Only what matching needs on top is read here: the cgroup when Flatpak or
 * snap is installed, and `status` (the owner) when the process matched.
 */
const inspect = async (host: Host, catalog: Catalog, process: ProcessInfo, readCgroup: boolean, answers: MatchAnswers): Promise<Inspected> => {
  const dir = `/proc/${process.pid}`;
  // Kernel threads and zombies have an empty command line and belong to no app.
  if (process.argv.length === 0) return { exeUnreadable: false };
  const { exe } = process;
  // With a readable exe, comm is its basename cut to 15 bytes unless the process renamed itself,
  // and renaming (setproctitle, process.title) rewrites argv[0] too: comm only counts without exe.
  // A process that exits now still ran when it was listed: what cannot be read of it stays unknown.
  const cgroupText = readCgroup ? await unlessVanished(() => readText(host, `${dir}/cgroup`), `${dir}/cgroup`) : undefined;
  const { flatpak, snap } = cgroupText === undefined ? { flatpak: null, snap: null } : parseCgroup(cgroupText);
  const found = appForProcess(catalog, { comm: exe === null ? process.comm : '', argv0: argv0Names(process.argv), exe, flatpak, snap }, answers);
  if (!found) return { exeUnreadable: exe === null };
  const status = await unlessVanished(() => readText(host, `${dir}/status`), `${dir}/status`);
  const uid = status === undefined ? null : parseStatusUid(status);
  return {
    exeUnreadable: exe === null,
    match: { appId: found.app.id, pid: process.pid, name: process.comm, exe, user: null, uid, matchedBy: found.matchedBy },
  };
};

/** Flatpak and snap leave their marks in /proc/<pid>/cgroup only where they are installed. */
const sandboxesInstalled = async (host: Host): Promise<boolean> => {
  const markers = [
    '/usr/bin/flatpak',
    '/usr/local/bin/flatpak',
    '/var/lib/flatpak',
    '/run/current-system/sw/bin/flatpak',
    '/usr/bin/snap',
    '/var/lib/snapd',
    '/snap',
  ];
  const stats = await Promise.all(markers.map((path) => host.stat(path)));
  return stats.some((stat) => stat !== undefined);
};

/** Groups helpers: one entry per (app, user, executable), keeping the lowest pid. Sorted. */
export const groupProcesses = (matches: readonly Omit<RunningApp, 'count'>[]): RunningApp[] => {
  const groups = new Map<string, RunningApp>();
  for (const match of [...matches].sort((a, b) => a.pid - b.pid)) {
    const key = JSON.stringify([match.appId, match.uid, match.exe]);
    const group = groups.get(key);
    if (group) group.count += 1;
    else groups.set(key, { ...match, count: 1 });
  }
  return [...groups.values()].sort((a, b) => (a.appId === b.appId ? a.pid - b.pid : a.appId < b.appId ? -1 : 1));
};

/** Scans /proc; undefined when /proc cannot be listed. `users` maps uid → user name. */
export const scanProcesses = async (
  host: Host,
  context: SharedContext,
  catalog: Catalog,
  users: ReadonlyMap<number, string>,
): Promise<ProcessScan | undefined> => {
  const entries = await host.readDir('/proc');
  const all = await runningProcesses(host, context);
  if (entries === undefined || all === undefined) return undefined;
  const pids = entries.filter((name) => /^\d+$/.test(name));
  const readCgroup = await sandboxesInstalled(host);
  // One host's processes share names (an Electron app runs many): each identifier is matched once.
  const answers = matchAnswers(catalog, 'linux');
  const inspected = await mapLimit(all, concurrency, (process) => inspect(host, catalog, process, readCgroup, answers));
  const matches: Omit<RunningApp, 'count'>[] = [];
  let unreadableExe = 0;
  for (const item of inspected) {
    if (item.exeUnreadable) unreadableExe += 1;
    if (item.match) matches.push({ ...item.match, user: item.match.uid === null ? null : (users.get(item.match.uid) ?? null) });
  }
  return { processes: groupProcesses(matches), processCount: pids.length, unreadableExe };
};

/** Running catalog apps, from /proc. Reads only; tolerates processes that vanish mid-scan. */
import { readText } from '../../hosts/host.js';
import type { Host } from '../../hosts/host.js';
import type { Catalog } from '../../policy/catalog.js';
import { appForProcess } from './catalog-lookup.js';
import type { ProcessMatch } from './catalog-lookup.js';
import { mapLimit } from './map-limit.js';
import { argv0Names, exePath, parseCgroup, parseCmdline, parseComm, parseStatusUid } from './parse.js';

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
 * One process. Reads are kept few (a desktop runs hundreds of processes): the `exe` link and the
 * command line always; the cgroup only when Flatpak or snap is installed; `comm` only when the exe
 * link is unreadable or the process matched; `status` only when it matched.
 */
const inspect = async (host: Host, catalog: Catalog, pid: number, readCgroup: boolean): Promise<Inspected | undefined> => {
  const dir = `/proc/${pid}`;
  const [link, raw] = await Promise.all([host.readLink(`${dir}/exe`), host.readFile(`${dir}/cmdline`)]);
  if (raw === undefined) return undefined;
  const argv = parseCmdline(raw.toString('utf8'));
  // Kernel threads and zombies have an empty command line and belong to no app.
  if (argv.length === 0) return { exeUnreadable: false };
  const exe = link === undefined ? null : exePath(link);
  const readComm = async (): Promise<string> => {
    const text = await readText(host, `${dir}/comm`);
    return text === undefined ? '' : parseComm(text);
  };
  // With a readable exe, comm is its basename cut to 15 bytes unless the process renamed itself,
  // and renaming (setproctitle, process.title) rewrites argv[0] too.
  const [earlyComm, cgroupText] = await Promise.all([
    exe === null ? readComm() : Promise.resolve(''),
    readCgroup ? readText(host, `${dir}/cgroup`) : Promise.resolve(undefined),
  ]);
  const { flatpak, snap } = cgroupText === undefined ? { flatpak: null, snap: null } : parseCgroup(cgroupText);
  const found = appForProcess(catalog, { comm: earlyComm, argv0: argv0Names(argv), exe, flatpak, snap });
  if (!found) return { exeUnreadable: exe === null };
  const [status, comm] = await Promise.all([readText(host, `${dir}/status`), exe === null ? earlyComm : readComm()]);
  const uid = status === undefined ? null : parseStatusUid(status);
  return {
    exeUnreadable: exe === null,
    match: { appId: found.app.id, pid, name: comm, exe, user: null, uid, matchedBy: found.matchedBy },
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
  return [...groups.values()].sort((a, b) =>
    a.appId === b.appId ? a.pid - b.pid : a.appId < b.appId ? -1 : 1,
  );
};

/** Scans /proc; undefined when /proc cannot be listed. `users` maps uid → user name. */
export const scanProcesses = async (
  host: Host,
  catalog: Catalog,
  users: ReadonlyMap<number, string>,
): Promise<ProcessScan | undefined> => {
  const entries = await host.readDir('/proc');
  if (entries === undefined) return undefined;
  const pids = entries.filter((name) => /^\d+$/.test(name)).map(Number);
  const readCgroup = await sandboxesInstalled(host);
  const inspected = await mapLimit(pids, concurrency, (pid) => inspect(host, catalog, pid, readCgroup));
  const matches: Omit<RunningApp, 'count'>[] = [];
  let unreadableExe = 0;
  for (const item of inspected) {
    if (!item) continue;
    if (item.exeUnreadable) unreadableExe += 1;
    if (item.match) matches.push({ ...item.match, user: item.match.uid === null ? null : (users.get(item.match.uid) ?? null) });
  }
  return { processes: groupProcesses(matches), processCount: pids.length, unreadableExe };
};

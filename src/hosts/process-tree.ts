/**
 * Finding what a command left behind, on Linux, from /proc. Killing a command's process group is
 * not enough: a descendant that called setsid(2) (or daemonised) is in another group and session,
 * and after its parent died it is re-parented to init, so the process tree no longer leads to it.
 * A process started by a run is recognised by any of:
 *
 * - its ancestry leads to the run's direct child (while that child still lives);
 * - it holds one of the run's output pipes (what keeps the run's stdout from ending);
 * - its environment carries the run's marker (`CHARTER_RUN=<marker>`, set on the direct child and
 *   inherited by everything it starts, unless a program clears its environment on purpose).
 *
 * Elsewhere (macOS, Windows) there is no /proc: only the process group is killed. A process that
 * escaped its group, closed the run's pipes and cleared its environment is not found: it no
 * longer holds charter up either. Everything here is synchronous, for exit and signal handlers.
 */
import { readFileSync, readdirSync, readlinkSync } from 'node:fs';

export const runMarkerVariable = 'CHARTER_RUN';
export const procAvailable = process.platform === 'linux';

const readOr = <T>(read: () => T, fallback: T): T => {
  try {
    return read();
  } catch {
    // The process ended while it was read, or it is not ours to read.
    return fallback;
  }
};

/** The pipes (as /proc shows them: 'pipe:[inode]') that `pid` has on fds 1 and 2. */
export const outputPipes = (pid: number): string[] => {
  if (!procAvailable) return [];
  return [1, 2].flatMap((fd) => {
    const link = readOr(() => readlinkSync(`/proc/${String(pid)}/fd/${String(fd)}`), '');
    return link.startsWith('pipe:') ? [link] : [];
  });
};

export interface RunTraces {
  /** The run's direct child. */
  root: number;
  /** `CHARTER_RUN` value of the run. */
  marker: string;
  /** The run's output pipes ('pipe:[inode]'). */
  pipes: readonly string[];
}

/** Pids of the processes (other than this one) that belong to the run, from /proc; [] elsewhere. */
export const runProcesses = (traces: RunTraces): number[] => {
  if (!procAvailable) return [];
  const pids = readOr(() => readdirSync('/proc'), [])
    .filter((name) => /^\d+$/.test(name))
    .map(Number);
  const parents = new Map<number, number>();
  const found = new Set<number>();
  const markerBytes = Buffer.from(`\0${runMarkerVariable}=${traces.marker}\0`);
  const pipes = new Set(traces.pipes);
  for (const pid of pids) {
    if (pid === process.pid) continue;
    const stat = readOr(() => readFileSync(`/proc/${String(pid)}/stat`, 'latin1'), '');
    // pid (comm) state ppid ...: comm may hold spaces and parentheses, so split after the last ')'.
    const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    if (stat === '' || state === 'Z' || state === 'X') continue;
    parents.set(pid, Number(ppid));
    if (pid === traces.root) continue;
    const environ = readOr(() => readFileSync(`/proc/${String(pid)}/environ`), Buffer.alloc(0));
    // The first variable has no NUL before it.
    if (Buffer.concat([Buffer.from([0]), environ]).includes(markerBytes)) {
      found.add(pid);
      continue;
    }
    if (pipes.size === 0) continue;
    const fds = readOr(() => readdirSync(`/proc/${String(pid)}/fd`), []);
    if (fds.some((fd) => pipes.has(readOr(() => readlinkSync(`/proc/${String(pid)}/fd/${fd}`), '')))) found.add(pid);
  }
  // Descendants of the direct child, by ancestry.
  const descendants = new Set<number>([traces.root]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const [pid, ppid] of parents) {
      if (!descendants.has(pid) && descendants.has(ppid)) {
        descendants.add(pid);
        grew = true;
      }
    }
  }
  for (const pid of descendants) if (pid !== traces.root && parents.has(pid)) found.add(pid);
  return [...found].sort((a, b) => a - b);
};

/** Send `signal` to each process and to the group it may lead; a process already gone is skipped. */
export const signalAll = (pids: readonly number[], signal: NodeJS.Signals): void => {
  for (const pid of pids) {
    for (const target of [pid, -pid]) {
      try {
        process.kill(target, signal);
      } catch {
        // ESRCH: gone, or not a group leader.
      }
    }
  }
};

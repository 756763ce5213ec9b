/**
 * The process table of a live Linux machine from /proc, read once per run and shared by every
 * probe that asks (firewall daemons, management agents, sshd, app activity, ...). Reads only.
 */
import type { Host } from '../../hosts/host.js';
import { unlessVanished } from '../../hosts/vanished.js';
import { parseCmdline, parseComm } from './proc.js';
import { shared, type SharedContext, type SharedWork } from '../run-shared.js';

export interface ProcessInfo {
  pid: number;
  /** Kernel task name (/proc/<pid>/comm, at most 15 bytes). */
  comm: string;
  /** Basename of argv[0]; '' for kernel threads. */
  argv0: string;
  /** The whole command line (NUL-separated arguments; empty for kernel threads and zombies). */
  argv: string[];
  /** Executable path; null when the exe link is unreadable (other users' processes without root). */
  exe: string | null;
}

const concurrency = 64;

const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/**
 * One process, or undefined when it exited while it was read: a vanished process is skipped, not an
 * error and not an unreadable process.
 */
const readOne = async (host: Host, pid: number): Promise<ProcessInfo | undefined> => {
  const dir = `/proc/${pid}`;
  const [comm, cmdline, exe] = await Promise.all([
    unlessVanished(() => host.readFile(`${dir}/comm`), `${dir}/comm`),
    unlessVanished(() => host.readFile(`${dir}/cmdline`), `${dir}/cmdline`),
    unlessVanished(() => host.readLink(`${dir}/exe`), `${dir}/exe`),
  ]);
  // Both gone: the process exited while the scan ran.
  if (comm === undefined && cmdline === undefined) return undefined;
  const argv = cmdline === undefined ? [] : parseCmdline(cmdline.toString('utf8'));
  // A command line but no executable: another user's process (unreadable), or one that has just
  // exited. Only the first is counted as unreadable by the callers.
  if (exe === undefined && argv.length > 0 && (await unlessVanished(() => host.stat(dir), dir)) === undefined) return undefined;
  const first = argv[0] ?? '';
  return {
    pid,
    comm: comm === undefined ? '' : parseComm(comm.toString('utf8')),
    argv0: baseName(first.split(' ')[0] ?? ''),
    argv,
    exe: exe === undefined ? null : exe.replace(/ \(deleted\)$/, ''),
  };
};

const scan = async (host: Host): Promise<ProcessInfo[] | undefined> => {
  const entries = await host.readDir('/proc');
  if (entries === undefined) return undefined;
  const pids = entries.filter((name) => /^\d+$/.test(name)).map(Number);
  const result: ProcessInfo[] = [];
  for (let i = 0; i < pids.length; i += concurrency) {
    const batch = await Promise.all(pids.slice(i, i + concurrency).map((pid) => readOne(host, pid)));
    for (const info of batch) if (info !== undefined) result.push(info);
  }
  return result.sort((a, b) => a.pid - b.pid);
};

/** One scan of /proc: every process, or undefined when /proc cannot be listed (a target at rest). */
export const listProcesses = (host: Host): Promise<ProcessInfo[] | undefined> => scan(host);

const processTable: SharedWork<ProcessInfo[] | undefined> = { key: 'linux/processes', run: scan };

/**
 * Every process, from the run's one scan of /proc (each probe asking is told what that scan could
 * not read), or undefined when /proc cannot be listed. Callers must only use it when
 * `context.capabilities.live` is true.
 */
export const runningProcesses = (host: Host, context: SharedContext): Promise<ProcessInfo[] | undefined> => shared(host, context, processTable);

/** Processes whose comm, argv[0] basename or exe basename is one of `names` (from the run's table). */
export const processesNamed = async (host: Host, context: SharedContext, names: readonly string[]): Promise<ProcessInfo[] | undefined> => {
  const all = await runningProcesses(host, context);
  if (all === undefined) return undefined;
  const wanted = new Set(names);
  return all.filter((p) => wanted.has(p.comm) || wanted.has(p.argv0) || (p.exe !== null && wanted.has(baseName(p.exe))));
};

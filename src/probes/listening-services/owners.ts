/**
 * Which process holds each socket: every /proc/<pid>/fd/* link `socket:[inode]`. Reads only, and
 * reads as little as it can, since a desktop has thousands of open files:
 *
 * 1. processes running as a user that owns one of the sockets (the owner of /proc/<pid>; a daemon
 *    that dropped privileges after binding as root is non-dumpable, so its /proc/<pid> stays
 *    root's), until every socket has a holder other than PID 1 (systemd holds socket-activated
 *    sockets next to the service);
 * 2. only when the reader is root and sockets are still without a holder: every other process (a
 *    daemon that made itself dumpable again after changing user). Without root those processes'
 *    fd tables are unreadable anyway.
 */
import { readText, type Host } from '../../hosts/host.js';
import { unlessVanished } from '../../hosts/vanished.js';
import { socketInode, statusEffectiveUid } from './parse.js';

export interface OwnerScan {
  /** Socket inode → the holding process: the lowest pid other than 1 when several were seen, else 1. */
  owners: Map<number, number>;
  /** Pids whose fd table (or some of its links) could not be read: other users' processes without root. */
  unreadable: number[];
  /** False when /proc itself could not be listed. */
  listed: boolean;
  /** Effective uid of the reader (/proc/self/status); null when unknown. */
  readerUid: number | null;
}

/** Processes read at once; each reads all of its fd links at once. */
const batchSize = 32;

/**
 * The socket inodes a process holds. `existed`: /proc/<pid> could be stat'ed; an fd table missing
 * then is unreadable, unless the process has exited since (it holds nothing then: skipped). A link
 * that cannot be read is unreadable while its fd is still listed (a set-id process lets its table
 * be listed, not read), and a file closed since the listing when it is not: skipped too.
 */
const readProcess = async (host: Host, pid: number, existed: boolean): Promise<{ inodes: number[]; complete: boolean }> => {
  const dir = `/proc/${pid}`;
  const listFds = (): Promise<string[] | undefined> => unlessVanished(() => host.readDir(`${dir}/fd`), `${dir}/fd`);
  const gone = async (): Promise<boolean> => (await unlessVanished(() => host.stat(dir), dir)) === undefined;
  const fds = await listFds();
  if (fds === undefined) return { inodes: [], complete: !existed || (await gone()) };
  const links = await Promise.all(fds.map((fd) => unlessVanished(() => host.readLink(`${dir}/fd/${fd}`), `${dir}/fd/${fd}`)));
  const inodes: number[] = [];
  for (const link of links) {
    const inode = link === undefined ? undefined : socketInode(link);
    if (inode !== undefined) inodes.push(inode);
  }
  const missing = fds.filter((_, index) => links[index] === undefined);
  if (missing.length === 0) return { inodes, complete: true };
  const now = await listFds();
  if (now === undefined) return { inodes, complete: await gone() };
  const still = new Set(now);
  return { inodes, complete: !missing.some((fd) => still.has(fd)) };
};

/** The owner uid of each process: the owner of /proc/<pid> (its effective uid while dumpable). */
const processUids = async (host: Host, pids: readonly number[]): Promise<Map<number, number>> => {
  const uids = new Map<number, number>();
  const stats = await Promise.all(pids.map((pid) => unlessVanished(() => host.stat(`/proc/${pid}`), `/proc/${pid}`)));
  pids.forEach((pid, index) => {
    const stat = stats[index];
    if (stat !== undefined) uids.set(pid, stat.uid);
  });
  return uids;
};

/** A better holder: any pid beats PID 1 (systemd socket activation), then the lowest (the parent after fork). */
const better = (pid: number, known: number | undefined): boolean => known === undefined || (known === 1 ? pid !== 1 : pid !== 1 && pid < known);

/**
 * Find the processes holding `inodes`. `socketUids` are the owners of those sockets as the socket
 * tables report them.
 */
export const findSocketOwners = async (host: Host, inodes: ReadonlySet<number>, socketUids: ReadonlySet<number>): Promise<OwnerScan> => {
  const owners = new Map<number, number>();
  const unreadable: number[] = [];
  const self = await readText(host, '/proc/self/status');
  const readerUid = (self === undefined ? undefined : statusEffectiveUid(self)) ?? null;
  if (inodes.size === 0) return { owners, unreadable, listed: true, readerUid };
  const entries = await host.readDir('/proc');
  if (entries === undefined) return { owners, unreadable, listed: false, readerUid };
  const pids = entries
    .filter((name) => /^\d+$/.test(name))
    .map(Number)
    .sort((a, b) => a - b);
  const uids = await processUids(host, pids);

  const scan = async (group: readonly number[], done: () => boolean): Promise<void> => {
    for (let i = 0; i < group.length && !done(); i += batchSize) {
      const batch = group.slice(i, i + batchSize);
      const results = await Promise.all(batch.map((pid) => readProcess(host, pid, uids.has(pid))));
      batch.forEach((pid, index) => {
        const result = results[index];
        if (result === undefined) return;
        if (!result.complete) unreadable.push(pid);
        for (const inode of result.inodes) {
          if (inodes.has(inode) && better(pid, owners.get(inode))) owners.set(inode, pid);
        }
      });
    }
  };

  const likely = (pid: number): boolean => socketUids.has(uids.get(pid) ?? -1);
  await scan(pids.filter(likely), () => owners.size === inodes.size && [...owners.values()].every((pid) => pid !== 1));
  if (owners.size < inodes.size && readerUid !== 0 && readerUid !== null) {
    // Not root: the remaining processes' fd tables are unreadable; note them without reading.
    for (const pid of pids) if (!likely(pid) && uids.has(pid) && uids.get(pid) !== readerUid) unreadable.push(pid);
  } else {
    await scan(
      pids.filter((pid) => !likely(pid)),
      () => owners.size === inodes.size,
    );
  }
  return { owners, unreadable: [...new Set(unreadable)].sort((a, b) => a - b), listed: true, readerUid };
};

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

/** `existed`: /proc/<pid> could be stat'ed; an fd table missing then is unreadable, not gone. */
const readProcess = async (host: Host, pid: number, existed: boolean): Promise<{ inodes: number[]; complete: boolean }> => {
  const fds = await host.readDir(`/proc/${pid}/fd`);
  if (fds === undefined) return { inodes: [], complete: !existed };
  const links = await Promise.all(fds.map((fd) => host.readLink(`/proc/${pid}/fd/${fd}`)));
  const inodes: number[] = [];
  let complete = true;
  for (const link of links) {
    if (link === undefined) complete = false;
    else {
      const inode = socketInode(link);
      if (inode !== undefined) inodes.push(inode);
    }
  }
  return { inodes, complete };
};

/** The owner uid of each process: the owner of /proc/<pid> (its effective uid while dumpable). */
const processUids = async (host: Host, pids: readonly number[]): Promise<Map<number, number>> => {
  const uids = new Map<number, number>();
  const stats = await Promise.all(pids.map((pid) => host.stat(`/proc/${pid}`)));
  pids.forEach((pid, index) => {
    const stat = stats[index];
    if (stat !== undefined) uids.set(pid, stat.uid);
  });
  return uids;
};

/** A better holder: any pid beats PID 1 (systemd socket activation), then the lowest (the parent after fork). */
const better = (pid: number, known: number | undefined): boolean =>
  known === undefined || (known === 1 ? pid !== 1 : pid !== 1 && pid < known);

/**
 * Find the processes holding `inodes`. `socketUids` are the owners of those sockets as the socket
 * tables report them.
 */
export const findSocketOwners = async (
  host: Host,
  inodes: ReadonlySet<number>,
  socketUids: ReadonlySet<number>,
): Promise<OwnerScan> => {
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
  await scan(
    pids.filter(likely),
    () => owners.size === inodes.size && [...owners.values()].every((pid) => pid !== 1),
  );
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

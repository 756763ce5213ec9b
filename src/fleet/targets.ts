/**
 * What an audit runs over: one FleetTarget per host, whatever kind it is. A kind only has to say
 * how to open its host and what a failure to open it means (a bad snapshot file is `invalid`; an
 * ssh host that does not answer is `unreachable`).
 */
import { readdir, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import { UsageError } from '../errors.js';
import type { Host } from '../hosts/host.js';
import { hostFromSnapshot, openSnapshot, readSnapshotSync } from '../hosts/snapshot.js';
import { openSsh } from '../hosts/ssh/index.js';
import { formatSshTarget } from '../hosts/ssh/target.js';
import type { Prefetch } from '../hosts/prefetch.js';
import type { InventoryHost } from './inventory.js';
import type { HostStatus } from './model.js';
import type { RunMemo } from '../run-memo.js';

export interface FleetTarget {
  /** Where the host comes from: a snapshot file as given, or an ssh target `[user@]host[:port]`. */
  source: string;
  /**
   * What the auditor calls the host, shown first in reports: the inventory's name for it, or a
   * snapshot file's name without `.json` (the Ansible example names each file after its host).
   */
  name?: string;
  /** The status of the host when opening it throws a TargetError. */
  openFailure: Extract<HostStatus, 'invalid' | 'unreachable'>;
  /**
   * Open the host; throws TargetError when it cannot be used. `memo`: the run's shared work, for a
   * kind that can share it with the run's other hosts (a snapshot's outcomes: parseSnapshot).
   */
  open(memo?: RunMemo): Promise<Host>;
  /** For snapshot targets: the file, so that a worker thread can check it on its own. */
  snapshotFile?: string;
  /** Inventory targets: the host's inventory groups (see groups.ts). */
  groups?: readonly string[];
  /** Snapshot targets found in a directory: their folder under it, `/`-separated, when not directly inside (see groups.ts). */
  folder?: string;
}

/** The name a snapshot file gives its host: the file's name without `.json` (or `.json.gz`). */
export const snapshotName = (file: string): string => basename(file).replace(/\.json(?:\.gz)?$/i, '') || basename(file);

/** A snapshot file written by `charter collect`. */
export const snapshotTarget = (file: string, shown: string = file, folder?: string): FleetTarget => ({
  source: shown,
  name: snapshotName(shown),
  openFailure: 'invalid',
  open: (memo) => openSnapshot(file, shown, memo),
  snapshotFile: file,
  ...(folder === undefined || folder === '' ? {} : { folder }),
});

/**
 * A snapshot file read with a blocking read: for a worker thread that checks snapshots and does
 * nothing else (see worker-pool.ts). Same host, same errors.
 */
export const blockingSnapshotTarget = (file: string, shown: string = file, folder?: string): FleetTarget => ({
  source: shown,
  name: snapshotName(shown),
  openFailure: 'invalid',
  open: (memo) => {
    try {
      return Promise.resolve(hostFromSnapshot(readSnapshotSync(file, shown, memo), shown));
    } catch (error) {
      return Promise.reject(error instanceof Error ? error : new Error(String(error)));
    }
  },
  snapshotFile: file,
  ...(folder === undefined || folder === '' ? {} : { folder }),
});

/**
 * A snapshot file found in a directory: what it holds is its folder (shared by the folder's files)
 * and its own name; its path, shown path and name are made when asked. A walk of 30,000 files then
 * keeps one small object and one short string per file, not three paths and a closure: the list is
 * held while the audit runs, and what survives the main thread's young generation makes it grow.
 */
class FoundSnapshot implements FleetTarget {
  readonly openFailure = 'invalid';
  readonly folder?: string;
  private readonly dir: string;
  private readonly shownDir: string;
  private readonly entry: string;
  constructor(dir: string, shownDir: string, entry: string, folder: string) {
    this.dir = dir;
    this.shownDir = shownDir;
    this.entry = entry;
    if (folder !== '') this.folder = folder;
  }
  get snapshotFile(): string {
    return join(this.dir, this.entry);
  }
  get source(): string {
    return join(this.shownDir, this.entry);
  }
  get name(): string {
    return snapshotName(this.source);
  }
  open(memo?: RunMemo): Promise<Host> {
    return openSnapshot(this.snapshotFile, this.source, memo);
  }
}

/** Snapshot files in a directory: `*.json`, and `*.json.gz` (read plain or gzip alike, by content). */
const isSnapshotName = (name: string): boolean => (name.endsWith('.json') || name.endsWith('.json.gz')) && !name.startsWith('.');

/**
 * Snapshot targets for the paths given on the command line: a file is one snapshot (whatever its
 * name); a directory holds one snapshot per `*.json` or `*.json.gz` inside it or in its subfolders (hidden ones
 * and symbolic links to folders left out), each folder's files sorted by name before its
 * subfolders. A snapshot in a subfolder belongs to that folder's group (`MinFin/ws1.json`: group
 * `MinFin`, see groups.ts). `exclude` lists absolute paths to leave out (the audit's own output
 * files). Throws UsageError for a path that does not exist.
 */
export const snapshotTargets = async (paths: readonly string[], cwd: string, exclude: readonly string[] = []): Promise<FleetTarget[]> => {
  const excluded = new Set(exclude.map((p) => resolve(cwd, p)));
  const targets: FleetTarget[] = [];
  // One path given: a walk never finds a file twice (links to folders are not followed).
  const seen = paths.length > 1 ? new Set<string>() : undefined;
  const taken = (file: string): boolean => {
    if (excluded.has(file) || seen?.has(file) === true) return false;
    seen?.add(file);
    return true;
  };
  const add = (file: string, shown: string): void => {
    // One copy of the path when it is shown as it is (an absolute path given).
    if (taken(file)) targets.push(snapshotTarget(file, shown === file ? file : shown));
  };
  const walk = async (absolute: string, shown: string, folder: string): Promise<void> => {
    const entries = (await readdir(absolute, { withFileTypes: true })).sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    // The folder's path once, for all its files (shown as given when it is the same text).
    const shownDir = shown === absolute ? absolute : shown;
    for (const entry of entries) {
      if (isSnapshotName(entry.name) && !entry.isDirectory() && taken(join(absolute, entry.name)))
        targets.push(new FoundSnapshot(absolute, shownDir, entry.name, folder));
    }
    for (const entry of entries) {
      if (!entry.isDirectory() || entry.name.startsWith('.')) continue;
      await walk(join(absolute, entry.name), join(shown, entry.name), folder === '' ? entry.name : `${folder}/${entry.name}`);
    }
  };
  for (const given of paths) {
    const absolute = resolve(cwd, given);
    const info = await stat(absolute).catch((error: unknown) => {
      const code = error instanceof Error && 'code' in error ? String(error.code) : '';
      throw new UsageError(`${given}: ${code === 'ENOENT' ? 'no such file or directory' : error instanceof Error ? error.message : String(error)}`);
    });
    if (!info.isDirectory()) {
      add(absolute, given);
      continue;
    }
    await walk(absolute, given, '');
  }
  return targets;
};

/** How the audit reaches ssh hosts; unset fields leave ssh's own configuration (~/.ssh/config) in charge. */
export interface SshAuditOptions {
  configFile?: string;
  identityFile?: string;
  knownHostsFile?: string;
  connectTimeoutSec?: number;
  /** Longest wait for one answer of a host (the opening included): at most the host time limit. */
  readTimeoutMs?: number;
  /** What each host's first round trip fetches (src/probes/reads.ts: the reads the probes declare). */
  prefetch?: Prefetch;
}

/**
 * Targets for the hosts of an inventory, reached over ssh (one multiplexed connection each). A
 * host that cannot be reached (refused, unknown, wrong key, silent) becomes `unreachable`.
 */
export const inventoryTargets = (hosts: readonly InventoryHost[], options: SshAuditOptions = {}): FleetTarget[] =>
  hosts.map((host) => {
    const argument = formatSshTarget({
      host: host.address,
      ...(host.user === undefined ? {} : { user: host.user }),
      ...(host.port === undefined ? {} : { port: host.port }),
    });
    return {
      source: `ssh:${argument}`,
      name: host.alias,
      openFailure: 'unreachable',
      open: () => openSsh(argument, options),
      ...(host.groups.length === 0 ? {} : { groups: host.groups }),
    };
  });

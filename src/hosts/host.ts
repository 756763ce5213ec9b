import type { SshClientOptions } from './ssh/transport.js';
import type { Facts, Platform, TargetClass } from '../model.js';
import type { Prefetch } from './prefetch.js';

export interface RunOptions {
  /** Wall-clock limit for the whole process group; default 10 s. */
  timeoutMs?: number;
  /**
   * Ends the run when aborted (its process group killed, output as read so far, `cancelled` set);
   * a run asked for under an aborted signal is not started. Hosts that cannot stop a command stop
   * waiting for it (abortable.ts).
   */
  signal?: AbortSignal;
}

export interface RunResult {
  /** Exit code; 127 when the program could not be started. */
  exitCode: number;
  stdout: string;
  stderr: string;
  timedOut: boolean;
  /** Set when the program could not be started at all (e.g. 'ENOENT'). */
  spawnError?: string;
  /** The run was ended, or never started, because its RunOptions.signal was aborted. */
  cancelled?: true;
}

/** Receives one piece of a file (see Host.readFileChunks); may be async: the next piece waits for it. */
export type ChunkConsumer = (chunk: Buffer) => void | Promise<void>;

export interface FileStat {
  type: 'file' | 'directory' | 'symlink' | 'other';
  size: number;
  mtimeMs: number;
  mode: number;
  uid: number;
}

export interface HostCapabilities {
  /** Files can be read. */
  read: boolean;
  /** Commands can be run. */
  exec: boolean;
  /** The target is a running system (processes, sockets, sessions exist). */
  live: boolean;
}

/**
 * The only way code reaches a machine. Reads never throw for a missing path: they answer undefined,
 * and so for a path that vanished while it was read (a process that exited between the listing of
 * /proc and the read of its files, a file removed or replaced since its directory was listed; see
 * vanished.ts). `run` never throws on a non-zero exit. Nothing here may change the checked machine.
 */
export interface Host {
  readonly kind: string;
  /** Display name of the target, e.g. 'local' or the replay directory. */
  readonly name: string;
  readonly capabilities: HostCapabilities;
  platform(): Promise<Platform>;
  readFile(path: string): Promise<Buffer | undefined>;
  /**
   * The bytes readFile would answer, handed to `consume` in order, in pieces of at most `chunkBytes`,
   * without holding the file whole (each piece is valid only until `consume` returns or its promise
   * settles: the host may fill the same buffer again). Answers the number of bytes handed over, or
   * undefined where readFile answers undefined (absent, over the host's cap, vanished) and for
   * anything but a regular file; when it answers undefined after some pieces (the file vanished
   * while read), the caller keeps nothing from them. What `consume` throws ends the read and is
   * thrown. Optional: a host that holds a file's bytes anyway (ssh, a snapshot) leaves it out, and
   * readChunks hands over views of what readFile answers.
   */
  readFileChunks?(path: string, consume: ChunkConsumer, chunkBytes: number): Promise<number | undefined>;
  readDir(path: string): Promise<string[] | undefined>;
  /** Follows symlinks, like stat(2). */
  stat(path: string): Promise<FileStat | undefined>;
  readLink(path: string): Promise<string | undefined>;
  run(file: string, args: readonly string[], options?: RunOptions): Promise<RunResult>;
  close(): Promise<void>;
  /**
   * Facts collected earlier (a snapshot written by `charter collect`): probes are not run, their
   * recorded outcomes are used, and rules are evaluated as of `collectedAt`.
   */
  readonly precollected?: Precollected;
}

export interface Precollected {
  /** Probe outcomes by probe id. */
  facts: Facts;
  /** ISO-8601 time of collection: the clock rules are evaluated against. */
  collectedAt: string;
  /** The class the target had when collected; absent in snapshots written before classes. */
  targetClass?: TargetClass;
  /** Who the machine was, as the snapshot says (pseudonyms when `redacted`). */
  host?: { name: string | null; machineId: string | null; redacted: boolean };
  /** The group the snapshot says the machine belongs to (`charter collect --group`). */
  group?: string;
}

export interface HostContext {
  /** Root of the charter package, for hosts that need shipped data. */
  cwd: string;
  /** How ssh targets are reached (--ssh-config, --identity, --known-hosts, --connect-timeout); ignored by other kinds. */
  ssh?: SshClientOptions;
  /** What a host that fetches ahead (ssh) fetches first: the reads the probes declare. */
  prefetch?: Prefetch;
}

/** One kind of target, chosen by the prefix of a target string (`local`, `replay:DIR`, ...). */
export interface HostKind {
  readonly kind: string;
  readonly describe: string;
  /** Placeholder for the part after `kind:` (e.g. 'DIR'), shown in help; absent when the kind takes none. */
  readonly argument?: string;
  create(argument: string | undefined, context: HostContext): Promise<Host>;
}

export const defineHostKind = (kind: HostKind): HostKind => kind;

/**
 * Decoded texts by the Buffer they came from: a host that answers the same read with the same Buffer
 * (ssh keeps what it fetched, and shares big contents between hosts) is decoded once.
 */
const texts = new WeakMap<Buffer, string>();

/** A content as UTF-8 text: decoded once per Buffer (see `texts`). */
export const textOf = (bytes: Buffer): string => {
  const known = texts.get(bytes);
  if (known !== undefined) return known;
  const text = bytes.toString('utf8');
  texts.set(bytes, text);
  return text;
};

/** Read a file as UTF-8 text; undefined when absent. */
export const readText = async (host: Host, path: string): Promise<string | undefined> => {
  const bytes = await host.readFile(path);
  return bytes === undefined ? undefined : textOf(bytes);
};

/**
 * A file in pieces of at most `chunkBytes` (Host.readFileChunks), from any host: one without a
 * chunked read hands over views of readFile's answer. Undefined when absent.
 */
export const readChunks = async (host: Host, path: string, consume: ChunkConsumer, chunkBytes = 1 << 20): Promise<number | undefined> => {
  if (host.readFileChunks !== undefined) return host.readFileChunks(path, consume, chunkBytes);
  const bytes = await host.readFile(path);
  return bytes === undefined ? undefined : handInChunks(bytes, consume, chunkBytes);
};

/** Bytes already held, handed to `consume` as views of at most `chunkBytes`; answers their length. */
export const handInChunks = async (bytes: Buffer, consume: ChunkConsumer, chunkBytes: number): Promise<number> => {
  const step = Math.max(1, Math.floor(chunkBytes));
  for (let at = 0; at < bytes.length; at += step) await consume(bytes.subarray(at, Math.min(bytes.length, at + step)));
  return bytes.length;
};

export const defaultRunTimeoutMs = 10_000;

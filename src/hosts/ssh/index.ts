/**
 * `ssh:[user@]host[:port]`: a remote Linux machine read through the system OpenSSH client.
 *
 * One ssh connection and one remote session per host (transport.ts): the session runs a constant
 * agent (agent.ts) that answers batches of requests. The first batch is the prefetch its caller
 * hands over (the paths the probes declare they read; manifest.ts), which fills a cache. Any read outside it, and every command, is queued;
 * what is asked while a batch is under way goes together in the next one (commands of one batch run
 * at the same time on the remote side), so a whole check costs a handful of batches and no further
 * ssh process or remote login. Big contents already received from another host of this process are
 * answered by digest (content-store.ts). `close()` ends the session.
 */
import { targetKinds } from '../kinds.js';
import { noteDeniedRead } from '../denied-reads.js';
import { UsageError } from '../../errors.js';
import type { Platform } from '../../model.js';
import { defaultRunTimeoutMs, defineHostKind } from '../host.js';
import type { FileStat, Host, RunOptions, RunResult } from '../host.js';
import { batchText, dedupBytes, onDemandBytes, sessionScript } from './agent.js';
import type { AgentCommand, AgentRequest, RequestOp } from './agent.js';
import { miss, RemoteTreeCache } from './cache.js';
import type { Answer } from './cache.js';
import { firstBatch, heldContents, offered, remember, sameTransfer, trackTransfer, used } from './content-store.js';
import { classifySshFailure, sshMessage, SshTargetError } from './errors.js';
import { AnswerReader, FrameError } from './frames.js';
import type { AgentRecord } from './frames.js';
import { agentRequests } from './manifest.js';
import type { Prefetch } from '../prefetch.js';
import { SshClient } from './transport.js';
import type { ChannelEnd, SshClientOptions, Transport } from './transport.js';
import { formatSshTarget, parseSshTarget } from './target.js';

export { SshTargetError } from './errors.js';
export type { SshFailureKind } from './errors.js';

export interface SshOptions extends SshClientOptions {
  /** What the first batch fetches, per platform, from the caller (src/probes/reads.ts builds it from the probes). */
  prefetch?: Prefetch;
  /** The first batch as agent requests, instead of `prefetch` (tests). */
  manifest?: readonly AgentRequest[];
  /** Local limit for one batch of reads, connection included; default 120 s. */
  readTimeoutMs?: number;
  /** Where the session goes; default the ssh client. Tests pass a local `sh -s` (local-transport.ts). */
  transport?: Transport;
}

export interface SshHost extends Host {
  /** Batches of requests so far (the opening one included): each is one network round trip. */
  readonly roundTrips: number;
  /** Paths fetched on demand so far (op + path), in order: what the manifest did not cover. */
  readonly fetchedOnDemand: readonly string[];
}

const platforms: Record<string, Platform> = { Linux: 'linux', Darwin: 'macos' };

const failure = (target: string, end: ChannelEnd, during: string, timedOutAfterMs?: number): SshTargetError => {
  if (end.spawnError !== undefined) {
    return new SshTargetError(`${target}: cannot run ssh (${end.spawnError}): install the OpenSSH client`, 'unsupported');
  }
  if (timedOutAfterMs !== undefined) {
    return new SshTargetError(`${target}: no answer within ${String(Math.round(timedOutAfterMs / 1000))} s ${during}`, 'timeout');
  }
  if (end.stderr.trim() === '') return new SshTargetError(`${target}: the connection ended ${during} (exit ${String(end.exitCode)})`, 'protocol');
  return new SshTargetError(`${target}: ${sshMessage(end.stderr)}`, classifySshFailure(end.stderr));
};

interface PendingCommand {
  command: AgentCommand;
  resolve: (record: Extract<AgentRecord, { tag: 'X' }> | undefined) => void;
  reject: (error: unknown) => void;
}

/** Open an ssh target: connect, learn the platform, prefetch the manifest. Throws SshTargetError. */
export const openSsh = async (argument: string, options: SshOptions = {}): Promise<SshHost> => {
  const target = parseSshTarget(argument);
  const name = `ssh:${formatSshTarget(target)}`;
  const transport: Transport = options.transport ?? new SshClient(target, options);
  const readTimeoutMs = options.readTimeoutMs ?? 120_000;
  const cache = new RemoteTreeCache();
  const fetchedOnDemand: string[] = [];
  let roundTrips = 0;
  let closed = false;

  const channel = transport.open(sessionScript());
  const reader = new AnswerReader();
  // Answers in order: the header first, then one per batch.
  const waiting: { resolve: (records: AgentRecord[]) => void; reject: (error: unknown) => void }[] = [];
  let broken: SshTargetError | undefined;
  let during = 'while connecting';
  const breakWith = (error: SshTargetError): void => {
    broken ??= error;
    for (const w of waiting.splice(0)) w.reject(broken);
    channel.kill();
  };
  channel.onData((chunk) => {
    if (broken !== undefined) return;
    try {
      for (const records of reader.push(chunk)) waiting.shift()?.resolve(records);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      breakWith(new SshTargetError(`${name}: unreadable answer from the remote agent: ${error.message}`, 'protocol', { cause: error }));
    }
  });
  void channel.ended.then((end) => {
    if (closed && waiting.length === 0) return;
    breakWith(failure(name, end, during));
  });

  /** The next answer, within `timeoutMs` (then the session is ended: the host is unusable). */
  const nextAnswer = (timeoutMs: number): Promise<AgentRecord[]> =>
    new Promise<AgentRecord[]>((resolve, reject) => {
      if (broken !== undefined) {
        reject(broken);
        return;
      }
      const timer = setTimeout(() => {
        breakWith(failure(name, { exitCode: 255, stderr: '' }, during, timeoutMs));
      }, timeoutMs);
      waiting.push({
        resolve: (records) => {
          clearTimeout(timer);
          resolve(records);
        },
        reject: (error) => {
          clearTimeout(timer);
          reject(error instanceof Error ? error : new Error(String(error)));
        },
      });
    });

  /**
   * The sizes of the files a batch asks for, when every one is known already (a read on demand
   * follows the stat the first batch brought): the agent compares digests only for a file whose size
   * is offered, so only held contents of these sizes are worth offering. Undefined when one is not
   * known (a pattern, a path never seen): then the most recently used are offered.
   */
  const contentSizes = (requests: readonly AgentRequest[]): Set<number> | undefined => {
    const sizes = new Set<number>();
    for (const request of requests) {
      if (request.op !== 'f') continue;
      if (request.pattern) return undefined;
      const stat = cache.stat(request.path);
      if (stat === miss) return undefined;
      if (stat?.type === 'file' && stat.size >= dedupBytes) sizes.add(stat.size);
    }
    return sizes;
  };

  /** One batch: requests and commands out, the records back (digest answers resolved). */
  const exchange = async (requests: readonly AgentRequest[], commands: readonly AgentCommand[], timeoutMs: number): Promise<AgentRecord[]> => {
    if (closed) throw new SshTargetError(`${name}: the connection is closed`, 'protocol');
    roundTrips += 1;
    const held = requests.some((r) => r.op === 'f') ? heldContents(contentSizes(requests)) : new Map<string, Buffer>();
    const answer = nextAnswer(timeoutMs);
    channel.write(batchText(requests, commands, offered(held)));
    const records = await answer;
    // The records are this batch's own (just read): resolved in place.
    for (const record of records) {
      if (record.tag !== 'C') continue;
      if (record.status === 'same') {
        const digest = record.bytes.toString('latin1');
        const content = held.get(digest);
        if (content === undefined) throw new SshTargetError(`${name}: the remote agent answered an unknown digest for ${record.path}`, 'protocol');
        used(digest);
        record.status = 'ok';
        record.bytes = content;
      } else if (record.status === 'ok') {
        record.bytes = remember(record.bytes);
      }
    }
    return records;
  };

  let platform: Platform;
  try {
    // The agent's header comes as an answer of its own, before anything else may be written.
    const first = await nextAnswer(readTimeoutMs);
    const head = first.find((r) => r.tag === 'H');
    const os = head?.tag === 'H' ? head.os : '';
    const known = platforms[os];
    if (known === undefined) throw new SshTargetError(`${name}: unsupported remote system "${os}"`, 'unsupported');
    if (known !== 'linux') throw new SshTargetError(`${name}: ${known} targets over ssh are not supported yet`, 'unsupported');
    if (head?.tag === 'H' && head.agent !== 'perl') {
      throw new SshTargetError(`${name}: the remote machine has no perl, which the ssh target needs to read files`, 'unsupported');
    }
    platform = known;
    const manifest = options.manifest ?? agentRequests(options.prefetch?.[platform] ?? []);
    cache.add(await firstBatch(() => exchange(manifest, [], readTimeoutMs)));
    during = 'while reading';
  } catch (error) {
    closed = true;
    channel.kill();
    await channel.ended;
    throw error;
  }

  // Reads and commands asked for while a batch is under way: queued, sent together in the next.
  const pendingReads = new Map<string, AgentRequest>();
  const pendingCommands: PendingCommand[] = [];
  const readWaiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  let inFlight: Promise<void> | undefined;
  let nextId = 1;

  const flush = async (): Promise<void> => {
    while (pendingReads.size > 0 || pendingCommands.length > 0) {
      const requests = [...pendingReads.values()];
      const commands = pendingCommands.splice(0);
      const waiters = readWaiters.splice(0);
      pendingReads.clear();
      // The remote side kills each command at its deadline; the local one ends a stuck connection.
      const longest = Math.max(0, ...commands.map((c) => c.command.timeoutSeconds * 1000 + 5_000));
      try {
        const records = await exchange(
          requests,
          commands.map((c) => c.command),
          Math.max(requests.length > 0 ? readTimeoutMs : 0, longest),
        );
        cache.add(records);
        const results = new Map<number, Extract<AgentRecord, { tag: 'X' }>>();
        for (const record of records) if (record.tag === 'X') results.set(record.id, record);
        for (const w of waiters) w.resolve();
        for (const c of commands) c.resolve(results.get(c.command.id));
      } catch (error) {
        for (const w of waiters) w.reject(error);
        for (const c of commands) c.reject(error);
      }
    }
    inFlight = undefined;
  };

  // Let everything asked for in this turn of the event loop join the same batch.
  const schedule = (): void => {
    inFlight ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush);
  };

  const knownStat = (path: string): FileStat | undefined => {
    const stat = cache.stat(path);
    return stat === miss ? undefined : stat;
  };

  const fetch = (op: RequestOp, path: string): Promise<void> => {
    const key = `${op} ${path}`;
    if (!pendingReads.has(key)) {
      pendingReads.set(key, { op, path, pattern: false, maxBytes: onDemandBytes });
      fetchedOnDemand.push(key);
    }
    const done = new Promise<void>((resolve, reject) => readWaiters.push({ resolve, reject }));
    schedule();
    return done;
  };

  /**
   * Nothing, as a local read of a path that is not there; but a read the remote side refused for
   * lack of permission is noted for the probe that asked (denied-reads.ts), as the local host does:
   * what it could not see is unknown, never absent.
   */
  const refusedIsNoted = <T>(op: RequestOp, path: string, value: T | undefined): T | undefined => {
    if (value === undefined && (op === 'f' || op === 'd' || op === 's') && cache.denied(op === 's' ? 's' : op, path)) noteDeniedRead(path);
    return value;
  };

  /** What the cache cannot answer yet: fetched (in the next batch), then looked up again. */
  const fetchAnswer = async <T>(op: RequestOp, path: string, lookup: () => Answer<T>): Promise<T | undefined> => {
    if (op === 'f') {
      // Another host receiving what looks like the same big file: after it, this answer can be `same`.
      const stat = knownStat(path);
      const underWay = sameTransfer(path, stat);
      if (underWay !== undefined) await underWay;
      await trackTransfer(path, stat, fetch(op, path));
    } else {
      await fetch(op, path);
    }
    const fetched = lookup();
    return refusedIsNoted(op, path, fetched === miss ? undefined : fetched);
  };

  // Most reads are answered from the cache: at once, without an async function's frame and awaits.
  const answer = <T>(op: RequestOp, path: string, lookup: () => Answer<T>): Promise<T | undefined> => {
    if (!path.startsWith('/') || path.includes('\0') || path.includes('\n')) return Promise.resolve(undefined);
    const known = lookup();
    if (known !== miss) return Promise.resolve(refusedIsNoted(op, path, known));
    return fetchAnswer(op, path, lookup);
  };

  const run = async (file: string, args: readonly string[], runOptions: RunOptions = {}): Promise<RunResult> => {
    const timeoutMs = runOptions.timeoutMs ?? defaultRunTimeoutMs;
    const argv = [file, ...args];
    if (argv.some((word) => word.includes('\0'))) {
      return { exitCode: 126, stdout: '', stderr: `${file}: an argument contains a NUL byte`, timedOut: false, spawnError: 'EINVAL' };
    }
    if (file === '') return { exitCode: 127, stdout: '', stderr: 'empty program name', timedOut: false, spawnError: 'ENOENT' };
    const command: AgentCommand = { id: nextId++, argv, timeoutSeconds: Math.max(1, Math.ceil(timeoutMs / 1000)) };
    const result = new Promise<Extract<AgentRecord, { tag: 'X' }> | undefined>((resolve, reject) => pendingCommands.push({ command, resolve, reject }));
    schedule();
    const record = await result;
    if (record === undefined) throw new SshTargetError(`${name}: no answer from the remote agent for ${file}`, 'protocol');
    if (record.flags.includes('n')) return { exitCode: 127, stdout: '', stderr: `${file}: ENOENT`, timedOut: false, spawnError: 'ENOENT' };
    return { exitCode: record.exitCode, stdout: record.stdout.toString('utf8'), stderr: record.stderr, timedOut: record.flags.includes('t') };
  };

  return {
    kind: 'ssh',
    name,
    capabilities: { read: true, exec: true, live: true },
    get roundTrips() {
      return roundTrips;
    },
    get fetchedOnDemand() {
      return [...fetchedOnDemand];
    },
    platform: () => Promise.resolve(platform),
    readFile: (path) => answer('f', path, () => cache.readFile(path)),
    readDir: (path) => answer('d', path, () => cache.readDir(path)),
    stat: (path): Promise<FileStat | undefined> => answer('s', path, () => cache.stat(path)),
    readLink: (path) => answer('s', path, () => cache.readLink(path)),
    run,
    close: async () => {
      if (closed) return;
      closed = true;
      if (inFlight !== undefined || waiting.length > 0) {
        // What is still under way was abandoned (a probe or the whole host timed out), and the
        // remote side may never answer it: end the session now instead of waiting for it.
        breakWith(new SshTargetError(`${name}: closed while a batch was under way`, 'protocol'));
        await channel.ended;
        return;
      }
      await channel.close();
    },
  };
};

export const sshHost = defineHostKind({
  ...targetKinds.ssh,
  create: (argument, context) => {
    if (argument === undefined || argument === '') {
      return Promise.reject(new UsageError('the ssh target needs a host: ssh:[USER@]HOST[:PORT]'));
    }
    return openSsh(argument, { ...(context.ssh ?? {}), ...(context.prefetch === undefined ? {} : { prefetch: context.prefetch }) });
  },
});

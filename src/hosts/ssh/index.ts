/**
 * `ssh:[user@]host[:port]`: a remote Linux machine read through the system OpenSSH client.
 *
 * Opening costs one round trip: a constant script (agent.ts) reports the platform and answers a
 * manifest of the paths the probes read (manifest.ts), which fills a cache. Any read outside it is
 * fetched on demand; reads asked for while a fetch is under way are sent together in the next one,
 * so a whole check costs a handful of round trips. Each `run` is one round trip. All round trips
 * share one SSH connection (ControlMaster), closed by `close()`.
 */
import { UsageError } from '../../errors.js';
import type { Platform } from '../../model.js';
import { defaultRunTimeoutMs, defineHostKind } from '../host.js';
import type { FileStat, Host, RunOptions, RunResult } from '../host.js';
import { notFoundMarker, notFoundStatus, onDemandBytes, readScript, runScript } from './agent.js';
import type { AgentRequest, RequestOp } from './agent.js';
import { miss, RemoteTreeCache } from './cache.js';
import type { Answer } from './cache.js';
import { classifySshFailure, sshMessage, SshTargetError } from './errors.js';
import { FrameError, parseAgentOutput } from './frames.js';
import type { AgentRecord } from './frames.js';
import { prefetchManifest } from './manifest.js';
import { SshClient } from './transport.js';
import type { SshClientOptions, SshResult, Transport } from './transport.js';
import { formatSshTarget, parseSshTarget } from './target.js';

export { SshTargetError } from './errors.js';
export type { SshFailureKind } from './errors.js';

export interface SshOptions extends SshClientOptions {
  /** What the first round trip fetches (default: prefetchManifest). */
  manifest?: readonly AgentRequest[];
  /** Local limit for one read round trip, connection included; default 120 s. */
  readTimeoutMs?: number;
  /** Where round trips go; default the ssh client. Tests pass a local `sh -s` (local-transport.ts). */
  transport?: Transport;
}

export interface SshHost extends Host {
  /** ssh invocations so far (the opening one included). */
  readonly roundTrips: number;
  /** Paths fetched on demand so far (op + path), in order: what the manifest did not cover. */
  readonly fetchedOnDemand: readonly string[];
}

const platforms: Record<string, Platform> = { Linux: 'linux', Darwin: 'macos' };

const failure = (target: string, result: SshResult, during: string): SshTargetError => {
  if (result.spawnError !== undefined) {
    return new SshTargetError(`${target}: cannot run ssh (${result.spawnError}): install the OpenSSH client`, 'unsupported');
  }
  if (result.timedOut) {
    return new SshTargetError(`${target}: no answer within ${String(Math.round(result.durationMs / 1000))} s ${during}`, 'timeout');
  }
  return new SshTargetError(`${target}: ${sshMessage(result.stderr)}`, classifySshFailure(result.stderr));
};

/** Open an ssh target: connect, learn the platform, prefetch the manifest. Throws SshTargetError. */
export const openSsh = async (argument: string, options: SshOptions = {}): Promise<SshHost> => {
  const target = parseSshTarget(argument);
  const name = `ssh:${formatSshTarget(target)}`;
  const client: Transport = options.transport ?? (await SshClient.create(target, options));
  const readTimeoutMs = options.readTimeoutMs ?? 120_000;
  const cache = new RemoteTreeCache();
  const fetchedOnDemand: string[] = [];
  let roundTrips = 0;
  let closed = false;

  const roundTrip = async (script: string, timeoutMs: number): Promise<SshResult> => {
    if (closed) throw new SshTargetError(`${name}: the connection is closed`, 'protocol');
    roundTrips += 1;
    return client.exec(script, timeoutMs);
  };

  const read = async (requests: readonly AgentRequest[], during: string): Promise<AgentRecord[]> => {
    const result = await roundTrip(readScript(requests), readTimeoutMs);
    if (result.exitCode === 255 || result.timedOut || result.spawnError !== undefined) throw failure(name, result, during);
    try {
      return parseAgentOutput(result.stdout);
    } catch (error) {
      if (!(error instanceof FrameError)) throw error;
      const detail = result.stderr.trim() === '' ? error.message : sshMessage(result.stderr);
      throw new SshTargetError(`${name}: unreadable answer from the remote agent: ${detail}`, 'protocol', { cause: error });
    }
  };

  let platform: Platform;
  try {
    const records = await read(options.manifest ?? prefetchManifest, 'while connecting');
    const header = records.find((r) => r.tag === 'H');
    const os = header?.tag === 'H' ? header.os : '';
    const known = platforms[os];
    if (known === undefined) throw new SshTargetError(`${name}: unsupported remote system "${os}"`, 'unsupported');
    if (known !== 'linux') throw new SshTargetError(`${name}: ${known} targets over ssh are not supported yet`, 'unsupported');
    if (header?.tag === 'H' && header.agent !== 'perl') {
      throw new SshTargetError(`${name}: the remote machine has no perl, which the ssh target needs to read files`, 'unsupported');
    }
    platform = known;
    cache.add(records);
  } catch (error) {
    await client.close();
    throw error;
  }

  // On-demand reads: queued, and sent together, one round trip at a time.
  const pending = new Map<string, AgentRequest>();
  const waiters: { resolve: () => void; reject: (error: unknown) => void }[] = [];
  let inFlight: Promise<void> | undefined;

  const flush = async (): Promise<void> => {
    while (pending.size > 0) {
      const requests = [...pending.values()];
      const batch = waiters.splice(0);
      pending.clear();
      try {
        cache.add(await read(requests, 'while reading'));
        for (const w of batch) w.resolve();
      } catch (error) {
        for (const w of batch) w.reject(error);
      }
    }
    inFlight = undefined;
  };

  const fetch = (op: RequestOp, path: string): Promise<void> => {
    const key = `${op} ${path}`;
    if (!pending.has(key)) {
      pending.set(key, { op, path, pattern: false, maxBytes: onDemandBytes });
      fetchedOnDemand.push(key);
    }
    const done = new Promise<void>((resolve, reject) => waiters.push({ resolve, reject }));
    // Let every read asked for in this turn of the event loop join the same round trip.
    inFlight ??= new Promise<void>((resolve) => setImmediate(resolve)).then(flush);
    return done;
  };

  const answer = async <T>(op: RequestOp, path: string, lookup: () => Answer<T>): Promise<T | undefined> => {
    if (!path.startsWith('/') || path.includes('\0') || path.includes('\n')) return undefined;
    const known = lookup();
    if (known !== miss) return known;
    await fetch(op, path);
    const fetched = lookup();
    return fetched === miss ? undefined : fetched;
  };

  const run = async (file: string, args: readonly string[], runOptions: RunOptions = {}): Promise<RunResult> => {
    const timeoutMs = runOptions.timeoutMs ?? defaultRunTimeoutMs;
    const argv = [file, ...args];
    if (argv.some((word) => word.includes('\0'))) {
      return { exitCode: 126, stdout: '', stderr: `${file}: an argument contains a NUL byte`, timedOut: false, spawnError: 'EINVAL' };
    }
    // The remote `timeout` ends the command at the deadline; the local one ends a stuck connection.
    const result = await roundTrip(runScript(argv, Math.max(1, Math.ceil(timeoutMs / 1000))), timeoutMs + 3_000);
    if (result.exitCode === 255 && /^(ssh|mux_client|control|kex|Connection)/im.test(result.stderr)) {
      throw failure(name, result, `while running ${file}`);
    }
    const stdout = result.stdout.toString('utf8');
    if (result.exitCode === notFoundStatus && result.stderr.includes(notFoundMarker)) {
      return { exitCode: 127, stdout: '', stderr: `${file}: ENOENT`, timedOut: false, spawnError: 'ENOENT' };
    }
    const timedOut = result.timedOut || (result.exitCode === 124 && result.durationMs >= timeoutMs - 500);
    return { exitCode: result.exitCode, stdout, stderr: result.stderr, timedOut };
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
      await inFlight?.catch(() => undefined);
      await client.close();
    },
  };
};

export const sshHost = defineHostKind({
  kind: 'ssh',
  argument: '[USER@]HOST[:PORT]',
  describe: 'a remote Linux machine over ssh (the system OpenSSH client: ~/.ssh/config, agent and known_hosts apply)',
  create: (argument) => {
    if (argument === undefined || argument === '') {
      return Promise.reject(new UsageError('the ssh target needs a host: ssh:[USER@]HOST[:PORT]'));
    }
    return openSsh(argument);
  },
});

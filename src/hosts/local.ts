import { targetKinds } from './kinds.js';
import { constants as osConstants } from 'node:os';
import { open } from 'node:fs/promises';
import { readdirNames, readlinkPath, statPath } from './fs-calls.js';
import { constants, type Stats } from 'node:fs';
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { TargetError, UsageError } from '../errors.js';
import type { Platform } from '../model.js';
import { noteDeniedRead } from './denied-reads.js';
import { defaultRunTimeoutMs, defineHostKind } from './host.js';
import type { ChunkConsumer, FileStat, Host, RunOptions, RunResult } from './host.js';
import { errorCode, isVanished } from './vanished.js';
import { killAllChildren, trackChild } from './children.js';
import { outputPipes, runMarkerVariable, runProcesses, signalAll } from './process-tree.js';
import { readWholeFile } from './read-whole.js';
import { readHandleChunks } from './read-chunks.js';
import { notOnPath } from './not-on-path.js';

/**
 * Error codes that mean "this path cannot be read here", besides those of a path that vanished
 * (vanished.ts): the answer is undefined, not an error.
 */
const absentCodes = new Set(['EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG']);

/**
 * Run a read of `path`; answer undefined when what it reads is not there or went away while it was
 * read (vanished.ts: a process that exited, a file removed or replaced), for the codes in
 * `absentCodes`, and for those in `extra`; rethrow anything else.
 */
export const absentAsUndefined = async <T>(read: () => Promise<T>, extra: readonly string[] = [], path?: string): Promise<T | undefined> => {
  try {
    return await read();
  } catch (error) {
    const code = errorCode(error);
    if (code === 'EACCES' || code === 'EPERM') noteDeniedRead(error instanceof Error && 'path' in error ? String(error.path) : (path ?? ''));
    if (code !== undefined && (absentCodes.has(code) || extra.includes(code) || isVanished(error, path))) return undefined;
    throw error;
  }
};

const fileType = (s: Stats): FileStat['type'] => {
  if (s.isFile()) return 'file';
  if (s.isDirectory()) return 'directory';
  if (s.isSymbolicLink()) return 'symlink';
  return 'other';
};

export const toFileStat = (s: Stats): FileStat => ({
  type: fileType(s),
  size: s.size,
  mtimeMs: s.mtimeMs,
  mode: s.mode,
  uid: s.uid,
});

const nodePlatforms: Partial<Record<NodeJS.Platform, Platform>> = { linux: 'linux', darwin: 'macos', win32: 'windows' };

export const platformOf = (nodePlatform: NodeJS.Platform): Platform | undefined => nodePlatforms[nodePlatform];

/** Grace period between SIGTERM and SIGKILL for a timed-out process group. */
export const killGraceMs = 500;
/**
 * After the direct child has exited, how long its output may still take to end. Longer, and what
 * holds the pipes open (a descendant that escaped the group, e.g. with setsid) is killed and the
 * pipes are closed: a run ends with its child, never with whatever the child left behind.
 */
export const pipeGraceMs = 200;
const maxBufferBytes = 32 * 1024 * 1024;
const usesProcessGroups = process.platform !== 'win32';

const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  if (!usesProcessGroups) {
    // Windows has no process groups: taskkill /T ends the process and its descendants (PowerShell
    // and what it started), while the process lives.
    spawnSync('taskkill', ['/T', '/F', '/PID', String(pid)], { stdio: 'ignore', windowsHide: true, timeout: 5_000 });
    return;
  }
  try {
    process.kill(-pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
};

/**
 * Kill every child still running (local commands and ssh clients). Runs on 'exit'; a signal that
 * ends the process does not emit 'exit', so a CLI that handles SIGINT/SIGTERM calls this (or
 * children.ts's killAllChildren) from its handler.
 */
export const killOutstandingRuns = (): void => {
  killAllChildren();
};

const signalExitCode = (signal: string | null): number | undefined => {
  if (signal === null) return undefined;
  const number = (osConstants.signals as Partial<Record<string, number>>)[signal];
  return number === undefined ? undefined : 128 + number;
};

const stripFinalNewline = (text: string): string => text.replace(/\r?\n$/, '');

let runCount = 0;

/** Ends a run at once: SIGKILL to it and to what it left, output as read so far (host.close()). */
type Stop = () => void;

/**
 * Run one program (argv only, never a shell) in its own process group, with LC_ALL=C, stdin
 * ignored, and a wall-clock limit enforced on the whole group and on what escaped it:
 *
 * - at the deadline, SIGTERM to the group and to the run's escaped descendants (process-tree.ts),
 *   SIGKILL to all of them `killGraceMs` later;
 * - the run ends when its direct child has exited and its output has ended, or `pipeGraceMs` after
 *   the child exited if something else still holds the output: that is killed and the pipes closed;
 * - when the run ends, the group is killed (members that closed their output do not outlive it).
 */
export const runLocal = (file: string, args: readonly string[], options: RunOptions = {}, onStart?: (stop: Stop) => () => void): Promise<RunResult> =>
  new Promise<RunResult>((resolve) => {
    const timeoutMs = options.timeoutMs ?? defaultRunTimeoutMs;
    if (options.signal?.aborted === true) {
      resolve({ exitCode: 126, stdout: '', stderr: `${file}: cancelled before it started`, timedOut: false, spawnError: 'ECANCELED', cancelled: true });
      return;
    }
    runCount += 1;
    const marker = `${String(process.pid)}.${String(runCount)}.${randomBytes(6).toString('hex')}`;
    let child: ChildProcess;
    const spawnFailure = (code: string): RunResult => ({
      exitCode: code === 'ENOENT' ? 127 : 126,
      stdout: '',
      stderr: `${file}: ${code}`,
      timedOut: false,
      spawnError: code,
    });
    try {
      child = spawn(file, [...args], {
        stdio: ['ignore', 'pipe', 'pipe'],
        env: { ...process.env, LC_ALL: 'C', LANG: 'C', [runMarkerVariable]: marker },
        detached: usesProcessGroups,
        windowsHide: true,
      });
    } catch (error) {
      resolve(spawnFailure(errorCode(error) ?? 'ESPAWN'));
      return;
    }
    const { pid } = child;
    const pipes = pid === undefined ? [] : outputPipes(pid);
    const traces = { root: pid ?? 0, marker, pipes };
    const stdout: Buffer[] = [];
    const stderr: Buffer[] = [];
    let bytes = 0;
    let timedOut = false;
    let cancelled = false;
    let exit: { code: number | null; signal: NodeJS.Signals | null } | undefined;
    let open = 2;
    let finished = false;
    const timers: NodeJS.Timeout[] = [];
    const later = (ms: number, action: () => void): void => {
      timers.push(setTimeout(action, ms));
    };
    /** The group and everything the run left behind: kill them all with `signal`. */
    const killRun = (signal: NodeJS.Signals): void => {
      if (pid === undefined) return;
      // Found before the group is signalled: while the child lives, its ancestry leads to them.
      const escaped = runProcesses(traces);
      killGroup(pid, signal);
      signalAll(escaped, signal);
      // A member that called setsid between the look and the kill: the group can fork no more now.
      if (signal === 'SIGKILL') signalAll(runProcesses(traces), signal);
    };
    const finish = (result: RunResult): void => {
      if (finished) return;
      finished = true;
      for (const timer of timers) clearTimeout(timer);
      unlisten();
      untrack();
      untrackHost();
      // Members of the group that closed their output do not outlive the run (a dead process has
      // no tree to follow on Windows).
      if (pid !== undefined && usesProcessGroups) killGroup(pid, 'SIGKILL');
      child.stdout?.destroy();
      child.stderr?.destroy();
      resolve(result);
    };
    const finishExited = (): void => {
      const code = exit?.code ?? signalExitCode(exit?.signal ?? null) ?? 1;
      finish({
        exitCode: code,
        stdout: stripFinalNewline(Buffer.concat(stdout).toString('utf8')),
        stderr: stripFinalNewline(Buffer.concat(stderr).toString('utf8')),
        timedOut,
        ...(cancelled ? { cancelled: true as const } : {}),
      });
    };
    /** Stop now: SIGKILL to the run, output as read so far. */
    const stop = (): void => {
      if (finished) return;
      killRun('SIGKILL');
      exit ??= { code: null, signal: 'SIGKILL' };
      finishExited();
    };
    const untrack = pid === undefined ? () => undefined : trackChild({ what: 'command', kill: stop });
    // Aborted (its probe timed out, the check was cancelled): ended like a stop, and marked so.
    const onAbort = (): void => {
      cancelled = true;
      stop();
    };
    options.signal?.addEventListener('abort', onAbort, { once: true });
    const unlisten = (): void => {
      options.signal?.removeEventListener('abort', onAbort);
    };
    const untrackHost = onStart?.(stop) ?? (() => undefined);
    const collect =
      (chunks: Buffer[]) =>
      (chunk: Buffer): void => {
        if (bytes >= maxBufferBytes) return;
        bytes += chunk.length;
        chunks.push(chunk);
        // Too much output: what was read is kept, the run is ended.
        if (bytes >= maxBufferBytes) killRun('SIGKILL');
      };
    const ended = (): void => {
      open -= 1;
      if (open === 0 && exit !== undefined) finishExited();
    };
    child.stdout?.on('data', collect(stdout));
    child.stderr?.on('data', collect(stderr));
    for (const stream of [child.stdout, child.stderr]) {
      stream?.once('close', ended);
      stream?.on('error', () => undefined);
    }
    child.once('error', (error) => {
      if (pid === undefined) finish(spawnFailure(errorCode(error) ?? 'ESPAWN'));
    });
    child.once('exit', (code, signal) => {
      exit = { code, signal };
      if (open === 0) {
        finishExited();
        return;
      }
      // Output still open after the child exited: held by something that escaped the group.
      later(pipeGraceMs, () => {
        killRun('SIGKILL');
        finishExited();
      });
    });
    if (pid !== undefined) {
      later(timeoutMs, () => {
        timedOut = true;
        killRun('SIGTERM');
        later(killGraceMs, () => {
          killRun('SIGKILL');
        });
      });
    }
  });

/**
 * A regular file in pieces (Host.readFileChunks). Opened non-blocking and checked on the open
 * descriptor: a FIFO or a device is not read (it could block, or never end), a directory neither.
 */
const readLocalChunks = (path: string, consume: ChunkConsumer, chunkBytes: number): Promise<number | undefined> =>
  absentAsUndefined(
    async () => {
      const handle = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) return undefined;
        return await readHandleChunks(handle, consume, chunkBytes, stats.size);
      } finally {
        await handle.close();
      }
    },
    ['EISDIR'],
    path,
  );

const createLocalHost = (): Host => {
  const running = new Set<Stop>();
  let closed = false;
  const isClosed = (): boolean => closed;
  return {
    kind: 'local',
    name: 'local',
    capabilities: { read: true, exec: true, live: true },
    platform: () => {
      const platform = platformOf(process.platform);
      if (platform === undefined) return Promise.reject(new TargetError(`unsupported platform: ${process.platform}`));
      return Promise.resolve(platform);
    },
    // EISDIR: a directory has no content; the replay and fake hosts answer undefined too.
    readFile: (path) => absentAsUndefined(() => readWholeFile(path), ['EISDIR'], path),
    readFileChunks: readLocalChunks,
    readDir: (path) => absentAsUndefined(async () => (await readdirNames(path)).sort(), [], path),
    stat: (path) => absentAsUndefined(async () => toFileStat(await statPath(path)), [], path),
    // EINVAL: the path exists but is not a symbolic link.
    readLink: (path) => absentAsUndefined(() => readlinkPath(path), ['EINVAL'], path),
    run: async (file, args, options) => {
      // A probe that timed out may go on after the check: nothing more is started once closed.
      const closedResult: RunResult = { exitCode: 126, stdout: '', stderr: `${file}: the host is closed`, timedOut: false, spawnError: 'ECANCELED' };
      if (closed) return closedResult;
      // A tool the machine does not have: the answer the spawn would give (runLocal), without forking for it.
      const missing = usesProcessGroups && options?.signal?.aborted !== true && (await notOnPath(file, process.env.PATH));
      // Closed while PATH was looked at.
      if (isClosed()) return closedResult;
      if (missing) return { exitCode: 127, stdout: '', stderr: `${file}: ENOENT`, timedOut: false, spawnError: 'ENOENT' };
      return runLocal(file, args, options, (stop) => {
        running.add(stop);
        return () => running.delete(stop);
      });
    },
    // Commands still running (those of probes that timed out) end with the host.
    close: () => {
      closed = true;
      for (const stop of [...running]) stop();
      return Promise.resolve();
    },
  };
};

export const localHost = defineHostKind({
  ...targetKinds.local,
  create: (argument) => {
    if (argument !== undefined) {
      return Promise.reject(new UsageError(`the local target takes no argument (got "local:${argument}")`));
    }
    return Promise.resolve(createLocalHost());
  },
});

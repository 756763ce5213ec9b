import { constants as osConstants } from 'node:os';
import { readFile, readdir, readlink, stat } from 'node:fs/promises';
import type { Stats } from 'node:fs';
import type * as ExecaModule from 'execa';
import { TargetError, UsageError } from '../errors.js';
import type { Platform } from '../model.js';
import { noteDeniedRead } from './denied-reads.js';
import { defaultRunTimeoutMs, defineHostKind } from './host.js';
import type { FileStat, Host, RunOptions, RunResult } from './host.js';
import { errorCode, isVanished } from './vanished.js';

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
    if (code === 'EACCES' || code === 'EPERM') noteDeniedRead(error instanceof Error && 'path' in error ? String(error.path) : path ?? '');
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
const maxBufferBytes = 32 * 1024 * 1024;
const usesProcessGroups = process.platform !== 'win32';

let execaModule: Promise<typeof ExecaModule> | undefined;
const loadExeca = (): Promise<typeof ExecaModule> => (execaModule ??= import('execa'));

/** Process groups (by leader pid) still running; killed if this process exits first. */
const outstandingGroups = new Set<number>();
let exitHookInstalled = false;

const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(usesProcessGroups ? -pid : pid, signal);
  } catch {
    // ESRCH: the group is already gone.
  }
};

/**
 * Kill every command still running. Runs on 'exit'; a signal that ends the process does not emit
 * 'exit', so a CLI that handles SIGINT/SIGTERM should call this from its handler.
 */
export const killOutstandingRuns = (): void => {
  for (const pid of outstandingGroups) killGroup(pid, 'SIGKILL');
  outstandingGroups.clear();
};

const installExitHook = (): void => {
  if (exitHookInstalled) return;
  exitHookInstalled = true;
  process.on('exit', killOutstandingRuns);
};

const signalExitCode = (signal: string | undefined): number | undefined => {
  if (signal === undefined) return undefined;
  const number = (osConstants.signals as Partial<Record<string, number>>)[signal];
  return number === undefined ? undefined : 128 + number;
};

/**
 * Run one program (argv only, never a shell) in its own process group, with LC_ALL=C, stdin
 * ignored, and a wall-clock limit enforced on the whole group: execa's own `timeout` only kills the
 * direct child and then waits for grandchildren that keep stdout open.
 */
export const runLocal = async (file: string, args: readonly string[], options: RunOptions = {}): Promise<RunResult> => {
  const { execa } = await loadExeca();
  installExitHook();
  const timeoutMs = options.timeoutMs ?? defaultRunTimeoutMs;
  const subprocess = execa(file, args, {
    reject: false,
    stdin: 'ignore',
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    detached: usesProcessGroups,
    maxBuffer: maxBufferBytes,
    windowsHide: true,
  });
  const { pid } = subprocess;
  const state = { timedOut: false };
  let killTimer: NodeJS.Timeout | undefined;
  let timer: NodeJS.Timeout | undefined;
  if (pid !== undefined) {
    outstandingGroups.add(pid);
    timer = setTimeout(() => {
      state.timedOut = true;
      killGroup(pid, 'SIGTERM');
      killTimer = setTimeout(() => {
        killGroup(pid, 'SIGKILL');
      }, killGraceMs);
    }, timeoutMs);
  }
  const result = await subprocess;
  clearTimeout(timer);
  clearTimeout(killTimer);
  if (pid !== undefined) {
    outstandingGroups.delete(pid);
    // A timed-out group may still hold members that closed their output: end them now.
    if (state.timedOut) killGroup(pid, 'SIGKILL');
  }
  if (pid === undefined) {
    const code = 'code' in result && typeof result.code === 'string' ? result.code : 'ESPAWN';
    return {
      exitCode: code === 'ENOENT' ? 127 : 126,
      stdout: '',
      stderr: result.stderr || `${file}: ${code}`,
      timedOut: false,
      spawnError: code,
    };
  }
  return {
    exitCode: result.exitCode ?? signalExitCode(result.signal) ?? 1,
    stdout: result.stdout,
    stderr: result.stderr,
    timedOut: state.timedOut,
  };
};

const createLocalHost = (): Host => ({
  kind: 'local',
  name: 'local',
  capabilities: { read: true, exec: true, live: true },
  platform: () => {
    const platform = platformOf(process.platform);
    if (platform === undefined) return Promise.reject(new TargetError(`unsupported platform: ${process.platform}`));
    return Promise.resolve(platform);
  },
  // EISDIR: a directory has no content; the replay and fake hosts answer undefined too.
  readFile: (path) => absentAsUndefined(() => readFile(path), ['EISDIR'], path),
  readDir: (path) => absentAsUndefined(async () => (await readdir(path)).sort(), [], path),
  stat: (path) => absentAsUndefined(async () => toFileStat(await stat(path)), [], path),
  // EINVAL: the path exists but is not a symbolic link.
  readLink: (path) => absentAsUndefined(() => readlink(path), ['EINVAL'], path),
  run: runLocal,
  close: () => Promise.resolve(),
});

export const localHost = defineHostKind({
  kind: 'local',
  describe: 'this machine (the default)',
  create: (argument) => {
    if (argument !== undefined) {
      return Promise.reject(new UsageError(`the local target takes no argument (got "local:${argument}")`));
    }
    return Promise.resolve(createLocalHost());
  },
});

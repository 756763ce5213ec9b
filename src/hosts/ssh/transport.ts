/**
 * Running the system OpenSSH client: argv arrays only, BatchMode, connection sharing through a
 * control socket in a private directory, host key checking left on. One call = one round trip: a
 * constant remote command (`sh -s`) with a script on stdin.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type * as ExecaModule from 'execa';
import { killGraceMs } from '../local.js';
import type { SshTarget } from './target.js';

export interface SshClientOptions {
  /** The ssh program (default `ssh` on PATH). */
  sshCommand?: string;
  /** `-F`: an ssh_config file instead of ~/.ssh/config. */
  configFile?: string;
  /** `-i` (with IdentitiesOnly=yes). */
  identityFile?: string;
  /** UserKnownHostsFile (host key checking stays on). */
  knownHostsFile?: string;
  /** ConnectTimeout in seconds (TCP connect and the banner exchange); default 10. */
  connectTimeoutSec?: number;
  /** ControlPersist in seconds: how long the shared connection outlives an idle moment; default 30. */
  persistSec?: number;
}

export interface SshResult {
  exitCode: number;
  stdout: Buffer;
  stderr: string;
  /** The local deadline passed and the client was killed. */
  timedOut: boolean;
  durationMs: number;
  spawnError?: string;
}

/** How round trips reach the remote side: one `sh -s` per call with the script on stdin. */
export interface Transport {
  exec(script: string, timeoutMs: number): Promise<SshResult>;
  close(): Promise<void>;
}

let execaModule: Promise<typeof ExecaModule> | undefined;
const loadExeca = (): Promise<typeof ExecaModule> => (execaModule ??= import('execa'));

const usesProcessGroups = process.platform !== 'win32';
const maxBufferBytes = 1024 * 1024 * 1024;

const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(usesProcessGroups ? -pid : pid, signal);
  } catch {
    // ESRCH: already gone.
  }
};

/** An ssh client bound to one target and one control socket. */
export class SshClient implements Transport {
  readonly target: SshTarget;
  private readonly options: SshClientOptions;
  private readonly controlDir: string;

  private constructor(target: SshTarget, options: SshClientOptions, controlDir: string) {
    this.target = target;
    this.options = options;
    this.controlDir = controlDir;
  }

  /** Create the private control directory (0700: mkdtemp's mode). */
  static async create(target: SshTarget, options: SshClientOptions): Promise<SshClient> {
    const dir = await mkdtemp(path.join(tmpdir(), 'charter-ssh-'));
    return new SshClient(target, options, dir);
  }

  get controlPath(): string {
    return path.join(this.controlDir, 'control');
  }

  /** The ssh argv up to and including the destination. */
  baseArgs(): string[] {
    const o = this.options;
    const args = [
      '-o', 'BatchMode=yes',
      '-o', `ConnectTimeout=${String(o.connectTimeoutSec ?? 10)}`,
      '-o', 'ServerAliveInterval=5',
      '-o', 'ServerAliveCountMax=3',
      '-o', 'ControlMaster=auto',
      '-o', `ControlPath=${this.controlPath}`,
      '-o', `ControlPersist=${String(o.persistSec ?? 30)}`,
      '-o', 'LogLevel=ERROR',
      '-T',
    ];
    if (o.configFile !== undefined) args.unshift('-F', o.configFile);
    if (o.identityFile !== undefined) args.push('-i', o.identityFile, '-o', 'IdentitiesOnly=yes');
    if (o.knownHostsFile !== undefined) args.push('-o', `UserKnownHostsFile=${o.knownHostsFile}`, '-o', 'GlobalKnownHostsFile=/dev/null');
    if (this.target.port !== undefined) args.push('-p', String(this.target.port));
    if (this.target.user !== undefined) args.push('-l', this.target.user);
    // `--` so that nothing after it is ever read as an option (the host was validated too).
    args.push('--', this.target.host);
    return args;
  }

  /** One round trip: `ssh ... -- HOST sh -s` with `script` on stdin. */
  async exec(script: string, timeoutMs: number): Promise<SshResult> {
    return spawnWithInput(this.options.sshCommand ?? 'ssh', [...this.baseArgs(), 'sh', '-s'], script, timeoutMs);
  }

  /** Stop the shared connection and remove the control directory. */
  async close(): Promise<void> {
    await spawnWithInput(this.options.sshCommand ?? 'ssh', ['-o', `ControlPath=${this.controlPath}`, '-O', 'exit', '--', this.target.host], '', 5_000).catch(() => undefined);
    await rm(this.controlDir, { recursive: true, force: true });
  }
}

/** Run `file args` in its own process group with `input` on stdin; kill the group at the deadline. */
export const spawnWithInput = async (file: string, args: string[], input: string, timeoutMs: number): Promise<SshResult> => {
  const { execa } = await loadExeca();
  const started = Date.now();
  const subprocess = execa(file, args, {
    reject: false,
    input,
    encoding: 'buffer',
    stripFinalNewline: false,
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    detached: usesProcessGroups,
    maxBuffer: maxBufferBytes,
    windowsHide: true,
  });
  const { pid } = subprocess;
  const state = { timedOut: false };
  let killTimer: NodeJS.Timeout | undefined;
  const timer =
    pid === undefined
      ? undefined
      : setTimeout(() => {
          state.timedOut = true;
          killGroup(pid, 'SIGTERM');
          killTimer = setTimeout(() => {
            killGroup(pid, 'SIGKILL');
          }, killGraceMs);
        }, timeoutMs);
  const result = await subprocess;
  clearTimeout(timer);
  clearTimeout(killTimer);
  const stderr = Buffer.from(result.stderr).toString('utf8');
  const base = { stdout: Buffer.from(result.stdout), stderr, timedOut: state.timedOut, durationMs: Date.now() - started };
  if (pid === undefined) {
    const code = 'code' in result && typeof result.code === 'string' ? result.code : 'ESPAWN';
    return { ...base, exitCode: 127, spawnError: code };
  }
  return { ...base, exitCode: result.exitCode ?? 255 };
};

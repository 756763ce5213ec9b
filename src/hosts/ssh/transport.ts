/**
 * Running the system OpenSSH client: argv arrays only, BatchMode, host key checking left on. One
 * host = one connection = one session: a constant remote command (`sh -s`) whose stdin receives the
 * agent script and then the batches of requests (see agent.ts), whose stdout carries the answers.
 * No connection sharing (ControlPath=none): no control master relaying every byte a second time, and
 * no reuse of a master that the user's own ssh configuration may have opened.
 */
import { spawn } from 'node:child_process';
import { trackChild } from '../children.js';
import type { SshTarget } from './target.js';

export interface SshClientOptions {
  /** The ssh program (default `ssh` on PATH). */
  sshCommand?: string;
  /** `-F`: an ssh_config file instead of ~/.ssh/config. */
  configFile?: string;
  /** IdentityFile (with IdentitiesOnly=yes), as `ssh -i` would. */
  identityFile?: string;
  /** UserKnownHostsFile (host key checking stays on). */
  knownHostsFile?: string;
  /** ConnectTimeout in seconds (TCP connect and the banner exchange); default 10. */
  connectTimeoutSec?: number;
  /** KexAlgorithms, an explicit choice (`--ssh-kex`, see kex.ts); default ssh's own. */
  kexAlgorithms?: string;
}

/** How a session ended. */
export interface ChannelEnd {
  exitCode: number;
  stderr: string;
  spawnError?: string;
}

/** A running remote `sh -s`: write to its stdin, read its stdout as it comes. */
export interface Channel {
  write(text: string): void;
  /** Every stdout chunk, in order (set once, before the first write). */
  onData(listener: (chunk: Buffer) => void): void;
  /** Resolves when the process has ended (never rejects). */
  readonly ended: Promise<ChannelEnd>;
  /** Close stdin (the agent ends at end of input); kill the process if it has not ended soon after. */
  close(): Promise<void>;
  /** Kill the process now. */
  kill(): void;
}

/** Where sessions go: the ssh client, or (tests) a local `sh -s` (local-transport.ts). */
export interface Transport {
  open(script: string): Channel;
}

const usesProcessGroups = process.platform !== 'win32';
const closeGraceMs = 5_000;
const maxStderrBytes = 64 * 1024;

const killGroup = (pid: number, signal: NodeJS.Signals): void => {
  try {
    process.kill(usesProcessGroups ? -pid : pid, signal);
  } catch {
    // ESRCH: already gone.
  }
};

/**
 * Start `file args` in its own process group with `script` on stdin, stdin left open. The process
 * is tracked (children.ts) until it ends, so that an interrupted charter kills it.
 */
export const spawnChannel = (file: string, args: readonly string[], script: string, what = 'ssh session'): Channel => {
  const child = spawn(file, args, {
    stdio: ['pipe', 'pipe', 'pipe'],
    env: { ...process.env, LC_ALL: 'C', LANG: 'C' },
    detached: usesProcessGroups,
    windowsHide: true,
  });
  let stderr = '';
  let listener: ((chunk: Buffer) => void) | undefined;
  const early: Buffer[] = [];
  child.stdout.on('data', (chunk: Buffer) => {
    if (listener === undefined) early.push(chunk);
    else listener(chunk);
  });
  child.stderr.setEncoding('utf8');
  child.stderr.on('data', (text: string) => {
    if (stderr.length < maxStderrBytes) stderr += text;
  });
  // A remote side that went away: writes fail with EPIPE, reported through `ended`.
  child.stdin.on('error', () => undefined);
  const ended = new Promise<ChannelEnd>((resolve) => {
    child.once('error', (error: NodeJS.ErrnoException) => {
      resolve({ exitCode: 127, stderr, spawnError: error.code ?? 'ESPAWN' });
    });
    child.once('close', (code, signal) => {
      resolve({ exitCode: code ?? (signal === null ? 255 : 128), stderr });
    });
  });
  const kill = (): void => {
    if (child.pid !== undefined && child.exitCode === null && child.signalCode === null) killGroup(child.pid, 'SIGKILL');
  };
  if (child.pid !== undefined) void ended.then(trackChild({ what, kill }));
  child.stdin.write(script);
  return {
    write: (text) => {
      if (child.stdin.writable) child.stdin.write(text);
    },
    onData: (l) => {
      listener = l;
      for (const chunk of early.splice(0)) l(chunk);
    },
    ended,
    close: async () => {
      child.stdin.end();
      const timer = setTimeout(kill, closeGraceMs);
      await ended;
      clearTimeout(timer);
    },
    kill,
  };
};

/** ssh expands `%h`, `%d`, ... in IdentityFile and UserKnownHostsFile: a literal `%` is written `%%`. */
export const percentEscaped = (path: string): string => path.replaceAll('%', '%%');

/**
 * A path as one word of an ssh_config value (what `-o KEY=VALUE` is split by): in double quotes,
 * with `\\` and `"` escaped as OpenSSH's argv_split reads them. Paths holding a quote, a backslash
 * or a line break are refused earlier (sshPathProblem), so older ssh clients read the same word.
 */
export const sshConfigWord = (value: string): string => `"${value.replaceAll('\\', '\\\\').replaceAll('"', '\\"')}"`;

/** Why a path cannot be given to ssh as a config value, or undefined. */
export const sshPathProblem = (path: string): string | undefined =>
  /["\\\n\r]/.test(path) ? 'a path holding a double quote, a backslash or a line break cannot be passed to ssh' : undefined;

/** An ssh client bound to one target. */
export class SshClient implements Transport {
  readonly target: SshTarget;
  private readonly options: SshClientOptions;

  constructor(target: SshTarget, options: SshClientOptions) {
    this.target = target;
    this.options = options;
  }

  /** The ssh argv up to and including the destination. */
  baseArgs(): string[] {
    const o = this.options;
    const args = [
      '-o',
      'BatchMode=yes',
      '-o',
      `ConnectTimeout=${String(o.connectTimeoutSec ?? 10)}`,
      '-o',
      'ServerAliveInterval=5',
      '-o',
      'ServerAliveCountMax=3',
      '-o',
      'ControlMaster=no',
      '-o',
      'ControlPath=none',
      '-o',
      'LogLevel=ERROR',
      '-T',
    ];
    if (o.configFile !== undefined) args.unshift('-F', o.configFile);
    if (o.kexAlgorithms !== undefined) args.push('-o', `KexAlgorithms=${o.kexAlgorithms}`);
    // Not `-i`: ssh stats a `-i` path before expanding `%%` in it, and drops the key when that fails.
    if (o.identityFile !== undefined) args.push('-o', `IdentityFile=${sshConfigWord(percentEscaped(o.identityFile))}`, '-o', 'IdentitiesOnly=yes');
    if (o.knownHostsFile !== undefined)
      args.push('-o', `UserKnownHostsFile=${sshConfigWord(percentEscaped(o.knownHostsFile))}`, '-o', 'GlobalKnownHostsFile=/dev/null');
    if (this.target.port !== undefined) args.push('-p', String(this.target.port));
    if (this.target.user !== undefined) args.push('-l', this.target.user);
    // `--` so that nothing after it is ever read as an option (the host was validated too).
    args.push('--', this.target.host);
    return args;
  }

  /** The session: `ssh ... -- HOST sh -s` with `script` first on stdin. */
  open(script: string): Channel {
    return spawnChannel(this.options.sshCommand ?? 'ssh', [...this.baseArgs(), 'sh', '-s'], script);
  }
}

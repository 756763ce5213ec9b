/**
 * Which key exchange the ssh clients of one audit use. The key exchange is most of what a
 * connection costs the auditor's machine: OpenSSH 9.0 to 9.8 default to sntrup761x25519-sha512
 * (post-quantum, about 0.13 s of client CPU per connection on this project's VM), 10.0 and later
 * to mlkem768x25519-sha256 (post-quantum too, and much cheaper); curve25519-sha256 costs about
 * 0.01 s but is not post-quantum.
 *
 * Nothing is weakened by default. The client's algorithms are asked once per audit (`ssh -Q kex`):
 * - `--ssh-kex LIST` (explicit, documented in README with the trade-off) becomes `KexAlgorithms
 *   LIST` on ssh's command line, after every name was checked against that list;
 * - otherwise, when the client knows mlkem768x25519-sha256 (OpenSSH 9.9, which knows it but still
 *   prefers sntrup761x25519), it is put first of ssh's own defaults through a small ssh_config that
 *   includes the user's own configuration first: ssh takes the first value it reads, so a
 *   KexAlgorithms the user configured (for every host or for one) still wins, and a server without
 *   ML-KEM negotiates the next algorithm of the default list as before.
 */
import { execFile } from 'node:child_process';
import { rmSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { homedir, tmpdir } from 'node:os';
import path from 'node:path';

/** Post-quantum and cheaper than sntrup761x25519: preferred when the client knows it. */
export const preferredKex = 'mlkem768x25519-sha256';

const kexName = /^[A-Za-z0-9@.+_-]+$/;

/** The key exchange algorithms `ssh -Q kex` lists, or undefined when ssh cannot say. */
export const clientKexAlgorithms = (sshCommand = 'ssh', signal?: AbortSignal): Promise<string[] | undefined> =>
  new Promise((resolve) => {
    // `signal`: an interrupted audit stops this ssh too (it is killed, and the answer is "cannot say").
    const options = { timeout: 10_000, encoding: 'utf8' as const, env: { ...process.env, LC_ALL: 'C' }, ...(signal === undefined ? {} : { signal }) };
    execFile(sshCommand, ['-Q', 'kex'], options, (error, stdout) => {
      if (error !== null) {
        resolve(undefined);
        return;
      }
      const names = stdout.split('\n').map((line) => line.trim());
      resolve(names.filter((name) => kexName.test(name)));
    });
  });

/**
 * Why an explicit `--ssh-kex` list cannot be used with a client that supports `supported`, or
 * undefined. The list is ssh's syntax without the `+`, `-` and `^` modifiers (a plain choice).
 */
export const kexListProblem = (list: string, supported: readonly string[] | undefined): string | undefined => {
  const names = list.split(',');
  const bad = names.find((name) => !kexName.test(name));
  if (bad !== undefined) return `"${bad}" is not a key exchange algorithm name (a comma-separated list, e.g. curve25519-sha256)`;
  if (supported === undefined) return 'the ssh client could not list its key exchange algorithms (ssh -Q kex failed)';
  const unknown = names.filter((name) => !supported.includes(name));
  if (unknown.length > 0) return `this ssh client does not know ${unknown.join(', ')}; it knows ${supported.join(', ')}`;
  return undefined;
};

/** Paths that cannot be written as an Include word (glob characters, quotes, line breaks). */
const includable = (file: string): boolean => path.isAbsolute(file) && !/[*?[\]"\\\n\r]/.test(file);

/**
 * The ssh_config that puts `kex` before ssh's default algorithms and otherwise reads exactly what
 * ssh would: the given config file, or (no `-F`) the user's ~/.ssh/config then /etc/ssh/ssh_config.
 */
export const preferringConfig = (kex: string, userConfig: string | undefined, home: string = homedir()): string | undefined => {
  const included = userConfig === undefined ? [path.join(home, '.ssh', 'config'), '/etc/ssh/ssh_config'] : [userConfig];
  if (!included.every(includable) || !kexName.test(kex)) return undefined;
  return [
    '# Written by charter for one audit: your configuration first (its values win), then one default.',
    ...included.map((file) => `Include "${file}"`),
    'Host *',
    `  KexAlgorithms ^${kex}`,
    '',
  ].join('\n');
};

/** What the ssh clients of one audit are given, and the temporary file to remove after it. */
export interface KexChoice {
  /** `KexAlgorithms` for ssh's command line (an explicit choice), or undefined. */
  kexAlgorithms?: string;
  /** An ssh_config to give with `-F` instead of the user's (it includes it), or undefined. */
  configFile?: string;
  /** Removes what was written; safe to call more than once. */
  dispose(): Promise<void>;
  /** The same, synchronously: for a process that exits on a signal before `dispose` could run. */
  disposeSync(): void;
}

/**
 * Decides the key exchange of one audit (see the top). `explicit` is `--ssh-kex`; `userConfig` is
 * `--ssh-config` (resolved) or undefined. Throws an Error with the reason for an unusable explicit list.
 */
export const chooseKex = async (
  options: { explicit?: string; userConfig?: string; sshCommand?: string; home?: string; signal?: AbortSignal },
  supported: Promise<readonly string[] | undefined> = clientKexAlgorithms(options.sshCommand, options.signal),
): Promise<KexChoice> => {
  const none: KexChoice = { dispose: () => Promise.resolve(), disposeSync: () => undefined };
  const known = await supported;
  if (options.explicit !== undefined) {
    const problem = kexListProblem(options.explicit, known);
    if (problem !== undefined) throw new Error(`--ssh-kex ${options.explicit}: ${problem}`);
    return { ...none, kexAlgorithms: options.explicit };
  }
  if (known === undefined || !known.includes(preferredKex)) return none;
  const text = preferringConfig(preferredKex, options.userConfig, options.home);
  if (text === undefined) return none;
  const dir = await mkdtemp(path.join(tmpdir(), 'charter-ssh-'));
  const configFile = path.join(dir, 'ssh_config');
  await writeFile(configFile, text, { mode: 0o600 });
  return {
    configFile,
    dispose: () => rm(dir, { recursive: true, force: true }),
    disposeSync: () => {
      rmSync(dir, { recursive: true, force: true });
    },
  };
};

import { access, constants, stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { clientKexAlgorithms, kexListProblem } from '../hosts/ssh/kex.js';
import type { SshClientOptions } from '../hosts/ssh/transport.js';
import { sshPathProblem } from '../hosts/ssh/transport.js';

/** How ssh reaches a host, as given on the command line of any command that can reach one. */
export interface SshFlags {
  sshConfig?: string;
  identity?: string;
  knownHosts?: string;
  connectTimeout?: number;
  /** `--ssh-kex`: KexAlgorithms for every connection (an explicit choice, see hosts/ssh/kex.ts). */
  sshKex?: string;
}

/**
 * The files given to ssh exist and can be read, checked once before any connection: otherwise ssh
 * would report a missing identity as "Permission denied" on every host.
 */
export const checkSshFiles = async (flags: SshFlags, cwd: string): Promise<void> => {
  const files: [flag: string, what: string, given: string | undefined][] = [
    ['--identity', 'identity file', flags.identity],
    ['--known-hosts', 'known hosts file', flags.knownHosts],
    ['--ssh-config', 'ssh config file', flags.sshConfig],
  ];
  for (const [flag, what, given] of files) {
    if (given === undefined) continue;
    const file = resolve(cwd, given);
    const unusable = sshPathProblem(file);
    if (unusable !== undefined) throw new UsageError(`${flag} ${given}: ${unusable}`);
    const info = await stat(file).catch((error: unknown) => (error as NodeJS.ErrnoException).code ?? 'unreadable');
    if (typeof info === 'string') throw new UsageError(`${what} ${given}: ${info === 'ENOENT' ? 'not found' : info === 'EACCES' ? 'permission denied' : info}`);
    if (info.isDirectory()) throw new UsageError(`${what} ${given}: is a directory`);
    const readable = await access(file, constants.R_OK).then(
      () => true,
      () => false,
    );
    if (!readable) throw new UsageError(`${what} ${given}: not readable (permission denied)`);
  }
};

/** The ssh client's options from the flags, paths resolved against `cwd`; unset flags leave ssh's own configuration in charge. */
export const sshClientOptions = (flags: SshFlags, cwd: string): SshClientOptions => ({
  ...(flags.sshConfig === undefined ? {} : { configFile: resolve(cwd, flags.sshConfig) }),
  ...(flags.identity === undefined ? {} : { identityFile: resolve(cwd, flags.identity) }),
  ...(flags.knownHosts === undefined ? {} : { knownHostsFile: resolve(cwd, flags.knownHosts) }),
  ...(flags.connectTimeout === undefined ? {} : { connectTimeoutSec: flags.connectTimeout }),
  ...(flags.sshKex === undefined ? {} : { kexAlgorithms: flags.sshKex }),
});

/** Whether any ssh flag was given (they only make sense for ssh targets and inventories). */
export const hasSshFlags = (flags: SshFlags): boolean =>
  flags.sshConfig !== undefined ||
  flags.identity !== undefined ||
  flags.knownHosts !== undefined ||
  flags.connectTimeout !== undefined ||
  flags.sshKex !== undefined;

/**
 * What `openHost` needs for a command's `--target`: the ssh flags checked (files usable) before any
 * connection, and refused for a target that is not reached over ssh rather than silently ignored.
 */
export const targetContext = async (target: string, flags: SshFlags, cwd: string): Promise<{ cwd: string; ssh?: SshClientOptions }> => {
  if (!hasSshFlags(flags)) return { cwd };
  if (!target.startsWith('ssh:')) {
    const given = [
      flags.sshConfig === undefined ? '' : '--ssh-config',
      flags.identity === undefined ? '' : '--identity',
      flags.knownHosts === undefined ? '' : '--known-hosts',
      flags.connectTimeout === undefined ? '' : '--connect-timeout',
      flags.sshKex === undefined ? '' : '--ssh-kex',
    ].filter((f) => f !== '');
    throw new UsageError(`${given.join(', ')}: only for ssh: targets, and the target is "${target}"`);
  }
  await checkSshFiles(flags, cwd);
  if (flags.sshKex !== undefined) {
    const problem = kexListProblem(flags.sshKex, await clientKexAlgorithms());
    if (problem !== undefined) throw new UsageError(`--ssh-kex ${flags.sshKex}: ${problem}`);
  }
  return { cwd, ssh: sshClientOptions(flags, cwd) };
};

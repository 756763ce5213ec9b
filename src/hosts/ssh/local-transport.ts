/**
 * A transport that runs the agent session with the local `sh -s`, no ssh involved: for tests of the
 * agent, the cache and the manifest on machines without sshd. Given a root directory, the session
 * runs inside it (`chroot ROOT sh -s`, root only): a built root filesystem then reads as a machine.
 * Given an argv, the session runs that way (in a mount namespace of its own, with homes of the
 * test's making). Never used by the CLI.
 */
import type { Transport } from './transport.js';
import { spawnChannel } from './transport.js';

export const localShellTransport = (where?: string | readonly [string, ...string[]]): Transport => ({
  open: (script) =>
    where === undefined
      ? spawnChannel('sh', ['-s'], script, 'agent session')
      : typeof where === 'string'
        ? spawnChannel('chroot', [where, 'sh', '-s'], script, 'agent session')
        : spawnChannel(where[0], where.slice(1), script, 'agent session'),
});

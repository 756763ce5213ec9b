/**
 * A transport that runs the agent session with the local `sh -s`, no ssh involved: for tests of the
 * agent, the cache and the manifest on machines without sshd. Given a root directory, the session
 * runs inside it (`chroot ROOT sh -s`, root only): a built root filesystem then reads as a machine.
 * Never used by the CLI.
 */
import type { Transport } from './transport.js';
import { spawnChannel } from './transport.js';

export const localShellTransport = (root?: string): Transport => ({
  open: (script) =>
    root === undefined ? spawnChannel('sh', ['-s'], script, 'agent session') : spawnChannel('chroot', [root, 'sh', '-s'], script, 'agent session'),
});

/**
 * A transport that runs the agent session with the local `sh -s`, no ssh involved: for tests of the
 * agent, the cache and the manifest on machines without sshd. Never used by the CLI.
 */
import type { Transport } from './transport.js';
import { spawnChannel } from './transport.js';

export const localShellTransport = (): Transport => ({
  open: (script) => spawnChannel('sh', ['-s'], script, 'agent session'),
});

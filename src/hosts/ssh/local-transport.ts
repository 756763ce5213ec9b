/**
 * A transport that runs the agent scripts with the local `sh -s`, no ssh involved: for tests of the
 * agent, the cache and the manifest on machines without sshd. Never used by the CLI.
 */
import type { Transport } from './transport.js';
import { spawnWithInput } from './transport.js';

export const localShellTransport = (): Transport => ({
  exec: (script, timeoutMs) => spawnWithInput('sh', ['-s'], script, timeoutMs),
  close: () => Promise.resolve(),
});

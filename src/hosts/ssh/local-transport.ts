/**
 * A transport that runs the agent session with the local `sh -s`, no ssh involved: for tests of the
 * agent, the cache and the manifest on machines without sshd. Never used by the CLI. `argv` runs
 * the session some other way (in a mount namespace of its own, with homes of the test's making).
 */
import type { Transport } from './transport.js';
import { spawnChannel } from './transport.js';

export const localShellTransport = (argv: readonly [string, ...string[]] = ['sh', '-s']): Transport => ({
  open: (script) => spawnChannel(argv[0], argv.slice(1), script, 'agent session'),
});

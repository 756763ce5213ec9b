/**
 * The CLI's entry (dist/cli.js): as little as can be loaded before knowing the command. `--version`
 * alone is answered here; everything else loads the command line parser (main.ts), which loads
 * the one command it runs.
 */
import type { Io } from './io.js';
import { packageInfo } from '../package-info.js';

export { nodeIo } from './io.js';
export { installInterruptHandlers } from './interrupt.js';

/** Parse argv, run one command, and return the exit code. Never calls process.exit. */
export const run = async (argv: readonly string[], io: Io): Promise<number> => {
  // As commander prints it for `-V, --version` (main.ts), without loading commander.
  if (argv.length === 1 && (argv[0] === '--version' || argv[0] === '-V')) {
    io.stdout.write(`${packageInfo().version}\n`);
    return 0;
  }
  const main = await import('./main.js');
  return main.run(argv, io);
};

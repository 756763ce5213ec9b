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
  const refused = await outputRefused(argv, io);
  if (refused !== undefined) {
    io.stderr.write(refused);
    return 2;
  }
  const main = await import('./main.js');
  return main.run(argv, io);
};

/** Commands whose `--output` names a file to write. */
const writing = new Set(['check', 'collect', 'audit']);

/**
 * An `--output` that cannot be written, said before the command line parser and the command are
 * even loaded: one line, at once (main.ts checks every output again, with the options parsed, and
 * says anything else wrong with the command line). Only a refusal is answered here.
 */
const outputRefused = async (argv: readonly string[], io: Io): Promise<string | undefined> => {
  if (!writing.has(argv[0] ?? '') || argv.some((a) => a === '--help' || a === '-h')) return undefined;
  const files: string[] = [];
  for (let i = 1; i < argv.length; i++) {
    const word = argv[i] ?? '';
    if (word === '--') break;
    if (word === '--output' && i + 1 < argv.length) files.push(argv[++i] ?? '');
    else if (word.startsWith('--output=')) files.push(word.slice('--output='.length));
  }
  if (files.length === 0) return undefined;
  const [{ checkOutputPath }, { OutputError }, { terminalSafeLines }, nodePath, fs] = await Promise.all([
    import('./write-output.js'),
    import('../errors.js'),
    import('../reporters/escape.js'),
    import('node:path'),
    import('node:fs/promises'),
  ]);
  for (const file of files) {
    const path = nodePath.resolve(io.cwd, file);
    // A directory given as the file: the parser's own message says which file name to give.
    if (file === '' || (await fs.stat(path).catch(() => undefined))?.isDirectory() === true) continue;
    try {
      await checkOutputPath(path);
    } catch (error) {
      if (error instanceof OutputError) return `charter: ${terminalSafeLines(error.message)}\n`;
      return undefined;
    }
  }
  return undefined;
};

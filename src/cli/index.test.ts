import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './index.js';
import { run as runParsed } from './main.js';

const outputs = async (runner: typeof run, argv: string[]): Promise<{ code: number; out: string; err: string }> => {
  const io = memoryIo();
  const code = await runner(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe('the CLI entry', () => {
  it('answers --version and -V alone exactly as the full command line does', async () => {
    for (const argv of [['--version'], ['-V']]) {
      const fast = await outputs(run, argv);
      expect(fast).toEqual(await outputs(runParsed, argv));
      expect(fast.out).toMatch(/^\d+\.\d+\.\d+\n$/);
    }
  });

  it('hands everything else to the command line parser', async () => {
    for (const argv of [['--version', 'extra'], ['--help'], ['-V', '--help'], ['no-such-command'], ['explain', '--version']]) {
      expect(await outputs(run, argv)).toEqual(await outputs(runParsed, argv));
    }
  });
});

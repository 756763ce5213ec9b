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

  it('refuses an --output it cannot write before loading the parser, in the words the parser would use', async () => {
    const missing = '/no/such/dir-of-charter/r.json';
    for (const argv of [
      ['check', '--output', missing],
      ['check', '--format', 'json', `--output=${missing}`],
      ['collect', '--output', missing],
      ['audit', 'snapshots', '--output', missing],
    ]) {
      const fast = await outputs(run, argv);
      expect(fast).toEqual({
        code: 2,
        out: '',
        err: 'charter: cannot write /no/such/dir-of-charter/r.json: the directory /no/such/dir-of-charter does not exist\n',
      });
      expect(fast).toEqual(await outputs(runParsed, argv));
    }
    // Help is help, whatever else is on the line.
    expect(await outputs(run, ['check', '--output', missing, '--help'])).toEqual(await outputs(runParsed, ['check', '--output', missing, '--help']));
    expect((await outputs(run, ['check', '--help', '--output', missing])).code).toBe(0);
  });
});

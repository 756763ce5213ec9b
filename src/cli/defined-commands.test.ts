/**
 * `run` defines only the command its first word names (main.ts, `commandsFor`): everything it says
 * must be what the whole command line says, byte for byte, exit code included. Compared here with
 * every command defined, on command lines read from the help itself (every command and group, every
 * option: its help, a missing value, a wrong value, a misspelling, an unknown flag), with help in
 * the four languages of the locale, and on the commands that start fast (`rules`, `explain`, `policy validate`).
 */
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { commandNames, commandsFor, run, runCommands } from './main.js';

const policy = fileURLToPath(new URL('../../policies/lu-state-charter.yaml', import.meta.url));
const locales: Record<string, Record<string, string>> = {
  en: {},
  fr: { LANG: 'fr_LU.UTF-8' },
  de: { LC_ALL: 'de_DE.UTF-8' },
  lb: { LC_MESSAGES: 'lb_LU.UTF-8' },
};

type Said = { code: number; out: string; err: string };
const said = async (argv: readonly string[], env: Record<string, string>, all: boolean): Promise<Said> => {
  const io = memoryIo({ env });
  const code = all ? await runCommands(argv, io, commandNames) : await run(argv, io);
  return { code, out: io.out(), err: io.err() };
};

/** The command paths under `path` (groups and leaves), read from its help's Commands section. */
const pathsUnder = async (path: readonly string[]): Promise<string[][]> => {
  const { out } = await said([...path, '--help'], {}, true);
  const commands = out.split('\nCommands:\n')[1] ?? '';
  const names = [...commands.matchAll(/^ {2}([a-z][\w-]*)/gm)].map((m) => m[1] ?? '').filter((name) => name !== 'help');
  const below = await Promise.all(names.map((name) => pathsUnder([...path, name])));
  return names.flatMap((name, i) => [[...path, name], ...(below[i] ?? [])]);
};

/** A command's options, from its help: the long flag and whether it takes a value. */
const optionsOf = async (path: readonly string[]): Promise<{ flag: string; value: boolean }[]> => {
  const { out } = await said([...path, '--help'], {}, true);
  const options = (out.split('\nOptions:\n')[1] ?? '').split('\n\n')[0] ?? '';
  return [...options.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)( [<[])?/gm)].map((m) => ({ flag: m[1] ?? '', value: m[2] !== undefined }));
};

/** Command lines that parse, fail to parse or ask for help; none runs a check, a collection or an audit. */
const commandLines = async (): Promise<string[][]> => {
  const paths = await pathsUnder([]);
  const lines: string[][] = [[], ['--help'], ['-h'], ['help'], ['--bogus'], ['-V'], ['--version', '--help'], ['zzz']];
  for (const path of paths) {
    const misspelt = [...path.slice(0, -1), (path.at(-1) ?? '').slice(0, -1)];
    lines.push(path, [...path, '--help'], [...path, '-h'], ['help', ...path], misspelt, [...path, '--bogus'], [...path, 'a', 'b', 'c', '--help']);
    for (const { flag, value } of await optionsOf(path)) {
      if (flag === '--help' || flag === '--version') continue;
      lines.push([...path, flag.slice(0, -1)]);
      if (value) lines.push([...path, flag], [...path, flag, 'zz-bogus', '--help'], [...path, `${flag}=1`, '--help']);
      else lines.push([...path, flag, '--help'], [...path, `${flag}=x`]);
    }
  }
  // Groups alone print their help; leaves alone would run: only those that start fast.
  const leaves = new Set(paths.filter((p) => !paths.some((q) => q.length > p.length && q.join(' ').startsWith(`${p.join(' ')} `))).map((p) => p.join(' ')));
  return lines.filter((line) => !leaves.has(line.join(' ')) || line[0] === 'rules');
};

describe('one command defined says what all defined say', () => {
  it('defines the command named, or all of them', () => {
    expect(commandsFor(['explain', 'ENC-01'])).toEqual(['explain']);
    expect(commandsFor(['policy', 'validate', 'x'])).toEqual(['policy']);
    for (const argv of [[], ['--help'], ['help', 'explain'], ['explian'], ['--lang', 'fr', 'rules'], ['-V']]) expect(commandsFor(argv)).toEqual(commandNames);
  });

  it('reads a command line from the help of every command', async () => {
    const lines = await commandLines();
    // Every command, every group, and options of them all.
    for (const path of ['check', 'policy validate', 'waivers lint', 'audit', 'collect', 'record'])
      expect(lines.some((l) => l.join(' ') === `${path} --help`)).toBe(true);
    expect(lines.some((l) => l.join(' ') === 'audit --concurrency zz-bogus --help')).toBe(true);
    expect(lines.length).toBeGreaterThan(300);
  });

  const fast = [
    ['rules'],
    ['rules', '--format', 'json'],
    ['explain', 'ENC-01'],
    ['explain', 'ENC-01', '--format', 'json'],
    ['explain', 'ENC-1'],
    ['policy', 'validate', policy],
  ];
  const same = async (lines: readonly (readonly string[])[], env: Record<string, string>): Promise<void> => {
    for (const argv of lines) {
      const [one, all] = [await said(argv, env, false), await said(argv, env, true)];
      expect(one, argv.join(' ')).toEqual(all);
    }
  };

  it('in English: help, errors and suggestions are the same', async () => {
    await same([...(await commandLines()), ...fast], {});
  }, 300_000);

  // The locale sets the default of --lang, which help shows, and the language of what runs.
  it.each(Object.entries(locales).filter(([name]) => name !== 'en'))(
    'in %s: help is the same',
    async (_, env) => {
      const helps = (await commandLines()).filter((line) => line.includes('--help') || line[0] === 'help' || line.length === 0);
      await same([...helps, ...fast], env);
    },
    300_000,
  );
});

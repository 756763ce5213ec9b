import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { hostKinds, targetSyntax } from '../hosts/index.js';
import { targetKinds, targetSyntaxOf } from '../hosts/kinds.js';
import { memoryIo } from '../testing/memory-io.js';
import { commandPath, helpExamples, leafCommands } from './help-examples.js';
import { run } from './main.js';

const help = async (path: string): Promise<{ code: number; out: string }> => {
  const io = memoryIo();
  const code = await run([...path.split(' '), '--help'], io);
  return { code, out: io.out() };
};

/** The command tree as `run` builds it: read back from the help of `charter --help` and each command. */
const commandPaths = Object.keys(helpExamples);

describe('--help of every command', () => {
  it('lists the commands that have examples, and no command lacks them', async () => {
    const io = memoryIo();
    await run(['--help'], io);
    const top = [...io.out().matchAll(/^ {2}(\w+)/gm)].map((m) => m[1]);
    for (const name of top) {
      if (name === 'help') continue;
      expect(
        commandPaths.some((p) => p === name || p.startsWith(`${name} `)),
        `examples for ${String(name)}`,
      ).toBe(true);
    }
  });

  it.each(commandPaths)('%s: shows examples that use only its own options', async (path) => {
    const { code, out } = await help(path);
    expect(code).toBe(0);
    expect(out).toContain('\nExamples:\n');
    const flags = new Set([...out.matchAll(/^ {2}(?:-\w, )?(--[\w-]+)/gm)].map((m) => m[1]));
    for (const example of helpExamples[path] ?? []) {
      expect(example.startsWith(`charter ${path}`), example).toBe(true);
      const code = example.split(' # ')[0] ?? '';
      for (const used of code.match(/--[\w-]+/g) ?? []) expect(flags.has(used), `${path}: ${used} in "${example}"`).toBe(true);
      expect(out).toContain(code.trimEnd());
    }
  });

  it.each(['check', 'collect', 'record'])('%s: lists every target kind with an example', async (path) => {
    const { out } = await help(path);
    for (const kind of Object.values(hostKinds)) {
      expect(out).toContain(targetSyntax(kind));
      expect(out).toContain(kind.describe);
    }
    for (const kind of Object.values(targetKinds)) expect(out).toContain(`e.g. --target ${kind.example}`);
  });

  it('shows each host kind as hosts/index.ts defines it (one list, two readers)', () => {
    expect(Object.keys(targetKinds).sort()).toEqual(Object.keys(hostKinds).sort());
    for (const [name, kind] of Object.entries(hostKinds)) {
      const text = targetKinds[name as keyof typeof targetKinds];
      expect(targetSyntaxOf(text)).toBe(targetSyntax(kind));
      expect(text.describe).toBe(kind.describe);
      expect(text.example.startsWith(kind.kind)).toBe(true);
    }
  });

  it('walks nested commands by their path', () => {
    const program = new Command('charter');
    program.command('policy').command('validate');
    program.command('check');
    expect(leafCommands(program).map(commandPath)).toEqual(['policy validate', 'check']);
  });
});

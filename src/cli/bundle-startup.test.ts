/**
 * The shipped bundle, as scripts/build.mjs makes it (its plugins included: the standalone
 * validators, the lazy child_process of commander): what `rules`, `explain` and `policy validate`
 * load before they print is the static import closure of the real output files, from dist/cli.js
 * through the command line parser's chunk to the command's. None of those files holds the RE2
 * engine, ajv, YAML, plist, a probe or a report reporter, none imports child_process, which
 * commander's chunk requires only when spawning, and none makes a require function when loaded.
 * startup-imports.test.ts reads the same from the sources; this reads what ships. No timing: the
 * files themselves.
 */
import { execa } from 'execa';
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const repo = fileURLToPath(new URL('../..', import.meta.url));
// Inside the package: the build's precompile step finds charter's package.json above it.
mkdirSync(join(repo, '.cache'), { recursive: true });
const work = mkdtempSync(join(repo, '.cache', 'bundle-'));
const dist = join(work, 'dist');

interface Meta {
  outputs: Record<string, { entryPoint?: string; inputs: Record<string, unknown> }>;
}
let meta: Meta;

beforeAll(async () => {
  await execa(process.execPath, ['scripts/build.mjs', '--outdir', dist, '--metafile', join(work, 'meta.json')], { cwd: repo });
  meta = JSON.parse(readFileSync(join(work, 'meta.json'), 'utf8')) as Meta;
});
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const output = (file: string): Meta['outputs'][string] | undefined => meta.outputs[relative(repo, file)];

/** The output file built for this source entry (a static entry or a dynamically imported module). */
const chunkOf = (source: string): string => {
  const found = Object.entries(meta.outputs).find(([, out]) => out.entryPoint === source);
  if (found === undefined) throw new Error(`no output for ${source}`);
  return resolve(repo, found[0]);
};

/** Static imports of an output file, read from its text (`import(...)` is dynamic: not followed). */
const staticImports = (file: string): string[] =>
  [...readFileSync(file, 'utf8').matchAll(/(?:from|import)\s*"(\.{1,2}\/[^"]+)"/g)].map((m) => resolve(dirname(file), m[1] ?? ''));

const loadedWith = (starts: readonly string[]): string[] => {
  const seen = new Set<string>();
  const todo = [...starts];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    todo.push(...staticImports(file));
  }
  return [...seen];
};

const inputsOf = (files: readonly string[]): string[] => files.flatMap((file) => Object.keys(output(file)?.inputs ?? {}));

const heavy: readonly RegExp[] = [
  /node_modules\/(re2js|ajv|yaml|plist|chalk|sql\.js|execa)\//,
  /^src\/(probes|platform)\//,
  /^src\/(fleet\/reporters|reporters\/audit)\//,
  /^src\/reporters\/(?!policy\/|escape\.ts$|choices\.ts$|formats\.ts$)/,
  /^src\/policy\/load\.ts$/,
  /^src\/safe-regex\.ts$/,
];
const heavyIn = (inputs: readonly string[]): string[] => inputs.filter((input) => heavy.some((pattern) => pattern.test(input.replace(/^(\.\.\/)+main\//, ''))));

// Each command's module holds its format registry (main.ts reads the formats from it).
const commands: Record<string, string[]> = {
  rules: ['src/cli/rules-command.ts'],
  explain: ['src/cli/explain-command.ts'],
  'policy validate': ['src/cli/policy-command.ts'],
};
const startup = (sources: readonly string[]): string[] => loadedWith([join(dist, 'cli.js'), chunkOf('src/cli/main.ts'), ...sources.map(chunkOf)]);

describe('the shipped bundle at start-up', () => {
  it.each(Object.entries(commands))('%s loads none of the heavy modules', (_, sources) => {
    const files = startup(sources);
    expect(inputsOf(files)).toContain('src/policy/precompiled.ts');
    if (sources[0] !== 'src/cli/policy-command.ts') expect(inputsOf(files).some((input) => input.startsWith('src/reporters/policy/'))).toBe(true);
    expect(heavyIn(inputsOf(files))).toEqual([]);
  });

  it.each(Object.entries(commands))('%s imports no child process, worker or compression module', (_, sources) => {
    for (const file of startup(sources)) {
      const text = readFileSync(file, 'utf8');
      expect(text, file).not.toMatch(/from\s*"node:(child_process|worker_threads|zlib|net)"/);
      // A require of child_process only inside commander's spawn, made lazy by scripts/build.mjs.
      const requires = [...text.matchAll(/(.{0,12})"node:child_process"(.{0,8})/g)];
      for (const [, before, after] of requires) {
        expect(before, file).toMatch(/=>\w+\($/);
        expect(after, file).toMatch(/^\)\.spawn\(/);
      }
    }
  });

  it.each(Object.entries(commands))('%s makes no require function until one is called', (_, sources) => {
    for (const file of startup(sources)) {
      const calls = [...readFileSync(file, 'utf8').matchAll(/(.{0,24})__charterCreateRequire\(import\.meta\.url\)/g)];
      expect(calls.length, file).toBe(1);
      expect(calls[0]?.[1], file).toMatch(/\?\?=\s*$/);
    }
  });

  it("makes commander's child_process lazy in the parser's chunk", () => {
    const parser = chunkOf('src/cli/main.ts');
    expect(Object.keys(output(parser)?.inputs ?? {}).some((input) => input.endsWith('commander/lib/command.js'))).toBe(true);
    expect(readFileSync(parser, 'utf8')).toMatch(/\{spawn:\(\.\.\.(\w+)\)=>\w+\("node:child_process"\)\.spawn\(\.\.\.\1\)\}/);
  });

  it('sees the heavy modules where they are loaded: check', () => {
    const found = heavyIn(inputsOf(startup(['src/cli/check-command.ts'])));
    expect(found.some((input) => input.includes('/re2js/'))).toBe(true);
    expect(found.some((input) => input.startsWith('src/probes/') || input.startsWith('src/platform/'))).toBe(true);
  });
});

/**
 * What `rules`, `explain` and `policy validate` load before they print: the static import closure of
 * the CLI's entry, the command line parser, the command and its format registry, from esbuild's own
 * graph of the bundle. Neither the RE2 engine, ajv, YAML, plist nor chalk; no operator test, probe
 * or report reporter; no node:crypto, node:zlib, node:os, node:tty or child processes. Only what
 * each command statically needs: a dynamic import (the full policy loader, for a policy that is not
 * the shipped one) is loaded only when taken. No timing: the graph itself.
 */
import { build, type Metafile } from 'esbuild';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
let inputs: Metafile['inputs'];

beforeAll(async () => {
  const result = await build({
    absWorkingDir: root,
    entryPoints: ['src/cli/index.ts'],
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    write: false,
    metafile: true,
    outdir: 'dist-graph',
    logLevel: 'silent',
  });
  inputs = result.metafile.inputs;
});

/**
 * Every file loaded with `starts`, through static imports and requires (not dynamic imports).
 * Node's own modules (external to the bundle) count when a source file imports them, as `node:x`.
 */
const loadedWith = (starts: readonly string[]): string[] => {
  const seen = new Set<string>();
  const todo = [...starts];
  for (let file = todo.pop(); file !== undefined; file = todo.pop()) {
    if (seen.has(file)) continue;
    seen.add(file);
    for (const edge of inputs[file]?.imports ?? []) {
      if (edge.kind === 'dynamic-import') continue;
      if (inputs[edge.path] !== undefined) todo.push(edge.path);
      else if (file.startsWith('src/')) seen.add(edge.path.startsWith('node:') ? edge.path : `node:${edge.path}`);
    }
  }
  return [...seen].sort();
};

const parser = ['src/cli/index.ts', 'src/cli/main.ts'];
const commands: Record<string, string[]> = {
  rules: [...parser, 'src/cli/rules-command.ts', 'src/reporters/policy/rules-reporters.ts'],
  explain: [...parser, 'src/cli/explain-command.ts', 'src/reporters/policy/explain-reporters.ts'],
  'policy validate': [...parser, 'src/cli/policy-command.ts'],
};

const heavy: readonly RegExp[] = [
  /node_modules\/(re2js|ajv|yaml|plist|chalk|sql\.js|execa)\//,
  /^src\/safe-regex\.ts$/,
  /^src\/operators\/(index|matches|evaluate-expectation)\.ts$/,
  /^src\/policy\/load\.ts$/,
  /^src\/probes\//,
  /^src\/fleet\/reporters\//,
  /^src\/reporters\/(?!policy\/|escape\.ts$|choices\.ts$|formats\.ts$)/,
  /^node:(crypto|zlib|os|tty|child_process|worker_threads|net)$/,
];
const heavyIn = (files: readonly string[]): string[] => files.filter((file) => heavy.some((pattern) => pattern.test(file)));

describe('start-up imports', () => {
  it.each(Object.entries(commands))('%s loads none of the heavy modules', (_, starts) => {
    const files = loadedWith(starts);
    expect(files).toContain('src/policy/precompiled.ts');
    expect(heavyIn(files)).toEqual([]);
  });

  it('explain describes with the describe table alone', () => {
    const files = loadedWith(commands.explain ?? []);
    expect(files).toContain('src/operators/describe/describers.ts');
  });

  it('sees the heavy modules where they are loaded: check', () => {
    const found = heavyIn(loadedWith([...parser, 'src/cli/check-command.ts']));
    expect(found.some((file) => file.includes('/re2js/'))).toBe(true);
    expect(found).toContain('src/operators/index.ts');
    expect(found.some((file) => file.startsWith('src/probes/'))).toBe(true);
  });
});

/** Files reached from `starts` through static imports, then one dynamic import. */
const dynamicallyReached = (starts: readonly string[]): Set<string> => {
  const reached = new Set<string>();
  for (const file of loadedWith(starts)) for (const edge of inputs[file]?.imports ?? []) if (edge.kind === 'dynamic-import') reached.add(edge.path);
  return reached;
};

describe('what a check loads before it knows the platform and the formats', () => {
  const check = [...parser, 'src/cli/check-command.ts'];
  const otherPlatforms: readonly RegExp[] = [
    /^src\/platform\/(macos|windows)\//,
    /^src\/probes\/[^/]+\/(macos|windows)(-[^/]*)?\.ts$/,
    /^src\/probes\/browsers\/(chromium|firefox)-windows(-script)?\.ts$/,
    /node_modules\/plist\//,
  ];

  it('loads no macOS or Windows collector, parser or platform helper: each is loaded by the run on its platform', () => {
    const files = loadedWith(check);
    expect(files.filter((file) => otherPlatforms.some((pattern) => pattern.test(file)))).toEqual([]);
    // They are in the bundle, each reached by a dynamic import from what the check loads.
    const reached = dynamicallyReached(check);
    for (const probe of [
      'app-activity',
      'disk-encryption',
      'firewall',
      'installed-apps',
      'listening-services',
      'login',
      'management',
      'os',
      'screen-lock',
      'updates',
    ]) {
      expect(reached, probe).toContain(`src/probes/${probe}/macos.ts`);
      expect(reached, probe).toContain(`src/probes/${probe}/windows.ts`);
    }
    expect(reached).toContain('src/probes/browsers/chromium-windows.ts');
    expect(reached).toContain('src/probes/browsers/firefox-windows.ts');
    expect(reached).toContain('src/platform/macos/homes.ts');
  });

  it('loads the reporter of the format asked for only: none of them before', () => {
    const files = loadedWith(check);
    const singleReporters = ['html', 'json', 'junit', 'sarif', 'text'].map((name) => `src/reporters/${name}.ts`);
    expect(files.filter((file) => singleReporters.includes(file))).toEqual([]);
    expect([...dynamicallyReached(check)].filter((file) => singleReporters.includes(file)).sort()).toEqual(singleReporters);
  });
});

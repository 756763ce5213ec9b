import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, posix, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

// The layers of DESIGN.md ("Layout, second edition"): arrows point down. Every import of every
// non-test file under src is read with the TypeScript scanner (static, re-exports and dynamic
// import()), resolved to a path under src, and checked against the forbidden arrows below.

const srcRoot = dirname(fileURLToPath(import.meta.url));

interface Edge {
  readonly from: string; // path under src, posix
  readonly to: string; // path under src, posix
  readonly specifier: string;
}

function isTestFile(path: string): boolean {
  return /\.test\.ts$/.test(path);
}

function listTs(dir: string): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const full = join(dir, entry.name);
    if (entry.isDirectory()) {
      if (entry.name === 'node_modules' || entry.name === 'testdata') continue;
      out.push(...listTs(full));
    } else if (entry.isFile() && entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts')) {
      out.push(relative(srcRoot, full).split(sep).join('/'));
    }
  }
  return out.sort();
}

const allFiles = listTs(srcRoot);
const productionFiles = allFiles.filter((file) => !isTestFile(file));

/** Resolves a relative specifier to a path under src (".js" written for ".ts"), or undefined. */
function resolveUnderSrc(from: string, specifier: string): string | undefined {
  if (!specifier.startsWith('.')) return undefined;
  const joined = posix.normalize(posix.join(posix.dirname(from), specifier));
  if (joined.startsWith('..')) return undefined;
  return joined.replace(/\.js$/, '.ts');
}

function importsOf(file: string, text: string): Edge[] {
  const info = ts.preProcessFile(text, true, true);
  const edges: Edge[] = [];
  for (const imported of info.importedFiles) {
    const to = resolveUnderSrc(file, imported.fileName);
    if (to !== undefined) edges.push({ from: file, to, specifier: imported.fileName });
  }
  return edges;
}

const edges: Edge[] = productionFiles.flatMap((file) => importsOf(file, readFileSync(join(srcRoot, file), 'utf8')));

function underFolder(path: string, folder: string): boolean {
  return path === `${folder}.ts` || path.startsWith(`${folder}/`);
}

interface Arrow {
  readonly from: string;
  readonly to: readonly string[];
  readonly why: string;
}

/** Forbidden arrows: nothing under `from` may import anything under one of `to`. */
const forbiddenArrows: readonly Arrow[] = [
  { from: 'hosts', to: ['probes', 'fleet', 'cli', 'reporters'], why: 'hosts sit below probes, fleet, reporters and the CLI' },
  { from: 'reporters', to: ['cli'], why: 'reporters never import the CLI' },
  {
    from: 'fleet',
    to: ['reporters', 'cli'],
    why: 'the fleet sits below its reporters (src/reporters/audit) and the CLI: reporters read its model, never the reverse',
  },
  { from: 'policy', to: ['cli'], why: 'the policy layer never imports the CLI' },
  { from: 'probes', to: ['cli', 'fleet'], why: 'probes sit below the fleet and the CLI' },
  {
    from: 'hosts',
    to: ['platform/linux', 'platform/macos', 'platform/windows'],
    why: 'hosts use only the codecs of src/platform; the OS helpers sit above hosts',
  },
  // The OS helpers (src/platform/{linux,macos,windows}) read a machine through the Host interface, so
  // they sit above hosts and below probes; the codecs (src/platform/codecs) are the bottom layer.
  { from: 'platform', to: ['probes', 'fleet', 'cli', 'reporters'], why: 'platform code sits below probes, fleet, reporters and the CLI' },
  { from: 'platform/codecs', to: ['hosts', 'platform/linux', 'platform/macos', 'platform/windows'], why: 'codecs are the bottom layer' },
];

/** Imports allowed for now, each with the reason. None is left: the ssh prefetch comes from the probes' `reads`, handed to the host as data. */
const temporarilyAllowed: ReadonlySet<string> = new Set<string>();

function arrowViolations(list: readonly Edge[]): string[] {
  const problems: string[] = [];
  for (const edge of list) {
    if (!edge.from.endsWith('.test.ts') && underFolder(edge.to, 'testing')) {
      if (!underFolder(edge.from, 'testing')) {
        problems.push(`src/${edge.from} imports '${edge.specifier}': nothing outside tests imports src/testing`);
      }
    }
    for (const arrow of forbiddenArrows) {
      if (!underFolder(edge.from, arrow.from)) continue;
      if (temporarilyAllowed.has(edge.from)) continue;
      for (const target of arrow.to) {
        if (underFolder(edge.to, target)) {
          problems.push(`src/${edge.from} imports '${edge.specifier}' (src/${edge.to}): ${arrow.why}`);
        }
      }
    }
  }
  return problems;
}

/** The folder a file belongs to for cycle detection: its first two path segments under src. */
function folderOf(path: string): string {
  const parts = path.split('/');
  if (parts.length <= 1) return '.';
  // probes/system/linux.ts → probes/system; cli/commands/x.ts → cli/commands; cli/io.ts → cli
  return parts.length >= 3 ? `${parts[0] ?? ''}/${parts[1] ?? ''}` : (parts[0] ?? '.');
}

function topOf(path: string): string {
  const parts = path.split('/');
  // src/platform holds layers of its own (the codecs below hosts, the OS helpers above): each is a unit.
  if (parts[0] === 'platform' && parts.length >= 3) return `platform/${parts[1] ?? ''}`;
  return parts.length <= 1 ? '.' : (parts[0] ?? '.');
}

/** Pairs of folders that import each other (directly), with one import each way as evidence. */
function folderCycles(list: readonly Edge[], keyOf: (path: string) => string): string[] {
  const witness = new Map<string, Edge>();
  for (const edge of list) {
    if (temporarilyAllowed.has(edge.from)) continue;
    const a = keyOf(edge.from);
    const b = keyOf(edge.to);
    if (a === b || a === '.' || b === '.') continue;
    // A folder and its own subfolders (a registry and its entries) are one unit.
    if (a.startsWith(`${b}/`) || b.startsWith(`${a}/`)) continue;
    if (!witness.has(`${a} -> ${b}`)) witness.set(`${a} -> ${b}`, edge);
  }
  const problems: string[] = [];
  for (const [key, edge] of witness) {
    const [a, b] = key.split(' -> ') as [string, string];
    if (a > b) continue;
    const back = witness.get(`${b} -> ${a}`);
    if (back !== undefined) {
      problems.push(`cycle ${a} <-> ${b}: src/${edge.from} imports '${edge.specifier}', src/${back.from} imports '${back.specifier}'`);
    }
  }
  return problems;
}

describe('layers', () => {
  it('reads imports of every kind, so the checks below see them', () => {
    const found = importsOf(
      'hosts/x.ts',
      [
        "import type { A } from '../probes/a.js';",
        "export { b } from '../fleet/b.js';",
        "const c = await import('../cli/c.js');",
        "import { d } from 'node:fs';",
      ].join('\n'),
    ).map((edge) => edge.to);
    expect(found).toEqual(['probes/a.ts', 'fleet/b.ts', 'cli/c.ts']);
    expect(arrowViolations(importsOf('hosts/x.ts', "import '../probes/a.js';"))).toHaveLength(1);
    expect(arrowViolations(importsOf('reporters/x.ts', "import '../testing/a.js';"))).toHaveLength(1);
    expect(arrowViolations(importsOf('fleet/x.ts', "import { json } from '../reporters/audit/json.js';"))).toHaveLength(1);
    expect(arrowViolations(importsOf('fleet/pool/x.ts', "const r = await import('../../reporters/audit/index.js');"))).toHaveLength(1);
    expect(arrowViolations(importsOf('reporters/audit/x.ts', "import type { C } from '../../cli/colors.js';"))).toHaveLength(1);
    expect(arrowViolations(importsOf('reporters/audit/x.ts', "import type { A } from '../../fleet/model.js';"))).toEqual([]);
    expect(arrowViolations(importsOf('reporters/x.test.ts', "import '../testing/a.js';"))).toEqual([]);
    expect(folderCycles([...importsOf('a/b/x.ts', "import '../../c/d/y.js';"), ...importsOf('c/d/y.ts', "import '../../a/b/z.js';")], folderOf)).toHaveLength(
      1,
    );
  });

  it('no import runs up the layers', () => {
    const problems = arrowViolations(edges);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('nothing outside tests imports src/testing', () => {
    const problems = edges
      .filter((edge) => underFolder(edge.to, 'testing') && !underFolder(edge.from, 'testing'))
      .map((edge) => `src/${edge.from} imports '${edge.specifier}'`);
    expect(problems, problems.join('\n')).toEqual([]);
  });

  it('every test helper lives in src/testing', () => {
    const misplaced = allFiles.filter(
      (file) => !underFolder(file, 'testing') && (/\.test-helper\.ts$/.test(file) || /(^|\/)testing\.ts$/.test(file) || /(^|\/)testing\//.test(file)),
    );
    expect(misplaced, misplaced.join('\n')).toEqual([]);
  });

  it('no file outside src/testing and the tests imports vitest (it would be a test helper)', () => {
    const helpers = productionFiles.filter(
      (file) =>
        !underFolder(file, 'testing') &&
        ts
          .preProcessFile(readFileSync(join(srcRoot, file), 'utf8'), true, true)
          .importedFiles.some((imported) => imported.fileName === 'vitest' || imported.fileName.startsWith('vitest/')),
    );
    expect(helpers, helpers.join('\n')).toEqual([]);
  });

  it('no two folders import each other', () => {
    const problems = [...folderCycles(edges, folderOf), ...folderCycles(edges, topOf)];
    expect(problems, problems.join('\n')).toEqual([]);
  });
});

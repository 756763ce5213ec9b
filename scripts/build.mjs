// Bundle the CLI into dist/ with esbuild: one entry plus lazily loaded chunks, so `--version`
// and `--help` load only commander. Type checking is `npm run typecheck` (tsc --noEmit).
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { standaloneValidators } from './validators-plugin.mjs';

// --outdir DIR: build there instead of dist/ (a test builds into a temporary directory);
// --metafile FILE: write esbuild's graph of the CLI bundle (inputs and outputs) there.
const { values: flags } = parseArgs({ options: { outdir: { type: 'string', default: 'dist' }, metafile: { type: 'string' } } });
const outdir = resolve(flags.outdir);

/**
 * commander requires node:child_process (and with it node:net, node:dgram and their bindings) when
 * it loads, for executable subcommands only, which charter has none of: the require is made lazy,
 * so parsing a command line does not load them. A commander whose line differs fails the build.
 */
const lazyCommanderChildProcess = {
  name: 'lazy-commander-child-process',
  setup(build) {
    build.onLoad({ filter: /[\\/]commander[\\/]lib[\\/]command\.js$/ }, async (args) => {
      const source = await readFile(args.path, 'utf8');
      const eager = "const childProcess = require('node:child_process');";
      if (source.split(eager).length !== 2) throw new Error(`${args.path}: no single '${eager}' to make lazy; update scripts/build.mjs`);
      const lazy = "const childProcess = { spawn: (...args) => require('node:child_process').spawn(...args) };";
      return { contents: source.replace(eager, lazy), loader: 'js' };
    });
  },
};

await rm(outdir, { recursive: true, force: true });
const cli = await build({
  // audit-worker: the worker thread `charter audit` spreads snapshot checks over (see worker-pool.ts).
  entryPoints: { cli: 'src/cli/index.ts', 'audit-worker': 'src/fleet/audit-worker.ts' },
  outdir,
  bundle: true,
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: process.env.CHARTER_NO_MINIFY !== '1',
  legalComments: 'linked',
  sourcemap: 'linked',
  // Bundled CommonJS dependencies (commander, yaml, ajv) still require() Node built-ins. The
  // require is made on first use: most chunks never call it, and making one costs every chunk loaded.
  banner: {
    js: "import { createRequire as __charterCreateRequire } from 'node:module'; let __charterRequire; const require = (id) => (__charterRequire ??= __charterCreateRequire(import.meta.url))(id);",
  },
  // Every fixed JSON Schema as ajv standalone code: no schema is compiled at run time.
  plugins: [await standaloneValidators(), lazyCommanderChildProcess],
  metafile: flags.metafile !== undefined,
  logLevel: 'warning',
});
if (flags.metafile !== undefined) await writeFile(flags.metafile, JSON.stringify(cli.metafile));

// The shipped policies, loaded once by the full loader and stored for precompiled.ts: a check of
// an unchanged shipped policy then skips YAML parsing and schema compilation. And the fact
// descriptions (fact-descriptions.ts), so that `explain` does not load the probes.
const precompile = resolve(outdir, '.precompile.mjs');
const factsMain = resolve(outdir, '.facts.mjs');
await build({
  entryPoints: { '.precompile': 'src/policy/precompile-main.ts', '.facts': 'src/fact-descriptions-main.ts' },
  outdir,
  outExtension: { '.js': '.mjs' },
  bundle: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  banner: { js: "import { createRequire as __charterCreateRequire } from 'node:module'; const require = __charterCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
execFileSync(process.execPath, [precompile, 'policies', resolve(outdir, 'policies.json')], { stdio: 'inherit' });
execFileSync(process.execPath, [factsMain, resolve(outdir, 'facts.json')], { stdio: 'inherit' });
await rm(precompile, { force: true });
await rm(factsMain, { force: true });

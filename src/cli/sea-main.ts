/**
 * Entry of the single executable (scripts/package.mjs bundles it with the whole CLI, CommonJS,
 * no chunks). The shipped policies are SEA assets: written for this run to a private temporary
 * directory the CLI treats as its package root (file paths are what the policy loader confines
 * `extends` and catalogs to), removed at exit. Schemas are in the bundle; the precompiled table and
 * the audit worker's source are read from assets when first used.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { getAsset } from 'node:sea';
import { installInterruptHandlers, nodeIo, run } from './index.js';
import { UsageError } from '../errors.js';
import { setEmbedded, type Embedded } from '../sea/embedded.js';
import { parseManifest, type SeaManifest } from '../sea/manifest.js';

const text = (key: string): string => getAsset(key, 'utf8');

/** Writes the shipped files under a fresh 0700 directory (never a shared, guessable one). */
const unpack = (manifest: SeaManifest): string => {
  let root: string;
  try {
    root = mkdtempSync(join(tmpdir(), 'charter-'));
  } catch (error) {
    const reason = error instanceof Error && 'code' in error ? String(error.code) : String(error);
    throw new UsageError(
      `cannot unpack the shipped policies into the temporary directory ${tmpdir()} (${reason}): set TMPDIR (TEMP on Windows) to a writable directory`,
      { cause: error },
    );
  }
  process.on('exit', () => {
    rmSync(root, { recursive: true, force: true });
  });
  writeFileSync(join(root, 'package.json'), JSON.stringify({ name: manifest.name, version: manifest.version }));
  for (const file of manifest.files) {
    const target = join(root, ...file.split('/'));
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, text(`file:${file}`));
  }
  return root;
};

const main = async (): Promise<void> => {
  const manifest = parseManifest(text('manifest.json'));
  const argv = process.argv.slice(2);
  let root: string | undefined;
  let precompiled: unknown;
  let workerSource: string | undefined;
  const state: Embedded = {
    name: manifest.name,
    version: manifest.version,
    get root() {
      return (root ??= unpack(manifest));
    },
    get precompiled() {
      return (precompiled ??= JSON.parse(text('policies.json')) as unknown);
    },
    get workerSource() {
      return (workerSource ??= text('audit-worker.cjs'));
    },
  };
  setEmbedded(state);
  installInterruptHandlers(argv);
  process.exitCode = await run(argv, nodeIo());
};

void main();

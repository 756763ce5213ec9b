/**
 * A private build of the CLI in `dir`, run through bin/charter.js exactly as installed: for tests
 * of the real process (exit codes, signals, what it leaves running). Answers the path of the bin.
 */
import { copyFileSync, mkdirSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

export const buildPrivateCli = async (dir: string): Promise<string> => {
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(root, 'bin', 'charter.js'), join(dir, 'bin', 'charter.js'));
  copyFileSync(join(root, 'package.json'), join(dir, 'package.json'));
  symlinkSync(join(root, 'policies'), join(dir, 'policies'));
  symlinkSync(join(root, 'schemas'), join(dir, 'schemas'));
  await build({
    entryPoints: { cli: join(root, 'src', 'cli', 'index.ts') },
    outdir: join(dir, 'dist'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: "import { createRequire as __charterCreateRequire } from 'node:module'; const require = __charterCreateRequire(import.meta.url);" },
    logLevel: 'warning',
  });
  return join(dir, 'bin', 'charter.js');
};

// An esbuild plugin that puts ajv standalone code in place of src/policy/validators/index.ts, so
// the bundle validates against every fixed JSON Schema without ajv's compiler and without
// compiling a schema at run time. The code is generated now, from the schemas of this tree.
import { build } from 'esbuild';
import { execFileSync } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const banner = "import { createRequire as __charterCreateRequire } from 'node:module'; const require = __charterCreateRequire(import.meta.url);";

export const standaloneValidators = async () => {
  const generator = await build({
    entryPoints: [join(root, 'src/policy/validators/standalone-main.ts')],
    bundle: true,
    write: false,
    format: 'esm',
    platform: 'node',
    target: 'node20',
    banner: { js: banner },
    logLevel: 'warning',
  });
  const contents = execFileSync(process.execPath, ['--input-type=module'], {
    input: generator.outputFiles[0].text,
    cwd: root,
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  const validators = join(root, 'src', 'policy', 'validators');
  return {
    name: 'standalone-validators',
    setup(b) {
      b.onLoad({ filter: /[\\/]src[\\/]policy[\\/]validators[\\/]index\.ts$/ }, (args) =>
        args.path === join(validators, 'index.ts') ? { contents, loader: 'js', resolveDir: validators } : undefined,
      );
    },
  };
};

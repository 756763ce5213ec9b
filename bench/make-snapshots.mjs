#!/usr/bin/env node
// Generate N snapshot files for `charter audit` benchmarks and tests, from the recorded hosts in
// fixtures/hosts/ replayed through `charter collect` (so they are real snapshots), with variations:
// each file gets its own host name and machine id, a collection date up to 45 days before its
// recording (so some are stale), some get an app removed or one added, some a probe flipped (to an
// error, or a boolean fact inverted), and some are broken (truncated, a future snapshotVersion,
// types that lie, not JSON). Deterministic for a given --seed. Needs dist/ (npm run build).
// The files are in the format `collect` writes (snapshotVersion 2: lists of records packed, see
// src/hosts/snapshot-packing.ts): each base is unpacked, varied, and packed again.
// `--gzip-output DIR` also writes each snapshot gzip-compressed (NAME.json.gz) into DIR.
//
//   node bench/make-snapshots.mjs --count 10000 --output /tmp/snapshots [--gzip-output DIR] [--seed 1] [--broken 0.02] [--flipped 0.2] [--apps 0.3]
//
// Prints one JSON line: { count, broken, flipped, appsChanged, bytes, gzipBytes, ms }. Generated data is never committed.
import { Buffer } from 'node:buffer';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { fileURLToPath } from 'node:url';
import { transformSync } from 'esbuild';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');

// The packing code itself (no imports but types), so that the files are packed exactly as collect packs them.
const packing = await import(
  `data:text/javascript;base64,${Buffer.from(
    transformSync(readFileSync(join(root, 'src', 'hosts', 'snapshot-packing.ts'), 'utf8'), { loader: 'ts', format: 'esm' }).code,
  ).toString('base64')}`
);
/** A written snapshot with its outcomes' packed lists unpacked (version 1 has none). */
const unpack = (snapshot) => {
  for (const [id, outcome] of Object.entries(snapshot.facts)) {
    if (outcome.packed === undefined) continue;
    const { packed, ...rest } = outcome;
    snapshot.facts[id] = { ...rest, facts: packing.unpackFacts(outcome.facts, packed) };
  }
  return snapshot;
};
/** The snapshot as collect writes it (formatSnapshot in src/hosts/snapshot-format.ts). */
const pack = (snapshot) => {
  const facts = {};
  for (const [id, outcome] of Object.entries(snapshot.facts)) {
    const packed = outcome.status === 'ok' || outcome.status === 'partial' ? packing.packFacts(outcome.facts) : {};
    facts[id] = packed.packed === undefined ? outcome : { ...outcome, facts: packed.facts, packed: packed.packed };
  }
  return { ...snapshot, facts };
};

const arg = (name, fallback) => {
  const index = process.argv.indexOf(`--${name}`);
  return index > 0 && process.argv[index + 1] !== undefined ? process.argv[index + 1] : fallback;
};
const count = Number(arg('count', '1000'));
const output = arg('output', undefined);
const seed = Number(arg('seed', '1'));
const brokenRate = Number(arg('broken', '0.02'));
const flippedRate = Number(arg('flipped', '0.2'));
const appsRate = Number(arg('apps', '0.3'));
const gzipOutput = arg('gzip-output', undefined);
if (!output || !Number.isInteger(count) || count < 1) {
  console.error('usage: node bench/make-snapshots.mjs --count N --output DIR [--seed S] [--broken RATE] [--flipped RATE]');
  process.exit(2);
}
if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('make-snapshots: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

/** mulberry32: a small deterministic PRNG. */
const random = (() => {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
})();
const pick = (items) => items[Math.floor(random() * items.length)];

const started = Date.now();
const hostsDir = join(root, 'fixtures', 'hosts');
const fixtures = readdirSync(hostsDir)
  .filter((name) => existsSync(join(hostsDir, name, 'host.json')))
  .sort();
const work = mkdtempSync(join(tmpdir(), 'charter-bases-'));
const bases = [];
try {
  for (const name of fixtures) {
    const file = join(work, `${name}.json`);
    const result = spawnSync(process.execPath, [join(root, 'bin', 'charter.js'), 'collect', '--target', `replay:${join(hostsDir, name)}`, '--output', file], {
      cwd: root,
      encoding: 'utf8',
    });
    if (result.status !== 0) {
      console.error(`make-snapshots: skipping ${name}: collect failed: ${result.stderr.trim()}`);
      continue;
    }
    const recordedAt = JSON.parse(readFileSync(join(hostsDir, name, 'host.json'), 'utf8')).recordedAt;
    const snapshot = unpack(JSON.parse(readFileSync(file, 'utf8')));
    // Judge each base as of its recording, like the scenario tests do.
    if (recordedAt) snapshot.collectedAt = recordedAt;
    bases.push({ name, text: JSON.stringify(snapshot) });
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
if (bases.length === 0) {
  console.error('make-snapshots: no fixture could be collected');
  process.exit(1);
}

/** Invert one boolean fact, or turn one probe into an error. */
const flip = (snapshot) => {
  const ids = Object.keys(snapshot.facts);
  const id = pick(ids);
  const outcome = snapshot.facts[id];
  if (outcome.status === 'ok' && random() < 0.7) {
    const booleans = Object.keys(outcome.facts).filter((k) => typeof outcome.facts[k] === 'boolean');
    if (booleans.length > 0) {
      const key = pick(booleans);
      outcome.facts[key] = !outcome.facts[key];
      return;
    }
  }
  snapshot.facts[id] = { status: 'error', message: `simulated failure of ${id}` };
};

/** Remove one installed app, or add one (a copy of another under a new name), keeping the count right. */
const changeApps = (snapshot, serial) => {
  const outcome = snapshot.facts['installed-apps'];
  const apps = outcome?.status === 'ok' ? outcome.facts?.apps : undefined;
  if (!Array.isArray(apps) || apps.length === 0) return false;
  if (random() < 0.5 && apps.length > 1) apps.splice(Math.floor(random() * apps.length), 1);
  else {
    const base = pick(apps);
    apps.push({ ...base, name: `${base.name}-extra-${serial}`, ...(typeof base.id === 'string' ? { id: `${base.id}-extra-${serial}` } : {}) });
  }
  if (typeof outcome.facts.count === 'number') outcome.facts.count = apps.length;
  return true;
};

const dayMs = 86_400_000;

const breakages = [
  (text) => text.slice(0, Math.floor(text.length / 2)),
  (text) => text.replace(/"snapshotVersion":\d+/, '"snapshotVersion":99'),
  (text) => text.replace(/"facts":\{"accounts":\{[^]*$/, '"facts":{"accounts":"ok"}}'),
  (text) => text.replace(/"facts":\{"accounts"[^]*$/, '"facts":[]}'),
  () => 'this is not JSON\n',
  // A packed row one value short: the list lies about its shape.
  (text) => text.replace(/"apps":\[\[(\d+),"[^"]*",/, '"apps":[[$1,'),
];

rmSync(output, { recursive: true, force: true });
mkdirSync(output, { recursive: true });
if (gzipOutput) {
  rmSync(gzipOutput, { recursive: true, force: true });
  mkdirSync(gzipOutput, { recursive: true });
}
let bytes = 0;
let gzipBytes = 0;
let broken = 0;
let flipped = 0;
let appsChanged = 0;
const width = String(count - 1).length;
for (let i = 0; i < count; i += 1) {
  const base = bases[i % bases.length];
  const snapshot = JSON.parse(base.text);
  snapshot.host = { name: `host-${String(i).padStart(width, '0')}`, machineId: (BigInt(i) + 1n).toString(16).padStart(32, '0'), redacted: false };
  snapshot.target = { kind: 'local', name: 'local' };
  const collected = Date.parse(snapshot.collectedAt);
  if (Number.isFinite(collected)) snapshot.collectedAt = new Date(collected - Math.floor(random() * 45) * dayMs - Math.floor(random() * dayMs)).toISOString();
  if (random() < appsRate && changeApps(snapshot, i)) appsChanged += 1;
  if (random() < flippedRate) {
    flip(snapshot);
    flipped += 1;
  }
  let text = `${JSON.stringify(pack(snapshot))}\n`;
  if (random() < brokenRate) {
    text = pick(breakages)(text);
    broken += 1;
  }
  bytes += Buffer.byteLength(text);
  const name = `${base.name}-${String(i).padStart(width, '0')}.json`;
  writeFileSync(join(output, name), text);
  if (gzipOutput) {
    const compressed = gzipSync(text);
    gzipBytes += compressed.length;
    writeFileSync(join(gzipOutput, `${name}.gz`), compressed);
  }
}
console.log(
  JSON.stringify({
    count,
    fixtures: bases.map((b) => b.name),
    broken,
    flipped,
    appsChanged,
    bytes,
    ...(gzipOutput ? { gzipBytes } : {}),
    ms: Date.now() - started,
  }),
);

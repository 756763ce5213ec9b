#!/usr/bin/env node
// Whole-process benchmarks: medians of wall time and peak RSS over N runs, for charter and for
// the comparable tools installed here (lynis), printed with ratios. Usage: npm run bench [-- --runs 9] [--fleet]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const runsArg = process.argv.indexOf('--runs');
const runs = runsArg > 0 ? Number(process.argv[runsArg + 1]) : 7;
const gnuTime = existsSync('/usr/bin/time') ? '/usr/bin/time' : undefined;
const charter = [process.execPath, join(root, 'bin', 'charter.js')];

if (!existsSync(join(root, 'dist', 'cli.js'))) {
  console.error('bench: dist/ is missing; run `npm run build` first');
  process.exit(2);
}

/** One run: wall ms, and peak RSS in MB when GNU time is available. */
const once = (argv) => {
  const started = process.hrtime.bigint();
  const command = gnuTime ? [gnuTime, '-f', '%M', ...argv] : argv;
  const result = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' } });
  const ms = Number(process.hrtime.bigint() - started) / 1e6;
  if (result.error) throw result.error;
  const rssKb = gnuTime ? Number(result.stderr.trim().split('\n').at(-1)) : NaN;
  return { ms, rssMb: rssKb / 1024, status: result.status };
};

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

const measure = (name, argv, n = runs) => {
  once(argv); // warm-up: file cache, not counted
  const samples = Array.from({ length: n }, () => once(argv));
  const row = {
    name,
    runs: n,
    medianMs: Math.round(median(samples.map((s) => s.ms))),
    minMs: Math.round(Math.min(...samples.map((s) => s.ms))),
    maxMs: Math.round(Math.max(...samples.map((s) => s.ms))),
    peakRssMb: gnuTime ? Math.round(Math.max(...samples.map((s) => s.rssMb))) : null,
    exitCodes: [...new Set(samples.map((s) => s.status))],
  };
  console.log(`${name.padEnd(44)} median ${String(row.medianMs).padStart(6)} ms  (min ${row.minMs}, max ${row.maxMs})  peak RSS ${row.peakRssMb ?? '?'} MB  exit ${row.exitCodes.join('/')}`);
  return row;
};

const which = (program) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program], { encoding: 'utf8' }).stdout.trim();

console.log(`charter bench: ${runs} runs each after one warm-up, whole processes${gnuTime ? '' : ' (install GNU time for peak RSS)'}\n`);
const rows = [
  measure('charter --version', [...charter, '--version']),
  measure('charter check (text)', [...charter, 'check', '--format', 'text']),
  measure('charter check --format json', [...charter, 'check', '--format', 'json']),
];
// Offline scans (issue: CI image validation) of the real Debian root with a messenger, as a root
// filesystem and as an image archive in the shape `docker save` writes.
const cache = process.env.CHARTER_CACHE ?? join(root, '.cache');
const messengerRoot = join(cache, 'roots', 'messenger');
if (existsSync(join(messengerRoot, 'bin', 'sh'))) {
  rows.push(measure('charter check --target root:<messenger root>', [...charter, 'check', '--target', `root:${messengerRoot}`, '--format', 'json']));
  const image = join(cache, 'images', 'messenger.tar');
  if (!existsSync(image)) {
    mkdirSync(dirname(image), { recursive: true });
    spawnSync(join(root, 'scripts', 'root-image.sh'), [messengerRoot, image], { stdio: 'inherit' });
  }
  if (existsSync(image)) {
    rows.push(measure('charter check --target image:<messenger.tar>', [...charter, 'check', '--target', `image:${image}`, '--format', 'json']));
  }
} else {
  console.log(`(no ${messengerRoot}: build it with scripts/debian-root.sh messenger --with-package telegram-desktop to bench root:/image: scans)`);
}
// Fleet audit (issue: auditors): 10,000 snapshots made from the recorded fixtures. `--fleet` only:
// generating them takes about half a minute.
if (process.argv.includes('--fleet')) {
  const snapshots = join(cache, 'bench-snapshots');
  if (!existsSync(join(snapshots, '.complete'))) {
    spawnSync(process.execPath, [join(root, 'bench', 'make-snapshots.mjs'), '--count', '10000', '--output', snapshots], { stdio: 'inherit' });
    writeFileSync(join(snapshots, '.complete'), '');
  }
  const out = join(cache, 'bench-fleet.json');
  rows.push(measure('charter audit 10,000 snapshots (json out)', [...charter, 'audit', snapshots, '--format', 'json', '--output', out], Math.min(runs, 3)));
}
const lynis = which('lynis');
if (lynis) {
  const lynisRow = measure('lynis audit system --quick', [lynis, 'audit', 'system', '--quick', '--no-colors', '--no-log'], Math.min(runs, 5));
  rows.push(lynisRow);
  const json = rows.find((r) => r.name === 'charter check --format json');
  console.log(`\nratio: lynis / charter check = ${(lynisRow.medianMs / json.medianMs).toFixed(1)}x slower; RSS ${lynisRow.peakRssMb ?? '?'} MB vs ${json.peakRssMb ?? '?'} MB`);
} else {
  console.log('\nlynis is not installed (apt-get install lynis) — no comparison');
}
mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const file = join(root, 'bench', 'results', 'latest.json');
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, rows }, null, 2)}\n`);
console.log(`\nwrote ${file}`);

#!/usr/bin/env node
// Whole-process benchmarks: medians of wall time and peak RSS over N runs, for charter and for
// the comparable tools installed here (lynis, OpenSCAP), printed with ratios and the targets of
// issue 16. `node -e 0` is measured in the same run, its runs interleaved with charter's, so a
// ratio compares figures taken under the same load.
// Usage: npm run bench [-- --runs 9] [--root DIR] [--fleet] [--fleet-only]
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const argument = (name) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1] : undefined;
};
const runs = Number(argument('--runs') ?? 7);
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
  const result = spawnSync(command[0], command.slice(1), { cwd: root, encoding: 'utf8', env: { ...process.env, NO_COLOR: '1' }, maxBuffer: 256 << 20 });
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

const summarise = (name, samples) => {
  const row = {
    name,
    runs: samples.length,
    medianMs: Math.round(median(samples.map((s) => s.ms))),
    minMs: Math.round(Math.min(...samples.map((s) => s.ms))),
    maxMs: Math.round(Math.max(...samples.map((s) => s.ms))),
    medianRssMb: gnuTime ? Math.round(median(samples.map((s) => s.rssMb))) : null,
    peakRssMb: gnuTime ? Math.round(Math.max(...samples.map((s) => s.rssMb))) : null,
    exitCodes: [...new Set(samples.map((s) => s.status))],
  };
  console.log(
    `${name.padEnd(46)} median ${String(row.medianMs).padStart(6)} ms  (min ${row.minMs}, max ${row.maxMs})  RSS median ${row.medianRssMb ?? '?'} MB, peak ${row.peakRssMb ?? '?'} MB  exit ${row.exitCodes.join('/')}`,
  );
  return row;
};

/**
 * Each command once for warm-up (file cache, not counted), then `n` rounds in which every command
 * runs once, in order: a burst of load from elsewhere then hits every row alike.
 */
const measureGroup = (commands, n = runs) => {
  for (const { argv } of commands) once(argv);
  const samples = commands.map(() => []);
  for (let round = 0; round < n; round++) commands.forEach(({ argv }, i) => samples[i].push(once(argv)));
  return commands.map(({ name }, i) => summarise(name, samples[i]));
};

const measure = (name, argv, n = runs) => measureGroup([{ name, argv }], n)[0];

const which = (program) => spawnSync('sh', ['-c', 'command -v "$1"', 'sh', program], { encoding: 'utf8' }).stdout.trim();

const cache = process.env.CHARTER_CACHE ?? join(root, '.cache');
const policy = join(root, 'policies', 'lu-state-charter.yaml');
const cleanRoot = argument('--root') ?? join(cache, 'roots', 'clean');
const hasCleanRoot = existsSync(join(cleanRoot, 'var', 'lib', 'dpkg', 'status'));

console.log(`charter bench: ${runs} runs each after one warm-up, whole processes, interleaved${gnuTime ? '' : ' (install GNU time for peak RSS)'}\n`);
const group = [
  { name: 'node -e 0 (reference)', argv: [process.execPath, '-e', '0'] },
  { name: 'charter --version', argv: [...charter, '--version'] },
  { name: 'charter rules', argv: [...charter, 'rules'] },
  { name: 'charter policy validate', argv: [...charter, 'policy', 'validate', policy] },
  { name: 'charter explain ENC-01', argv: [...charter, 'explain', 'ENC-01'] },
  { name: 'charter check (text)', argv: [...charter, 'check', '--format', 'text'] },
  { name: 'charter check --format json', argv: [...charter, 'check', '--format', 'json'] },
  ...(hasCleanRoot
    ? [{ name: 'charter check --target root:<clean root>', argv: [...charter, 'check', '--target', `root:${cleanRoot}`, '--format', 'json'] }]
    : []),
];
// --fleet-only: the fleet rows (and the reference) alone, not the single-machine ones and the other tools.
const fleetOnly = process.argv.includes('--fleet-only');
const rows = measureGroup(fleetOnly ? group.slice(0, 1) : group);
if (!hasCleanRoot) console.log(`(no Debian root at ${cleanRoot}: build it with scripts/debian-root.sh clean, or give --root DIR; the root: row is skipped)`);

// Offline scans (issue: CI image validation) of the real Debian root with a messenger, as a root
// filesystem and as an image archive in the shape `docker save` writes.
const messengerRoot = join(cache, 'roots', 'messenger');
if (fleetOnly) {
  // Skipped: see --fleet-only.
} else if (existsSync(join(messengerRoot, 'bin', 'sh'))) {
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
// Fleet audit (issues: auditors, whole State): 3,000 and 30,000 snapshots made from every recorded
// fixture with variations, and the 30,000 again gzip-compressed. `--fleet` only: generating them
// takes minutes the first time; they are kept under $CHARTER_CACHE.
const fleetRows = [];
if (process.argv.includes('--fleet') || fleetOnly) {
  const generated = (count) => {
    // Named for the snapshot format make-snapshots.mjs writes (snapshotVersion 2): a cache of another format is not reused.
    const plain = join(cache, `bench-snapshots-v2-${count}`);
    const gzip = join(cache, `bench-snapshots-v2-${count}-gz`);
    if (!existsSync(join(plain, '.complete')) || !existsSync(join(gzip, '.complete'))) {
      const made = spawnSync(
        process.execPath,
        [join(root, 'bench', 'make-snapshots.mjs'), '--count', String(count), '--output', plain, '--gzip-output', gzip],
        { stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8' },
      );
      writeFileSync(join(plain, '.complete'), made.stdout);
      writeFileSync(join(gzip, '.complete'), made.stdout);
    }
    const stats = JSON.parse(readFileSync(join(plain, '.complete'), 'utf8').trim().split('\n').at(-1));
    console.log(
      `(${count} snapshots: ${Math.round(stats.bytes / count / 1024)} KB each plain, ${Math.round(stats.gzipBytes / count / 1024)} KB gzip; ${stats.broken} broken, ${stats.flipped} flipped, ${stats.appsChanged} with apps changed)`,
    );
    return { plain, gzip };
  };
  const small = generated(3000);
  const large = generated(30000);
  const out = join(cache, 'bench-fleet.json');
  const auditOf = (dir) => [...charter, 'audit', dir, '--format', 'json', '--output', out];
  const fleetRuns = Math.min(runs, 3);
  fleetRows.push(
    ...measureGroup(
      [
        { name: 'charter audit 3,000 snapshots (json out)', argv: auditOf(small.plain) },
        { name: 'charter audit 30,000 snapshots (json out)', argv: auditOf(large.plain) },
        { name: 'charter audit 30,000 .json.gz (json out)', argv: auditOf(large.gzip) },
      ],
      fleetRuns,
    ),
  );
  rows.push(...fleetRows);
}

const comparisons = [];
const lynis = fleetOnly ? '' : which('lynis');
if (fleetOnly) {
  // Skipped: see --fleet-only.
} else if (lynis) {
  const lynisRow = measure('lynis audit system --quick', [lynis, 'audit', 'system', '--quick', '--no-colors', '--no-log'], Math.min(runs, 5));
  rows.push(lynisRow);
  const json = rows.find((r) => r.name === 'charter check --format json');
  comparisons.push(
    `lynis / charter check = ${(lynisRow.medianMs / json.medianMs).toFixed(1)}x; RSS ${lynisRow.peakRssMb ?? '?'} MB vs ${json.peakRssMb ?? '?'} MB`,
  );
} else {
  comparisons.push('lynis is not installed (apt-get install lynis): no comparison');
}
// OpenSCAP's standard profile on the same root, when oscap-chroot and a Debian data stream are installed.
const oscapChroot = fleetOnly ? '' : which('oscap-chroot');
const contentDir = '/usr/share/xml/scap/ssg/content';
const dataStream = existsSync(contentDir) ? readdirSync(contentDir).find((name) => /^ssg-debian\d+-ds\.xml$/.test(name)) : undefined;
if (oscapChroot && dataStream && hasCleanRoot) {
  const oscapRow = measure(
    'oscap-chroot <clean root> standard profile',
    [oscapChroot, cleanRoot, 'xccdf', 'eval', '--profile', 'xccdf_org.ssgproject.content_profile_standard', join(contentDir, dataStream)],
    Math.min(runs, 3),
  );
  rows.push(oscapRow);
  const rootRow = rows.find((r) => r.name === 'charter check --target root:<clean root>');
  comparisons.push(`OpenSCAP / charter check --target root: = ${(oscapRow.medianMs / rootRow.medianMs).toFixed(1)}x`);
} else if (!fleetOnly) {
  comparisons.push(
    `OpenSCAP is not ${oscapChroot ? 'usable here (no ssg-debian data stream, or no root)' : 'installed (apt-get install libopenscap8 ssg-debian)'}: no comparison`,
  );
}

// Issue 16's targets, each figure beside its reference from the same interleaved runs.
const byName = (name) => rows.find((r) => r.name === name);
const reference = byName('node -e 0 (reference)');
const targets = [];
const ratioTarget = (name, limit) => {
  const row = byName(name);
  if (!row) return;
  const ratio = row.medianMs / reference.medianMs;
  targets.push({
    name,
    measured: `${row.medianMs} ms = ${ratio.toFixed(2)} × node -e 0 (${reference.medianMs} ms)`,
    target: `≤ ${limit} ×`,
    pass: ratio <= limit,
  });
};
const absoluteTarget = (name, maxMs, maxRssMb) => {
  const row = byName(name);
  if (!row) return;
  const rss = maxRssMb === undefined ? '' : `, peak RSS ${row.peakRssMb ?? '?'} MB`;
  const pass = row.medianMs <= maxMs && (maxRssMb === undefined || (row.peakRssMb !== null && row.peakRssMb <= maxRssMb));
  targets.push({
    name,
    measured: `${row.medianMs} ms${rss} (node -e 0: ${reference.medianMs} ms)`,
    target: `≤ ${maxMs} ms${maxRssMb === undefined ? '' : `, ≤ ${maxRssMb} MB`}`,
    pass,
  });
};
ratioTarget('charter --version', 1.2);
for (const name of ['charter rules', 'charter policy validate', 'charter explain ENC-01']) ratioTarget(name, 1.6);
absoluteTarget('charter check (text)', 300, 100);
absoluteTarget('charter check --format json', 300, 100);
absoluteTarget('charter check --target root:<clean root>', 200);

// Issue 19: 30,000 snapshots in under 10 s, peak RSS under 300 MB and at most 1.3 × the peak at 3,000.
if (fleetRows.length > 0) {
  const [small, large, gz] = fleetRows;
  console.log('\nfleet audit (issue 19)      3,000 snapshots    30,000 snapshots    30,000 .json.gz');
  console.log(
    `  wall median             ${String(small.medianMs).padStart(9)} ms    ${String(large.medianMs).padStart(12)} ms    ${String(gz.medianMs).padStart(11)} ms`,
  );
  console.log(
    `  peak RSS                ${String(small.peakRssMb).padStart(9)} MB    ${String(large.peakRssMb).padStart(12)} MB    ${String(gz.peakRssMb).padStart(11)} MB`,
  );
  const ratio = large.peakRssMb / small.peakRssMb;
  console.log(`  peak RSS 30,000 / 3,000: ${ratio.toFixed(2)} ×`);
  for (const row of [large, gz]) {
    targets.push({
      name: row.name,
      measured: `${row.medianMs} ms, peak RSS ${row.peakRssMb} MB (${(row.peakRssMb / small.peakRssMb).toFixed(2)} × the 3,000 peak)`,
      target: '≤ 10000 ms, ≤ 300 MB, ≤ 1.3 ×',
      pass: row.medianMs <= 10_000 && row.peakRssMb <= 300 && row.peakRssMb / small.peakRssMb <= 1.3,
    });
  }
}

console.log('\ntargets (issues 16, 19):');
for (const t of targets) console.log(`  ${t.pass ? 'PASS' : 'MISS'}  ${t.name.padEnd(42)} ${t.measured}  target ${t.target}`);
console.log('\ncomparisons:');
for (const c of comparisons) console.log(`  ${c}`);

mkdirSync(join(root, 'bench', 'results'), { recursive: true });
const file = join(root, 'bench', 'results', 'latest.json');
writeFileSync(file, `${JSON.stringify({ date: new Date().toISOString(), node: process.version, runs, rows, targets, comparisons }, null, 2)}\n`);
console.log(`\nwrote ${file}`);

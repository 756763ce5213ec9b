import { spawn } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetError } from '../errors.js';
import { audit } from '../fleet/audit.js';
import type { AuditReport } from '../fleet/model.js';
import type { FleetReporter } from '../reporters/audit/reporter.js';
import { collectSnapshot } from '../fleet/snapshot-collect.js';
import { formatSnapshot } from '../hosts/snapshot-format.js';
import type { Snapshot } from '../hosts/snapshot-format.js';
import { snapshotTarget } from '../fleet/targets.js';
import type { FleetTarget } from '../fleet/targets.js';
import { openHost } from '../hosts/index.js';
import { loadPolicy } from '../policy/load.js';
import { memoryIo } from '../testing/memory-io.js';
import { killAll, processesWith, sleepMarker, waitFor } from '../testing/processes.js';
import { auditCommand } from './audit-command.js';
import type { AuditFlags } from './audit-command.js';
import { run } from './main.js';

const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'charter-audit-'));
/** The shipped charter cut after MSG-01: a clean host passes it, a messenger host fails it. */
const msgPolicy = join(work, 'msg-only.yaml');
const snapshots: Record<string, Snapshot> = {};

const jsonReporter: FleetReporter = {
  name: 'test-json',
  extension: '.json',
  description: 'the AuditReport as JSON (test)',
  render: (report) => `${JSON.stringify(report)}\n`,
};

const collectFixture = async (name: string): Promise<Snapshot> => {
  const dir = join(root, 'fixtures', 'hosts', name);
  const recordedAt = (JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
  const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  return collectSnapshot(await openHost(`replay:${dir}`, { cwd: root }), {
    catalog: { catalog: policy.catalog, file: 'policies/catalog/apps.yaml', sha256: '0'.repeat(64) },
    now: new Date(recordedAt),
    tool: { name: 'charter', version: '0.0.0-test' },
    target: `replay:${dir}`,
    timeoutMs: 30_000,
    redact: false,
  });
};

const writeSnapshot = (dir: string, file: string, snapshot: Snapshot, hostName: string): void => {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, file), formatSnapshot({ ...snapshot, host: { ...snapshot.host, name: hostName } }));
};

beforeAll(async () => {
  const charter = readFileSync(join(root, 'policies', 'lu-state-charter.yaml'), 'utf8');
  writeFileSync(msgPolicy, charter.slice(0, charter.indexOf('  - id: MSG-02')).replaceAll('catalog/', join(root, 'policies', 'catalog') + '/'));
  snapshots.clean = await collectFixture('debian12-clean');
  snapshots.messenger = await collectFixture('debian12-messenger');
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const flags = (sources: string[], extra: Partial<AuditFlags> = {}): AuditFlags => ({
  sources,
  policy: msgPolicy,
  outputs: [{ format: 'test-json' }],
  concurrency: 4,
  hostTimeout: 60_000,
  failOn: 'low',
  lang: 'en',
  ...extra,
});

const runAudit = async (sources: string[], extra: Partial<AuditFlags> = {}) => {
  const io = memoryIo({ cwd: work });
  const code = await auditCommand(flags(sources, extra), io, { 'test-json': jsonReporter });
  return { code, report: (io.out() === '' ? undefined : JSON.parse(io.out())) as AuditReport, err: io.err() };
};

describe('charter audit over snapshots', () => {
  it('exits 0 when every host is checked and compliant', async () => {
    const dir = join(work, 'clean');
    for (const i of [1, 2, 3]) writeSnapshot(dir, `pc${String(i)}.json`, snapshots.clean as Snapshot, `pc${String(i)}`);
    const { code, report, err } = await runAudit([dir]);
    expect(err).toBe('');
    expect(code).toBe(0);
    expect(report.complete).toBe(true);
    expect(report.summary).toEqual({
      total: 3,
      checked: 3,
      compliant: 3,
      nonCompliant: 0,
      undetermined: 0,
      notChecked: 0,
      incomplete: 0,
      stale: 0,
      duplicates: 0,
    });
    expect(report.hosts.map((h) => [h.name, h.status])).toEqual([
      ['pc1', 'checked'],
      ['pc2', 'checked'],
      ['pc3', 'checked'],
    ]);
    expect(report.rules.map((r) => [r.ruleId, r.counts.pass])).toEqual([['MSG-01', 3]]);
  });

  it('judges every host as --target-class says', async () => {
    const dir = join(work, 'classed');
    writeSnapshot(dir, 'pc1.json', snapshots.clean as Snapshot, 'pc1');
    const own = await runAudit([dir]);
    expect(own.report.hosts[0]?.report?.target.class).toBe('live');
    const forced = await runAudit([dir], { targetClass: 'container-image' });
    expect(forced.report.hosts[0]?.report?.target.class).toBe('container-image');
    const io = memoryIo({ cwd: work });
    expect(await run(['audit', dir, '--target-class', 'laptop'], io)).toBe(2);
    expect(io.err()).toBe("charter: --target-class expects one of live, os-image, container-image, got 'laptop'\n");
  });

  it('checks the good files of a mixed directory, lists each bad one as invalid, and exits 1', async () => {
    const dir = join(work, 'mixed');
    writeSnapshot(dir, 'a-clean.json', snapshots.clean as Snapshot, 'alpha');
    writeSnapshot(dir, 'b-messenger.json', snapshots.messenger as Snapshot, 'bravo');
    const good = formatSnapshot(snapshots.clean as Snapshot);
    writeFileSync(join(dir, 'c-truncated.json'), good.slice(0, 500));
    writeFileSync(join(dir, 'd-future.json'), good.replace('"snapshotVersion":2', '"snapshotVersion":3'));
    writeFileSync(join(dir, 'e-lying.json'), good.replace(/"facts":\{[^]*$/, '"facts":{"os":"ok"}}'));
    writeFileSync(join(dir, 'f-not-json.json'), 'not json');
    writeFileSync(join(dir, 'notes.txt'), 'ignored: not *.json');
    mkdirSync(join(dir, 'sub'), { recursive: true });
    writeSnapshot(join(dir, 'sub'), 'nested.json', snapshots.messenger as Snapshot, 'nested');
    const { code, report, err } = await runAudit([dir]);
    expect(code).toBe(1);
    // The snapshot in a subfolder is audited too, in the subfolder's group.
    expect(report.summary).toEqual({
      total: 7,
      checked: 3,
      compliant: 1,
      nonCompliant: 2,
      undetermined: 0,
      notChecked: 4,
      incomplete: 0,
      stale: 0,
      duplicates: 0,
    });
    expect(report.complete).toBe(false);
    const rows = Object.fromEntries(report.hosts.map((h) => [h.source.split('/').pop(), [h.status, h.reason ?? '']]));
    expect(rows['a-clean.json']).toEqual(['checked', '']);
    expect(rows['nested.json']).toEqual(['checked', '']);
    expect(report.hosts.find((h) => h.source.endsWith('nested.json'))?.groups).toEqual(['sub']);
    expect(report.hosts.filter((h) => h.groups !== undefined)).toHaveLength(1);
    expect(rows['b-messenger.json']).toEqual(['checked', '']);
    expect(rows['c-truncated.json']?.[1]).toMatch(/invalid JSON/);
    expect(rows['d-future.json']?.[1]).toMatch(/written by a newer charter \(snapshotVersion 3\); this charter reads version 2/);
    expect(rows['e-lying.json']?.[1]).toMatch(/facts\.os: a probe outcome must be/);
    expect(rows['f-not-json.json']?.[0]).toBe('invalid');
    expect(err).toContain('the audit is incomplete: 4 of 7 hosts could not be checked');
    expect(err).toContain('c-truncated.json: invalid');
    expect(report.rules.find((r) => r.ruleId === 'MSG-01')?.counts).toMatchObject({ pass: 1, fail: 2 });
  });

  it('prints no raw control or bidi character from host names and reasons on stderr', async () => {
    const dir = join(work, 'hostile-names');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'pc\u001b[31m\u009b2J\nFAKE\u202etxt.json'), '{"bad json \u001b[2J');
    const { code, err } = await runAudit([dir]);
    expect(code).toBe(1);
    // eslint-disable-next-line no-control-regex
    expect(err).not.toMatch(/[\u0000-\u0009\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/);
    expect(err).toContain('pc\\x1b[31m\\x9b2J\\x0aFAKE\\u{202e}txt.json: invalid');
    expect(err).not.toMatch(/^FAKE/m);
  });

  it('exits 1 for a non-compliant host and 0 when --fail-on is above its failures', async () => {
    const dir = join(work, 'messenger');
    writeSnapshot(dir, 'm.json', snapshots.messenger as Snapshot, 'mike');
    expect((await runAudit([dir])).code).toBe(1);
    expect((await runAudit([dir], { failOn: 'critical' })).code).toBe(0);
  });

  it('writes --output whole and never reads its own report as a snapshot', async () => {
    const dir = join(work, 'clean');
    const io = memoryIo({ cwd: work });
    const out = join(dir, 'fleet.json');
    const code = await auditCommand(flags([dir], { outputs: [{ format: 'test-json', file: out }] }), io, { 'test-json': jsonReporter });
    expect(code).toBe(0);
    expect(io.err()).toBe(`charter: wrote ${out} (3 hosts: 3 compliant, 0 not compliant, 0 not checked)\n`);
    const again = await auditCommand(flags([dir], { outputs: [{ format: 'test-json', file: out }] }), memoryIo({ cwd: work }), { 'test-json': jsonReporter });
    expect(again).toBe(0);
    expect((JSON.parse(readFileSync(out, 'utf8')) as AuditReport).summary.total).toBe(3);
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
  });

  it('exits 2 for bad usage: nothing to audit, missing paths, unknown formats, ssh inventories', async () => {
    const cli = async (args: string[]) => {
      const io = memoryIo({ cwd: work });
      return { code: await run(['audit', ...args], io), err: io.err() };
    };
    expect(await cli([])).toMatchObject({ code: 2, err: expect.stringContaining('nothing to audit') as unknown });
    expect(await cli(['no-such-dir'])).toMatchObject({ code: 2, err: expect.stringContaining('no-such-dir: no such file or directory') as unknown });
    expect((await cli([join(work, 'clean'), '--format', 'nope'])).code).toBe(2);
    mkdirSync(join(work, 'empty'), { recursive: true });
    expect(await cli(['empty'])).toMatchObject({ code: 2, err: expect.stringContaining('no snapshots (*.json or *.json.gz) in empty') as unknown });
    writeFileSync(join(work, 'bad-hosts.txt'), '-oProxyCommand=x\n');
    expect(await cli(['--inventory', 'bad-hosts.txt'])).toMatchObject({ code: 2, err: expect.stringContaining('bad-hosts.txt:1:1: host') as unknown });
    expect((await cli(['clean', '--concurrency', '0'])).code).toBe(2);
  });
});

describe('audit pipeline', () => {
  it('bounds concurrency, times out a host that hangs, and reports one that throws, going on with the rest', async () => {
    const policy = await loadPolicy(msgPolicy);
    const file = join(work, 'clean', 'pc1.json');
    let running = 0;
    let peak = 0;
    const slow = (i: number): FleetTarget => ({
      source: `slow-${String(i)}`,
      openFailure: 'invalid',
      open: async () => {
        running += 1;
        peak = Math.max(peak, running);
        // Yield to the other lanes (no clock): both lanes start before either is done opening.
        await new Promise((resolve) => setImmediate(resolve));
        running -= 1;
        return snapshotTarget(file).open();
      },
    });
    const targets: FleetTarget[] = [
      ...Array.from({ length: 6 }, (_, i) => slow(i)),
      { source: 'hangs', openFailure: 'unreachable', open: () => new Promise(() => undefined) },
      { source: 'throws', openFailure: 'unreachable', open: () => Promise.reject(new Error('boom')) },
      { source: 'unreachable', openFailure: 'unreachable', open: () => Promise.reject(new TargetError('connection refused')) },
    ];
    const seen: string[] = [];
    const report = await audit({
      targets,
      policy,
      language: 'en',
      failOn: 'low',
      now: () => new Date('2026-11-22T08:00:00.000Z'),
      tool: { name: 'charter', version: '0' },
      concurrency: 2,
      // Far above what checking a snapshot takes on a loaded machine; only `hangs` reaches it.
      hostTimeoutMs: 3_000,
      onHost: (r) => seen.push(r.source),
    });
    expect(peak).toBe(2);
    expect(seen).toHaveLength(9);
    expect(report.hosts.map((h) => [h.source, h.status])).toEqual([
      ...Array.from({ length: 6 }, (_, i) => [`slow-${String(i)}`, 'checked']),
      ['hangs', 'timeout'],
      ['throws', 'error'],
      ['unreachable', 'unreachable'],
    ]);
    expect(report.hosts[6]?.reason).toBe('not done within 3000 ms');
    expect(report.hosts[7]?.reason).toBe('boom');
    expect(report.summary).toEqual({
      total: 9,
      checked: 6,
      compliant: 6,
      nonCompliant: 0,
      undetermined: 0,
      notChecked: 3,
      incomplete: 0,
      stale: 0,
      duplicates: 0,
    });
    expect(report.complete).toBe(false);
  });
});

describe('killing an audit', () => {
  it('leaves no report and no temporary file when SIGTERM arrives mid-run (real process)', async () => {
    // A private build of the CLI, run through bin/charter.js exactly as installed.
    const pkg = join(work, 'pkg');
    mkdirSync(join(pkg, 'bin'), { recursive: true });
    copyFileSync(join(root, 'bin', 'charter.js'), join(pkg, 'bin', 'charter.js'));
    copyFileSync(join(root, 'package.json'), join(pkg, 'package.json'));
    symlinkSync(join(root, 'policies'), join(pkg, 'policies'));
    symlinkSync(join(root, 'schemas'), join(pkg, 'schemas'));
    await build({
      entryPoints: { cli: join(root, 'src', 'cli', 'index.ts') },
      outdir: join(pkg, 'dist'),
      bundle: true,
      splitting: true,
      format: 'esm',
      platform: 'node',
      target: 'node20',
      banner: { js: "import { createRequire as __charterCreateRequire } from 'node:module'; const require = __charterCreateRequire(import.meta.url);" },
      logLevel: 'warning',
    });
    const { fleetReporters } = await import('../reporters/audit/index.js');
    const format = Object.keys(fleetReporters).includes('json') ? 'json' : Object.keys(fleetReporters)[0];
    if (format === undefined) {
      console.warn('skipped: no fleet reporter is registered yet');
      return;
    }
    const dir = join(work, 'many');
    const text = formatSnapshot(snapshots.clean as Snapshot);
    mkdirSync(dir, { recursive: true });
    for (let i = 0; i < 300; i += 1) writeFileSync(join(dir, `h${String(i).padStart(4, '0')}.json`), text);
    const outDir = join(work, 'out');
    mkdirSync(outDir, { recursive: true });
    const output = join(outDir, 'fleet.out');
    // Mid-run is an observable state, not a delay: one host of the audit is reached through an
    // `ssh` (first on PATH) that says it started and never answers, so the audit cannot end before
    // the signal; the signal is sent once that ssh has started.
    const fakes = join(work, 'fake-bin');
    const started = join(work, 'ssh-started');
    const marker = sleepMarker();
    mkdirSync(fakes, { recursive: true });
    // It answers `ssh -Q kex` as OpenSSH 9.9 does (it knows mlkem768x25519-sha256), so charter
    // writes its temporary ssh_config preferring it (src/hosts/ssh/kex.ts): that file must go too.
    writeFileSync(
      join(fakes, 'ssh'),
      `#!/bin/sh\nif [ "$1" = -Q ]; then printf 'sntrup761x25519-sha512\\nmlkem768x25519-sha256\\ncurve25519-sha256\\n'; exit 0; fi\necho "started $*" >> '${started}'\nexec sleep 1000 ${marker}\n`,
      { mode: 0o755 },
    );
    const temp = join(work, 'tmp');
    mkdirSync(temp, { recursive: true });
    writeFileSync(join(work, 'inventory'), 'nobody@hangs.example\n');
    writeFileSync(join(work, 'ssh_config'), 'StrictHostKeyChecking yes\n');
    const child = spawn(
      process.execPath,
      [join(pkg, 'bin', 'charter.js'), 'audit', dir, '--inventory', 'inventory', '--ssh-config', 'ssh_config', '--format', format, '--output', output],
      {
        cwd: work,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, CI: '1', TMPDIR: temp, PATH: `${fakes}:${process.env.PATH ?? ''}` },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => {
      child.on('exit', (code, signal) => {
        resolve({ code, signal });
      });
    });
    try {
      await waitFor(() => Promise.resolve(existsSync(started) || child.exitCode !== null), 50_000);
      expect(child.exitCode, stderr).toBeNull();
      // The ssh was given charter's ssh_config, which exists while the audit runs.
      const config = /-F (\S+)/.exec(readFileSync(started, 'utf8'))?.[1];
      expect(config?.startsWith(join(temp, 'charter-ssh-'))).toBe(true);
      expect(existsSync(config ?? '')).toBe(true);
      child.kill('SIGTERM');
      const { code, signal } = await exited;
      expect(stderr).not.toContain('wrote');
      expect(stderr).toContain('charter audit: interrupted by SIGTERM');
      expect({ code, signal }).toEqual({ code: 143, signal: null });
      expect(existsSync(output)).toBe(false);
      expect(readdirSync(outDir)).toEqual([]);
      expect(readdirSync(temp)).toEqual([]);
      // The ssh it started was stopped with it.
      await waitFor(async () => (await processesWith(marker)).length === 0, 5_000);
    } finally {
      if (child.exitCode === null) child.kill('SIGKILL');
      killAll(await processesWith(marker));
    }
  }, 60_000);
});

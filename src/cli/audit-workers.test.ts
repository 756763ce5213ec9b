import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../fleet/model.js';

const repo = new URL('../..', import.meta.url).pathname;
const built = existsSync(join(repo, 'dist', 'audit-worker.js'));
const work = mkdtempSync(join(tmpdir(), 'charter-audit-workers-'));
const snapshots = join(work, 'snapshots');
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** Everything but the timings, which differ from run to run. */
const stable = (report: AuditReport) => ({
  ...report,
  startedAt: '',
  durationMs: 0,
  hosts: report.hosts.map((h) => ({ ...h, durationMs: 0, ...(h.report ? { report: { ...h.report, startedAt: '', durationMs: 0 } } : {}) })),
});

/** A report's text without its timings: times of day, and durations as JSON, text and HTML print them. */
const untimed = (text: string): string =>
  text
    .replace(/\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z/g, 'TIME')
    .replace(/"durationMs": ?\d+/g, '"durationMs":0')
    .replace(/(duration:? )\d[\d,.\u202f\u00a0]* (ms|s)\b/gi, '$1DURATION')
    // Instants written for people ("7 December 2026 at 11:02:31 UTC"): the clock of the run.
    .replace(/\b\d{2}:\d{2}:\d{2}\b/g, 'CLOCK');

const formats = ['json', 'csv', 'html', 'text'] as const;

/** Runs the built CLI with CHARTER_AUDIT_WORKERS=workers; returns each format's output file. */
const audit = async (workers: string, wanted: readonly string[], lang = 'en', extra: readonly string[] = []): Promise<Record<string, string>> => {
  const tag = extra.length > 0 ? '-governed' : '';
  const files = Object.fromEntries(wanted.map((format) => [format, join(work, `audit-${workers}-${lang}-${wanted.join('+')}${tag}.${format}`)]));
  const result = await execa(
    process.execPath,
    [
      join(repo, 'bin', 'charter.js'),
      'audit',
      snapshots,
      '--lang',
      lang,
      ...extra,
      ...wanted.flatMap((format) => ['--format', format, '--output', files[format] ?? '']),
    ],
    { reject: false, env: { CHARTER_AUDIT_WORKERS: workers, CI: '1' } },
  );
  expect(result.exitCode, result.stderr).toBe(1);
  return Object.fromEntries(wanted.map((format) => [format, readFileSync(files[format] ?? '', 'utf8')]));
};

/** The built CLI (dist/), since worker threads run the built dist/audit-worker.js. */
describe.skipIf(!built)('charter audit with worker threads', () => {
  beforeAll(async () => {
    await execa(process.execPath, [join(repo, 'bench', 'make-snapshots.mjs'), '--count', '300', '--output', snapshots, '--seed', '7']);
  }, 120_000);

  it('gives exactly the same audit with 2 threads as on the main thread alone', async () => {
    const threaded = await audit('2', formats);
    const single = await audit('0', formats);
    const parsed = JSON.parse(threaded.json ?? '') as AuditReport;
    expect(parsed.summary.total).toBe(300);
    expect(parsed.summary.notChecked).toBeGreaterThan(0);
    expect(stable(parsed)).toEqual(stable(JSON.parse(single.json ?? '') as AuditReport));
    // Byte for byte, but for the timings: the workers print the hosts' json lines themselves, and
    // the other formats read reports that crossed between threads.
    for (const format of formats) expect(untimed(threaded[format] ?? ''), format).toBe(untimed(single[format] ?? ''));
  }, 120_000);

  it('prints the same json when json is the only report (the workers then send no reports)', async () => {
    for (const lang of ['en', 'fr']) {
      const threaded = await audit('2', ['json'], lang);
      const single = await audit('0', ['json', 'csv'], lang);
      expect(untimed(threaded.json ?? ''), lang).toBe(untimed(single.json ?? ''));
    }
  }, 120_000);

  it('applies waivers and attestations on the worker threads as on the main thread', async () => {
    const waivers = join(work, 'waivers.yaml');
    writeFileSync(
      waivers,
      'waivers:\n  - { rule: ENC-01, hosts: all, reason: fleet-wide test exception, approver: the auditor, granted: 2000-01-01, expires: 2999-12-31 }\n',
    );
    const attestations = join(work, 'attestations.yaml');
    writeFileSync(attestations, 'attestations:\n  - { rule: CND-01, by: the DPO, date: 2000-01-01, validUntil: 2999-12-31, statement: agents trained }\n');
    const extra = ['--waivers', waivers, '--attestations', attestations];
    const threaded = await audit('2', formats, 'en', extra);
    const single = await audit('0', formats, 'en', extra);
    for (const format of formats) expect(untimed(threaded[format] ?? ''), format).toBe(untimed(single[format] ?? ''));
    const parsed = JSON.parse(threaded.json ?? '') as AuditReport;
    const checked = parsed.hosts.flatMap((h) => (h.report ? [h.report] : []));
    const statusOf = (id: string) => new Set(checked.map((r) => r.findings.find((f) => f.ruleId === id)?.status));
    expect(statusOf('ENC-01').has('fail')).toBe(false);
    expect(statusOf('ENC-01').has('waived')).toBe(true);
    expect([...statusOf('CND-01')]).toEqual(['pass']);
    expect(threaded.html).toContain('Waived by the auditor until 2999-12-31: fleet-wide test exception.');
    // Only json: the workers print the lines themselves, with the waivers in them.
    expect(untimed((await audit('2', ['json'], 'en', extra)).json ?? '')).toBe(untimed(single.json ?? ''));
  }, 120_000);
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../fleet/model.js';
import { collectSnapshot } from '../fleet/snapshot-collect.js';
import { formatSnapshot } from '../hosts/snapshot-format.js';
import type { Snapshot } from '../hosts/snapshot-format.js';
import { openHost } from '../hosts/index.js';
import type { Report } from '../model.js';
import { loadPolicy } from '../policy/load.js';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

/** Unknown is never compliant: a snapshot that lacks facts, through `check` and `audit`. */

const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'charter-incomplete-'));
const charter = join(root, 'policies', 'lu-state-charter.yaml');
let clean: Snapshot;

beforeAll(async () => {
  const dir = join(root, 'fixtures', 'hosts', 'debian12-clean');
  const recordedAt = (JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
  const policy = await loadPolicy(charter);
  clean = await collectSnapshot(await openHost(`replay:${dir}`, { cwd: root }), {
    catalog: { catalog: policy.catalog, file: 'policies/catalog/apps.yaml', sha256: '0'.repeat(64) },
    now: new Date(recordedAt),
    tool: { name: 'charter', version: '0.0.0-test' },
    target: `replay:${dir}`,
    timeoutMs: 30_000,
    redact: false,
  });
});

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

const cli = async (args: string[]) => {
  const io = memoryIo({ cwd: work });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

const write = (dir: string, file: string, snapshot: Snapshot, name: string): string => {
  mkdirSync(join(work, dir), { recursive: true });
  const path = join(work, dir, file);
  writeFileSync(path, formatSnapshot({ ...snapshot, host: { ...snapshot.host, name } }));
  return path;
};

/** A snapshot with no facts at all, as an older or broken collector could write. */
const empty = (): Snapshot => {
  const snapshot: Snapshot = { ...clean, facts: {} };
  delete snapshot.incomplete;
  return snapshot;
};

const without = <T>(record: Record<string, T>, key: string): Record<string, T> => Object.fromEntries(Object.entries(record).filter(([k]) => k !== key));

describe('a snapshot with "facts": {}', () => {
  it('is not compliant through check --target snapshot: (errors, exit 1), never skipped as not applicable', async () => {
    const file = write('empty', 'empty.json', empty(), 'nothing');
    const { code, out } = await cli(['check', '--target', `snapshot:${file}`, '--format', 'json', '--lang', 'en']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as Report;
    expect(report.summary.pass).toBe(0);
    expect(report.summary.error).toBeGreaterThan(20);
    // The only skip is a rule for other platforms; nothing is "not applicable" for want of facts.
    for (const f of report.findings.filter((x) => x.status === 'skip')) expect(f.message).toMatch(/rule covers .*, target is linux/);
    expect(report.findings.find((f) => f.ruleId === 'ENC-01')?.message).toContain(
      "not in this snapshot: collect it again with a charter that has the 'disk-encryption' probe",
    );
  });

  it('is not compliant through audit (exit 1), and the host is incomplete with the probes it lacks', async () => {
    write('empty-fleet', 'nothing.json', empty(), 'nothing');
    const { code, out, err } = await cli(['audit', join(work, 'empty-fleet'), '--policy', charter, '--format', 'json', '--lang', 'en']);
    expect(code).toBe(1);
    const audit = JSON.parse(out) as AuditReport;
    expect(audit.summary).toMatchObject({ total: 1, checked: 1, compliant: 0, nonCompliant: 1, incomplete: 1 });
    expect(audit.complete).toBe(true);
    const host = audit.hosts[0];
    expect(host?.incomplete?.map((p) => p.probe)).toEqual(expect.arrayContaining(['disk-encryption', 'firewall', 'installed-apps', 'updates']) as unknown);
    expect(host?.incomplete?.every((p) => p.status === 'error' && p.message.startsWith('not in this snapshot'))).toBe(true);
    expect(err).toContain('charter: 1 checked host(s) could not see everything');
  });
});

describe('an audit over a folder with one incomplete snapshot', () => {
  it('shows the host as incomplete, with its probes, in text, json, csv and html', async () => {
    const facts = without(clean.facts, 'disk-encryption');
    write('one-incomplete', 'a-clean.json', clean, 'alpha');
    write('one-incomplete', 'b-no-disk.json', { ...clean, facts }, 'bravo');
    const outputs = ['json', 'csv', 'html'].flatMap((format) => ['--format', format, '--output', join(work, `fleet.${format}`)]);
    const { code, out } = await cli([
      'audit',
      join(work, 'one-incomplete'),
      '--policy',
      charter,
      '--lang',
      'en',
      '--fail-on',
      'critical',
      '--format',
      'text',
      ...outputs,
    ]);
    const read = (format: string): string => readFileSync(join(work, `fleet.${format}`), 'utf8');

    const audit = JSON.parse(read('json')) as AuditReport;
    expect(audit.summary).toMatchObject({ total: 2, checked: 2, notChecked: 0, incomplete: 1 });
    // Rows are named after the snapshot files; the machine's own name is the identity's.
    const bravo = audit.hosts.find((h) => h.name === 'b-no-disk');
    expect(bravo?.identity?.name).toBe('bravo');
    expect(bravo?.incomplete).toEqual([
      { probe: 'disk-encryption', status: 'error', message: "not in this snapshot: collect it again with a charter that has the 'disk-encryption' probe" },
    ]);
    expect(audit.hosts.find((h) => h.name === 'a-clean')?.incomplete).toBeUndefined();
    // ENC-01 (critical) reads disk-encryption: unknown at the threshold, so bravo is not compliant.
    expect(bravo?.report?.findings.find((f) => f.ruleId === 'ENC-01')?.status).toBe('error');
    expect(code).toBe(1);

    expect(out).toContain(' · 1 incomplete\n');
    expect(out).toContain(`Hosts incomplete (1)\n  b-no-disk (${join(work, 'one-incomplete', 'b-no-disk.json')})  incomplete (disk-encryption)\n`);

    const rows = read('csv').split('\r\n');
    expect(rows[0]).toMatch(/,incomplete_probes,host_name,/);
    const bravoRows = rows.filter((row) => row.startsWith('b-no-disk,'));
    expect(bravoRows.length).toBeGreaterThan(0);
    for (const row of bravoRows) expect(row).toContain(',disk-encryption,bravo,');
    const alphaRows = rows.filter((r) => r.startsWith('a-clean,'));
    expect(alphaRows.length).toBeGreaterThan(0);
    for (const row of alphaRows) expect(row).toContain(',,alpha,');

    const page = read('html');
    expect(page).toContain('<span class="st st-incomplete">incomplete (disk-encryption)</span>');
    expect(page).toMatch(/<li class="warn"><span class="n">1<\/span> incomplete<\/li>/);
  });

  it('leaves the exit code to the findings: an incomplete probe read only below --fail-on does not fail the audit', async () => {
    // The charter cut after MSG-01 (high), which reads installed and running apps.
    const text = readFileSync(charter, 'utf8');
    const msgOnly = join(work, 'msg-only.yaml');
    writeFileSync(msgOnly, text.slice(0, text.indexOf('  - id: MSG-02')).replaceAll('catalog/', `${join(root, 'policies', 'catalog')}/`));
    const facts = without(clean.facts, 'installed-apps');
    write('below-threshold', 'c-no-apps.json', { ...clean, facts }, 'charlie');
    const audit = async (failOn: string) => {
      const { code, out } = await cli(['audit', join(work, 'below-threshold'), '--policy', msgOnly, '--lang', 'en', '--fail-on', failOn, '--format', 'json']);
      return { code, audit: JSON.parse(out) as AuditReport };
    };
    const critical = await audit('critical');
    expect(critical.audit.hosts[0]?.incomplete?.map((p) => p.probe)).toEqual(['installed-apps']);
    expect(critical.audit.hosts[0]?.report?.findings.map((f) => [f.ruleId, f.status])).toEqual([['MSG-01', 'error']]);
    // MSG-01 is high: below a critical threshold the host is compliant, and incomplete; exit 0.
    expect(critical.audit.summary).toMatchObject({ checked: 1, compliant: 1, nonCompliant: 0, incomplete: 1 });
    expect(critical.code).toBe(0);
    const high = await audit('high');
    expect(high.audit.summary).toMatchObject({ compliant: 0, nonCompliant: 1, incomplete: 1 });
    expect(high.code).toBe(1);
  });
});

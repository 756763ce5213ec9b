/**
 * `charter collect --group` and `charter audit --baseline` end to end, on snapshots collected from
 * two recorded hosts (fixtures/hosts/debian12-clean and debian12-messenger, replayed): two audits
 * of the same machines with known differences planted between them, and groups from folders and
 * from the snapshot field.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../fleet/model.js';
import { formatSnapshot, validateSnapshot } from '../hosts/snapshot-format.js';
import type { Snapshot } from '../hosts/snapshot-format.js';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const root = new URL('../..', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'charter-audit-baseline-'));
const fixtures = { clean: join(root, 'fixtures', 'hosts', 'debian12-clean'), messenger: join(root, 'fixtures', 'hosts', 'debian12-messenger') };
const snapshots: Partial<Record<keyof typeof fixtures, Snapshot>> = {};

const cli = async (args: string[]) => {
  const io = memoryIo({ cwd: work });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

beforeAll(async () => {
  for (const [name, dir] of Object.entries(fixtures)) {
    // The field is written by collect --group; the folders below override nothing (the field comes first).
    const { code, err } = await cli(['collect', '--target', `replay:${dir}`, '--group', 'MinFin/IT', '--output', `${name}.json`]);
    expect(code, err).toBe(0);
    snapshots[name as keyof typeof fixtures] = validateSnapshot(JSON.parse(readFileSync(join(work, `${name}.json`), 'utf8')), name);
  }
}, 120_000);

afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** One machine of the fleet: which recorded host it is a copy of, under which name and id, in which folder. */
interface Copy {
  file: string;
  of: keyof typeof fixtures;
  id: number;
  folder?: string;
  group?: string | null;
}

const writeFleet = (dir: string, copies: readonly Copy[]): void => {
  for (const copy of copies) {
    const base = snapshots[copy.of] as Snapshot;
    const name = copy.file.replace(/\.json$/, '');
    const snapshot: Snapshot = { ...base, host: { ...base.host, name: name.toUpperCase(), machineId: copy.id.toString(16).padStart(32, '0') } };
    if (copy.group === null) delete snapshot.group;
    else if (copy.group !== undefined) snapshot.group = copy.group;
    const at = copy.folder === undefined ? dir : join(dir, copy.folder);
    mkdirSync(at, { recursive: true });
    writeFileSync(join(at, copy.file), formatSnapshot(snapshot));
  }
};

const jsonAudit = async (dir: string, output: string, extra: string[] = []) => {
  const result = await cli(['audit', dir, '--format', 'json', '--output', output, ...extra]);
  return { ...result, report: (existsSync(join(work, output)) ? JSON.parse(readFileSync(join(work, output), 'utf8')) : undefined) as AuditReport | undefined };
};

describe('charter collect --group', () => {
  it('writes the group into the snapshot, and refuses a group that is not a name', async () => {
    expect(snapshots.clean?.group).toBe('MinFin/IT');
    const bad = await cli(['collect', '--target', `replay:${fixtures.clean}`, '--group', 'a//b', '--output', 'x.json']);
    expect(bad.code).toBe(2);
    expect(bad.err).toContain("--group: a group path cannot have an empty part ('a//b', '/a', 'a/'), got 'a//b'");
    expect(existsSync(join(work, 'x.json'))).toBe(false);
  });
});

describe('charter audit --baseline', () => {
  const before: Copy[] = [
    { file: 'pc1.json', of: 'clean', id: 1, folder: 'MinEdu', group: null },
    { file: 'pc2.json', of: 'messenger', id: 2, folder: 'MinEdu', group: null },
    { file: 'pc3.json', of: 'messenger', id: 3, folder: 'MinSan', group: null },
    { file: 'pc4.json', of: 'clean', id: 4, folder: 'MinSan', group: null },
    { file: 'pc5.json', of: 'clean', id: 5 },
  ];
  // Planted: pc1 gets the messenger (its rules newly fail), pc2 loses it (fixed), pc3 keeps it
  // (still failing), pc4 is gone, pc6 is new; pc5 is unchanged.
  const after: Copy[] = [
    { file: 'pc1.json', of: 'messenger', id: 1, folder: 'MinEdu', group: null },
    { file: 'pc2.json', of: 'clean', id: 2, folder: 'MinEdu', group: null },
    { file: 'pc3.json', of: 'messenger', id: 3, folder: 'MinSan', group: null },
    { file: 'pc5.json', of: 'clean', id: 5 },
    { file: 'pc6.json', of: 'clean', id: 6, folder: 'MinSan', group: null },
  ];
  let first: AuditReport;

  beforeAll(async () => {
    writeFleet(join(work, 'q1'), before);
    writeFleet(join(work, 'q2'), after);
    const result = await jsonAudit('q1', 'q1-report.json');
    first = result.report as AuditReport;
  }, 120_000);

  it('lists exactly the planted differences, and the exit code is the audit’s own', async () => {
    const plain = await jsonAudit('q2', 'q2-plain.json');
    const { code, report } = await jsonAudit('q2', 'q2-report.json', ['--baseline', 'q1-report.json']);
    expect(code).toBe(plain.code);
    const failing = (of: keyof typeof fixtures): string[] =>
      (first.hosts.find((h) => h.name === (of === 'clean' ? 'pc1' : 'pc2'))?.report?.findings ?? [])
        .filter((f) => f.status === 'fail' || f.status === 'error')
        .map((f) => f.ruleId)
        .sort();
    const messengerOnly = failing('messenger').filter((id) => !failing('clean').includes(id));
    const both = failing('messenger').filter((id) => failing('clean').includes(id));
    // The fixtures differ by the messenger: MSG-01 at least fails on one and not the other.
    expect(messengerOnly).toContain('MSG-01');
    const changes = Object.fromEntries((report?.hosts ?? []).map((h) => [h.name, h.change]));
    expect(changes).toEqual({
      pc1: { kind: 'compared', newlyFailing: messengerOnly, fixed: [], stillFailing: both },
      pc2: { kind: 'compared', newlyFailing: [], fixed: messengerOnly, stillFailing: both },
      pc3: { kind: 'compared', newlyFailing: [], fixed: [], stillFailing: failing('messenger') },
      pc5: { kind: 'compared', newlyFailing: [], fixed: [], stillFailing: failing('clean') },
      pc6: { kind: 'new' },
    });
    expect(report?.changes?.missingHosts).toEqual([{ name: 'pc4', source: join('q1', 'MinSan', 'pc4.json'), groups: ['MinSan'] }]);
    expect(report?.changes?.hostCounts).toEqual({ compared: 4, uncompared: 0, new: 1, missing: 1, withNewFailures: 1, withFixes: 1 });
    expect(report?.changes?.samePolicy).toBe(true);
    // Groups: the folder, except where the snapshot's own field says otherwise.
    expect(Object.fromEntries((report?.hosts ?? []).map((h) => [h.name, h.groups]))).toEqual({
      pc1: ['MinEdu'],
      pc2: ['MinEdu'],
      pc3: ['MinSan'],
      pc5: ['MinFin', 'MinFin/IT'],
      pc6: ['MinSan'],
    });
    const msg = (group: string) => report?.groups?.find((g) => g.group === group)?.rules.find((r) => r.ruleId === 'MSG-01')?.counts;
    expect(msg('MinEdu')).toMatchObject({ fail: 1, pass: 1 });
    expect(msg('MinSan')).toMatchObject({ fail: 1, pass: 1 });
    expect(msg('MinFin')).toMatchObject({ fail: 0, pass: 1 });
  });

  it('does not take the baseline for a snapshot when it lies among them', async () => {
    writeFleet(join(work, 'q2-with-baseline'), after);
    writeFileSync(join(work, 'q2-with-baseline', 'q1-report.json'), readFileSync(join(work, 'q1-report.json')));
    const { report } = await jsonAudit('q2-with-baseline', 'q2-inside.json', ['--baseline', join('q2-with-baseline', 'q1-report.json')]);
    expect(report?.summary.total).toBe(after.length);
    expect(report?.changes?.hostCounts.compared).toBe(4);
  });

  it('shows the comparison in text too', async () => {
    const { out } = await cli(['audit', 'q2', '--baseline', 'q1-report.json']);
    expect(out).toContain('Groups (4)');
    expect(out).toContain('(q1-report.json)');
    expect(out).toMatch(/newly failing: pc1 \([^)]*MSG-01/);
    expect(out).toContain('missing since then: pc4');
  });

  it('refuses a baseline that is not an audit’s JSON report, naming it, before auditing anything (exit 2)', async () => {
    writeFileSync(join(work, 'not-a-report.json'), JSON.stringify(snapshots.clean));
    for (const [file, why] of [
      ['not-a-report.json', 'schemaVersion is missing, expected 1'],
      ['pc1-snapshot-missing.json', 'no such file'],
      ['q1', 'is a directory'],
    ] as const) {
      const { code, err, report } = await jsonAudit('q2', 'never.json', ['--baseline', file]);
      expect(code, err).toBe(2);
      expect(err).toContain(`--baseline ${file}: `);
      expect(err).toContain(why);
      expect(report).toBeUndefined();
    }
  });

  it('notes a baseline audited with another policy and compares by rule id', async () => {
    const policy = join(work, 'msg-only.yaml');
    const charter = readFileSync(join(root, 'policies', 'lu-state-charter.yaml'), 'utf8');
    writeFileSync(policy, charter.slice(0, charter.indexOf('  - id: MSG-02')).replaceAll('catalog/', join(root, 'policies', 'catalog') + '/'));
    const { code, err, report } = await jsonAudit('q2', 'q2-msg.json', ['--baseline', 'q1-report.json', '--policy', policy]);
    expect(code).toBe(1);
    expect(err).toMatch(
      /charter: note: the baseline q1-report\.json was audited with policy lu-state-charter .*: rules are compared by id; only in the baseline: [^;]+; only now: none\n/,
    );
    expect(report?.changes?.samePolicy).toBe(false);
    expect(report?.changes?.rulesOnlyNow).toEqual([]);
    expect(report?.changes?.rulesOnlyInBaseline.length).toBe(first.rules.length - 1);
    expect(report?.hosts.find((h) => h.name === 'pc1')?.change).toEqual({ kind: 'compared', newlyFailing: ['MSG-01'], fixed: [], stillFailing: [] });
  });

  // Worker threads run the built dist/audit-worker.js: they send outlines and printed json lines,
  // not reports, when only json is written; the comparison and the groups must come out the same.
  it.skipIf(!existsSync(join(root, 'dist', 'audit-worker.js')))(
    'gives the same groups and changes from worker threads',
    async () => {
      const inProcess = (await jsonAudit('q2', 'q2-in-process.json', ['--baseline', 'q1-report.json'])).report as AuditReport;
      const strip = (report: AuditReport) => ({
        groups: report.groups,
        changes: report.changes,
        hosts: report.hosts.map((h) => ({ name: h.name, groups: h.groups, change: h.change })),
      });
      for (const formats of [['json'], ['json', 'csv']]) {
        const file = join(work, `q2-workers-${formats.join('-')}.json`);
        const result = await execa(
          process.execPath,
          [
            join(root, 'bin', 'charter.js'),
            'audit',
            'q2',
            '--baseline',
            'q1-report.json',
            ...formats.flatMap((f) => ['--format', f, '--output', f === 'json' ? file : `${file}.${f}`]),
          ],
          { cwd: work, reject: false, env: { CHARTER_AUDIT_WORKERS: '2', CI: '1' } },
        );
        expect(result.exitCode, result.stderr).toBe(1);
        const text = readFileSync(file, 'utf8');
        expect(strip(JSON.parse(text) as AuditReport), formats.join('+')).toEqual(strip(inProcess));
        // Every host line still parses on its own, its change last.
        const lines = text.split('\n').filter((l) => l.startsWith('    {"source"'));
        expect(lines).toHaveLength(after.length);
        for (const line of lines) expect(Object.keys(JSON.parse(line.replace(/,$/, '')) as object).at(-1)).toBe('change');
      }
    },
    120_000,
  );
});

import { describe, expect, it } from 'vitest';
import { UsageError } from '../errors.js';
import { auditMachines, changesPolicy, quarterOne, quarterOneTime, quarterTwo, quarterTwoTime } from '../testing/fleet-changes.js';
import type { TestMachine } from '../testing/fleet-changes.js';
import { parseBaseline, readBaselineFile } from './baseline.js';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { AuditReport, HostChange } from './model.js';
import { json } from '../reporters/audit/json.js';
import { messagesFor } from '../i18n/messages.js';

const render = (report: AuditReport): string => json.render(report, { messages: messagesFor('en'), color: false });

const baselineOf = async (machines: readonly TestMachine[] = quarterOne, rules: readonly string[] = []) =>
  parseBaseline(render(await auditMachines(machines, quarterOneTime, { policy: changesPolicy(rules) })), 'q1.json');

const changesByHost = (report: AuditReport): Record<string, HostChange | undefined> => Object.fromEntries(report.hosts.map((h) => [h.name, h.change]));

describe('the comparison with a baseline audit', () => {
  it('lists exactly the planted differences, per host and per rule', async () => {
    const report = await auditMachines(quarterTwo, quarterTwoTime, { baseline: await baselineOf() });
    const none = { newlyFailing: [], fixed: [], stillFailing: [] };
    expect(changesByHost(report)).toEqual({
      'ws-01': { kind: 'compared', ...none, newlyFailing: ['FW-01'] },
      'ws-02': { kind: 'compared', ...none, fixed: ['FW-01'] },
      'ws-03': { kind: 'compared', ...none, stillFailing: ['ENC-01'] },
      'ws-04': { kind: 'compared', ...none, fixed: ['FW-01'], stillFailing: ['ENC-01'] },
      'ws-05-new': { kind: 'compared', baselineName: 'ws-05', ...none },
      'ws-07': { kind: 'compared', ...none, stillFailing: ['FW-01'] },
      'ws-08': { kind: 'compared', ...none, newlyFailing: ['ENC-01'] },
      'ws-09': { kind: 'uncompared' },
      'ws-10': { kind: 'compared', ...none, fixed: ['FW-01'] },
      'ws-11': { kind: 'new' },
      'ws-06': { kind: 'new' },
    });
    expect(report.changes).toEqual({
      baseline: { file: 'q1.json', startedAt: quarterOneTime, policy: report.policy },
      samePolicy: true,
      rulesOnlyInBaseline: [],
      rulesOnlyNow: [],
      hostCounts: { compared: 8, uncompared: 1, new: 2, missing: 1, withNewFailures: 2, withFixes: 3 },
      rules: [
        { ruleId: 'FW-01', newlyFailing: 1, fixed: 3, stillFailing: 1 },
        { ruleId: 'ENC-01', newlyFailing: 1, fixed: 0, stillFailing: 2 },
      ],
      newHosts: ['ws-11', 'ws-06'],
      // With its groups then, so that a group's view still shows it gone.
      missingHosts: [{ name: 'ws-06', source: 'snapshots/MinEdu/ws-06.json', groups: ['MinEdu'] }],
    });
  });

  it('finds nothing changed against itself, whatever order the hosts arrive in', async () => {
    const baseline = await baselineOf(quarterTwo);
    const report = await auditMachines([...quarterTwo].reverse(), quarterTwoTime, { baseline, concurrency: 3 });
    expect(report.changes?.hostCounts).toEqual({ compared: quarterTwo.length, uncompared: 0, new: 0, missing: 0, withNewFailures: 0, withFixes: 0 });
    for (const host of report.hosts) expect(host.change?.newlyFailing ?? [], host.name).toEqual([]);
    // Still failing: what fails both times is listed, not hidden as "no change".
    expect(report.changes?.rules).toEqual([
      { ruleId: 'FW-01', newlyFailing: 0, fixed: 0, stillFailing: 2 },
      { ruleId: 'ENC-01', newlyFailing: 0, fixed: 0, stillFailing: 3 },
    ]);
  });

  it('compares by rule id across policies and names the rules of one side only', async () => {
    const baseline = await baselineOf(quarterOne, ['OLD-01']);
    const report = await auditMachines(quarterTwo, quarterTwoTime, { baseline, policy: changesPolicy(['NEW-01', 'NEW-02']) });
    expect(report.changes?.samePolicy).toBe(false);
    expect(report.changes?.rulesOnlyInBaseline).toEqual(['OLD-01']);
    expect(report.changes?.rulesOnlyNow).toEqual(['NEW-01', 'NEW-02']);
    // NEW-01 fails on ws-01 now, but it did not exist then: not "newly failing".
    expect(report.hosts.find((h) => h.name === 'ws-01')?.change).toEqual({ kind: 'compared', newlyFailing: ['FW-01'], fixed: [], stillFailing: [] });
    expect(report.changes?.rules.map((r) => r.ruleId)).toEqual(['FW-01', 'ENC-01']);
  });

  it('does not call a host missing when one machine was seen twice (folded into one row)', async () => {
    const first = quarterOne[0] as TestMachine;
    const twice = [...quarterTwo, { ...first, name: 'ws-01-again' }];
    const report = await auditMachines(twice, quarterTwoTime, { baseline: await baselineOf() });
    expect(report.summary.duplicates).toBe(1);
    expect(report.changes?.hostCounts).toMatchObject({ compared: 8, new: 2, missing: 1 });
    expect(report.changes?.rules.find((r) => r.ruleId === 'FW-01')).toEqual({ ruleId: 'FW-01', newlyFailing: 1, fixed: 3, stillFailing: 1 });
  });

  it('prints each host change in the json report, which parses back as a baseline', async () => {
    const report = await auditMachines(quarterTwo, quarterTwoTime, { baseline: await baselineOf() });
    const text = render(report);
    const parsed = JSON.parse(text) as AuditReport;
    expect(parsed.changes).toEqual(report.changes);
    expect(parsed.hosts.map((h) => h.change)).toEqual(report.hosts.map((h) => h.change));
    expect(parseBaseline(text, 'q2.json').hosts).toHaveLength(quarterTwo.length);
  });
});

describe('a file that is not a baseline', () => {
  const refused = (text: string): string => {
    try {
      parseBaseline(text, 'old/report.json');
    } catch (error) {
      expect(error).toBeInstanceOf(UsageError);
      return (error as Error).message;
    }
    throw new Error('accepted');
  };

  it('is refused with its path and what is wrong', async () => {
    expect(refused('{"schemaVersion":1,')).toMatch(
      /^--baseline old\/report\.json: not the JSON report of an audit \(charter audit --format json\): invalid JSON/,
    );
    expect(refused('[]')).toContain('not a JSON object');
    expect(refused('{"schemaVersion":1,"target":{},"findings":[]}')).toContain("one host's report (charter check)");
    expect(refused('{"snapshotVersion":1,"facts":{}}')).toContain('schemaVersion is missing, expected 1');
    const good = JSON.parse(render(await auditMachines(quarterOne, quarterOneTime))) as Record<string, unknown>;
    expect(refused(JSON.stringify({ ...good, schemaVersion: 2 }))).toContain('schemaVersion is 2, expected 1');
    expect(refused(JSON.stringify({ ...good, hosts: [{ name: 'x', source: 'y', status: 'checked' }] }))).toContain('hosts[0] is checked but has no report');
    expect(refused(JSON.stringify({ ...good, hosts: [{ name: 'x', source: 'y', status: 'fine' }] }))).toContain('hosts[0] has no valid status');
    expect(refused(JSON.stringify({ ...good, policy: {} }))).toContain('no "policy"');
    expect(refused(JSON.stringify({ ...good, hosts: [{ name: 'x', source: 'y', status: 'timeout', groups: 'MinFin' }] }))).toContain(
      'hosts[0] has groups that are not a list of names',
    );
    expect(refused(JSON.stringify({ ...good, hosts: [{ name: 'x', source: 'y', status: 'timeout', groups: [7] }] }))).toContain(
      'hosts[0] has groups that are not a list of names',
    );
  });

  it('reads a baseline file host line by host line, so that only the rest counts against the limit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charter-baseline-'));
    try {
      const text = render(await auditMachines(quarterOne, quarterOneTime));
      const canonical = join(dir, 'canonical.json');
      const pretty = join(dir, 'pretty.json');
      writeFileSync(canonical, text);
      writeFileSync(pretty, JSON.stringify(JSON.parse(text), null, 2));
      const whole = parseBaseline(text, 'q1.json');
      const rest = text
        .split('\n')
        .filter((l) => !l.startsWith('    {"source":'))
        .join('\n').length;
      const small = rest + 16;
      expect(text.length).toBeGreaterThan(3 * small);
      const lines = await readBaselineFile(canonical, 'q1.json', small);
      expect(lines).toEqual(whole);
      // Reformatted, the hosts are not lines of their own: the file is read whole, within the limit.
      expect(await readBaselineFile(pretty, 'q1.json', 64 * small)).toEqual(whole);
      await expect(readBaselineFile(pretty, 'q1.json', small)).rejects.toThrow(/--baseline q1\.json: more than \d+ bytes besides its host lines/);
      writeFileSync(join(dir, 'broken.json'), text.replace('"source":"snapshots/MinEdu/ws-05.json"', '"source":snapshots'));
      await expect(readBaselineFile(join(dir, 'broken.json'), 'broken.json', small)).rejects.toThrow(/--baseline broken\.json: .*a host line is not JSON/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

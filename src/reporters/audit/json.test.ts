import { readFileSync } from 'node:fs';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import type { AuditReport } from '../../fleet/model.js';
import { json } from './json.js';
import { replayedAudit, sampleAudit } from '../../testing/fleet-reports.js';
import { auditMachines, quarterOne, quarterOneTime, quarterTwo, quarterTwoTime } from '../../testing/fleet-changes.js';
import { parseBaseline } from '../../fleet/baseline.js';

const schema = (name: string): object => JSON.parse(readFileSync(new URL(`../../../schemas/${name}`, import.meta.url), 'utf8')) as object;
const ajv = new Ajv2020({ allErrors: true, strict: true });
ajv.addSchema(schema('report.schema.json'));
const validate = ajv.compile(schema('audit.schema.json'));

const options = { messages: messagesFor('en'), color: false };

const assertValid = (value: unknown): void => {
  if (!validate(value)) throw new Error(`audit does not match schemas/audit.schema.json: ${JSON.stringify(validate.errors, null, 2)}`);
};

/** The same audit with every object's keys inserted in reverse order. */
const reversedKeys = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(reversedKeys);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .reverse()
      .map(([k, v]) => [k, reversedKeys(v)]),
  );
};

describe('json fleet reporter', () => {
  it('prints the AuditReport as is, valid against schemas/audit.schema.json, newline at the end', async () => {
    for (const audit of [sampleAudit(), await replayedAudit()]) {
      const out = json.render(audit, options);
      expect(out.endsWith('}\n')).toBe(true);
      const parsed = JSON.parse(out) as unknown;
      expect(parsed).toEqual(audit);
      assertValid(parsed);
    }
  });

  it('prints groups and the comparison with a baseline, valid against the schema, in a fixed order', async () => {
    const baseline = parseBaseline(json.render(await auditMachines(quarterOne, quarterOneTime), options), 'q1.json');
    const audit = await auditMachines(quarterTwo, quarterTwoTime, { baseline });
    const out = json.render(audit, options);
    const parsed = JSON.parse(out) as AuditReport;
    assertValid(parsed);
    expect(parsed).toEqual(JSON.parse(JSON.stringify(audit)));
    expect(Object.keys(parsed).slice(-3)).toEqual(['groups', 'changes', 'hosts']);
    expect(parsed.groups?.map((g) => g.group)).toEqual(['MinEdu', 'MinFin', 'MinFin/Treasury']);
    expect(json.render(reversedKeys(audit) as AuditReport, options)).toBe(out);
    const host = parsed.hosts.find((h) => h.name === 'ws-01') as unknown as Record<string, unknown>;
    expect(Object.keys(host)).toEqual(['source', 'name', 'groups', 'status', 'identity', 'report', 'durationMs', 'change']);
  });

  it('writes keys in a fixed order whatever order the audit was built in', () => {
    const audit = sampleAudit();
    const out = json.render(audit, options);
    expect(json.render(reversedKeys(audit) as AuditReport, options)).toBe(out);
    expect(Object.keys(JSON.parse(out) as object)).toEqual([
      'schemaVersion',
      'tool',
      'policy',
      'startedAt',
      'durationMs',
      'language',
      'failOn',
      'staleAfterDays',
      'complete',
      'summary',
      'rules',
      'hosts',
    ]);
    const parsed = JSON.parse(out) as { hosts: Array<Record<string, unknown>>; rules: Array<{ counts: object }> };
    expect(Object.keys(parsed.hosts[0]!)).toEqual(['source', 'name', 'status', 'report', 'durationMs']);
    expect(Object.keys(parsed.hosts[3]!)).toEqual(['source', 'name', 'status', 'reason', 'durationMs']);
    expect(Object.keys(parsed.hosts[1]!)).toEqual(['source', 'name', 'status', 'incomplete', 'report', 'durationMs']);
    expect(parsed.hosts[1]!.incomplete).toEqual([{ probe: 'updates', status: 'error', message: 'apt-get timed out' }]);
    expect(Object.keys((JSON.parse(out) as { summary: object }).summary)).toEqual([
      'total',
      'checked',
      'compliant',
      'nonCompliant',
      'undetermined',
      'notChecked',
      'incomplete',
      'stale',
      'duplicates',
    ]);
    expect(Object.keys(parsed.rules[0]!.counts)).toEqual(['pass', 'fail', 'error', 'skip', 'waived', 'manual']);
  });

  it('sorts the keys of observed values and keeps keys the model does not know yet', () => {
    const audit = sampleAudit();
    const report = audit.hosts[1]!.report!;
    report.findings[0]!.evidence = [{ fact: 'x', actual: { zeta: 1, alpha: { b: 2, a: 1 } }, expected: 'y' }];
    (audit as unknown as Record<string, unknown>).zExtra = true;
    const out = json.render(audit, options);
    expect(out).toContain('"actual":{"alpha":{"a":1,"b":2},"zeta":1}');
    const actual = (JSON.parse(out) as { hosts: Array<{ report?: { findings: Array<{ evidence: Array<{ actual: object }> }> } }> }).hosts[1]!.report!
      .findings[0]!.evidence[0]!.actual;
    expect(JSON.stringify(actual)).toBe('{"alpha":{"a":1,"b":2},"zeta":1}');
    expect(Object.keys(JSON.parse(out) as object).at(-1)).toBe('zExtra');
  });

  it('rejects what the schema forbids (the schema is not a rubber stamp)', () => {
    const audit = JSON.parse(json.render(sampleAudit(), options)) as { hosts: Array<Record<string, unknown>>; failOn: string };
    delete audit.hosts[3]!.reason;
    expect(validate(audit)).toBe(false);
    const checkedWithoutReport = JSON.parse(json.render(sampleAudit(), options)) as { hosts: Array<Record<string, unknown>> };
    delete checkedWithoutReport.hosts[0]!.report;
    expect(validate(checkedWithoutReport)).toBe(false);
    const badSeverity = JSON.parse(json.render(sampleAudit(), options)) as { failOn: string };
    badSeverity.failOn = 'severe';
    expect(validate(badSeverity)).toBe(false);
    const badIncomplete = JSON.parse(json.render(sampleAudit(), options)) as { hosts: Array<Record<string, unknown>> };
    badIncomplete.hosts[1]!.incomplete = [{ probe: 'updates', status: 'unsupported', message: 'x' }];
    expect(validate(badIncomplete)).toBe(false);
  });
});

describe('json chunks', () => {
  it('parse back to the canonical audit, one host per line, with and without hosts', async () => {
    const { jsonChunks } = await import('./json.js');
    const { canonicalAudit } = await import('../../fleet/schema-order.js');
    for (const audit of [sampleAudit(), { ...sampleAudit(), hosts: [] }]) {
      const text = [...jsonChunks(audit)].join('');
      expect(JSON.parse(text)).toEqual(canonicalAudit(audit));
      expect(text.endsWith('\n')).toBe(true);
      const hostLines = text.split('\n').filter((line) => line.startsWith('    {"source"'));
      expect(hostLines.length).toBe(audit.hosts.length);
    }
  });
});

/**
 * The audit's objects with their keys in a fixed order, the order of their declarations in the
 * model (schemas/audit.schema.json, schemas/report.schema.json), whatever order the pipeline built
 * them in: equal audits always print the same. Data only; the json report makes the text
 * (reporters/audit/json.ts) and the audit stores each host's report in this form (stored-report.ts).
 */
import type { Json } from '../model.js';
import { statuses } from '../model.js';
import type { AuditReport, GroupAggregate, HostResult, RuleAggregate } from './model.js';
import type { Evidence, Finding, Report } from '../model.js';

type Shape = readonly string[];

/** Keys in the order of the model's declarations; a key the model gains later follows, sorted. */
const order = {
  audit: [
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
    'groups',
    'changes',
    'hosts',
  ],
  tool: ['name', 'version'],
  policy: ['id', 'version', 'sha256', 'title'],
  fleetSummary: ['total', 'checked', 'compliant', 'nonCompliant', 'undetermined', 'notChecked', 'incomplete', 'stale', 'duplicates'],
  rule: ['ruleId', 'title', 'theme', 'severity', 'counts'],
  group: ['group', 'summary', 'rules'],
  change: ['kind', 'baselineName', 'newlyFailing', 'fixed', 'stillFailing'],
  changes: ['baseline', 'samePolicy', 'rulesOnlyInBaseline', 'rulesOnlyNow', 'hostCounts', 'rules', 'newHosts', 'missingHosts'],
  baseline: ['file', 'startedAt', 'policy'],
  hostCounts: ['compared', 'uncompared', 'new', 'missing', 'withNewFailures', 'withFixes'],
  ruleChange: ['ruleId', 'newlyFailing', 'fixed', 'stillFailing'],
  missingHost: ['name', 'source', 'groups'],
  counts: statuses,
  // `change` last: it is appended to the line a worker thread printed (fleet/baseline.ts).
  host: ['source', 'name', 'groups', 'status', 'reason', 'identity', 'stale', 'duplicates', 'sameMachineId', 'incomplete', 'report', 'durationMs', 'change'],
  identity: ['name', 'machineId', 'redacted', 'os', 'osVersion', 'collectedAt'],
  duplicate: ['source', 'name', 'collectedAt'],
  incomplete: ['probe', 'status', 'message'],
  report: ['schemaVersion', 'tool', 'policy', 'target', 'host', 'startedAt', 'durationMs', 'language', 'summary', 'findings'],
  target: ['kind', 'name', 'platform'],
  finding: ['ruleId', 'title', 'theme', 'severity', 'status', 'message', 'evidence', 'remediation'],
  evidence: ['fact', 'actual', 'expected'],
  explanation: ['text', 'message'],
  message: ['id', 'params'],
} satisfies Record<string, Shape>;

export type Plain = Record<string, unknown>;
type Children = Readonly<Record<string, (v: never) => unknown>>;

const noChildren: Children = {};

const ordered = (value: object, keys: Shape, children: Children = noChildren): Plain => {
  const source = value as Plain;
  const result: Plain = {};
  let rest: string[] | undefined;
  for (const key of Object.keys(source)) if (!keys.includes(key)) (rest ??= []).push(key);
  for (const key of rest === undefined ? keys : [...keys, ...rest.sort()]) {
    const v = source[key];
    if (v === undefined) continue;
    const child = children[key];
    result[key] = child === undefined ? v : child(v as never);
  }
  return result;
};

/** Arbitrary JSON (observed values): object keys sorted, so equal facts always print the same. */
const sortedJson = (value: Json): Json => {
  if (Array.isArray(value)) return value.map(sortedJson);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.keys(value)
      .sort()
      .map((k) => [k, sortedJson(value[k] ?? null)]),
  );
};

/** Does `value` have no key but these? Then its fields can be listed directly (a key set to undefined prints as absent). */
const onlyKeys = (value: object, keys: ReadonlySet<string>): boolean => {
  for (const key of Object.keys(value)) if (!keys.has(key)) return false;
  return true;
};
const evidenceKeys: ReadonlySet<string> = new Set(order.evidence);
const findingKeys: ReadonlySet<string> = new Set(order.finding);

const evidenceChildren: Children = { actual: sortedJson };
const evidenceOf = (e: Evidence): Plain =>
  onlyKeys(e, evidenceKeys)
    ? { fact: e.fact, actual: (e.actual as Json | undefined) === undefined ? undefined : sortedJson(e.actual), expected: e.expected }
    : ordered(e, order.evidence, evidenceChildren);
const evidenceList = (list: Evidence[] | undefined): Plain[] | undefined => list?.map(evidenceOf);
// A probe's reason: its English text, then its catalogued message (id, parameters sorted).
const messageChildren: Children = { params: sortedJson };
const explanationChildren: Children = { message: (m: object) => ordered(m, order.message, messageChildren) };
const explanationList = (list: object[] | undefined): Plain[] | undefined => list?.map((e) => ordered(e, order.explanation, explanationChildren));
const findingChildren: Children = { evidence: evidenceList, explanations: explanationList };
// Every host has a few dozen findings: written out, the common shape is several times faster.
export const findingOf = (f: Finding): Plain =>
  onlyKeys(f, findingKeys)
    ? {
        ruleId: f.ruleId,
        title: f.title,
        theme: f.theme,
        severity: f.severity,
        status: f.status,
        message: f.message,
        evidence: evidenceList(f.evidence),
        remediation: f.remediation,
      }
    : ordered(f, order.finding, findingChildren);
const reportChildren: Children = {
  tool: (t: object) => ordered(t, order.tool),
  policy: (p: object) => ordered(p, order.policy),
  target: (t: object) => ordered(t, order.target),
  host: (h: object) => ordered(h, order.identity),
  summary: (s: object) => ordered(s, order.counts),
  findings: (list: Finding[]) => list.map(findingOf),
};
/** A host's report in schema order. */
export const reportOf = (r: Report): Plain => ordered(r, order.report, reportChildren);
const ruleOf = (r: RuleAggregate): Plain => ordered(r, order.rule, { counts: (c: object) => ordered(c, order.counts) });
const hostChildren: Children = {
  report: reportOf,
  identity: (h: object) => ordered(h, order.identity),
  duplicates: (list: object[]) => list.map((d) => ordered(d, order.duplicate)),
  incomplete: (list: object[]) => list.map((p) => ordered(p, order.incomplete)),
  change: (c: object) => ordered(c, order.change),
};
/** A host's row (with its report) in schema order. */
export const hostOf = (h: HostResult): Plain => ordered(h, order.host, hostChildren);

/** A host's row in schema order with its `report` left as it is (a placeholder its caller replaces with text). */
export const hostRowOf = (row: Plain): Plain => ordered(row, order.host, { ...hostChildren, report: (v: unknown) => v });

/** A report in schema order with its `findings` made by `findings` (the text of each put in by its caller). */
export const reportWithFindings = (r: Report, findings: (list: Finding[]) => unknown): Plain => ordered(r, order.report, { ...reportChildren, findings });

/** The AuditReport with a fixed key order, whatever order the pipeline built its objects in. */
export const canonicalAudit = (audit: AuditReport): Plain =>
  ordered(audit, order.audit, {
    tool: (t: object) => ordered(t, order.tool),
    policy: (p: object) => ordered(p, order.policy),
    summary: (s: object) => ordered(s, order.fleetSummary),
    rules: (list: RuleAggregate[]) => list.map(ruleOf),
    groups: (list: GroupAggregate[]) =>
      list.map((g) => ordered(g, order.group, { summary: (s: object) => ordered(s, order.fleetSummary), rules: (r: RuleAggregate[]) => r.map(ruleOf) })),
    changes: (c: object) =>
      ordered(c, order.changes, {
        baseline: (b: object) => ordered(b, order.baseline, { policy: (p: object) => ordered(p, order.policy) }),
        hostCounts: (h: object) => ordered(h, order.hostCounts),
        rules: (list: object[]) => list.map((r) => ordered(r, order.ruleChange)),
        missingHosts: (list: object[]) => list.map((m) => ordered(m, order.missingHost)),
      }),
    hosts: (list: HostResult[]) => list.map(hostOf),
  });

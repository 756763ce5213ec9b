import { jsonSafe } from '../../reporters/escape.js';
import type { Json } from '../../model.js';
import { statuses } from '../../model.js';
import type { AuditReport, GroupAggregate, HostResult, RuleAggregate } from '../model.js';
import type { Evidence, Finding, Report } from '../../model.js';
import { defineFleetReporter } from './reporter.js';
import { sharedId } from '../../run-memo.js';

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
  missingHost: ['name', 'source'],
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

type Plain = Record<string, unknown>;
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
const findingOf = (f: Finding): Plain =>
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
const reportOf = (r: Report): Plain => ordered(r, order.report, reportChildren);
const ruleOf = (r: RuleAggregate): Plain => ordered(r, order.rule, { counts: (c: object) => ordered(c, order.counts) });
const hostChildren: Children = {
  report: reportOf,
  identity: (h: object) => ordered(h, order.identity),
  duplicates: (list: object[]) => list.map((d) => ordered(d, order.duplicate)),
  incomplete: (list: object[]) => list.map((p) => ordered(p, order.incomplete)),
  change: (c: object) => ordered(c, order.change),
};
const hostOf = (h: HostResult): Plain => ordered(h, order.host, hostChildren);

/** A report as the json report prints it (the `report` of a host's line): what an audit keeps of each host (fleet/report-store.ts). */
export const reportJson = (report: Report): string => {
  // The report around its findings, the findings' place marked, then each finding's text put in.
  const text = jsonSafe(JSON.stringify(ordered(report, order.report, { ...reportChildren, findings: () => findingsMark })));
  const parts = text.split(markText);
  // A string from the machine that spells the mark (never in practice): the whole report printed at once.
  if (parts.length !== 2) return jsonSafe(JSON.stringify(reportOf(report)));
  return `${parts[0] ?? ''}[${report.findings.map(findingJson).join(',')}]${parts[1] ?? ''}`;
};

const findingsMark = '\u0000findings\u0000';
const markText = JSON.stringify(findingsMark);

/**
 * A finding as printed (in a report's `findings`). A finding the hosts of a run share (frozen,
 * run-memo.ts) is printed once: every host that has it prints the same text.
 */
const printedFindings = new WeakMap<Finding, string>();
const findingJson = (finding: Finding): string => {
  const known = printedFindings.get(finding);
  if (known !== undefined) return known;
  const text = jsonSafe(JSON.stringify(findingOf(finding)));
  if (sharedId(finding) !== undefined) printedFindings.set(finding, text);
  return text;
};

/**
 * Hosts whose report an audit keeps as text (reportJson) outside the row (fleet/report-store.ts):
 * the reader of that text. The row's `report` reads and parses it each time; the json report
 * prints the text as it is.
 */
export const storedReports = new WeakMap<HostResult, () => string>();

/** Make `result.report` read the stored text (parsed at each read, never kept) and register its reader. */
export const attachStoredReport = (result: HostResult, read: () => string): void => {
  Object.defineProperty(result, 'report', { enumerable: true, configurable: true, get: (): Report => JSON.parse(read()) as Report });
  storedReports.set(result, read);
};

const reportMark = '\u0000report\u0000';

/** One host as the json report prints it (one line of its `hosts` array). */
export const hostJson = (host: HostResult): string => {
  const read = storedReports.get(host);
  if (read === undefined) return jsonSafe(JSON.stringify(hostOf(host)));
  // The row without its report (its getter is not called), the stored text in its place.
  const row: Plain = {};
  for (const key of Object.keys(host)) if (key !== 'report') row[key] = (host as unknown as Plain)[key];
  row.report = reportMark;
  const [before = '', after = ''] = jsonSafe(JSON.stringify(ordered(row, order.host, { ...hostChildren, report: (v: string) => v }))).split(
    JSON.stringify(reportMark),
  );
  return `${before}${read()}${after}`;
};

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

const hostsMark = '\u0000hosts\u0000';

/**
 * The JSON text in pieces: the summary and rules indented for people, then one host per line
 * (compact: a fleet of 10,000 hosts stays about a third smaller and is written faster), so that
 * line-oriented tools can also take the hosts one at a time.
 */
export function* jsonChunks(audit: AuditReport): Generator<string> {
  const frame = jsonSafe(JSON.stringify(canonicalAudit({ ...audit, hosts: [] }), (key, value: unknown) => (key === 'hosts' ? hostsMark : value), 2));
  const [before = '', after = ''] = frame.split(JSON.stringify(hostsMark));
  if (audit.hosts.length === 0) {
    yield `${before}[]${after}\n`;
    return;
  }
  // Pieces of about 64 KiB: one write per host would cost more than the text.
  let piece = `${before}[`;
  for (const [index, host] of audit.hosts.entries()) {
    piece += `${index === 0 ? '' : ','}\n    ${hostJson(host)}`;
    if (piece.length >= 65_536) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}\n  ]${after}\n`;
}

/** The audit as JSON, exactly as schemas/audit.schema.json describes it (each host's report as schemas/report.schema.json). */
export const json = defineFleetReporter({
  name: 'json',
  extension: '.json',
  description: 'machine-readable audit: per-host reports and aggregates (schemas/audit.schema.json)',
  render: (audit) => [...jsonChunks(audit)].join(''),
  chunks: (audit) => jsonChunks(audit),
});

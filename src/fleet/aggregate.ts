/**
 * Fleet aggregates, built one host at a time so an audit never needs every report at once:
 * the summary counts and, per rule, how many checked hosts had each status. Pure (no I/O, no clock).
 */
import type { Report, Severity, Status } from '../model.js';
import { severityRank, statuses } from '../model.js';
import type { FleetSummary, HostResult, RuleAggregate } from './model.js';

/** A checked host is compliant when nothing at or above `failOn` failed or errored. */
export const isCompliant = (report: Report, failOn: Severity): boolean =>
  !report.findings.some((f) => (f.status === 'fail' || f.status === 'error') && severityRank(f.severity) >= severityRank(failOn));

/**
 * Why a checked host is not compliant: `failing` when a rule at or above `failOn` fails, else
 * `undetermined` when one errs (its facts could not be read: unknown, which is not compliant).
 */
export type Verdict = 'compliant' | 'failing' | 'undetermined';

export const verdictOf = (findings: Iterable<{ readonly status: Status; readonly severity: Severity }>, failOn: Severity): Verdict => {
  let errs = false;
  for (const f of findings) {
    if (severityRank(f.severity) < severityRank(failOn)) continue;
    if (f.status === 'fail') return 'failing';
    if (f.status === 'error') errs = true;
  }
  return errs ? 'undetermined' : 'compliant';
};

/** A checked host some of whose probes could not see everything (see HostResult.incomplete). */
export const isIncompleteHost = (result: HostResult): boolean => result.status === 'checked' && (result.incomplete?.length ?? 0) > 0;

export interface FleetTally {
  readonly failOn: Severity;
  summary: FleetSummary;
  /** By rule id, in the order rules were first seen (the policy's order). */
  rules: Map<string, RuleAggregate>;
}

const zeroCounts = (): Record<Status, number> => Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>;

export const emptyTally = (failOn: Severity): FleetTally => ({
  failOn,
  summary: { total: 0, checked: 0, compliant: 0, nonCompliant: 0, undetermined: 0, notChecked: 0, incomplete: 0, stale: 0, duplicates: 0 },
  rules: new Map(),
});

/** Count a checked host's verdict and flags into the summary, `weight` times (-1 takes it out again). */
const countChecked = (summary: FleetSummary, verdict: Verdict, result: HostResult, weight: number): void => {
  summary.total += weight;
  summary.checked += weight;
  if (verdict === 'compliant') summary.compliant += weight;
  else summary.nonCompliant += weight;
  if (verdict === 'undetermined') summary.undetermined += weight;
  if (isIncompleteHost(result)) summary.incomplete += weight;
  if (result.stale === true) summary.stale += weight;
};

/**
 * Count one host into the tally (mutates it). `weight` -1 takes a host counted before out again
 * (a machine seen twice, see audit.ts), with the same result.
 */
export const tallyHost = (tally: FleetTally, result: HostResult, weight: 1 | -1 = 1): void => {
  const { summary } = tally;
  if (result.status !== 'checked' || result.report === undefined) {
    summary.total += weight;
    summary.notChecked += weight;
    return;
  }
  countChecked(summary, verdictOf(result.report.findings, tally.failOn), result, weight);
  for (const finding of result.report.findings) {
    let rule = tally.rules.get(finding.ruleId);
    if (rule === undefined) {
      rule = { ruleId: finding.ruleId, title: finding.title, theme: finding.theme, severity: finding.severity, counts: zeroCounts() };
      tally.rules.set(finding.ruleId, rule);
    }
    rule.counts[finding.status] += weight;
  }
};

/** A rule as the aggregates show it; its counts start at zero. */
export type RuleHead = Pick<RuleAggregate, 'ruleId' | 'title' | 'theme' | 'severity'>;

/**
 * Count one checked host given in outline (mutates the tally): whether it is compliant, and its
 * findings as pairs of numbers, the index of the rule in `rules` and of the status in `statuses`.
 * The same counts as tallyHost for a host whose findings carry these rules' title, theme and
 * severity (worker threads send this instead of the whole report, see worker-pool.ts).
 */
export const tallyOutline = (tally: FleetTally, findings: readonly number[], rules: readonly RuleHead[], result: HostResult, weight: 1 | -1 = 1): void => {
  const pairs: { status: Status; severity: Severity }[] = [];
  for (let i = 0; i + 1 < findings.length; i += 2) {
    const head = rules[findings[i] ?? -1];
    const status = statuses[findings[i + 1] ?? -1];
    if (head !== undefined && status !== undefined) pairs.push({ status, severity: head.severity });
  }
  countChecked(tally.summary, verdictOf(pairs, tally.failOn), result, weight);
  for (let i = 0; i + 1 < findings.length; i += 2) {
    const head = rules[findings[i] ?? -1];
    const status = statuses[findings[i + 1] ?? -1];
    if (head === undefined || status === undefined) throw new Error(`tallyOutline: no rule ${String(findings[i])} or status ${String(findings[i + 1])}`);
    let rule = tally.rules.get(head.ruleId);
    if (rule === undefined) {
      rule = { ruleId: head.ruleId, title: head.title, theme: head.theme, severity: head.severity, counts: zeroCounts() };
      tally.rules.set(head.ruleId, rule);
    }
    rule.counts[status] += weight;
  }
};

/** Is a host counted as a problem in progress displays (not compliant, or not checked)? */
export const isFailure = (result: HostResult, failOn: Severity): boolean =>
  result.status !== 'checked' || result.report === undefined || !isCompliant(result.report, failOn);

export interface FleetAggregates {
  summary: FleetSummary;
  rules: RuleAggregate[];
  /** False when any host could not be checked. */
  complete: boolean;
}

export const aggregatesOf = (tally: FleetTally): FleetAggregates => ({
  summary: { ...tally.summary },
  rules: [...tally.rules.values()].map((r) => ({ ...r, counts: { ...r.counts } })),
  complete: tally.summary.notChecked === 0,
});

/** Aggregates of a whole list of host results. */
export const aggregate = (hosts: readonly HostResult[], failOn: Severity): FleetAggregates => {
  const tally = emptyTally(failOn);
  for (const host of hosts) tallyHost(tally, host);
  return aggregatesOf(tally);
};

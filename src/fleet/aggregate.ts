/**
 * Fleet aggregates, built one host at a time so an audit never needs every report at once:
 * the summary counts and, per rule, how many checked hosts had each status. Pure (no I/O, no clock).
 */
import type { Report, Severity, Status } from '../model.js';
import { severityRank, statuses } from '../model.js';
import type { FleetSummary, HostResult, RuleAggregate } from './model.js';

/** A checked host is compliant when nothing at or above `failOn` failed or errored. */
export const isCompliant = (report: Report, failOn: Severity): boolean =>
  !report.findings.some(
    (f) => (f.status === 'fail' || f.status === 'error') && severityRank(f.severity) >= severityRank(failOn),
  );

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
  summary: { total: 0, checked: 0, compliant: 0, nonCompliant: 0, notChecked: 0, incomplete: 0 },
  rules: new Map(),
});

/** Count one host into the tally (mutates it). */
export const tallyHost = (tally: FleetTally, result: HostResult): void => {
  const { summary } = tally;
  summary.total += 1;
  if (result.status !== 'checked' || result.report === undefined) {
    summary.notChecked += 1;
    return;
  }
  summary.checked += 1;
  if (isCompliant(result.report, tally.failOn)) summary.compliant += 1;
  else summary.nonCompliant += 1;
  if (isIncompleteHost(result)) summary.incomplete += 1;
  for (const finding of result.report.findings) {
    let rule = tally.rules.get(finding.ruleId);
    if (rule === undefined) {
      rule = { ruleId: finding.ruleId, title: finding.title, theme: finding.theme, severity: finding.severity, counts: zeroCounts() };
      tally.rules.set(finding.ruleId, rule);
    }
    rule.counts[finding.status] += 1;
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
export const tallyOutline = (tally: FleetTally, compliant: boolean, findings: readonly number[], rules: readonly RuleHead[], incomplete = false): void => {
  const { summary } = tally;
  summary.total += 1;
  summary.checked += 1;
  if (compliant) summary.compliant += 1;
  else summary.nonCompliant += 1;
  if (incomplete) summary.incomplete += 1;
  for (let i = 0; i + 1 < findings.length; i += 2) {
    const head = rules[findings[i] ?? -1];
    const status = statuses[findings[i + 1] ?? -1];
    if (head === undefined || status === undefined) throw new Error(`tallyOutline: no rule ${String(findings[i])} or status ${String(findings[i + 1])}`);
    let rule = tally.rules.get(head.ruleId);
    if (rule === undefined) {
      rule = { ruleId: head.ruleId, title: head.title, theme: head.theme, severity: head.severity, counts: zeroCounts() };
      tally.rules.set(head.ruleId, rule);
    }
    rule.counts[status] += 1;
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

import type { Finding, Report, Severity, Status } from '../../model.js';
import { severityRank, statuses } from '../../model.js';
import { verdictOf } from '../../fleet/aggregate.js';
import type { AuditReport, HostResult, HostStatus } from '../../fleet/model.js';

/**
 * What a fleet report says about one host: compliant, non-compliant (a rule at or above the
 * threshold fails), undetermined (none fails but one errs: not compliant, counted apart from
 * failures), or why it was not checked.
 */
export type HostState = 'compliant' | 'non-compliant' | 'undetermined' | Exclude<HostStatus, 'checked'>;

/** Worst first: how fleet reports order hosts. */
export const hostStateOrder: readonly HostState[] = ['non-compliant', 'undetermined', 'error', 'invalid', 'timeout', 'unreachable', 'compliant'];

export interface HostView {
  host: HostResult;
  state: HostState;
  counts: Record<Status, number>;
  /** Highest severity among the host's fails and errors; undefined when it has none or was not checked. */
  worst: Severity | undefined;
  /** Fails and errors weighted by severity (see severityWeight): how bad the host is. */
  score: number;
  /** The probes that could not see everything on a checked host (HostResult.incomplete), by id; empty when none. */
  incomplete: string[];
}

/** Weight of one failing finding by severity: each level counts as much as four of the level below. */
export const severityWeight: Readonly<Record<Severity, number>> = { info: 0, low: 1, medium: 4, high: 16, critical: 64 };

const zeroCounts = (): Record<Status, number> => Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>;

/** A fail or an error: unknown is never compliant. */
export const isFailing = (finding: Finding): boolean => finding.status === 'fail' || finding.status === 'error';

/** `report`: the host's report when the caller already read it (it may be read from a store at each read, see report-store.ts). */
export const hostView = (host: HostResult, failOn: Severity, report: Report | undefined = host.status === 'checked' ? host.report : undefined): HostView => {
  const counts = zeroCounts();
  if (report === undefined) {
    // A host marked checked without a report cannot be called compliant: it counts as an error.
    const state: HostState = host.status === 'checked' ? 'error' : host.status;
    return { host, state, counts, worst: undefined, score: 0, incomplete: [] };
  }
  let worst: Severity | undefined;
  let score = 0;
  for (const finding of report.findings) {
    counts[finding.status] += 1;
    if (!isFailing(finding)) continue;
    score += severityWeight[finding.severity];
    if (worst === undefined || severityRank(finding.severity) > severityRank(worst)) worst = finding.severity;
  }
  const verdict = verdictOf(report.findings, failOn);
  const state: HostState = verdict === 'failing' ? 'non-compliant' : verdict === 'undetermined' ? 'undetermined' : 'compliant';
  return { host, state, counts, worst, score, incomplete: (host.incomplete ?? []).map((p) => p.probe) };
};

/** Worst first: by state (hostStateOrder), then weighted score, then most fails and errors, then name. */
export const byWorst = (a: HostView, b: HostView): number =>
  hostStateOrder.indexOf(a.state) - hostStateOrder.indexOf(b.state) ||
  b.score - a.score ||
  b.counts.fail + b.counts.error - (a.counts.fail + a.counts.error) ||
  a.host.name.localeCompare(b.host.name);

export const hostViews = (audit: AuditReport): HostView[] => audit.hosts.map((host) => hostView(host, audit.failOn));

/** Hosts with fails or errors, worst first (state, weighted score, most fails, name; see byWorst). */
export const worstHosts = (views: readonly HostView[]): HostView[] => views.filter((v) => v.score > 0 || v.counts.fail + v.counts.error > 0).sort(byWorst);

/** Rules with failing hosts, most failing hosts first (fails + errors, then severity, then id). */
export const failingRules = (audit: AuditReport): AuditReport['rules'] =>
  audit.rules
    .filter((r) => r.counts.fail + r.counts.error > 0)
    .sort(
      (a, b) =>
        b.counts.fail + b.counts.error - (a.counts.fail + a.counts.error) ||
        severityRank(b.severity) - severityRank(a.severity) ||
        a.ruleId.localeCompare(b.ruleId),
    );

export const notChecked = (audit: AuditReport): HostResult[] => audit.hosts.filter((h) => h.status !== 'checked');

/** Checked hosts some of whose probes could not see everything, in audit order. */
export const incompleteHosts = (audit: AuditReport): HostResult[] => audit.hosts.filter((h) => h.status === 'checked' && (h.incomplete?.length ?? 0) > 0);

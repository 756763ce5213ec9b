/**
 * An audit: one policy applied to many hosts (snapshot files, ssh targets). Every host given to the
 * audit appears exactly once, checked or with the reason it could not be.
 */
import type { IncompleteProbe, Language, Report, Severity, Status } from '../model.js';

export const hostStatuses = ['checked', 'unreachable', 'timeout', 'invalid', 'error'] as const;
export type HostStatus = (typeof hostStatuses)[number];

export interface HostResult {
  /** Where the host came from: a snapshot file path, or an ssh target `[user@]host[:port]`. */
  source: string;
  /** Display name: the host name from the snapshot or report, else the source. */
  name: string;
  status: HostStatus;
  /** Why the host was not checked (status other than `checked`). */
  reason?: string;
  /** The host's report (status `checked`). */
  report?: Report;
  /**
   * Checked hosts only: the probes this policy reads that could not see everything (error or
   * partial: missing from the snapshot, failed or timed out over ssh). Absent when there are none.
   * Their rules are already `error` findings; this says why, per probe.
   */
  incomplete?: IncompleteProbe[];
  durationMs: number;
}

export interface RuleAggregate {
  ruleId: string;
  title: string;
  theme: string;
  severity: Severity;
  /** Hosts per status for this rule (checked hosts only). */
  counts: Record<Status, number>;
}

export interface FleetSummary {
  /** Hosts given to the audit. */
  total: number;
  checked: number;
  /** Checked hosts with no fail and no error at or above the threshold. */
  compliant: number;
  /** Checked hosts with at least one fail or error at or above the threshold. */
  nonCompliant: number;
  /** Hosts that could not be checked (unreachable, timeout, invalid, error). */
  notChecked: number;
  /**
   * Checked hosts with incomplete probes (HostResult.incomplete). They are compliant or not like
   * any other host: their unknown facts are `error` findings, counted at their rules' severity.
   */
  incomplete: number;
}

export interface AuditReport {
  schemaVersion: 1;
  tool: { name: string; version: string };
  policy: Report['policy'];
  startedAt: string;
  durationMs: number;
  language: Language;
  /** Lowest severity that makes a host non-compliant. */
  failOn: Severity;
  /** False when any host could not be checked: the audit is incomplete. */
  complete: boolean;
  summary: FleetSummary;
  rules: RuleAggregate[];
  hosts: HostResult[];
}

/**
 * An audit: one policy applied to many hosts (snapshot files, ssh targets). Every host given to the
 * audit appears exactly once, checked or with the reason it could not be.
 */
import type { IncompleteProbe, Language, Report, ReportHost, Severity, Status } from '../model.js';

export const hostStatuses = ['checked', 'unreachable', 'timeout', 'invalid', 'error'] as const;
export type HostStatus = (typeof hostStatuses)[number];

export interface HostResult {
  /** Where the host came from: a snapshot file path, or an ssh target `[user@]host[:port]`. */
  source: string;
  /**
   * Display name, what the auditor calls the host: the inventory's name for it (an Ansible alias, a
   * snapshot file's name without `.json`, as the Ansible example names them), else its host name,
   * else the source.
   */
  name: string;
  /** Checked hosts: who the machine is (its report's `host`), also when the report itself is not kept. */
  identity?: ReportHost;
  /** Checked hosts: its facts were collected longer ago than the policy's `audit.staleAfterDays` before the audit. */
  stale?: true;
  /**
   * Checked hosts: other targets that were the same machine (same machine id and host name, or
   * their pseudonyms) and are not rows of their own; this row is the latest collection of them.
   */
  duplicates?: DuplicateHost[];
  /** Checked hosts: other rows whose machine has the same machine id under another host name (cloned machines keep their template's id). */
  sameMachineId?: string[];
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

/** A target folded into another row because it was the same machine. */
export interface DuplicateHost {
  source: string;
  name: string;
  /** When its facts were collected. */
  collectedAt: string;
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
  /**
   * Of the non-compliant hosts, those with no fail at or above the threshold but errors: rules that
   * could not be decided (unknown is not compliant), counted apart from failures.
   */
  undetermined: number;
  /** Hosts that could not be checked (unreachable, timeout, invalid, error). */
  notChecked: number;
  /**
   * Checked hosts with incomplete probes (HostResult.incomplete). They are compliant or not like
   * any other host: their unknown facts are `error` findings, counted at their rules' severity.
   */
  incomplete: number;
  /** Checked hosts whose facts are older than the policy's `audit.staleAfterDays` (HostResult.stale). */
  stale: number;
  /** Targets folded into another host's row because they were the same machine (HostResult.duplicates); not in `total`. */
  duplicates: number;
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
  /** Facts collected more than this many days before `startedAt` are stale (the policy's `audit.staleAfterDays`). */
  staleAfterDays: number;
  /** False when any host could not be checked: the audit is incomplete. */
  complete: boolean;
  summary: FleetSummary;
  rules: RuleAggregate[];
  hosts: HostResult[];
}

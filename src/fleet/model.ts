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
  /**
   * The groups (ministries, departments) the host belongs to, sorted: its inventory groups, else
   * the snapshot's `group` field, else the snapshot's folders under the audit root (see groups.ts).
   * Absent when it belongs to none.
   */
  groups?: string[];
  /** What changed since the baseline audit (`--baseline`), see baseline.ts; absent without one. */
  change?: HostChange;
}

/**
 * One host compared with the baseline audit. `new`: no host of the baseline is this machine;
 * `compared`: checked both times, its rules compared; `uncompared`: found in the baseline, but not
 * checked one of the two times (nothing can be said of its rules). Rule lists hold rule ids, sorted;
 * a rule is failing when its status is `fail` or `error` (unknown is not compliant).
 */
export interface HostChange {
  kind: 'new' | 'compared' | 'uncompared';
  /** The baseline's name for the host, when it was matched and named otherwise there. */
  baselineName?: string;
  /** Failing now, not failing in the baseline (where the rule existed). */
  newlyFailing?: string[];
  /** Failing in the baseline, not failing now. */
  fixed?: string[];
  /** Failing both times. */
  stillFailing?: string[];
}

/** Per group: the same counts as the whole fleet's, over the hosts of the group. */
export interface GroupAggregate {
  group: string;
  summary: FleetSummary;
  rules: RuleAggregate[];
}

/** Per rule: how many hosts of both audits changed, see HostChange. */
export interface RuleChange {
  ruleId: string;
  newlyFailing: number;
  fixed: number;
  stillFailing: number;
}

/** The comparison with a baseline audit (`charter audit --baseline FILE`), see baseline.ts. */
export interface AuditChanges {
  /** The baseline: the file as given, when it ran, with which policy. */
  baseline: { file: string; startedAt: string; policy: AuditReport['policy'] };
  /** False when the baseline was run with another policy (id, version or content): rules are compared by id. */
  samePolicy: boolean;
  /** Rule ids of one audit and not the other: not compared. */
  rulesOnlyInBaseline: string[];
  rulesOnlyNow: string[];
  /** Hosts of this audit by how they compare, and hosts of the baseline missing now. */
  hostCounts: {
    compared: number;
    uncompared: number;
    new: number;
    missing: number;
    /** Compared hosts with at least one newly failing rule, and with at least one fixed rule. */
    withNewFailures: number;
    withFixes: number;
  };
  /** Rules with any change or failure, in the policy's order. */
  rules: RuleChange[];
  /** Names of the hosts not in the baseline. */
  newHosts: string[];
  /** Hosts of the baseline that no host of this audit is: gone, renamed out of recognition, or not given. */
  missingHosts: { name: string; source: string; groups?: string[] }[];
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
  /** Per group, sorted by name; absent when no host belongs to a group. Hosts in no group are not counted here. */
  groups?: GroupAggregate[];
  /** The comparison with a baseline audit (`--baseline`); absent without one. */
  changes?: AuditChanges;
  hosts: HostResult[];
}

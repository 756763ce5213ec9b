/** Domain types shared by every stage of the pipeline. String unions and ordered arrays, no enums. */

export const severities = ['info', 'low', 'medium', 'high', 'critical'] as const;
export type Severity = (typeof severities)[number];

export const platforms = ['linux', 'macos', 'windows'] as const;
export type Platform = (typeof platforms)[number];

/**
 * What kind of system a target is: a running machine; a workstation's root filesystem or OS image at
 * rest (its configuration means something, its runtime does not); or a container image (no disk, no
 * host firewall, no screen, no in-place updates).
 */
export const targetClasses = ['live', 'os-image', 'container-image'] as const;
export type TargetClass = (typeof targetClasses)[number];

/** What a policy's `targets:` may list: a class, or `image`, which stands for both image classes. */
export const imageAlias = ['os-image', 'container-image'] as const satisfies readonly TargetClass[];

export const statuses = ['pass', 'fail', 'error', 'skip', 'waived', 'manual'] as const;
export type Status = (typeof statuses)[number];

export const languages = ['en', 'fr', 'de', 'lb'] as const;
export type Language = (typeof languages)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/**
 * Why something could not be decided: a stable code that CI and fleets can count (README, "Reason
 * codes"). `undetermined` is the code of last resort, when a probe left a fact null without saying
 * why.
 */
export const reasonCodes = [
  'permission',
  'tool-missing',
  'timeout',
  'not-collected',
  'unreadable',
  'unsupported-format',
  'probe-failed',
  'undetermined',
] as const;
export type ReasonCode = (typeof reasonCodes)[number];

/** What could not be known, and why: the code and a detail naming the file, tool or limit. */
export interface UnknownReason {
  code: ReasonCode;
  detail: string;
}

/**
 * A probe's outcome: facts, or the reason there are none.
 *
 * `partial`: the facts are what could be seen; `unknown` maps a field path below the probe id
 * (`apps`, `users.lockEnabled`) to why it is not fully known. A path that holds a list means the
 * list is incomplete (it may miss items); a path that holds anything else means the value is
 * unknown whatever it says. Fields inside such a path are unknown too.
 */
export type ProbeOutcome =
  | { status: 'ok'; facts: JsonObject }
  | { status: 'partial'; facts: JsonObject; unknown: Record<string, UnknownReason> }
  | { status: 'unsupported'; reason: string }
  | { status: 'error'; message: string; code?: ReasonCode };

/**
 * Did the probe fail to see everything it should have (an `error`, or a `partial` outcome with
 * some facts unknown)? `unsupported` is not incomplete: the probe itself declared it does not apply.
 * Takes any status string, so outcomes with statuses added later are judged by their name.
 */
export const isIncomplete = (outcome: { readonly status: string }): boolean => outcome.status === 'error' || outcome.status === 'partial';

/** A probe that could not see everything, as snapshots and fleet reports list it. */
export interface IncompleteProbe {
  probe: string;
  status: 'error' | 'partial';
  message: string;
}

/** What an incomplete outcome says about itself: its message, else the facts it left unknown. */
const incompleteMessage = (outcome: Readonly<Record<string, unknown>>): string => {
  if (typeof outcome.message === 'string') return outcome.message;
  const unknown = outcome.unknown;
  if (typeof unknown === 'object' && unknown !== null && !Array.isArray(unknown)) {
    const fields = Object.keys(unknown).sort();
    if (fields.length > 0) return `unknown: ${fields.join(', ')}`;
  }
  return String(outcome.status);
};

/** The incomplete outcomes among `facts` (of `ids` when given), sorted by probe id. */
export const incompleteProbes = (
  facts: Readonly<Record<string, { readonly status: string }>>,
  ids: readonly string[] = Object.keys(facts),
): IncompleteProbe[] =>
  [...new Set(ids)].sort().flatMap((probe) => {
    const outcome = facts[probe];
    if (outcome === undefined || !isIncomplete(outcome)) return [];
    return [{ probe, status: outcome.status === 'partial' ? 'partial' : 'error', message: incompleteMessage(outcome) }];
  });

/** Everything collected on one target, by probe id. */
export type Facts = Record<string, ProbeOutcome>;

/** What one condition says about its finding (see Evidence.outcome). */
export type ConditionOutcome = 'holds' | 'fails' | 'unknown';

export interface Evidence {
  fact: string;
  actual: Json;
  expected: string;
  /**
   * holds: the condition is met; fails: it is a reason for the failure; unknown: it could not be
   * decided. Under a `none` combination a condition that is met fails. Absent in older reports.
   */
  outcome?: ConditionOutcome;
}

/** A waiver that matched a finding's rule and host; `state` says whether it was applied. */
export interface WaiverRecord {
  reason: string;
  approver: string;
  granted: string;
  expires: string;
  ticket?: string;
  state: 'active' | 'expired' | 'not-yet-valid';
  /** file:line of the waiver. */
  source: string;
}

/** An attestation that matched a manual rule and host. */
export interface AttestationRecord {
  by: string;
  date: string;
  validUntil: string;
  statement: string;
  reference?: string;
  state: 'active' | 'expired' | 'not-yet-valid';
  source: string;
}

/**
 * A probe's reason as a catalogued message (src/i18n/reason-messages.ts): a stable `id` and its
 * parameters (texts kept as written, or reasons themselves), a text no message recognised, or
 * parts joined by `; `.
 */
export type ReasonNode = { id: string; params: Record<string, string | ReasonNode> } | { text: string } | { parts: ReasonNode[] };

/** A probe's own words a finding quotes: the English text as the probe wrote it, and its message. */
export interface Explanation {
  text: string;
  message: ReasonNode;
}

export interface Finding {
  ruleId: string;
  title: string;
  theme: string;
  severity: Severity;
  status: Status;
  message: string;
  /** With status `error`: why it could not be decided (see `reasonCodes`). */
  reason?: ReasonCode;
  evidence: Evidence[];
  /** What to do: for a failure, how to comply; for an error, how to get a decision. */
  remediation: string;
  /**
   * For a failure or an error: one plain sentence saying what is wrong on this machine (or what
   * could not be told), in the report's language, values as people write them (src/plain/).
   */
  sentence?: string;
  /**
   * The probes' reasons quoted in `message` and `remediation` (why a fact is unknown, why a probe
   * does not apply), in English with their message id and parameters, whatever the report's language.
   */
  explanations?: Explanation[];
  waiver?: WaiverRecord;
  attestation?: AttestationRecord;
}

/** Every waiver and attestation whose scope covers the target, and whether it changed a finding. */
export interface Governance {
  waivers: (WaiverRecord & { rule: string; hosts: string; applied: boolean })[];
  attestations: (AttestationRecord & { rule: string; hosts: string; applied: boolean })[];
}

export type Summary = Record<Status, number>;

/**
 * Who the checked machine is, whatever the target was called (`local`, an ssh address, a snapshot
 * file): what fleet reports identify hosts by and what waivers match besides the target's name.
 */
export interface ReportHost {
  /** The machine's own host name; its stable pseudonym when `redacted`; null when it could not be read. */
  name: string | null;
  /** The machine id (systemd's); its stable pseudonym when `redacted`; null when the machine has none. */
  machineId: string | null;
  redacted: boolean;
  /** The operating system as it names itself (os-release PRETTY_NAME, macOS, Windows edition); null when unknown. */
  os: string | null;
  /** Its version (VERSION_ID, macOS version, Windows build); null when unknown. */
  osVersion: string | null;
  /** When the facts were collected (a snapshot's collection time, else the check's start): rules are judged as of it. */
  collectedAt: string;
}

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  policy: { id: string; version: string; sha256: string; title: string; extends?: { id: string; version: string }[] };
  target: { kind: string; name: string; platform: Platform | 'unknown'; class: TargetClass };
  /** Who the machine is (absent from reports written before it was added). */
  host?: ReportHost;
  startedAt: string;
  durationMs: number;
  language: Language;
  summary: Summary;
  findings: Finding[];
  governance?: Governance;
}

export const severityRank = (s: Severity): number => severities.indexOf(s);

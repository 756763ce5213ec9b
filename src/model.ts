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

export const languages = ['en', 'fr', 'de'] as const;
export type Language = (typeof languages)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonObject = { [key: string]: Json };

/** A probe's outcome: facts, or the reason there are none. */
export type ProbeOutcome =
  | { status: 'ok'; facts: JsonObject }
  | { status: 'unsupported'; reason: string }
  | { status: 'error'; message: string };

/** Everything collected on one target, by probe id. */
export type Facts = Record<string, ProbeOutcome>;

export interface Evidence {
  fact: string;
  actual: Json;
  expected: string;
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

export interface Finding {
  ruleId: string;
  title: string;
  theme: string;
  severity: Severity;
  status: Status;
  message: string;
  evidence: Evidence[];
  remediation: string;
  waiver?: WaiverRecord;
  attestation?: AttestationRecord;
}

/** Every waiver and attestation whose scope covers the target, and whether it changed a finding. */
export interface Governance {
  waivers: (WaiverRecord & { rule: string; hosts: string; applied: boolean })[];
  attestations: (AttestationRecord & { rule: string; hosts: string; applied: boolean })[];
}

export type Summary = Record<Status, number>;

export interface Report {
  schemaVersion: 1;
  tool: { name: string; version: string };
  policy: { id: string; version: string; sha256: string; title: string; extends?: { id: string; version: string }[] };
  target: { kind: string; name: string; platform: Platform | 'unknown'; class: TargetClass };
  startedAt: string;
  durationMs: number;
  language: Language;
  summary: Summary;
  findings: Finding[];
  governance?: Governance;
}

export const severityRank = (s: Severity): number => severities.indexOf(s);

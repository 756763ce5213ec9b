/**
 * Waivers and attestations applied to one target's findings, after evaluation:
 * - a `fail` with a matching waiver valid today becomes `waived`; the finding keeps its evidence
 *   and carries the waiver (reason, approver, dates, where it is written);
 * - a matching waiver that has expired or is not valid yet changes nothing but is named in the
 *   finding's message and carried with its state, so the report says why it was ignored;
 * - a `manual` rule with a matching attestation valid today becomes `pass`, the attestation as its
 *   evidence; an expired or future one leaves it `manual` and says so.
 * A `pass`, `error` or `skip` is never changed: unknown is never compliant, even under a waiver.
 * When several entries match, a valid one wins, then the one that ends last.
 */
import { governanceMessagesFor } from '../i18n/governance-messages.js';
import type { AttestationRecord, Finding, Governance, Language, WaiverRecord } from '../model.js';
import { describeScope, inScope } from './host-scope.js';
import type { Attestation, Waiver } from './load.js';
import { validity } from './validity.js';

export interface GovernanceInput {
  waivers: readonly Waiver[];
  attestations: readonly Attestation[];
}

export interface GovernanceContext {
  /** The target's name as reports show it (host name, snapshot host, image name). */
  host: string;
  /** Other names of the same target (its own host name, an inventory alias): a scope matching any of them covers it. */
  aliases?: readonly string[];
  now: Date;
  language: Language;
}

const waiverRecord = (w: Waiver, now: Date): WaiverRecord => ({
  reason: w.reason,
  approver: w.approver,
  granted: w.granted,
  expires: w.expires,
  ...(w.ticket === undefined ? {} : { ticket: w.ticket }),
  state: validity(w.granted, w.expires, now),
  source: `${w.file}:${String(w.line)}`,
});

const attestationRecord = (a: Attestation, now: Date): AttestationRecord => ({
  by: a.by,
  date: a.date,
  validUntil: a.validUntil,
  statement: a.statement,
  ...(a.reference === undefined ? {} : { reference: a.reference }),
  state: validity(a.date, a.validUntil, now),
  source: `${a.file}:${String(a.line)}`,
});

/** Valid first, then the latest end date. */
const best = <T extends { state: string }>(records: T[], end: (t: T) => string): T | undefined =>
  [...records].sort((a, b) => Number(b.state === 'active') - Number(a.state === 'active') || end(b).localeCompare(end(a)))[0];

export const applyGovernance = (
  findings: readonly Finding[],
  input: GovernanceInput,
  context: GovernanceContext,
): { findings: Finding[]; governance: Governance } => {
  const m = governanceMessagesFor(context.language);
  const names = [context.host, ...(context.aliases ?? [])];
  const covers = (scope: Waiver['hosts']): boolean => names.some((name) => inScope(scope, name));
  const waivers = input.waivers.filter((w) => covers(w.hosts)).map((w) => ({ w, record: waiverRecord(w, context.now) }));
  const attestations = input.attestations.filter((a) => covers(a.hosts)).map((a) => ({ a, record: attestationRecord(a, context.now) }));
  const applied = new Set<WaiverRecord | AttestationRecord>();

  const changed = findings.map((finding): Finding => {
    if (finding.status === 'fail') {
      const chosen = best(
        waivers.filter(({ w }) => w.rule === finding.ruleId).map(({ record }) => record),
        (r) => r.expires,
      );
      if (chosen === undefined) return finding;
      if (chosen.state === 'active') {
        applied.add(chosen);
        return {
          ...finding,
          status: 'waived',
          message: m.waived(chosen.approver, chosen.expires, chosen.reason.replace(/[.\s]+$/, ''), finding.message),
          waiver: chosen,
        };
      }
      const date = chosen.state === 'expired' ? chosen.expires : chosen.granted;
      return { ...finding, message: `${finding.message} (${m.waiverIgnored(chosen.state, date, chosen.approver)})`, waiver: chosen };
    }
    if (finding.status === 'manual') {
      const chosen = best(
        attestations.filter(({ a }) => a.rule === finding.ruleId).map(({ record }) => record),
        (r) => r.validUntil,
      );
      if (chosen === undefined) return finding;
      if (chosen.state === 'active') {
        applied.add(chosen);
        const said = m.attested(chosen.by, chosen.date, chosen.validUntil, chosen.statement);
        return {
          ...finding,
          status: 'pass',
          message: said,
          evidence: [{ fact: m.attestationFact, actual: said, expected: m.attestationExpected }],
          attestation: chosen,
        };
      }
      const date = chosen.state === 'expired' ? chosen.validUntil : chosen.date;
      return { ...finding, message: m.attestationIgnored(chosen.state, date, chosen.by), attestation: chosen };
    }
    return finding;
  });

  return {
    findings: changed,
    governance: {
      waivers: waivers.map(({ w, record }) => ({ rule: w.rule, hosts: describeScope(w.hosts), ...record, applied: applied.has(record) })),
      attestations: attestations.map(({ a, record }) => ({ rule: a.rule, hosts: describeScope(a.hosts), ...record, applied: applied.has(record) })),
    },
  };
};

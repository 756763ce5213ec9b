import { describe, expect, it } from 'vitest';
import type { Finding } from '../model.js';
import { applyGovernance } from './apply.js';
import type { Attestation, Waiver } from './load.js';

const finding = (ruleId: string, status: Finding['status']): Finding => ({
  ruleId,
  title: ruleId,
  theme: 't',
  severity: 'high',
  status,
  message: status === 'fail' ? 'Not compliant: x is false.' : status === 'manual' ? 'Check by hand.' : 'Compliant.',
  evidence: status === 'fail' ? [{ fact: 'x', actual: false, expected: 'equal to true' }] : [],
  remediation: 'fix it',
});

const waiver = (rule: string, granted: string, expires: string, hosts: Waiver['hosts'] = 'all', approver = 'RSSI'): Waiver => ({
  rule,
  hosts,
  reason: `reason for ${rule}`,
  approver,
  granted,
  expires,
  file: 'waivers.yaml',
  line: 3,
});

const attestation = (rule: string, date: string, validUntil: string): Attestation => ({
  rule,
  hosts: 'all',
  by: 'DPO',
  date,
  validUntil,
  statement: 'done',
  file: 'attestations.yaml',
  line: 2,
});

const context = { host: 'pc-042', now: new Date('2026-11-22T08:00:00Z'), language: 'en' as const };

describe('applying waivers', () => {
  it('waives a failure under a valid waiver and keeps its evidence', () => {
    const { findings, governance } = applyGovernance([finding('A', 'fail')], { waivers: [waiver('A', '2026-11-01', '2026-12-31')], attestations: [] }, context);
    expect(findings[0]).toMatchObject({
      status: 'waived',
      message: 'Waived by RSSI until 2026-12-31: reason for A. Finding: Not compliant: x is false.',
      evidence: [{ fact: 'x', actual: false }],
      waiver: { state: 'active', approver: 'RSSI', expires: '2026-12-31', source: 'waivers.yaml:3' },
    });
    expect(governance.waivers).toEqual([expect.objectContaining({ rule: 'A', hosts: 'all hosts', state: 'active', applied: true })]);
  });

  it('ignores expired and future waivers and says so', () => {
    const { findings, governance } = applyGovernance(
      [finding('A', 'fail'), finding('B', 'fail')],
      { waivers: [waiver('A', '2026-01-01', '2026-06-30'), waiver('B', '2027-01-01', '2027-02-01')], attestations: [] },
      context,
    );
    expect(findings.map((f) => [f.status, f.message, f.waiver?.state])).toEqual([
      ['fail', 'Not compliant: x is false. (waiver by RSSI ignored: expired on 2026-06-30)', 'expired'],
      ['fail', 'Not compliant: x is false. (waiver by RSSI ignored: valid only from 2027-01-01)', 'not-yet-valid'],
    ]);
    expect(governance.waivers.map((w) => w.applied)).toEqual([false, false]);
  });

  it('prefers a valid waiver over an expired one for the same rule', () => {
    const { findings } = applyGovernance(
      [finding('A', 'fail')],
      { waivers: [waiver('A', '2025-01-01', '2025-12-31', 'all', 'old'), waiver('A', '2026-11-01', '2026-11-30', 'all', 'new')], attestations: [] },
      context,
    );
    expect(findings[0]?.waiver?.approver).toBe('new');
    expect(findings[0]?.status).toBe('waived');
  });

  it('covers only the hosts in scope', () => {
    const { findings, governance } = applyGovernance(
      [finding('A', 'fail')],
      { waivers: [waiver('A', '2026-11-01', '2026-12-31', ['lab-*'])], attestations: [] },
      context,
    );
    expect(findings[0]?.status).toBe('fail');
    expect(findings[0]?.waiver).toBeUndefined();
    expect(governance.waivers).toEqual([]);
  });

  it('never turns an error, a pass or a skip into anything else', () => {
    const input = [finding('A', 'error'), finding('A', 'pass'), finding('A', 'skip')];
    const { findings, governance } = applyGovernance(input, { waivers: [waiver('A', '2026-11-01', '2026-12-31')], attestations: [] }, context);
    expect(findings).toEqual(input);
    expect(governance.waivers[0]?.applied).toBe(false);
  });
});

describe('applying attestations', () => {
  it('passes an attested manual rule with the attestation as evidence', () => {
    const { findings } = applyGovernance([finding('M', 'manual')], { waivers: [], attestations: [attestation('M', '2026-09-01', '2027-08-31')] }, context);
    expect(findings[0]).toMatchObject({
      status: 'pass',
      message: 'Attested by DPO on 2026-09-01, valid until 2027-08-31: done',
      evidence: [{ fact: 'attestation', actual: 'Attested by DPO on 2026-09-01, valid until 2027-08-31: done', expected: 'a valid attestation' }],
      attestation: { state: 'active', source: 'attestations.yaml:2' },
    });
  });

  it('leaves a manual rule manual under an expired attestation, and says so in the language asked', () => {
    const { findings } = applyGovernance(
      [finding('M', 'manual')],
      { waivers: [], attestations: [attestation('M', '2025-01-01', '2025-12-31')] },
      { ...context, language: 'de' },
    );
    expect(findings[0]).toMatchObject({ status: 'manual', message: 'Von Hand zu prüfen: Die Bestätigung von DPO ist am 31. Dezember 2025 abgelaufen.' });
  });

  it('does not attest a rule that is not manual', () => {
    const input = [finding('M', 'fail')];
    const { findings } = applyGovernance(input, { waivers: [], attestations: [attestation('M', '2026-09-01', '2027-08-31')] }, context);
    expect(findings).toEqual(input);
  });
});

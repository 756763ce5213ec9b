/**
 * Reports and audit reports for the renderer fuzz tests: valid shapes, hostile strings in every
 * text field a renderer prints (names, titles, messages, evidence, reasons), random evidence values.
 */
import fc from 'fast-check';
import { checkedHost, finding, hostReport, uncheckedHost, auditOf } from './fleet-reports.js';
import type { AuditReport, HostResult } from '../fleet/model.js';
import { hostStatuses } from '../fleet/model.js';
import type { Finding, Report } from '../model.js';
import { severities, statuses } from '../model.js';
import { factTree, hostileString } from './fuzz.js';

/** Text a renderer must escape; sometimes plain, so that ordinary reports are rendered too. */
export const reportText = fc.oneof({ weight: 3, arbitrary: hostileString(5) }, { weight: 1, arbitrary: fc.string({ maxLength: 12 }) });

export const findingArbitrary: fc.Arbitrary<Finding> = fc
  .record({
    ruleId: fc.oneof(fc.constantFrom('MSG-01', 'ENC-01', 'UPD-01'), reportText),
    status: fc.constantFrom(...statuses),
    severity: fc.constantFrom(...severities),
    title: reportText,
    theme: fc.oneof(fc.constantFrom('messaging', 'general'), reportText),
    message: reportText,
    remediation: reportText,
    evidence: fc.array(fc.record({ fact: reportText, actual: factTree(3, 40), expected: reportText }), { maxLength: 3 }),
  })
  .map((f) => finding(f as Finding));

export const reportArbitrary: fc.Arbitrary<Report> = fc
  .record({ name: reportText, findings: fc.array(findingArbitrary, { maxLength: 6 }), policyTitle: reportText })
  .map(({ name, findings, policyTitle }) => {
    const report = hostReport(name, findings);
    return { ...report, policy: { ...report.policy, title: policyTitle } };
  });

const hostResult: fc.Arbitrary<HostResult> = fc.oneof(
  fc.tuple(reportArbitrary, reportText, reportText).map(([report, source, name]) => checkedHost(report, source, name)),
  fc
    .tuple(reportText, fc.constantFrom(...hostStatuses.filter((s) => s !== 'checked')), reportText, reportText)
    .map(([name, status, reason, source]) => uncheckedHost(name, status, reason, source)),
);

export const auditArbitrary: fc.Arbitrary<AuditReport> = fc
  .record({ hosts: fc.array(hostResult, { maxLength: 5 }), failOn: fc.constantFrom(...severities), policyTitle: reportText })
  .map(({ hosts, failOn, policyTitle }) => auditOf(hosts, { failOn, policy: { id: 'p', version: '1', sha256: 'ab'.repeat(32), title: policyTitle } }));

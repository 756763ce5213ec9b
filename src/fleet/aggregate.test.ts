import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../model.js';
import { aggregate, isCompliant, isFailure } from './aggregate.js';
import type { HostResult } from './model.js';

const finding = (ruleId: string, status: Finding['status'], severity: Finding['severity'] = 'medium'): Finding => ({
  ruleId,
  title: `Rule ${ruleId}`,
  theme: 'general',
  severity,
  status,
  message: status,
  evidence: [],
  remediation: '',
});

const report = (findings: Finding[]): Report => ({
  schemaVersion: 1,
  tool: { name: 'charter', version: '0' },
  policy: { id: 'p', version: '1', sha256: '0'.repeat(64), title: 'P' },
  target: { kind: 'snapshot', name: 'h', platform: 'linux', class: 'live' },
  startedAt: '2026-11-22T08:00:00.000Z',
  durationMs: 1,
  language: 'en',
  summary: { pass: 0, fail: 0, error: 0, skip: 0, waived: 0, manual: 0 },
  findings,
});

const checked = (findings: Finding[]): HostResult => ({ source: 's', name: 'h', status: 'checked', report: report(findings), durationMs: 1 });

describe('aggregate', () => {
  const hosts: HostResult[] = [
    checked([finding('A', 'pass'), finding('B', 'pass', 'high')]),
    checked([finding('A', 'fail', 'low'), finding('B', 'pass', 'high')]),
    { ...checked([finding('A', 'pass'), finding('B', 'error', 'high')]), incomplete: [{ probe: 'firewall', status: 'error', message: 'nft timed out' }] },
    checked([finding('A', 'waived'), finding('B', 'skip', 'high')]),
    { source: 'bad.json', name: 'bad.json', status: 'invalid', reason: 'truncated', durationMs: 0 },
  ];

  it('counts hosts and, per rule in policy order, the statuses of checked hosts', () => {
    const result = aggregate(hosts, 'low');
    expect(result.summary).toEqual({
      total: 5,
      checked: 4,
      compliant: 2,
      nonCompliant: 2,
      undetermined: 1,
      notChecked: 1,
      incomplete: 1,
      stale: 0,
      duplicates: 0,
    });
    expect(result.complete).toBe(false);
    expect(result.rules.map((r) => [r.ruleId, r.severity, r.counts])).toEqual([
      ['A', 'medium', { pass: 2, fail: 1, error: 0, skip: 0, waived: 1, manual: 0 }],
      ['B', 'high', { pass: 2, fail: 0, error: 1, skip: 1, waived: 0, manual: 0 }],
    ]);
  });

  it('applies the --fail-on threshold to fails and errors only', () => {
    expect(aggregate(hosts.slice(0, 4), 'high').summary).toMatchObject({ compliant: 3, nonCompliant: 1 });
    expect(aggregate(hosts.slice(0, 4), 'high').complete).toBe(true);
    expect(isCompliant(report([finding('A', 'fail', 'low')]), 'medium')).toBe(true);
    expect(isCompliant(report([finding('A', 'error', 'critical')]), 'critical')).toBe(false);
    expect(isFailure(hosts[4] as HostResult, 'low')).toBe(true);
  });

  it('is empty and complete for no hosts', () => {
    expect(aggregate([], 'low')).toEqual({
      summary: { total: 0, checked: 0, compliant: 0, nonCompliant: 0, undetermined: 0, notChecked: 0, incomplete: 0, stale: 0, duplicates: 0 },
      rules: [],
      complete: true,
    });
  });

  it('counts an incomplete host as incomplete, and as compliant or not by its findings alone', () => {
    // The probe behind B errs, but B is high and the threshold critical: compliant, and incomplete.
    const result = aggregate(hosts.slice(2, 3), 'critical');
    expect(result.summary).toMatchObject({ checked: 1, compliant: 1, nonCompliant: 0, incomplete: 1 });
    expect(result.complete).toBe(true);
    expect(aggregate(hosts.slice(2, 3), 'high').summary).toMatchObject({ compliant: 0, nonCompliant: 1, incomplete: 1 });
  });
});

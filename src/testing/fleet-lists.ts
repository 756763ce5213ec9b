/**
 * A whole-State audit compared with an empty baseline (a first audit): every host is new, some
 * could not be checked, hosts are in two ministries, and a few carry hostile names, groups and
 * reasons; two hosts of the baseline are missing. For the fleet HTML page's long lists
 * (src/reporters/audit/html-lists.ts). Built with the test builders of fleet-reports.ts and the
 * audit's own group fold, not the audit pipeline: 30,000 hosts through it would take minutes.
 */
import { groupFold } from '../fleet/groups.js';
import type { AuditChanges, AuditReport, HostResult } from '../fleet/model.js';
import { auditOf, checkedHost, finding, hostReport, uncheckedHost } from './fleet-reports.js';

/** What no page may run or break on: closes the data element, opens a comment, breaks a JS line, reorders text, colours a terminal. */
export const hostileText = 'x</script><!--<script>window.__charterPwned=5</script>\u2028\u2029\u202eevil\u202c\u001b[31m';

/** The hostile ministry: a group name from outside. */
export const hostileGroup = `Min${hostileText}`;

export const ministries = ['MinFin', 'MinEdu'] as const;

export interface NewHostsOptions {
  count: number;
  /** Every `notCheckedEvery`-th host could not be checked. */
  notCheckedEvery: number;
  /** Hosts whose name, group and reason are hostile (also in their ministry). */
  hostile: readonly number[];
}

/** `count` hosts, `pc-00000` on, two by two in MinFin then MinEdu, all new since an empty baseline. */
export const newHostsAudit = ({ count, notCheckedEvery, hostile }: NewHostsOptions): AuditReport => {
  const evil = new Set(hostile);
  const hosts: HostResult[] = Array.from({ length: count }, (_, i) => {
    const name = evil.has(i) ? `pc-${String(i).padStart(5, '0')}-${hostileText}` : `pc-${String(i).padStart(5, '0')}`;
    const groups = [ministries[Math.floor(i / 2) % 2] ?? 'MinFin', ...(evil.has(i) ? [hostileGroup] : [])].sort();
    const change = { kind: 'new' as const };
    if (i % notCheckedEvery === notCheckedEvery - 1) {
      const reason = evil.has(i) ? `not a snapshot: ${hostileText}` : 'ssh: connect: Connection refused';
      return { ...uncheckedHost(name, 'unreachable', reason, `${name}:22`), groups, change };
    }
    const failing = i % 3 === 0;
    const report = hostReport(name, [
      finding({ ruleId: 'FW-01', status: failing ? 'fail' : 'pass', severity: 'high', theme: 'firewall' }),
      finding({ ruleId: 'ENC-01', status: 'pass', severity: 'critical', theme: 'disk' }),
    ]);
    return { ...checkedHost(report, `/srv/snapshots/${groups[0] ?? ''}/${name}.json`), groups, change };
  });
  const fold = groupFold('medium');
  for (const host of hosts) fold.add(host, undefined, 1);
  const base = auditOf(hosts);
  const changes: AuditChanges = {
    baseline: { file: 'baseline.json', startedAt: '2026-08-20T08:00:00.000Z', policy: base.policy },
    samePolicy: true,
    rulesOnlyInBaseline: [],
    rulesOnlyNow: [],
    hostCounts: { compared: 0, uncompared: 0, new: count, missing: 2, withNewFailures: 0, withFixes: 0 },
    rules: [],
    newHosts: hosts.map((h) => h.name),
    missingHosts: [
      // Its groups in the baseline; the other's are not known (a baseline written before groups).
      { name: 'old-pc', source: 'snapshots/MinFin/old-pc.json', groups: ['MinFin'] },
      { name: `old-${hostileText}`, source: `snapshots/${hostileText}.json` },
    ],
  };
  return { ...base, groups: fold.aggregates(), changes };
};

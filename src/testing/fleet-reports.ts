/**
 * Test-only builders of AuditReports for the fleet reporter tests (never imported by the CLI). The
 * audit pipeline (src/fleet/audit.ts, aggregate.ts) builds the real ones; this copy of the
 * aggregation is deliberately small and only serves to make test data.
 */
import { readdirSync } from 'node:fs';
import { basename, join } from 'node:path';
import { check } from '../check.js';
import { openReplay } from '../hosts/replay.js';
import type { Finding, Language, Report, Severity, Status } from '../model.js';
import { severities, statuses } from '../model.js';
import { loadPolicy } from '../policy/load.js';
import type { AuditReport, HostResult, HostStatus, RuleAggregate } from '../fleet/model.js';
import { hostView } from '../reporters/audit/host-view.js';
import { verdictOf } from '../fleet/aggregate.js';

const root = new URL('../../', import.meta.url).pathname;

export const testTool = { name: 'charter', version: '0.0.0-test' };
export const testPolicy: Report['policy'] = {
  id: 'lu-state-charter',
  version: '2026.1',
  sha256: 'ab'.repeat(32),
  title: 'Charte de sécurité de l’État',
};

/** Written into host names and messages by the hostile tests: the report must show it, never run it. */
export const hostileName = '<img src=x onerror=alert(1)><img src=x onerror="window.__charterPwned=1">';
export const hostileMessage = '</script><script>window.__charterPwned=2</script><b onmouseover=alert(2)>"quoted" & \'single\'';

export const finding = (partial: Partial<Finding> & Pick<Finding, 'ruleId' | 'status'>): Finding => ({
  title: `Rule ${partial.ruleId}`,
  theme: 'general',
  severity: 'medium',
  message: partial.status === 'pass' ? 'Compliant.' : `Not compliant: ${partial.ruleId}.`,
  evidence: [],
  remediation: `Fix ${partial.ruleId}.`,
  ...partial,
});

const zero = (): Record<Status, number> => Object.fromEntries(statuses.map((s) => [s, 0])) as Record<Status, number>;

export const hostReport = (name: string, findings: Finding[], startedAt = '2026-11-22T08:00:00.000Z'): Report => {
  const summary = zero();
  for (const f of findings) summary[f.status] += 1;
  return {
    schemaVersion: 1,
    tool: testTool,
    policy: testPolicy,
    target: { kind: 'snapshot', name, platform: 'linux', class: 'live' },
    startedAt,
    durationMs: 120,
    language: 'en',
    summary,
    findings,
  };
};

export const checkedHost = (report: Report, source = `snapshots/${report.target.name}.json`, name = report.target.name): HostResult => ({
  source,
  name,
  status: 'checked',
  report,
  durationMs: report.durationMs,
});

export const uncheckedHost = (name: string, status: Exclude<HostStatus, 'checked'>, reason: string, source = `${name}:22`): HostResult => ({
  source,
  name,
  status,
  reason,
  durationMs: 5000,
});

export interface AuditOptions {
  failOn?: Severity;
  language?: Language;
  startedAt?: string;
  policy?: Report['policy'];
}

/** An AuditReport over `hosts`: summary, per-rule counts (rules in first-seen order) and completeness. */
export const auditOf = (hosts: HostResult[], options: AuditOptions = {}): AuditReport => {
  const failOn = options.failOn ?? 'medium';
  const rules = new Map<string, RuleAggregate>();
  let compliant = 0;
  let checked = 0;
  let incomplete = 0;
  let undetermined = 0;
  let stale = 0;
  for (const host of hosts) {
    if (host.status !== 'checked' || host.report === undefined) continue;
    checked += 1;
    if ((host.incomplete?.length ?? 0) > 0) incomplete += 1;
    if (verdictOf(host.report.findings, failOn) === 'undetermined') undetermined += 1;
    if (host.stale === true) stale += 1;
    if (hostView(host, failOn).state === 'compliant') compliant += 1;
    for (const f of host.report.findings) {
      let rule = rules.get(f.ruleId);
      if (rule === undefined) {
        rule = { ruleId: f.ruleId, title: f.title, theme: f.theme, severity: f.severity, counts: zero() };
        rules.set(f.ruleId, rule);
      }
      rule.counts[f.status] += 1;
    }
  }
  const firstPolicy = hosts.find((h) => h.report !== undefined)?.report?.policy;
  return {
    schemaVersion: 1,
    tool: testTool,
    policy: options.policy ?? firstPolicy ?? testPolicy,
    startedAt: options.startedAt ?? '2026-11-22T08:00:00.000Z',
    durationMs: hosts.reduce((sum, h) => sum + h.durationMs, 0),
    language: options.language ?? 'en',
    failOn,
    staleAfterDays: 30,
    complete: checked === hosts.length,
    summary: {
      total: hosts.length,
      checked,
      compliant,
      nonCompliant: checked - compliant,
      undetermined,
      notChecked: hosts.length - checked,
      incomplete,
      stale,
      duplicates: hosts.reduce((sum, h) => sum + (h.duplicates?.length ?? 0), 0),
    },
    rules: [...rules.values()],
    hosts,
  };
};

/** A small fleet with every kind of host, a hostile name and hostile messages. */
export const sampleAudit = (options: AuditOptions = {}): AuditReport => {
  const clean = hostReport('ws-0001.etat.lu', [
    finding({ ruleId: 'MSG-01', status: 'pass', severity: 'high', theme: 'messaging' }),
    finding({ ruleId: 'ENC-01', status: 'pass', severity: 'critical', theme: 'encryption' }),
    finding({ ruleId: 'UPD-01', status: 'pass', severity: 'medium', theme: 'updates' }),
  ]);
  const bad = hostReport('ws-0002.etat.lu', [
    finding({
      ruleId: 'MSG-01',
      status: 'fail',
      severity: 'high',
      theme: 'messaging',
      message: 'Not compliant: software.apps contains WhatsApp (installed, running).',
      evidence: [
        { fact: 'software.apps', actual: [{ name: 'WhatsApp', evidence: ['/usr/bin/whatsapp'] }], expected: 'none where categories contains messenger' },
      ],
    }),
    finding({
      ruleId: 'ENC-01',
      status: 'fail',
      severity: 'critical',
      theme: 'encryption',
      message: 'Not compliant: disk-encryption.systemVolumeEncrypted: false is not true.',
      evidence: [{ fact: 'disk-encryption.systemVolumeEncrypted', actual: false, expected: 'equal to true' }],
    }),
    finding({ ruleId: 'UPD-01', status: 'error', severity: 'medium', theme: 'updates', message: 'probe updates failed: apt-get timed out' }),
  ]);
  const hostile = hostReport(hostileName, [
    finding({
      ruleId: 'MSG-01',
      status: 'fail',
      severity: 'high',
      theme: 'messaging',
      message: hostileMessage,
      evidence: [{ fact: 'software.apps', actual: hostileMessage, expected: '=cmd|"/c calc"!A1' }],
    }),
    finding({ ruleId: 'ENC-01', status: 'skip', severity: 'critical', theme: 'encryption', message: 'not applicable: needs a live system' }),
    finding({ ruleId: 'UPD-01', status: 'pass', severity: 'medium', theme: 'updates' }),
  ]);
  return auditOf(
    [
      checkedHost(clean),
      // Its updates probe timed out: the host is incomplete, and UPD-01 is an error.
      { ...checkedHost(bad, 'ssh:admin@ws-0002.etat.lu'), incomplete: [{ probe: 'updates', status: 'error', message: 'apt-get timed out' }] },
      checkedHost(hostile, `snapshots/evil.json`),
      uncheckedHost('ws-0003.etat.lu', 'unreachable', 'ssh: connect to host ws-0003.etat.lu port 22: No route to host'),
      uncheckedHost('ws-0004.etat.lu', 'timeout', 'no answer within 60 s'),
      uncheckedHost('=HYPERLINK("http://evil")', 'invalid', `snapshot is not JSON: ${hostileMessage}`, 'snapshots/broken.json'),
    ],
    options,
  );
};

/**
 * A real fleet: the shipped charter checked over every recorded host in fixtures/hosts/ (replays of
 * real Debian 12 machines), plus hand-made hosts that failed, could not be reached, or carry a hostile
 * name, so every part of a report shows.
 */
export const replayedAudit = async (): Promise<AuditReport> => {
  const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  const hostsDir = join(root, 'fixtures', 'hosts');
  const hosts: HostResult[] = [];
  for (const entry of readdirSync(hostsDir, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .sort((a, b) => a.name.localeCompare(b.name))) {
    const dir = join(hostsDir, entry.name);
    const host = await openReplay(dir);
    const now = new Date('2026-11-22T08:00:00.000Z');
    const { report } = await check({ policy, host, language: 'en', now: () => now, tool: testTool });
    hosts.push(checkedHost(report, `replay:fixtures/hosts/${entry.name}`, basename(dir)));
  }
  const template = hosts[0]?.report;
  if (template === undefined) throw new Error('no recorded host in fixtures/hosts');
  const hostile: Report = {
    ...template,
    target: { ...template.target, name: hostileName },
    findings: template.findings.map((f, i) =>
      i === 0 ? { ...f, status: 'fail', message: hostileMessage, evidence: [{ fact: 'software.apps', actual: hostileMessage, expected: '</script>' }] } : f,
    ),
  };
  hostile.summary = zero();
  for (const f of hostile.findings) hostile.summary[f.status] += 1;
  hosts.push(checkedHost(hostile, 'snapshots/evil.json', hostileName));
  hosts.push(uncheckedHost('ws-0417.etat.lu', 'unreachable', 'ssh: connect to host ws-0417.etat.lu port 22: Connection refused'));
  hosts.push(uncheckedHost('ws-0420.etat.lu', 'timeout', 'no answer within 60 s'));
  hosts.push(uncheckedHost('snapshots/broken.json', 'invalid', 'snapshot is not a charter snapshot: missing "facts"', 'snapshots/broken.json'));
  return auditOf(hosts, { failOn: 'medium' });
};

/**
 * A large deterministic fleet for size and speed measurements: `hostCount` hosts × `ruleCount` rules,
 * about 15 % of findings failing, 2 % errors, 10 % skipped, 1 host in 50 not checked.
 */
export const syntheticAudit = (hostCount: number, ruleCount: number): AuditReport => {
  let seed = 42;
  /** mulberry32: small, fast, and the same sequence on every run. */
  const random = (): number => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const rules = Array.from({ length: ruleCount }, (_, i) => ({
    ruleId: `R${String(i + 1).padStart(2, '0')}`,
    severity: severities[i % severities.length] ?? 'medium',
    theme: `theme-${i % 6}`,
  }));
  const hosts: HostResult[] = [];
  for (let h = 0; h < hostCount; h += 1) {
    const name = `ws-${String(h).padStart(5, '0')}.ministere.etat.lu`;
    if (h % 50 === 49) {
      hosts.push(uncheckedHost(name, 'unreachable', `ssh: connect to host ${name} port 22: No route to host`));
      continue;
    }
    const findings = rules.map((r): Finding => {
      const x = random();
      const status: Status = x < 0.15 ? 'fail' : x < 0.17 ? 'error' : x < 0.27 ? 'skip' : 'pass';
      return finding({
        ...r,
        title: `Rule ${r.ruleId}: something the charter requires of every workstation`,
        status,
        message:
          status === 'fail'
            ? `Not compliant: facts.${r.ruleId.toLowerCase()}.value: ${Math.floor(random() * 100)} is not at most 15.`
            : status === 'error'
              ? `probe family-${r.ruleId} failed: command timed out after 5000 ms`
              : status === 'skip'
                ? 'not applicable: needs a live system (processes, sockets, sessions)'
                : 'Compliant.',
        evidence: status === 'fail' ? [{ fact: `facts.${r.ruleId.toLowerCase()}.value`, actual: Math.floor(random() * 100), expected: 'at most 15' }] : [],
        remediation: `Set the value of ${r.ruleId} to at most 15 in the system configuration, then run charter check again.`,
      });
    });
    hosts.push(checkedHost(hostReport(name, findings)));
  }
  return auditOf(hosts);
};

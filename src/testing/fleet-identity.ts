/**
 * A fleet as the Ansible example gathers it (one snapshot per inventory host, named after it), run
 * through the real audit pipeline, with every case of machine identity: fresh and stale collections,
 * one machine collected twice, two machines both called `vm`, a clone that kept its template's
 * machine id, a redacted snapshot, a host whose rule errs (undetermined) and a manual rule.
 */
import { TargetError } from '../errors.js';
import { audit } from '../fleet/audit.js';
import type { AuditReport, HostResult } from '../fleet/model.js';
import type { ReportStore } from '../fleet/report-store.js';
import type { Snapshot } from '../hosts/snapshot-format.js';
import type { FleetTarget } from '../fleet/targets.js';
import { snapshotName } from '../fleet/targets.js';
import { hostFromSnapshot } from '../hosts/snapshot.js';
import type { Language, ProbeOutcome } from '../model.js';
import type { Policy } from '../policy/policy.js';
import { testPolicy, testRule } from './policy-in-memory.js';

/** When the audit runs: snapshots collected more than 30 days before are stale. */
export const auditTime = '2026-11-22T08:00:00.000Z';

export const identityPolicy = (staleAfterDays?: number): Policy => ({
  ...testPolicy([
    testRule('FW-01', { fact: 'firewall.enabled', expect: { equals: true } }),
    testRule('ORG-01', undefined, { manual: true, severity: 'medium' }),
  ]),
  ...(staleAfterDays === undefined ? {} : { audit: { staleAfterDays } }),
});

interface Machine {
  file: string;
  name: string | null;
  machineId: string | null;
  collectedAt: string;
  os: [string, string];
  firewall: ProbeOutcome;
  redacted?: boolean;
}

const on: ProbeOutcome = { status: 'ok', facts: { enabled: true } };
const off: ProbeOutcome = { status: 'ok', facts: { enabled: false } };
const broken: ProbeOutcome = { status: 'error', message: 'nft list ruleset timed out', code: 'timeout' };

const idA = 'a1'.repeat(16);
const idB = 'b2'.repeat(16);

/** The machines, in the order the audit is given them (file names sorted, as a directory gives them). */
export const identityMachines: readonly Machine[] = [
  {
    file: 'clone-0009.json',
    name: 'PC-0009',
    machineId: idA,
    collectedAt: '2026-11-21T09:00:00.000Z',
    os: ['Debian GNU/Linux 12 (bookworm)', '12'],
    firewall: on,
  },
  {
    file: 'vm-a.json',
    name: 'vm',
    machineId: 'c3'.repeat(16),
    collectedAt: '2026-11-20T10:00:00.000Z',
    os: ['Debian GNU/Linux 12 (bookworm)', '12'],
    firewall: off,
  },
  {
    file: 'vm-b.json',
    name: 'vm',
    machineId: 'd4'.repeat(16),
    collectedAt: '2026-11-20T11:00:00.000Z',
    os: ['Debian GNU/Linux 12 (bookworm)', '12'],
    firewall: on,
  },
  {
    file: 'ws-0001.json',
    name: 'PC-0001',
    machineId: idA,
    collectedAt: '2026-11-20T08:30:00.000Z',
    os: ['Debian GNU/Linux 12 (bookworm)', '12'],
    firewall: on,
  },
  { file: 'ws-0002-august.json', name: 'PC-0002', machineId: idB, collectedAt: '2026-08-01T07:00:00.000Z', os: ['Ubuntu 22.04.4 LTS', '22.04'], firewall: on },
  {
    file: 'ws-0002.json',
    name: 'pc-0002.ministere.etat.lu',
    machineId: idB,
    collectedAt: '2026-09-01T07:15:00.000Z',
    os: ['Ubuntu 24.04.1 LTS', '24.04'],
    firewall: off,
  },
  {
    file: 'ws-0003.json',
    name: 'host-5f0c2d9e7a41',
    machineId: 'e5'.repeat(16),
    collectedAt: '2026-11-19T16:45:00.000Z',
    os: ['Fedora Linux 41 (Workstation Edition)', '41'],
    firewall: broken,
    redacted: true,
  },
];

const snapshotOf = (m: Machine): Snapshot => ({
  snapshotVersion: 2,
  tool: { name: 'charter', version: '0.0.0-test' },
  collectedAt: m.collectedAt,
  platform: 'linux',
  target: { kind: 'local', name: 'local', class: 'live' },
  capabilities: { read: true, exec: true, live: true },
  host: { name: m.name, machineId: m.machineId, redacted: m.redacted ?? false },
  catalog: { file: 'catalog/apps.yaml', sha256: '0'.repeat(64), apps: 0 },
  facts: {
    os: { status: 'ok', facts: { family: 'linux', distributionName: m.os[0], version: m.os[1] } },
    firewall: m.firewall,
  },
});

/** The machines as snapshot targets, as `charter audit snapshots/` would make them (no files needed). */
export const identityTargets = (machines: readonly Machine[] = identityMachines): FleetTarget[] =>
  machines.map((m) => {
    const source = `snapshots/${m.file}`;
    return { source, name: snapshotName(source), openFailure: 'invalid', open: () => Promise.resolve(hostFromSnapshot(snapshotOf(m), source)) };
  });

/** The fleet audited at auditTime by the real pipeline, plus one inventory host that did not answer. */
export const identityAudit = async (
  options: { language?: Language; staleAfterDays?: number; store?: ReportStore; spillRows?: boolean; onHost?: (result: HostResult) => void } = {},
): Promise<AuditReport> => {
  const unreachable: FleetTarget = {
    source: 'ssh:audit@10.20.30.44:2222',
    name: 'ws-0004',
    openFailure: 'unreachable',
    open: () => Promise.reject(new TargetError('ssh: connect to host 10.20.30.44 port 2222: Connection refused')),
  };
  const now = new Date(auditTime);
  return audit({
    targets: [...identityTargets(), unreachable],
    policy: identityPolicy(options.staleAfterDays),
    language: options.language ?? 'en',
    failOn: 'medium',
    now: () => now,
    tool: { name: 'charter', version: '0.0.0-test' },
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.onHost === undefined ? {} : { onHost: options.onHost }),
    ...(options.spillRows === undefined ? {} : { spillRows: options.spillRows }),
  });
};

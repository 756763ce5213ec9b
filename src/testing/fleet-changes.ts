/**
 * Two audits of one small fleet, a quarter apart, through the real audit pipeline, with known
 * differences planted between them: for the groups and baseline tests (src/fleet/*.test.ts).
 * Machines are in-memory snapshots with two facts that two rules read: the firewall (FW-01) and
 * disk encryption (ENC-01); a third rule (ORG-01) is manual.
 */
import { createHash } from 'node:crypto';
import { TargetError } from '../errors.js';
import { audit } from '../fleet/audit.js';
import type { ReportStore } from '../fleet/report-store.js';
import type { Baseline } from '../fleet/baseline.js';
import type { AuditReport } from '../fleet/model.js';
import type { FleetTarget } from '../fleet/targets.js';
import type { Snapshot } from '../hosts/snapshot-format.js';
import { hostFromSnapshot } from '../hosts/snapshot.js';
import type { ProbeOutcome } from '../model.js';
import type { Policy } from '../policy/policy.js';
import { testPolicy, testRule } from './policy-in-memory.js';

export const changesPolicy = (extra: readonly string[] = []): Policy => ({
  ...testPolicy([
    testRule('FW-01', { fact: 'firewall.enabled', expect: { equals: true } }),
    testRule('ENC-01', { fact: 'disk.encrypted', expect: { equals: true } }),
    testRule('ORG-01', undefined, { manual: true, severity: 'medium' }),
    ...extra.map((id) => testRule(id, { fact: 'firewall.enabled', expect: { equals: true } })),
  ]),
  // Another policy's content, another hash.
  sha256: createHash('sha256').update(extra.join(',')).digest('hex'),
});

export interface TestMachine {
  /** The inventory name (the snapshot file's name). */
  name: string;
  /** Host name and machine id in the snapshot; null id: a target that has none. */
  hostName: string;
  machineId: string | null;
  firewall: boolean | 'error';
  encrypted: boolean;
  /** The snapshot's `group` field. */
  group?: string;
  /** Its folder under the audit's directory. */
  folder?: string;
  /** Inventory groups (a host reached over ssh would have them). */
  groups?: string[];
  redacted?: boolean;
  /** Not reachable this time. */
  down?: boolean;
}

const outcome = (value: boolean | 'error', field: string): ProbeOutcome =>
  value === 'error' ? { status: 'error', message: 'timed out', code: 'timeout' } : { status: 'ok', facts: { [field]: value } };

const snapshotOf = (m: TestMachine, collectedAt: string): Snapshot => ({
  snapshotVersion: 2,
  tool: { name: 'charter', version: '0.0.0-test' },
  collectedAt,
  platform: 'linux',
  target: { kind: 'local', name: 'local', class: 'live' },
  capabilities: { read: true, exec: true, live: true },
  host: { name: m.hostName, machineId: m.machineId, redacted: m.redacted ?? false },
  ...(m.group === undefined ? {} : { group: m.group }),
  catalog: { file: 'catalog/apps.yaml', sha256: '0'.repeat(64), apps: 0 },
  facts: {
    os: { status: 'ok', facts: { family: 'linux', distributionName: 'Debian GNU/Linux 12 (bookworm)', version: '12' } },
    firewall: outcome(m.firewall, 'enabled'),
    disk: outcome(m.encrypted, 'encrypted'),
  },
});

export const machineTargets = (machines: readonly TestMachine[], collectedAt: string): FleetTarget[] =>
  machines.map((m) => {
    const source = m.folder === undefined ? `snapshots/${m.name}.json` : `snapshots/${m.folder}/${m.name}.json`;
    return {
      source,
      name: m.name,
      openFailure: 'unreachable',
      open: () =>
        m.down === true
          ? Promise.reject(new TargetError(`${m.name}: Connection refused`))
          : Promise.resolve(hostFromSnapshot(snapshotOf(m, collectedAt), source)),
      ...(m.folder === undefined ? {} : { folder: m.folder }),
      ...(m.groups === undefined ? {} : { groups: m.groups }),
    };
  });

const id = (n: number): string => n.toString(16).padStart(32, '0');

/** The fleet of the first audit (the baseline). */
export const quarterOne: readonly TestMachine[] = [
  { name: 'ws-01', hostName: 'PC-01', machineId: id(1), firewall: true, encrypted: true, folder: 'MinFin' },
  { name: 'ws-02', hostName: 'PC-02', machineId: id(2), firewall: false, encrypted: true, folder: 'MinFin' },
  { name: 'ws-03', hostName: 'PC-03', machineId: id(3), firewall: true, encrypted: false, folder: 'MinFin/Treasury' },
  { name: 'ws-04', hostName: 'PC-04', machineId: id(4), firewall: false, encrypted: false, folder: 'MinEdu' },
  { name: 'ws-05', hostName: 'PC-05', machineId: id(5), firewall: true, encrypted: true, folder: 'MinEdu' },
  { name: 'ws-06', hostName: 'PC-06', machineId: id(6), firewall: true, encrypted: true, folder: 'MinEdu' },
  { name: 'ws-07', hostName: 'PC-07', machineId: id(7), firewall: false, encrypted: true, folder: 'MinEdu' },
  { name: 'ws-08', hostName: 'PC-08', machineId: null, firewall: true, encrypted: true, folder: 'MinEdu' },
  { name: 'ws-09', hostName: 'PC-09', machineId: id(9), firewall: true, encrypted: true, folder: 'MinEdu', down: true },
  { name: 'ws-10', hostName: 'pseudo-1a2b', machineId: 'pseudo-9f8e', firewall: false, encrypted: true, folder: 'MinEdu', redacted: true },
];

/**
 * The second audit, with the planted differences:
 *   ws-01 FW-01 newly fails; ws-02 FW-01 fixed; ws-03 ENC-01 still fails; ws-04 FW-01 fixed and
 *   ENC-01 still fails; ws-05 is renamed in the inventory (`ws-05-new`) but is the same machine;
 *   ws-06 is gone (missing); ws-07's FW-01 errs now (still failing: unknown is not compliant);
 *   ws-08 (no machine id) is matched by name, ENC-01 newly fails; ws-09, down before, is compared
 *   by nothing (uncompared); ws-10 (redacted) FW-01 fixed; ws-11 is new; ws-12 is new under an
 *   old name: `ws-06`'s inventory name on another machine (both machine ids known, they differ).
 */
export const quarterTwo: readonly TestMachine[] = [
  { name: 'ws-01', hostName: 'PC-01', machineId: id(1), firewall: false, encrypted: true, folder: 'MinFin' },
  { name: 'ws-02', hostName: 'pc-02.etat.lu', machineId: id(2), firewall: true, encrypted: true, folder: 'MinFin' },
  { name: 'ws-03', hostName: 'PC-03', machineId: id(3), firewall: true, encrypted: false, folder: 'MinFin/Treasury' },
  { name: 'ws-04', hostName: 'PC-04', machineId: id(4), firewall: true, encrypted: false, folder: 'MinEdu' },
  { name: 'ws-05-new', hostName: 'PC-05', machineId: id(5), firewall: true, encrypted: true, folder: 'MinEdu' },
  { name: 'ws-07', hostName: 'PC-07', machineId: id(7), firewall: 'error', encrypted: true, folder: 'MinEdu' },
  { name: 'ws-08', hostName: 'PC-08', machineId: null, firewall: true, encrypted: false, folder: 'MinEdu' },
  { name: 'ws-09', hostName: 'PC-09', machineId: id(9), firewall: true, encrypted: true, folder: 'MinEdu' },
  { name: 'ws-10', hostName: 'pseudo-1a2b', machineId: 'pseudo-9f8e', firewall: true, encrypted: true, folder: 'MinEdu', redacted: true },
  { name: 'ws-11', hostName: 'PC-11', machineId: id(11), firewall: true, encrypted: true, folder: 'MinEdu' },
  { name: 'ws-06', hostName: 'PC-12', machineId: id(12), firewall: true, encrypted: true, folder: 'MinEdu' },
];

export const quarterOneTime = '2026-08-20T08:00:00.000Z';
export const quarterTwoTime = '2026-11-20T08:00:00.000Z';

/** One audit of `machines` at `at` with the real pipeline. */
export const auditMachines = (
  machines: readonly TestMachine[],
  at: string,
  options: { baseline?: Baseline; policy?: Policy; concurrency?: number; store?: ReportStore; spillRows?: boolean } = {},
): Promise<AuditReport> => {
  const now = new Date(at);
  return audit({
    targets: machineTargets(machines, at),
    policy: options.policy ?? changesPolicy(),
    language: 'en',
    failOn: 'low',
    now: () => now,
    tool: { name: 'charter', version: '0.0.0-test' },
    ...(options.concurrency === undefined ? {} : { concurrency: options.concurrency }),
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    ...(options.store === undefined ? {} : { store: options.store }),
    ...(options.spillRows === undefined ? {} : { spillRows: options.spillRows }),
  });
};

/**
 * What a report says about the machine it checked (report.host), whatever the target is called,
 * and waivers written for the machine's own host name.
 */
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import type { Waiver } from './governance/load.js';
import type { Host } from './hosts/host.js';
import { hostFromSnapshot } from './hosts/snapshot.js';
import type { Snapshot } from './hosts/snapshot-format.js';
import { fakeHost } from './testing/fake-host.js';
import { testPolicy, testRule } from './testing/policy-in-memory.js';

const policy = testPolicy([testRule('FW-01', { fact: 'os.family', expect: { equals: 'windows' } })]);
const tool = { name: 'charter', version: '0.0.0-test' };
const machineId = '5c3e1f0a9b8d4c7e8f6a5b4c3d2e1f0a';

/** A machine named like an agency workstation, checked as `local` (how `charter check` names it). */
const workstation = (name = 'PC-0417.ministere.etat.lu', id = machineId): Host => ({
  ...fakeHost({
    files: {
      '/proc/sys/kernel/hostname': `${name.split('.')[0] ?? name}\n`,
      '/etc/hostname': `${name}\n`,
      '/etc/machine-id': `${id}\n`,
      '/etc/os-release': 'PRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\nNAME="Debian GNU/Linux"\nVERSION_ID="12"\nID=debian\n',
    },
  }),
  kind: 'local',
  name: 'local',
});

const waiver = (hosts: Waiver['hosts']): Waiver => ({
  rule: 'FW-01',
  hosts,
  reason: 'Lab machine.',
  approver: 'RSSI',
  granted: '2026-01-01',
  expires: '2027-01-01',
  file: 'waivers.yaml',
  line: 2,
});

const at = (iso: string) => () => new Date(iso);

describe('report.host', () => {
  it('names the machine by its own host name, machine id, OS and version, and the time its facts are from', async () => {
    const { report } = await check({ policy, host: workstation(), language: 'en', now: at('2026-11-22T08:00:00.000Z'), tool });
    expect(report.target.name).toBe('local');
    expect(report.host).toEqual({
      name: 'PC-0417',
      machineId,
      redacted: false,
      os: 'Debian GNU/Linux 12 (bookworm)',
      osVersion: '12',
      collectedAt: '2026-11-22T08:00:00.000Z',
    });
  });

  it('with redact, shows pseudonyms that two checks days apart agree on, and never the real names', async () => {
    const first = await check({ policy, host: workstation(), language: 'en', now: at('2026-11-22T08:00:00.000Z'), tool, redact: true });
    const second = await check({ policy, host: workstation(), language: 'en', now: at('2026-12-03T17:30:00.000Z'), tool, redact: true });
    expect(first.report.host?.redacted).toBe(true);
    expect(first.report.host?.name).toMatch(/^host-[0-9a-f]{12}$/);
    expect(first.report.host?.machineId).toMatch(/^[0-9a-f]{32}$/);
    expect(second.report.host?.name).toBe(first.report.host?.name);
    expect(second.report.host?.machineId).toBe(first.report.host?.machineId);
    const text = JSON.stringify(first.report);
    expect(text).not.toMatch(/PC-0417/i);
    expect(text).not.toContain(machineId);
    // Another machine of the same name (a cloned `vm`) gets another pseudonym.
    const twin = await check({ policy, host: workstation('PC-0417', 'a'.repeat(32)), language: 'en', now: at('2026-11-22T08:00:00.000Z'), tool, redact: true });
    expect(twin.report.host?.name).not.toBe(first.report.host?.name);
  });

  it('of a snapshot is what the snapshot recorded, judged as of its collection', async () => {
    const snapshot: Snapshot = {
      snapshotVersion: 2,
      tool,
      collectedAt: '2026-10-01T06:00:00.000Z',
      platform: 'linux',
      target: { kind: 'local', name: 'local', class: 'live' },
      capabilities: { read: true, exec: true, live: true },
      host: { name: 'host-0123456789ab', machineId: 'f'.repeat(32), redacted: true },
      catalog: { file: 'catalog/apps.yaml', sha256: '0'.repeat(64), apps: 0 },
      facts: { os: { status: 'ok', facts: { family: 'linux', distributionName: 'Ubuntu 24.04.1 LTS', version: '24.04' } } },
    };
    const { report } = await check({ policy, host: hostFromSnapshot(snapshot, 'ws-0417.json'), language: 'en', now: at('2026-11-22T08:00:00.000Z'), tool });
    expect(report.host).toEqual({
      name: 'host-0123456789ab',
      machineId: 'f'.repeat(32),
      redacted: true,
      os: 'Ubuntu 24.04.1 LTS',
      osVersion: '24.04',
      collectedAt: '2026-10-01T06:00:00.000Z',
    });
  });
});

describe('waivers on a local check', () => {
  it('apply when written for the machine’s real host name, short or full, though the target is `local`', async () => {
    for (const hosts of [['pc-0417'], ['PC-0417*'], ['pc-0417.ministere.etat.lu'], ['*.ministere.etat.lu']] as const) {
      const { report } = await check({
        policy,
        host: workstation(),
        language: 'en',
        now: at('2026-11-22T08:00:00.000Z'),
        tool,
        governance: { waivers: [waiver(hosts)], attestations: [] },
      });
      expect([hosts, report.findings[0]?.status]).toEqual([hosts, 'waived']);
    }
  });

  it('still apply with redact, and never to another machine', async () => {
    const redacted = await check({
      policy,
      host: workstation(),
      language: 'en',
      now: at('2026-11-22T08:00:00.000Z'),
      tool,
      redact: true,
      governance: { waivers: [waiver(['pc-0417'])], attestations: [] },
    });
    expect(redacted.report.findings[0]?.status).toBe('waived');
    const other = await check({
      policy,
      host: workstation('PC-0999.ministere.etat.lu'),
      language: 'en',
      now: at('2026-11-22T08:00:00.000Z'),
      tool,
      governance: { waivers: [waiver(['pc-0417', 'local2'])], attestations: [] },
    });
    expect(other.report.findings[0]?.status).toBe('fail');
    expect(other.report.governance?.waivers).toEqual([]);
  });
});

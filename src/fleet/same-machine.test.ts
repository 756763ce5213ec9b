import { describe, expect, it } from 'vitest';
import { auditTime, identityAudit } from '../testing/fleet-identity.js';
import type { HostResult } from './model.js';
import { hostJson } from '../reporters/audit/json.js';
import { attachStoredReport } from './stored-report.js';
import { annotate, isStale, sameMachines } from './same-machine.js';

const row = (name: string, hostName: string | null, machineId: string | null, collectedAt: string, redacted = false): HostResult => ({
  source: `snapshots/${name}.json`,
  name,
  status: 'checked',
  identity: { name: hostName, machineId, redacted, os: null, osVersion: null, collectedAt },
  durationMs: 1,
});

describe('sameMachines', () => {
  it('folds targets of one machine (same machine id and host name) into the latest collection, naming the others', () => {
    const id = '9f'.repeat(16);
    const results = [
      row('old', 'PC-7', id, '2026-10-01T00:00:00.000Z'),
      row('new', 'pc-7.etat.lu', id, '2026-11-01T00:00:00.000Z'),
      row('older', 'PC-7', id.toUpperCase(), '2026-09-01T00:00:00.000Z'),
      row('other', 'PC-8', 'aa'.repeat(16), '2026-11-01T00:00:00.000Z'),
    ];
    const { dropped, notes } = sameMachines(results);
    expect([...dropped].sort()).toEqual([0, 2]);
    expect(notes.get(1)?.duplicates).toEqual([
      { source: 'snapshots/old.json', name: 'old', collectedAt: '2026-10-01T00:00:00.000Z' },
      { source: 'snapshots/older.json', name: 'older', collectedAt: '2026-09-01T00:00:00.000Z' },
    ]);
    expect(notes.has(3)).toBe(false);
  });

  it('keeps apart machines that share a name but not an id, or an id but not a name, or have no id', () => {
    const results: HostResult[] = [
      row('vm-1', 'vm', '01'.repeat(16), '2026-11-01T00:00:00.000Z'),
      row('vm-2', 'vm', '02'.repeat(16), '2026-11-01T00:00:00.000Z'),
      row('template', 'tpl', '03'.repeat(16), '2026-11-01T00:00:00.000Z'),
      row('clone', 'clone', '03'.repeat(16), '2026-11-01T00:00:00.000Z'),
      row('no-id-1', 'vm', null, '2026-11-01T00:00:00.000Z'),
      row('no-id-2', 'vm', null, '2026-11-01T00:00:00.000Z'),
      // A pseudonym and a real id that happen to be equal are not one machine.
      row('redacted', 'clone', '03'.repeat(16), '2026-11-01T00:00:00.000Z', true),
      { source: 'ssh:pc', name: 'pc', status: 'unreachable', reason: 'refused', durationMs: 1 },
    ];
    const { dropped, notes } = sameMachines(results);
    expect(dropped.size).toBe(0);
    expect(notes.get(2)).toEqual({ sameMachineId: ['clone'] });
    expect(notes.get(3)).toEqual({ sameMachineId: ['template'] });
    expect([...notes.keys()].sort()).toEqual([2, 3]);
  });
});

describe('isStale', () => {
  it('is older than the days given before the audit; an unreadable time is not known to be stale', () => {
    const at = new Date('2026-11-22T08:00:00.000Z');
    expect(isStale('2026-10-23T07:59:59.000Z', at, 30)).toBe(true);
    expect(isStale('2026-10-23T08:00:00.000Z', at, 30)).toBe(false);
    expect(isStale('2026-11-22T09:00:00.000Z', at, 30)).toBe(false);
    expect(isStale('not a date', at, 30)).toBe(false);
  });
});

describe('annotate', () => {
  it('adds notes to a result in place, which its json line then prints, without reading its report', () => {
    const result = row('pc', 'pc', null, auditTime);
    const stored = '{"kept":"apart"}';
    let reads = 0;
    attachStoredReport(result, () => {
      reads += 1;
      return stored;
    });
    annotate(result, { stale: true });
    expect(result.stale).toBe(true);
    expect(reads).toBe(0);
    expect(JSON.parse(hostJson(result))).toMatchObject({ name: 'pc', stale: true, report: { kept: 'apart' } });
  });
});

describe('an audit of the Ansible example’s snapshots', () => {
  it('names rows by inventory name, with host name, OS and collection date, and folds one machine seen twice', async () => {
    const audit = await identityAudit();
    expect(audit.hosts.map((h) => h.name)).toEqual(['clone-0009', 'vm-a', 'vm-b', 'ws-0001', 'ws-0002', 'ws-0003', 'ws-0004']);
    const ws2 = audit.hosts.find((h) => h.name === 'ws-0002');
    expect(ws2?.identity).toMatchObject({
      name: 'pc-0002.ministere.etat.lu',
      os: 'Ubuntu 24.04.1 LTS',
      osVersion: '24.04',
      collectedAt: '2026-09-01T07:15:00.000Z',
    });
    expect(ws2?.duplicates).toEqual([{ source: 'snapshots/ws-0002-august.json', name: 'ws-0002-august', collectedAt: '2026-08-01T07:00:00.000Z' }]);
    expect(ws2?.stale).toBe(true);
    expect(audit.hosts.filter((h) => h.stale === true).map((h) => h.name)).toEqual(['ws-0002']);
    expect(audit.hosts.find((h) => h.name === 'ws-0001')?.sameMachineId).toEqual(['clone-0009']);
    expect(audit.staleAfterDays).toBe(30);
    expect(audit.summary).toEqual({
      total: 7,
      checked: 6,
      compliant: 3,
      nonCompliant: 3,
      undetermined: 1,
      notChecked: 1,
      incomplete: 1,
      stale: 1,
      duplicates: 1,
    });
    // The folded snapshot is out of the rule counts too: one count per host reported.
    const fw = audit.rules.find((r) => r.ruleId === 'FW-01');
    expect(fw?.counts).toEqual({ pass: 3, fail: 2, error: 1, skip: 0, waived: 0, manual: 0 });
    expect(audit.rules.find((r) => r.ruleId === 'ORG-01')?.counts.manual).toBe(6);
  });

  it('takes the age past which facts are stale from the policy', async () => {
    const lenient = await identityAudit({ staleAfterDays: 120 });
    expect(lenient.staleAfterDays).toBe(120);
    expect(lenient.summary.stale).toBe(0);
    const strict = await identityAudit({ staleAfterDays: 1 });
    expect(strict.hosts.filter((h) => h.stale === true).map((h) => h.name)).toEqual(['vm-a', 'vm-b', 'ws-0001', 'ws-0002', 'ws-0003']);
  });
});

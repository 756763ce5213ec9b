import { describe, expect, it } from 'vitest';
import { auditMachines, quarterTwo, quarterTwoTime } from '../testing/fleet-changes.js';
import type { TestMachine } from '../testing/fleet-changes.js';
import { groupPath, groupProblem, groupsOf } from './groups.js';
import { parseInventory } from './inventory.js';
import { inventoryTargets } from './targets.js';

describe('group paths and precedence', () => {
  it('puts a nested path in each of its ancestors', () => {
    expect(groupPath('MinFin/Treasury/Payroll')).toEqual(['MinFin', 'MinFin/Treasury', 'MinFin/Treasury/Payroll']);
    expect(groupPath('a\\b')).toEqual(['a', 'a/b']);
    expect(groupPath('')).toEqual([]);
    expect(groupPath('./x//y/')).toEqual(['x', 'x/y']);
  });

  it('takes inventory groups first, then the snapshot field, then the folder', () => {
    expect(groupsOf({ inventory: ['web', 'dmz'], field: 'MinFin', folder: 'MinEdu' })).toEqual(['dmz', 'web']);
    expect(groupsOf({ inventory: [], field: 'MinFin/IT', folder: 'MinEdu' })).toEqual(['MinFin', 'MinFin/IT']);
    expect(groupsOf({ folder: 'Ministère de la Santé' })).toEqual(['Ministère de la Santé']);
    expect(groupsOf({})).toBeUndefined();
  });

  it('refuses group names that are empty, too long or hold control characters', () => {
    expect(groupProblem('MinFin/Treasury')).toBeUndefined();
    expect(groupProblem(' ')).toMatch(/empty/);
    expect(groupProblem('a//b')).toMatch(/empty part/);
    expect(groupProblem('x'.repeat(201))).toMatch(/at most 200/);
    expect(groupProblem('a\u001b[31m')).toMatch(/control/);
  });
});

describe('the fleet per group', () => {
  it('counts every rule per group, a host in each of its groups, hosts in no group nowhere', async () => {
    const machines: TestMachine[] = [
      ...quarterTwo,
      // An ssh host of two inventory groups; its snapshot folder is not looked at.
      { name: 'srv-1', hostName: 'SRV-1', machineId: 'f'.repeat(32), firewall: false, encrypted: false, groups: ['dmz', 'web'], folder: 'MinFin' },
      // The snapshot's own field, over its folder.
      { name: 'lap-1', hostName: 'LAP-1', machineId: 'e'.repeat(32), firewall: false, encrypted: true, group: 'MinJus/Courts', folder: 'MinEdu' },
      { name: 'loose', hostName: 'LOOSE', machineId: 'd'.repeat(32), firewall: false, encrypted: true },
    ];
    const report = await auditMachines(machines, quarterTwoTime);
    const byName = Object.fromEntries(report.hosts.map((h) => [h.name, h.groups]));
    expect(byName['ws-03']).toEqual(['MinFin', 'MinFin/Treasury']);
    expect(byName['srv-1']).toEqual(['dmz', 'web']);
    expect(byName['lap-1']).toEqual(['MinJus', 'MinJus/Courts']);
    expect(byName.loose).toBeUndefined();
    const groups = Object.fromEntries((report.groups ?? []).map((g) => [g.group, g]));
    expect(Object.keys(groups)).toEqual(['MinEdu', 'MinFin', 'MinFin/Treasury', 'MinJus', 'MinJus/Courts', 'dmz', 'web']);
    const fails = (group: string): Record<string, [number, number, number]> =>
      Object.fromEntries((groups[group]?.rules ?? []).map((r) => [r.ruleId, [r.counts.fail, r.counts.error, r.counts.pass]]));
    // MinFin: ws-01 (firewall off), ws-02, ws-03 (not encrypted, in MinFin/Treasury).
    expect(groups.MinFin?.summary).toMatchObject({ total: 3, checked: 3, compliant: 1, nonCompliant: 2 });
    expect(fails('MinFin')).toEqual({ 'FW-01': [1, 0, 2], 'ENC-01': [1, 0, 2], 'ORG-01': [0, 0, 0] });
    expect(fails('MinFin/Treasury')).toEqual({ 'FW-01': [0, 0, 1], 'ENC-01': [1, 0, 0], 'ORG-01': [0, 0, 0] });
    // MinEdu: ws-04 ws-05-new ws-07 (firewall errs) ws-08 ws-09 ws-10 ws-11 ws-06.
    expect(groups.MinEdu?.summary).toMatchObject({ total: 8, checked: 8, nonCompliant: 3, undetermined: 1 });
    expect(fails('MinEdu')).toEqual({ 'FW-01': [0, 1, 7], 'ENC-01': [2, 0, 6], 'ORG-01': [0, 0, 0] });
    expect(fails('dmz')).toEqual(fails('web'));
    expect(groups.web?.summary.total).toBe(1);
    // The groups add up to the fleet for a rule when each host is in one top-level group.
    const top = ['MinEdu', 'MinFin', 'MinJus', 'dmz'];
    const sum = top.reduce((n, g) => n + (groups[g]?.rules.find((r) => r.ruleId === 'FW-01')?.counts.fail ?? 0), 0);
    expect(sum + 1).toBe(report.rules.find((r) => r.ruleId === 'FW-01')?.counts.fail);
  });

  it('has no groups section when no host belongs to a group', async () => {
    const report = await auditMachines(
      quarterTwo.map((m) => {
        const copy = { ...m };
        delete copy.folder;
        return copy;
      }),
      quarterTwoTime,
    );
    expect(report.groups).toBeUndefined();
    expect(report.hosts.every((h) => h.groups === undefined)).toBe(true);
  });

  it('gives ssh hosts their Ansible groups, nested ones included, from INI and YAML inventories alike', () => {
    const ini = [
      '[MinFin]',
      'ws-1',
      '[MinFin_IT]',
      'ws-2',
      'ws-1',
      '[ministries:children]',
      'MinFin',
      '[MinFin:children]',
      'MinFin_IT',
      '[loose_hosts]',
      '',
    ].join('\n');
    const yaml = [
      'all:',
      '  hosts:',
      '    ws-3:',
      '  children:',
      '    ministries:',
      '      children:',
      '        MinFin:',
      '          hosts:',
      '            ws-1:',
      '          children:',
      '            MinFin_IT:',
      '              hosts:',
      '                ws-2:',
      '                ws-1:',
      '',
    ].join('\n');
    for (const [text, file] of [
      [ini, 'hosts.ini'],
      [yaml, 'hosts.yaml'],
    ] as const) {
      const targets = inventoryTargets(parseInventory(text, file));
      expect(Object.fromEntries(targets.map((t) => [t.name, t.groups])), file).toEqual({
        'ws-1': ['MinFin', 'MinFin_IT', 'ministries'],
        'ws-2': ['MinFin', 'MinFin_IT', 'ministries'],
        ...(file === 'hosts.yaml' ? { 'ws-3': undefined } : {}),
      });
    }
  });
});

import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { messagesFor } from '../i18n/messages.js';
import { csv } from '../reporters/audit/csv.js';
import { html } from '../reporters/audit/html.js';
import { json } from '../reporters/audit/json.js';
import { text } from '../reporters/audit/text.js';
import { auditMachines, quarterOne, quarterOneTime, quarterTwo, quarterTwoTime, type TestMachine } from '../testing/fleet-changes.js';
import { identityAudit } from '../testing/fleet-identity.js';
import { memoryRows, spilledRows } from './audit-rows.js';
import { parseBaseline } from './baseline.js';
import type { AuditReport, HostResult } from './model.js';
import { fileReportStore, memoryReportStore, type ReportStore } from './report-store.js';
import { attachStoredPlace, storedReports } from './stored-report.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});
const fileStore = (): ReportStore => {
  const dir = mkdtempSync(join(tmpdir(), 'charter-rows-'));
  dirs.push(dir);
  return fileReportStore(dir);
};
const stores = [
  ['memory', () => memoryReportStore()],
  ['file', fileStore],
] as const;

const placed = (store: ReportStore) => {
  const { append, read } = store;
  if (append === undefined || read === undefined) throw new Error('a store of this file keeps places');
  return { ...store, append, read };
};

/** A checked row whose report is kept in `store`, and one not checked. */
const checkedRow = (store: ReportStore, name: string, machineId: string | null, collectedAt: string): HostResult => {
  const row = {
    source: `snapshots/${name}.json`,
    name,
    status: 'checked',
    identity: { name: `${name}.etat.lu`, machineId, redacted: false, os: 'Debian GNU/Linux 12 (bookworm)', osVersion: '12', collectedAt },
  } as HostResult;
  attachStoredPlace(row, store, placed(store).append(JSON.stringify({ findings: [], host: name, text: 'Poste de l’agent ü 日本 \u{1F600}' })));
  Object.assign(row, { incomplete: [{ probe: 'browsers', status: 'error', message: 'timed out' }], durationMs: 12, groups: ['MinFin'], stale: true });
  return row;
};
const notChecked = (name: string): HostResult => ({ source: `ssh:${name}`, name, status: 'unreachable', reason: 'ssh: connect refused', durationMs: 0 });

/** What a row is: its own keys in order, and their values (the report read). */
const shape = (row: HostResult | undefined): [string[], unknown] => [Object.keys(row ?? {}), JSON.parse(JSON.stringify(row ?? null)) as unknown];

describe('spilled audit rows', () => {
  for (const [kind, make] of stores) {
    it(`${kind}: reads back each row as it was kept, its keys in order and its report read from the store, in any order and as often as asked`, () => {
      const store = make();
      const rows = spilledRows(4, placed(store));
      const kept = [
        checkedRow(store, 'ws-1', 'a1'.repeat(16), '2026-11-01T00:00:00.000Z'),
        notChecked('ws-2'),
        checkedRow(store, 'ws-3', null, '2026-11-02T00:00:00.000Z'),
      ];
      // Kept out of order, as hosts finish; index 3 never kept.
      for (const index of [2, 0, 1]) rows.keep(index, kept[index] as HostResult);
      for (const index of [1, 2, 0, 0]) {
        const back = rows.row(index);
        expect(shape(back)).toEqual(shape(kept[index]));
        expect(back).toEqual(kept[index]);
      }
      expect(rows.row(3)).toBeUndefined();
      // A new copy at every read, whose report is a getter over the store, not a value of the row.
      expect(rows.row(0)).not.toBe(rows.row(0));
      expect(typeof Object.getOwnPropertyDescriptor(rows.row(0), 'report')?.get).toBe('function');
      expect(storedReports.get(rows.row(0) as HostResult)?.()).toBe(storedReports.get(kept[0] as HostResult)?.());
      store.close();
    });
  }

  it('keeps a row again in place of the one before (a note added at the end)', () => {
    const store = memoryReportStore();
    const rows = spilledRows(2, placed(store));
    rows.keep(0, notChecked('ws-1'));
    const row = rows.row(0) as HostResult;
    Object.assign(row, { sameMachineId: ['ws-9'] });
    rows.keep(0, row);
    expect(Object.keys(rows.row(0) ?? {})).toEqual(['source', 'name', 'status', 'reason', 'durationMs', 'sameMachineId']);
    expect(rows.row(0)?.sameMachineId).toEqual(['ws-9']);
  });

  it('refuses a row that holds its report instead of its place in the store', () => {
    const rows = spilledRows(1, placed(memoryReportStore()));
    const held = { ...notChecked('ws-1'), status: 'checked', report: { findings: [] } } as unknown as HostResult;
    expect(() => {
      rows.keep(0, held);
    }).toThrow(/holds its report/);
  });

  it('names as candidates every checked row whose machine key another row shares, and no other', () => {
    const store = memoryReportStore();
    const rows = spilledRows(6, placed(store));
    const id = 'c3'.repeat(16);
    rows.keep(0, checkedRow(store, 'a', id, '2026-11-01T00:00:00.000Z'));
    rows.keep(1, checkedRow(store, 'b', 'd4'.repeat(16), '2026-11-01T00:00:00.000Z'));
    rows.keep(2, notChecked('c'));
    // The same machine id, another case: one machine id (same-machine.ts compares them so).
    rows.keep(3, checkedRow(store, 'd', id.toUpperCase(), '2026-11-01T00:00:00.000Z'));
    rows.keep(4, checkedRow(store, 'e', null, '2026-11-01T00:00:00.000Z'));
    rows.keep(5, checkedRow(store, 'f', null, '2026-11-01T00:00:00.000Z'));
    expect(rows.sameMachineCandidates()).toEqual([0, 3]);
    expect(memoryRows(0).sameMachineCandidates()).toEqual([]);
  });

  it('lists the rows but the dropped ones, in order, as a read-only array that reads each row when asked', () => {
    const store = fileStore();
    const rows = spilledRows(5, placed(store));
    const kept = ['h0', 'h1', 'h2', 'h3', 'h4'].map((name, i) => (i % 2 === 0 ? checkedRow(store, name, null, '2026-11-01T00:00:00.000Z') : notChecked(name)));
    kept.forEach((row, index) => {
      rows.keep(index, row);
    });
    const all = rows.list(new Set());
    const some = rows.list(new Set([1, 4]));
    expect(Array.isArray(all)).toBe(true);
    expect(all).toHaveLength(5);
    expect(all.map((h) => h.name)).toEqual(['h0', 'h1', 'h2', 'h3', 'h4']);
    expect(some.map((h) => h.name)).toEqual(['h0', 'h2', 'h3']);
    expect([...some.entries()].map(([i, h]) => `${String(i)}:${h.name}`)).toEqual(['0:h0', '1:h2', '2:h3']);
    expect(some[1]?.name).toBe('h2');
    expect(some[3]).toBeUndefined();
    expect(JSON.stringify(all)).toBe(JSON.stringify(kept));
    expect(all).toEqual(kept);
    expect(some.filter((h) => h.status === 'checked').map((h) => h.report)).toEqual([kept[0]?.report, kept[2]?.report]);
    expect(() => {
      some[0] = notChecked('x');
    }).toThrow(/read only/);
    expect(() => some.push(notChecked('x'))).toThrow(/read only/);
    store.close();
  });
});

const options = { messages: messagesFor('en'), color: false };
/** Every format's text; each host's time taken left out (it differs between two runs). */
const outputs = (audit: AuditReport): string[] =>
  [[...(json.chunks?.(audit, options) ?? [])].join(''), csv.render(audit, options), text.render(audit, options), html.render(audit, options)].map((out) =>
    out.replace(/"durationMs": ?\d+/g, '"durationMs":0'),
  );

describe('an audit whose rows are spilled to its store', () => {
  for (const [kind, make] of stores) {
    it(`${kind}: prints the same reports in every format, hosts in the same order, one machine seen twice folded the same way`, async () => {
      const store = make();
      const spilled = await identityAudit({ store, spillRows: true });
      const held = await identityAudit();
      expect(spilled.hosts.map((h) => h.name)).toEqual(['clone-0009', 'vm-a', 'vm-b', 'ws-0001', 'ws-0002', 'ws-0003', 'ws-0004']);
      expect(spilled.summary).toEqual(held.summary);
      expect(spilled.summary.duplicates).toBe(1);
      expect(spilled.hosts.find((h) => h.name === 'ws-0001')?.duplicates).toEqual(held.hosts.find((h) => h.name === 'ws-0001')?.duplicates);
      expect(outputs(spilled)).toEqual(outputs(held));
      store.close();
    });
  }

  it('compares with a baseline the same way, a machine seen twice taken out through its row read back', async () => {
    const store = fileStore();
    const baselineOf = async (machines: readonly TestMachine[]) =>
      parseBaseline(json.render(await auditMachines(machines, quarterOneTime), options), 'q1.json');
    const first = quarterOne[0] as TestMachine;
    const twice = [...quarterTwo, { ...first, name: 'ws-01-again' }];
    const spilled = await auditMachines(twice, quarterTwoTime, { baseline: await baselineOf(quarterOne), store, spillRows: true });
    const held = await auditMachines(twice, quarterTwoTime, { baseline: await baselineOf(quarterOne) });
    expect(spilled.summary.duplicates).toBe(1);
    expect(spilled.changes).toEqual(held.changes);
    expect(spilled.hosts.map((h) => h.change)).toEqual(held.hosts.map((h) => h.change));
    expect(outputs(spilled)).toEqual(outputs(held));
    store.close();
  });
});

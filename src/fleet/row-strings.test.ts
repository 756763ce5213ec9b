import { describe, expect, it } from 'vitest';
import type { HostResult } from './model.js';
import { shareRowStrings, textPool } from './row-strings.js';
import { attachStoredReport, storedReports } from './stored-report.js';
import { snapshotTarget } from './targets.js';

const identity = (os: string) => ({ name: 'pc-1', machineId: 'a'.repeat(32), redacted: false, os, osVersion: '12', collectedAt: '2026-12-01T08:00:00.000Z' });

/** A row as a worker thread sends it: every string a copy (structured clone), as postMessage gives it. */
const fromWorker = (row: HostResult): HostResult => structuredClone(row);

describe('textPool', () => {
  it('gives back an equal text, and stops pooling past its limit without changing any text', () => {
    const pooled = textPool(2);
    const values = ['Debian GNU/Linux 12 (bookworm)', 'Windows 11 Enterprise 23H2', 'macOS', 'Debian GNU/Linux 12 (bookworm)'];
    expect(values.map((v) => pooled(v))).toEqual(values);
  });
});

describe('shareRowStrings', () => {
  it('leaves every value of a row as it was, whatever it points to', () => {
    const target = snapshotTarget('/srv/snapshots/pc-1.json', '/srv/snapshots/pc-1.json', 'MinFin');
    const row: HostResult = {
      source: target.source,
      name: 'pc-1',
      status: 'checked',
      identity: identity('Debian GNU/Linux 12 (bookworm)'),
      durationMs: 3,
      groups: ['MinFin'],
    };
    const copy = fromWorker(row);
    shareRowStrings(copy, target, textPool());
    expect(copy).toEqual(row);
  });

  it('keeps a row whose source or name is not its target’s as it is (an alias, a host name from the report)', () => {
    const target = snapshotTarget('/srv/snapshots/pc-1.json');
    const row: HostResult = { source: 'ssh:pc-9', name: 'pc-9', status: 'unreachable', reason: 'refused', durationMs: 0 };
    const copy = fromWorker(row);
    shareRowStrings(copy, target, textPool());
    expect(copy).toEqual(row);
  });

  it('does not touch an identity that is frozen (one the run shares)', () => {
    const frozen = Object.freeze(identity('macOS'));
    const row: HostResult = { source: 'a.json', name: 'a', status: 'checked', identity: frozen, durationMs: 0 };
    expect(() => {
      shareRowStrings(row, undefined, textPool());
    }).not.toThrow();
    expect(row.identity).toBe(frozen);
  });
});

describe('stored reports', () => {
  it('reads each row’s own text through the one getter all rows share', () => {
    const rows: HostResult[] = ['a', 'b', 'c'].map((name) => ({ source: `${name}.json`, name, status: 'checked', durationMs: 0 }));
    rows.forEach((row, i) => {
      attachStoredReport(row, () => JSON.stringify({ host: rows[i]?.name }));
    });
    expect(rows.map((row) => row.report)).toEqual([{ host: 'a' }, { host: 'b' }, { host: 'c' }]);
    // A copy made by spreading reads the report once, as a value of its own.
    expect({ ...rows[1] }.report).toEqual({ host: 'b' });
    expect(storedReports.get(rows[2] as HostResult)?.()).toBe('{"host":"c"}');
  });

  it('refuses a read through an object that is not a stored row', () => {
    const row: HostResult = { source: 'a.json', name: 'a', status: 'checked', durationMs: 0 };
    attachStoredReport(row, () => '{}');
    // The getter called with another receiver than the row.
    expect(() => Reflect.get(row, 'report', {})).toThrow(/another object than its row/);
  });
});

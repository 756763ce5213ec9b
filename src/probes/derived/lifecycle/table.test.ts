import { describe, expect, it } from 'vitest';
import { lastDayCovered, lifecycleTable, tableChecked, undatedReleases } from './table.js';

const isoDay = /^\d{4}-\d{2}-\d{2}$/;
const isoDayOrMonth = /^\d{4}-\d{2}(-\d{2})?$/;
const realDay = (day: string): boolean => new Date(`${day}T00:00:00Z`).toISOString().slice(0, 10) === day;

describe('lifecycle table', () => {
  it.each(lifecycleTable.map((e) => [`${e.label}${e.edition === undefined ? '' : ` [${e.edition}]`}`, e] as const))(
    '%s has an https source, ISO dates and a checked date',
    (_, entry) => {
      expect(new URL(entry.source).protocol).toBe('https:');
      expect(entry.checked).toMatch(isoDay);
      expect(realDay(entry.checked)).toBe(true);
      for (const date of [entry.end, entry.lts, entry.esm, entry.legacy]) {
        if (date === undefined || date === null) continue;
        expect(date).toMatch(isoDayOrMonth);
        expect(realDay(lastDayCovered(date))).toBe(true);
      }
      // Only a current macOS major has no published end; every other row is dated.
      if (entry.end === null) expect([entry.os, typeof entry.note]).toEqual(['macos', 'string']);
      // Extensions end after the support they extend.
      if (entry.end !== null)
        for (const later of [entry.lts, entry.esm, entry.legacy]) if (later !== undefined) expect(lastDayCovered(later) > lastDayCovered(entry.end)).toBe(true);
      if (!entry.verified) expect(entry.note, 'an unverified row says why').toBeTypeOf('string');
    },
  );

  it('has one entry per release (and Windows edition column)', () => {
    const keys = lifecycleTable.map((e) => `${e.os}/${e.release}/${e.edition ?? ''}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it('lists undated releases only when the table has no row for them', () => {
    for (const u of undatedReleases) expect(lifecycleTable.some((e) => e.os === u.os && e.release === u.release)).toBe(false);
  });

  it('was checked no later than the table says', () => {
    for (const entry of lifecycleTable) expect(entry.checked <= tableChecked).toBe(true);
  });
});

import { describe, expect, it } from 'vitest';
import { daysLeft, isCalendarDate, validity } from './validity.js';

describe('validity of dated entries', () => {
  const at = (iso: string): Date => new Date(iso);

  it('counts the first and the last day as valid, in UTC', () => {
    expect(validity('2026-11-01', '2026-11-30', at('2026-11-01T00:00:00Z'))).toBe('active');
    expect(validity('2026-11-01', '2026-11-30', at('2026-11-30T23:59:59Z'))).toBe('active');
    expect(validity('2026-11-01', '2026-11-30', at('2026-12-01T00:00:00Z'))).toBe('expired');
    expect(validity('2026-11-01', '2026-11-30', at('2026-10-31T23:59:59Z'))).toBe('not-yet-valid');
  });

  it('counts days left', () => {
    expect(daysLeft('2026-11-30', at('2026-11-22T18:00:00Z'))).toBe(8);
    expect(daysLeft('2026-11-22', at('2026-11-22T18:00:00Z'))).toBe(0);
    expect(daysLeft('2026-11-21', at('2026-11-22T00:00:00Z'))).toBe(-1);
  });

  it('accepts only real calendar dates', () => {
    expect(isCalendarDate('2028-02-29')).toBe(true);
    expect(isCalendarDate('2026-02-29')).toBe(false);
    expect(isCalendarDate('2026-13-01')).toBe(false);
    expect(isCalendarDate('2026-1-01')).toBe(false);
    expect(isCalendarDate('2026-11-01T00:00:00Z')).toBe(false);
  });
});

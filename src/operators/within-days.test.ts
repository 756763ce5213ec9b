import { describe, expect, it } from 'vitest';
import { operatorWordsFor } from '../i18n/operator-messages.js';
import type { Json } from '../model.js';
import { describeExpectation } from './evaluate-expectation.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';
import type { WithinDaysOptions } from './within-days.js';
import { withinDays } from './within-days.js';

// testNow is 2025-06-01T12:00:00Z.
describe('withinDays', () => {
  it.each<[Json, WithinDaysOptions, boolean]>([
    ['2025-06-01T11:00:00Z', { days: 1 }, true],
    ['2025-05-31T12:00:00Z', { days: 1 }, true],
    ['2025-05-31T11:59:59Z', { days: 1 }, false],
    ['2025-05-31T11:59:59.999Z', { days: 1 }, false],
    ['2025-05-31T12:00:00.000Z', { days: 1 }, true],
    ['2025-05-31T14:00:00+02:00', { days: 1 }, true],
    ['2025-05-31T13:59:59+02:00', { days: 1 }, false],
    ['2025-05-31T13:00:00+0100', { days: 1 }, true],
    ['2025-05-31 12:00:00Z', { days: 1 }, true],
    ['2025-05-31T07:00:00-05:00', { days: 1 }, true],
    ['2025-05-03', { days: 30 }, true],
    ['2025-05-02', { days: 30 }, false],
    ['2025-06-01', { days: 0 }, false],
    ['2025-06-01T12:00:00Z', { days: 0 }, true],
    ['2025-06-02T00:00:00Z', { days: 0 }, true],
    ['2025-03-03T12:00:00Z', { days: 90 }, true],
    ['2025-03-03T11:00:00Z', { days: 90 }, false],
    ['0001-01-01T00:00:00Z', { days: 36500 }, false],
    ['2025-05-31T12:00:00', { days: 30 }, false],
    ['2025-02-29', { days: 365 }, false],
    ['2025-13-01', { days: 365 }, false],
    ['2025-05-31T24:00:00Z', { days: 30 }, false],
    ['yesterday', { days: 30 }, false],
    ['Sat, 31 May 2025 12:00:00 GMT', { days: 30 }, false],
    [1748692800, { days: 30 }, false],
  ])('%j withinDays %j → %s', (actual, options, ok) => {
    expect(verdictOf(withinDays, options, actual).ok).toBe(ok);
  });

  it.each([[30], [{}], [{ days: -1 }], [{ days: '30' }], [{ days: 30, hours: 1 }], [null], [{ days: Infinity }]])('rejects options %j', (options) => {
    expect(optionsProblems(withinDays, options)).not.toEqual([]);
  });

  it('refuses a non-finite number of days even without ajv strictNumbers', () => {
    expect(withinDays.check?.({ days: Infinity })).toEqual(['days must be a finite number, got Infinity']);
  });

  it('uses the injected time, not the clock', () => {
    const now = new Date('2000-01-10T00:00:00Z');
    const context = {
      now,
      nowWithin: () => now,
      test: () => ({ ok: true as const }),
      describe: () => '',
      words: operatorWordsFor('en'),
      incomplete: false,
    };
    expect(withinDays.test('2000-01-01', { days: 9 }, context)).toEqual({ ok: true });
    expect(withinDays.test('2000-01-01', { days: 8 }, context).ok).toBe(false);
  });

  it('describes and explains', () => {
    expect(describeExpectation({ withinDays: { days: 30 } })).toBe('within the last 30 days');
    expect(describeExpectation({ withinDays: { days: 1 } })).toBe('within the last day');
    expect(verdictOf(withinDays, { days: 30 }, '2025-01-01T00:00:00Z')).toEqual({
      ok: false,
      reason: '2025-01-01T00:00:00Z is 151 days old',
    });
    expect(verdictOf(withinDays, { days: 30 }, '2025-05-31T12:00:00')).toEqual({
      ok: false,
      reason: 'date-time without a time zone: "2025-05-31T12:00:00"',
    });
    expect(verdictOf(withinDays, { days: 30 }, 'soon')).toEqual({
      ok: false,
      reason: 'expected an ISO 8601 date, got "soon"',
    });
    expect(verdictOf(withinDays, { days: 30 }, 5)).toEqual({ ok: false, reason: 'expected a date string, got number' });
  });
});

import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { describeExpectation } from './evaluate-expectation.js';
import { exists } from './exists.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('exists', () => {
  it.each<[Json | undefined, boolean, boolean]>([
    ['2025-05-01T00:00:00Z', true, true],
    [false, true, true],
    [0, true, true],
    ['', true, true],
    [[], true, true],
    [null, true, false],
    [undefined, true, false],
    [null, false, true],
    [undefined, false, true],
    [false, false, false],
    [{}, false, false],
  ])('%j exists %j → %s', (actual, options, ok) => {
    expect(verdictOf(exists, options, actual).ok).toBe(ok);
  });

  it.each([['true'], [1], [null], [{ present: true }]])('rejects options %j', (options) => {
    expect(optionsProblems(exists, options)).not.toEqual([]);
  });

  it('is the one operator that accepts unknown values, so its verdicts are never undetermined', () => {
    expect(exists.acceptsUnknown).toBe(true);
    expect(verdictOf(exists, true, null)).toEqual({ ok: false, reason: 'missing' });
  });

  it('describes and explains', () => {
    expect(describeExpectation({ exists: true })).toBe('present');
    expect(describeExpectation({ exists: false })).toBe('absent');
    expect(verdictOf(exists, false, 'x')).toEqual({ ok: false, reason: 'present' });
  });
});

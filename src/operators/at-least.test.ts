import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { atLeast } from './at-least.js';
import { describeExpectation } from './evaluate-expectation.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('atLeast', () => {
  it.each<[Json, number, boolean]>([
    [256, 256, true],
    [512, 256, true],
    [128, 256, false],
    [-1, 0, false],
    [0.5, 0.25, true],
    ['512', 256, false],
    [true, 0, false],
    [[512], 256, false],
  ])('%j atLeast %j → %s', (actual, options, ok) => {
    expect(verdictOf(atLeast, options, actual).ok).toBe(ok);
  });

  it.each([['256'], [null], [true], [[256]], [Infinity], [NaN], [-Infinity]])('rejects options %j', (options) => {
    expect(optionsProblems(atLeast, options)).not.toEqual([]);
  });

  it('describes and explains', () => {
    expect(describeExpectation({ atLeast: 256 })).toBe('at least 256');
    expect(verdictOf(atLeast, 256, 128)).toEqual({ ok: false, reason: '128 is below 256' });
    expect(verdictOf(atLeast, 256, '512')).toEqual({ ok: false, reason: 'expected a number, got string' });
  });
});

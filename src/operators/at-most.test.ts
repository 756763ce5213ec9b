import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { atMost } from './at-most.js';
import { describeExpectation } from './evaluate-expectation.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('atMost', () => {
  it.each<[Json, number, boolean]>([
    [300, 900, true],
    [900, 900, true],
    [901, 900, false],
    [-5, 0, true],
    [0, 0, true],
    ['300', 900, false],
    [null, 900, false],
    [{ seconds: 300 }, 900, false],
  ])('%j atMost %j → %s', (actual, options, ok) => {
    expect(verdictOf(atMost, options, actual).ok).toBe(ok);
  });

  it.each([['900'], [null], [false], [{ value: 900 }], [Infinity], [NaN]])('rejects options %j', (options) => {
    expect(optionsProblems(atMost, options)).not.toEqual([]);
  });

  it('describes and explains', () => {
    expect(describeExpectation({ atMost: 900 })).toBe('at most 900');
    expect(verdictOf(atMost, 900, 1200)).toEqual({ ok: false, reason: '1200 is above 900' });
    expect(verdictOf(atMost, 900, '300')).toEqual({ ok: false, reason: 'expected a number, got string' });
    // ajv in strict mode already refuses .inf; check() covers a loader without strictNumbers.
    expect(atMost.check?.(Infinity)).toEqual(['atMost must be a finite number, got Infinity']);
  });
});

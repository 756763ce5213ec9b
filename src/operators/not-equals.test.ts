import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { describeExpectation } from './evaluate-expectation.js';
import { notEquals } from './not-equals.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('notEquals', () => {
  it.each<[Json, Json, boolean]>([
    [true, true, false],
    [false, true, true],
    ['none', 'none', false],
    ['None', 'none', true],
    [{ a: [1] }, { a: [1] }, false],
    [{ a: [1] }, { a: [2] }, true],
    [0, '0', true],
  ])('%j notEquals %j → %s', (actual, options, ok) => {
    expect(verdictOf(notEquals, options, actual).ok).toBe(ok);
  });

  it.each([[null]])('rejects options %j', (options) => {
    expect(optionsProblems(notEquals, options)).not.toEqual([]);
  });

  it('does not call an unknown value different', () => {
    expect(verdictOf(notEquals, 'none', null)).toMatchObject({ ok: false, undetermined: true });
  });

  it('describes and explains', () => {
    expect(describeExpectation({ notEquals: 'none' })).toBe('not equal to "none"');
    expect(verdictOf(notEquals, 'none', 'none')).toEqual({ ok: false, reason: 'is "none"' });
  });
});

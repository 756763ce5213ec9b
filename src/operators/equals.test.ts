import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { equals } from './equals.js';
import { describeExpectation } from './evaluate-expectation.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('equals', () => {
  it.each<[Json, Json, boolean]>([
    [true, true, true],
    [false, true, false],
    ['true', true, false],
    [900, 900, true],
    [900, 900.0, true],
    [0, false, false],
    ['luks2', 'luks2', true],
    ['LUKS2', 'luks2', false],
    [[1, 2], [1, 2], true],
    [[2, 1], [1, 2], false],
    [[1, 2, 3], [1, 2], false],
    [{ a: 1, b: [true, null] }, { b: [true, null], a: 1 }, true],
    [{ a: 1 }, { a: 1, b: 2 }, false],
    [{ a: 1, c: 2 }, { a: 1, b: 2 }, false],
    [{}, [], false],
  ])('%j equals %j → %s', (actual, options, ok) => {
    expect(verdictOf(equals, options, actual).ok).toBe(ok);
  });

  it.each([[null]])('rejects options %j', (options) => {
    expect(optionsProblems(equals, options)).not.toEqual([]);
  });

  it('is undetermined, not failed, on an unknown value', () => {
    expect(verdictOf(equals, true, null)).toMatchObject({ ok: false, undetermined: true });
    expect(verdictOf(equals, true, undefined)).toMatchObject({ ok: false, undetermined: true });
  });

  it('describes and explains', () => {
    expect(describeExpectation({ equals: true })).toBe('equal to true');
    expect(describeExpectation({ equals: 'luks2' })).toBe('equal to "luks2"');
    expect(verdictOf(equals, true, false)).toEqual({ ok: false, reason: 'false is not true' });
  });
});

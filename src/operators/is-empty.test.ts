import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { describeExpectation } from './evaluate-expectation.js';
import { isEmpty } from './is-empty.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('isEmpty', () => {
  it.each<[Json, boolean, boolean]>([
    [[], true, true],
    [['openssh-server'], true, false],
    [['openssh-server'], false, true],
    [[], false, false],
    ['', true, true],
    [' ', true, false],
    [{}, true, true],
    [{ a: null }, true, false],
    [{ a: null }, false, true],
    [0, true, false],
    [false, true, false],
    [false, false, false],
  ])('%j isEmpty %j → %s', (actual, options, ok) => {
    expect(verdictOf(isEmpty, options, actual).ok).toBe(ok);
  });

  it.each([['true'], [1], [null], [{}]])('rejects options %j', (options) => {
    expect(optionsProblems(isEmpty, options)).not.toEqual([]);
  });

  it('describes and explains', () => {
    expect(describeExpectation({ isEmpty: true })).toBe('empty');
    expect(describeExpectation({ isEmpty: false })).toBe('not empty');
    expect(verdictOf(isEmpty, true, ['a', 'b'])).toEqual({ ok: false, reason: 'has 2 entries' });
    expect(verdictOf(isEmpty, false, '')).toEqual({ ok: false, reason: 'is empty' });
    expect(verdictOf(isEmpty, true, 3)).toEqual({ ok: false, reason: 'expected an array, a string or an object, got number' });
  });
});

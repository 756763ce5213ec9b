import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { describeExpectation } from './evaluate-expectation.js';
import { noneOf } from './none-of.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('noneOf', () => {
  it.each<[Json, Json[], boolean]>([
    ['none', ['none', 'plain'], false],
    ['luks2', ['none', 'plain'], true],
    [0, [0], false],
    [false, [0], true],
    [['telegram'], ['telegram'], true],
    [{ a: 1 }, [{ a: 1 }], false],
  ])('%j noneOf %j → %s', (actual, options, ok) => {
    expect(verdictOf(noneOf, options, actual).ok).toBe(ok);
  });

  it.each([[[]], ['none'], [null], [['a', null]]])('rejects options %j', (options) => {
    expect(optionsProblems(noneOf, options)).not.toEqual([]);
  });

  it('describes and explains', () => {
    expect(describeExpectation({ noneOf: ['none', 'plain'] })).toBe('none of "none", "plain"');
    expect(verdictOf(noneOf, ['none'], 'none')).toEqual({ ok: false, reason: 'is "none"' });
  });
});

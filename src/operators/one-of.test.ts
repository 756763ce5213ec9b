import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { describeExpectation } from './evaluate-expectation.js';
import { oneOf } from './one-of.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('oneOf', () => {
  it.each<[Json, Json[], boolean]>([
    ['luks2', ['luks1', 'luks2'], true],
    ['none', ['luks1', 'luks2'], false],
    [2, [1, 2, 3], true],
    ['2', [1, 2, 3], false],
    [{ backend: 'nftables' }, [{ backend: 'nftables' }], true],
    [['a'], [['a'], ['b']], true],
    [['a', 'b'], [['a'], ['b']], false],
  ])('%j oneOf %j → %s', (actual, options, ok) => {
    expect(verdictOf(oneOf, options, actual).ok).toBe(ok);
  });

  it.each([[[]], ['luks2'], [null], [[null]], [{ a: 1 }]])('rejects options %j', (options) => {
    expect(optionsProblems(oneOf, options)).not.toEqual([]);
  });

  it('describes and explains', () => {
    expect(describeExpectation({ oneOf: ['luks1', 'luks2'] })).toBe('one of "luks1", "luks2"');
    expect(verdictOf(oneOf, ['luks2'], 'none')).toEqual({ ok: false, reason: '"none" is not one of "luks2"' });
  });
});

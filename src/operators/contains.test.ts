import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { contains } from './contains.js';
import { describeExpectation } from './evaluate-expectation.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('contains', () => {
  it.each<[Json, Json, boolean]>([
    [['messenger', 'social-network'], 'messenger', true],
    [['social-network'], 'messenger', false],
    [[], 'messenger', false],
    [[1, 2, 3], 2, true],
    [[1, 2, 3], '2', false],
    [[{ port: 22, protocol: 'tcp' }], { protocol: 'tcp', port: 22 }, true],
    [[{ port: 22, protocol: 'tcp' }], { port: 22 }, false],
    [[['a']], ['a'], true],
    ['Debian GNU/Linux 12 (bookworm)', 'bookworm', true],
    ['Debian GNU/Linux 12 (bookworm)', 'Bookworm', false],
    ['port 22', 22, false],
    [22, 22, false],
    [{ messenger: true }, 'messenger', false],
  ])('%j contains %j → %s', (actual, options, ok) => {
    expect(verdictOf(contains, options, actual).ok).toBe(ok);
  });

  it.each([[null]])('rejects options %j', (options) => {
    expect(optionsProblems(contains, options)).not.toEqual([]);
  });

  it('describes and explains', () => {
    expect(describeExpectation({ contains: 'messenger' })).toBe('contains "messenger"');
    expect(verdictOf(contains, 'messenger', ['vpn'])).toEqual({ ok: false, reason: 'no item equal to "messenger"' });
    expect(verdictOf(contains, 'x', 5)).toEqual({ ok: false, reason: 'expected an array or a string, got number' });
    expect(verdictOf(contains, 22, 'port 22')).toEqual({ ok: false, reason: 'a string cannot contain 22' });
  });
});

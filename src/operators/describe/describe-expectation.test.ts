import { describe, expect, it } from 'vitest';
import { testExpectation } from '../evaluate-expectation.js';
import { operatorNames } from '../index.js';
import { describeExpectation } from './describe-expectation.js';

describe('describeExpectation without the operators', () => {
  it('describes nested expectations in the language asked', () => {
    const unapproved = { none: { where: { name: { matches: { pattern: '^tele', flags: 'i' } }, approved: { equals: false } } } };
    expect(describeExpectation(unapproved)).toBe('none where name matches /^tele/i and approved equal to false');
    expect(describeExpectation({ count: { is: { oneOf: ['a', 1] }, atLeast: 2, atMost: 4 } })).toBe('at least 2 and at most 4 where item one of "a", 1');
    expect(describeExpectation({ atMost: 3 }, 'de')).toBe('höchstens 3');
  });

  it('gives the reason a failing count states the same bounds as its description', () => {
    const expectation = { count: { is: { equals: 'x' }, atLeast: 1, atMost: 2 } };
    const verdict = testExpectation(expectation, ['x', 'x', 'x'], new Date(0));
    expect(verdict.ok).toBe(false);
    expect(describeExpectation(expectation)).toContain('at least 1 and at most 2');
    expect(verdict.ok ? '' : verdict.reason).toContain('at least 1 and at most 2');
  });

  it('refuses an unknown operator, own keys only, naming the operators it knows', () => {
    for (const name of ['toString', '__proto__', 'hasOwnProperty', 'regex']) {
      expect(() => describeExpectation(JSON.parse(`{${JSON.stringify(name)}: 1}`) as Record<string, unknown>)).toThrow(
        `expected one of ${operatorNames.join(', ')}`,
      );
    }
    expect(() => describeExpectation({})).toThrow(/exactly one operator key/);
    expect(() => describeExpectation({ equals: 1, atMost: 2 })).toThrow(/exactly one operator key/);
  });
});

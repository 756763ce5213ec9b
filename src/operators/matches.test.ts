import { describe, expect, it } from 'vitest';
import { operatorWordsFor } from '../i18n/operator-messages.js';
import type { Json } from '../model.js';
import { describeExpectation } from './evaluate-expectation.js';
import type { MatchesOptions } from './matches.js';
import { matches } from './matches.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

describe('matches', () => {
  it.each<[Json, MatchesOptions, boolean]>([
    ['aes-xts-plain64', '^aes-', true],
    ['AES-XTS-PLAIN64', '^aes-', false],
    ['AES-XTS-PLAIN64', { pattern: '^aes-', flags: 'i' }, true],
    ['serpent-xts', { pattern: '^aes-' }, false],
    ['Debian GNU/Linux 12 (bookworm)', 'bookworm', true],
    ['line one\nline two', { pattern: '^line two$', flags: 'm' }, true],
    ['line one\nline two', '^line two$', false],
    ['Grüße', { pattern: '^\\p{L}+$', flags: 'u' }, true],
    [42, '42', false],
    [['aes'], 'aes', false],
  ])('%j matches %j → %s', (actual, options, ok) => {
    expect(verdictOf(matches, options, actual).ok).toBe(ok);
  });

  it.each([
    [''],
    [42],
    [null],
    [{ flags: 'i' }],
    [{ pattern: 'a', flags: 'g' }],
    [{ pattern: 'a', flags: 'y' }],
    [{ pattern: 'a', caseInsensitive: true }],
    ['('],
    ['[a-'],
    [{ pattern: 'a', flags: 'ii' }],
  ])('rejects options %j', (options) => {
    expect(optionsProblems(matches, options)).not.toEqual([]);
  });

  it('reports a pattern that does not compile when the policy loads, with the pattern', () => {
    const [problem] = optionsProblems(matches, '(unclosed');
    expect(problem).toMatch(/^invalid regular expression \/\(unclosed\/: /);
  });

  it("matches (a+)+$ against a 30+ character value without backtracking (RE2 semantics: an exponential engine would not finish before the test's limit)", () => {
    expect(verdictOf(matches, '(a+)+$', `${'a'.repeat(40)}!`).ok).toBe(false);
    expect(verdictOf(matches, '^(a+)+$', 'a'.repeat(40)).ok).toBe(true);
  });

  it('refuses lookbehind, lookahead and backreferences when the policy loads', () => {
    expect(optionsProblems(matches, '(?<=x)a')).toEqual([expect.stringMatching(/lookbehind .*not supported/)]);
    expect(optionsProblems(matches, { pattern: 'a(?!b)' })).toEqual([expect.stringMatching(/lookahead .*not supported/)]);
    expect(optionsProblems(matches, '(a)\\1')).toEqual([expect.stringMatching(/backreferences .*not supported/)]);
  });

  it('fails clearly, without throwing, if a bad pattern reaches test()', () => {
    const context = {
      now: new Date(0),
      nowWithin: () => new Date(0),
      test: () => ({ ok: true as const }),
      describe: () => '',
      words: operatorWordsFor('en'),
      incomplete: false,
    };
    expect(matches.test('x', '(', context)).toEqual({ ok: false, reason: 'invalid regular expression /(/' });
  });

  it('gives the same answer on every call (no stateful flags)', () => {
    const options = { pattern: 'a', flags: 'i' };
    expect([1, 2, 3].map(() => verdictOf(matches, options, 'A').ok)).toEqual([true, true, true]);
  });

  it('describes and explains', () => {
    expect(describeExpectation({ matches: '^aes-' })).toBe('matches /^aes-/');
    expect(describeExpectation({ matches: { pattern: '^aes-', flags: 'i' } })).toBe('matches /^aes-/i');
    expect(verdictOf(matches, '^aes-', 'serpent')).toEqual({ ok: false, reason: '"serpent" does not match /^aes-/' });
    expect(verdictOf(matches, '^aes-', 256)).toEqual({ ok: false, reason: 'expected a string, got number' });
  });
});

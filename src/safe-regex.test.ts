import { describe, expect, it } from 'vitest';
import { safeGlob, safeRegex, safeRegexProblem } from './safe-regex.js';

describe('safe regular expressions (RE2 semantics)', () => {
  it('matches like RegExp.test for ordinary patterns and flags', () => {
    expect(safeRegex('^aes-(xts|gcm)').test('aes-xts-plain64')).toBe(true);
    expect(safeRegex('^AES', 'i').test('aes-xts')).toBe(true);
    expect(safeRegex('^AES').test('aes-xts')).toBe(false);
    expect(safeRegex('^b$', 'm').test('a\nb\nc')).toBe(true);
    expect(safeRegex('^b$').test('a\nb\nc')).toBe(false);
    expect(safeRegex('a.b', 's').test('a\nb')).toBe(true);
    expect(safeRegex('a.b').test('a\nb')).toBe(false);
  });

  it('runs (a+)+$ against a long non-matching value in linear time', () => {
    const started = performance.now();
    expect(safeRegex('(a+)+$').test(`${'a'.repeat(40)}!`)).toBe(false);
    expect(safeRegex('(a+)+$').test(`!${'a'.repeat(40)}`)).toBe(true);
    expect(safeRegex('^(a+)+$').test(`${'a'.repeat(5000)}!`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(2000);
  });

  it('refuses lookaround and backreferences with a clear message', () => {
    expect(safeRegexProblem('(?<=a)b')).toMatch(/lookbehind .* not supported.*linear time/);
    expect(safeRegexProblem('^luxchat(?!\\s*4)')).toMatch(/lookahead .* not supported/);
    expect(safeRegexProblem('(a)\\1')).toMatch(/backreferences .* not supported/);
    expect(safeRegexProblem('a(')).toMatch(/missing closing \)/);
    expect(safeRegexProblem('a', 'g')).toMatch(/unsupported flag 'g'/);
    expect(safeRegexProblem('^a+$', 'iu')).toBeUndefined();
    expect(() => safeRegex('(?=a)')).toThrow(/lookahead/);
  });
});

describe('safe globs', () => {
  it('matches whole names without regard to case; other characters are literal', () => {
    expect(safeGlob('pc-dev-*').test('PC-DEV-042')).toBe(true);
    expect(safeGlob('lab-??').test('lab-123')).toBe(false);
    expect(safeGlob('web.example.lu').test('webxexample.lu')).toBe(false);
    expect(safeGlob('a(b)[c]+$').test('A(B)[C]+$')).toBe(true);
    expect(safeGlob('.config/*/x', { star: 'segment' }).test('.config/a/b/x')).toBe(false);
    expect(safeGlob('.config/*', { star: 'segment', suffix: '(/.*)?' }).test('.config/a/b/x')).toBe(true);
  });

  it('matches *a*a*…*b against a long name in linear time', () => {
    const started = performance.now();
    const glob = `${'*a'.repeat(20)}*b`;
    expect(safeGlob(glob).test('a'.repeat(60))).toBe(false);
    expect(safeGlob(glob).test(`${'a'.repeat(60)}b`)).toBe(true);
    expect(performance.now() - started).toBeLessThan(2000);
  });
});

import { describe, expect, it } from 'vitest';
import type { Json, Language } from '../model.js';
import { languages } from '../model.js';
import { describeExpectation, testExpectation } from '../operators/evaluate-expectation.js';
import type { OperatorName } from '../operators/index.js';
import { operatorNames } from '../operators/index.js';
import type { Expectation } from '../operators/operator.js';

/**
 * Every operator, described and explained in every language: fr and de must not fall back to the
 * English words. Each operator has at least one expectation and a value it fails on (the compiler
 * keeps the list complete).
 */
const now = new Date('2025-06-01T12:00:00Z');

type Case = { expect: Expectation; fails: Json };

const cases: Record<OperatorName, readonly Case[]> = {
  all: [
    { expect: { all: { where: { encrypted: { equals: true } } } }, fails: [{ id: '/home', encrypted: false }, { encrypted: true }] },
    { expect: { all: { is: { atLeast: 1 } } }, fails: 'not a list' },
  ],
  any: [
    { expect: { any: { where: { name: { equals: 'luxchat4gov' } } } }, fails: [{ name: 'signal' }] },
    { expect: { any: { is: { equals: 'a' } } }, fails: [] },
  ],
  atLeast: [
    { expect: { atLeast: 12 }, fails: 8 },
    { expect: { atLeast: 12 }, fails: 'twelve' },
  ],
  atMost: [{ expect: { atMost: 900 }, fails: 1200 }],
  contains: [
    { expect: { contains: 'remote-access' }, fails: ['messenger'] },
    { expect: { contains: 'x' }, fails: 'abc' },
    { expect: { contains: 1 }, fails: 'abc' },
    { expect: { contains: 'x' }, fails: 3 },
  ],
  count: [
    {
      expect: { count: { where: { categories: { contains: 'remote-access' } }, atMost: 1 } },
      fails: [
        { id: 'anydesk', categories: ['remote-access'] },
        { name: 'teamviewer', categories: ['remote-access'] },
      ],
    },
    { expect: { count: { atLeast: 1, atMost: 3 } }, fails: [] },
    { expect: { count: { is: { equals: 1 }, atLeast: 2 } }, fails: [1, null] },
  ],
  equals: [{ expect: { equals: true }, fails: false }],
  exists: [
    { expect: { exists: true }, fails: null },
    { expect: { exists: false }, fails: 'here' },
  ],
  isEmpty: [
    { expect: { isEmpty: true }, fails: ['toor'] },
    { expect: { isEmpty: true }, fails: 'abc' },
    { expect: { isEmpty: false }, fails: [] },
    { expect: { isEmpty: true }, fails: 3 },
  ],
  matches: [
    { expect: { matches: '^luks2$' }, fails: 'luks1' },
    { expect: { matches: { pattern: 'a', flags: 'i' } }, fails: 42 },
  ],
  none: [
    {
      expect: { none: { where: { categories: { contains: 'messenger' }, approved: { equals: false } } } },
      fails: [{ id: 'telegram', categories: ['messenger'], approved: false }],
    },
    { expect: { none: { is: { oneOf: ['telegram', 'whatsapp'] } } }, fails: ['telegram', 'whatsapp'] },
  ],
  noneOf: [{ expect: { noneOf: ['trusted', 'public'] }, fails: 'trusted' }],
  notEquals: [{ expect: { notEquals: 'allow' }, fails: 'allow' }],
  oneOf: [{ expect: { oneOf: ['deny', 'reject'] }, fails: 'allow' }],
  withinDays: [
    { expect: { withinDays: { days: 7 } }, fails: '2025-01-01' },
    { expect: { withinDays: { days: 1 } }, fails: '2025-05-30T00:00:00Z' },
    { expect: { withinDays: { days: 7 } }, fails: '2025-06-01T10:00:00' },
    { expect: { withinDays: { days: 7 } }, fails: 'yesterday' },
    { expect: { withinDays: { days: 7 } }, fails: '2025-02-30' },
    { expect: { withinDays: { days: 7 } }, fails: 7 },
  ],
};

const allCases = Object.values(cases).flat();
const others = languages.filter((l) => l !== 'en');

/** English operator words that must not appear in a French or German description or reason. */
const englishWords =
  /\b(equal to|not equal|at least|at most|one of|none of|contains|matches|within the last|where|item|items|present|absent|empty|missing|is not|is above|is below|expected|got|could not|does not|days? old|unknown)\b/;

/** Whole texts that are the same word in English and in that language. */
const sameWord: Partial<Record<Language, ReadonlySet<string>>> = { fr: new Set(['absent']) };

const reasonOf = (c: Case, language: Language): string => {
  const verdict = testExpectation(c.expect, c.fails, now, language);
  if (verdict.ok) throw new Error(`${JSON.stringify(c.expect)} passes on ${JSON.stringify(c.fails)}`);
  return verdict.reason ?? '';
};

describe('operator words in every language', () => {
  it('has a case for every operator', () => {
    expect(Object.keys(cases).sort()).toEqual([...operatorNames]);
  });

  it.each(languages)('%s describes every case and explains every failure, never empty', (language) => {
    for (const c of allCases) {
      const text = describeExpectation(c.expect, language);
      expect(text.trim(), JSON.stringify(c.expect)).not.toBe('');
      expect(text).not.toContain('undefined');
      const reason = reasonOf(c, language);
      expect(reason.trim(), JSON.stringify(c)).not.toBe('');
      expect(reason).not.toContain('undefined');
    }
  });

  it.each(others)('%s words every description and reason differently from English, without English words', (language) => {
    const problems: string[] = [];
    const shared = sameWord[language] ?? new Set<string>();
    // Quoted values and patterns are the policy's own words: look only outside them.
    const words = (s: string): string => s.replace(/"[^"]*"|\/[^/]*\/[a-z]*/g, '');
    const compare = (what: string, text: string, english: string): void => {
      if (shared.has(text)) return;
      if (text === english) problems.push(`${what} is the English text: ${text}`);
      else if (englishWords.test(words(text))) problems.push(`${what} has English words: ${text}`);
    };
    for (const c of allCases) {
      compare(`describe ${JSON.stringify(c.expect)}`, describeExpectation(c.expect, language), describeExpectation(c.expect, 'en'));
      compare(`reason ${JSON.stringify(c)}`, reasonOf(c, language), reasonOf(c, 'en'));
    }
    expect(problems).toEqual([]);
  });

  it('keeps the English wording (the recorded reports are English)', () => {
    const none = { none: { where: { categories: { contains: 'messenger' }, approved: { equals: false } } } };
    expect(describeExpectation(none)).toBe('none where categories contains "messenger" and approved equal to false');
    expect(describeExpectation(none, 'en')).toBe(describeExpectation(none));
    expect(testExpectation({ atMost: 900 }, null, now)).toEqual({ ok: false, undetermined: true, reason: 'value unknown' });
    expect(testExpectation({ isEmpty: true }, ['toor'], now)).toEqual({ ok: false, reason: 'has 1 entries' });
  });

  it('words the examples of the issue in French and German', () => {
    expect(describeExpectation({ equals: true }, 'fr')).toBe('égal à true');
    expect(describeExpectation({ equals: true }, 'de')).toBe('gleich true');
    expect(describeExpectation({ atMost: 900 }, 'fr')).toBe('au plus 900');
    expect(describeExpectation({ atMost: 900 }, 'de')).toBe('höchstens 900');
    expect(describeExpectation({ withinDays: { days: 7 } }, 'fr')).toBe('dans les 7 derniers jours');
    expect(describeExpectation({ withinDays: { days: 7 } }, 'de')).toBe('innerhalb der letzten 7 Tage');
    expect(testExpectation({ none: { is: { equals: 'telegram' } } }, ['telegram'], now, 'fr')).toMatchObject({ reason: '1 élément correspond : telegram' });
    expect(testExpectation({ none: { is: { equals: 'telegram' } } }, ['telegram'], now, 'de')).toMatchObject({ reason: '1 Eintrag passt: telegram' });
    expect(testExpectation({ isEmpty: true }, ['toor'], now, 'de')).toEqual({ ok: false, reason: 'hat 1 Eintrag' });
    expect(testExpectation({ atMost: 900 }, null, now, 'fr')).toEqual({ ok: false, undetermined: true, reason: 'valeur inconnue' });
  });

  it('memoises descriptions per language: the same object is described in each language it is asked for', () => {
    const expectation = { any: { where: { enabled: { equals: true } } } };
    const fr = describeExpectation(expectation, 'fr');
    const en = describeExpectation(expectation, 'en');
    const de = describeExpectation(expectation, 'de');
    expect(new Set([fr, en, de]).size).toBe(3);
    expect(describeExpectation(expectation, 'fr')).toBe(fr);
    expect(describeExpectation(expectation)).toBe(en);
    expect(en).toBe('any where enabled equal to true');
  });
});

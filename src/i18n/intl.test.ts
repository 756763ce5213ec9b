import { describe, expect, it } from 'vitest';
import { languages } from '../model.js';
import { formatDate, formatInstant, formatNumber, localeFor, pickLocale, plural, pluralCategory } from './intl.js';

describe('locales', () => {
  it('formats each language as Luxembourg writes it, with Luxembourgish data when this Node has it', () => {
    expect(localeFor('fr')).toBe('fr-LU');
    expect(localeFor('de')).toBe('de-LU');
    // Node with full ICU (the default build) knows lb-LU; a small-ICU Node falls back to de-LU.
    expect(['lb-LU', 'de-LU']).toContain(localeFor('lb'));
    expect(Intl.PluralRules.supportedLocalesOf([localeFor('lb')])).toHaveLength(1);
  });

  it('falls back to the next candidate Intl supports, and says which', () => {
    const knowsGermanOnly = (locales: readonly string[]) => locales.filter((l) => l.startsWith('de'));
    expect(pickLocale(['lb-LU', 'lb', 'de-LU', 'de'], knowsGermanOnly)).toBe('de-LU');
    expect(pickLocale(['xx', 'yy'], () => [])).toBe('yy');
  });
});

describe('numbers and plurals', () => {
  it('groups digits as each language does', () => {
    expect(formatNumber('en', 12345)).toBe('12,345');
    expect(formatNumber('de', 12345)).toBe('12.345');
    expect(formatNumber('lb', 12345)).toBe('12.345');
    // French as written in Luxembourg (fr-LU) groups with a dot, as German does; French of France would not.
    expect(formatNumber('fr', 12345)).toBe('12.345');
    expect(new Intl.NumberFormat('fr-FR').format(12345)).not.toBe(formatNumber('fr', 12345));
  });

  it('says 0 and 1 in the singular in French, only 1 in English, German and Luxembourgish', () => {
    expect([0, 1, 2].map((n) => pluralCategory('fr', n))).toEqual(['one', 'one', 'other']);
    for (const language of ['en', 'de', 'lb'] as const) expect([0, 1, 2].map((n) => plural(language, n, 'one', 'other'))).toEqual(['other', 'one', 'other']);
  });
});

describe('dates', () => {
  it('writes an instant as a date and time in UTC in every language', () => {
    const iso = '2026-12-07T09:10:18.617Z';
    expect(formatInstant('en', iso)).toBe('7 December 2026 at 09:10:18 UTC');
    expect(formatInstant('fr', iso)).toBe('7 décembre 2026 à 09:10:18 UTC');
    expect(formatInstant('de', iso)).toMatch(/^7\. Dezember 2026( um)? 09:10:18 UTC$/);
    expect(formatInstant('lb', iso)).toMatch(/^7\. Dezember 2026.* 09:10:18 UTC$/);
  });

  it('writes a calendar date without shifting it by a time zone, and leaves text that is no date alone', () => {
    expect(formatDate('fr', '2026-01-01')).toBe('1 janvier 2026');
    expect(formatDate('de', '2026-12-31')).toBe('31. Dezember 2026');
    for (const language of languages) expect(formatDate(language, 'soon')).toBe('soon');
    expect(formatInstant('de', 'not a date')).toBe('not a date');
  });
});

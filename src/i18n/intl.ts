import type { Language } from '../model.js';

/**
 * The locale each language formats numbers, dates and plurals with. Luxembourg's own variants
 * (fr-LU, de-LU, lb-LU) write numbers and dates as a reader in Luxembourg expects.
 *
 * Node's ICU may lack Luxembourgish data (a small-ICU build): then `lb` falls back to `de-LU`, whose
 * number and date formats and one/other plural rule Luxembourgish shares. The fallback is chosen by
 * asking Intl, not assumed, so a Node with full ICU uses `lb-LU`.
 */
const preferred: Record<Language, readonly string[]> = {
  en: ['en-GB'],
  fr: ['fr-LU', 'fr'],
  de: ['de-LU', 'de'],
  lb: ['lb-LU', 'lb', 'de-LU', 'de'],
};

type Supports = (locales: readonly string[]) => readonly string[];

/** The first of `candidates` that `supports` knows, else the last candidate (Intl then uses its default). */
export const pickLocale = (candidates: readonly string[], supports: Supports): string => {
  for (const candidate of candidates) if (supports([candidate]).length > 0) return candidate;
  return candidates[candidates.length - 1] ?? 'en';
};

const both: Supports = (locales) => {
  const formats = Intl.DateTimeFormat.supportedLocalesOf([...locales]);
  const plurals = Intl.PluralRules.supportedLocalesOf([...locales]);
  return formats.filter((l) => plurals.includes(l));
};

const resolved = new Map<Language, string>();

/** The BCP 47 locale charter formats `language` with on this Node. */
export const localeFor = (language: Language): string => {
  let locale = resolved.get(language);
  if (locale === undefined) {
    locale = pickLocale(preferred[language], both);
    resolved.set(language, locale);
  }
  return locale;
};

/** One formatter per language and kind: building an Intl object costs far more than using it. */
const cached = <T>(make: (locale: string) => T): ((language: Language) => T) => {
  const made = new Map<Language, T>();
  return (language) => {
    let value = made.get(language);
    if (value === undefined) {
      value = make(localeFor(language));
      made.set(language, value);
    }
    return value;
  };
};

const numbers = cached((locale) => new Intl.NumberFormat(locale));
const plurals = cached((locale) => new Intl.PluralRules(locale));
const instants = cached((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeStyle: 'medium', timeZone: 'UTC' }));
const dates = cached((locale) => new Intl.DateTimeFormat(locale, { dateStyle: 'long', timeZone: 'UTC' }));

/** A count or measure, grouped as the language writes it (`12 345` in French, `12.345` in German). */
export const formatNumber = (language: Language, value: number): string => numbers(language).format(value);

/** `one` or `other` (or another CLDR category) for a count in the language. */
export const pluralCategory = (language: Language, count: number): Intl.LDMLPluralRule => plurals(language).select(count);

/** The singular or plural of a word for `count`, by the language's plural rules. */
export const plural = (language: Language, count: number, one: string, other: string): string => (pluralCategory(language, count) === 'one' ? one : other);

/**
 * An ISO 8601 instant as a date and time in the language, in UTC (reports compare machines in
 * different time zones), e.g. `7 December 2026, 09:10:18 UTC`. Text that is not a valid instant
 * comes back as it is.
 */
export const formatInstant = (language: Language, iso: string): string => {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  return `${instants(language).format(date)} UTC`;
};

/** An ISO 8601 date (`2026-12-31`, or the date of an instant) as the language writes it. */
export const formatDate = (language: Language, iso: string): string => {
  const date = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00Z` : iso);
  if (Number.isNaN(date.getTime())) return iso;
  return dates(language).format(date);
};

/**
 * Values as people write them, for plain sentences: instants in local time with the zone, calendar
 * days, ages from the evaluation time, durations and counts, through Intl in the report's language.
 * Pure: the time zone and the evaluation time are given, never read from the environment.
 */
import type { SentenceLanguage, SentenceWords, ValueFormat } from '../i18n/sentences.js';
import { steadySpan, type Clock } from '../run-memo.js';

const dayMs = 86_400_000;

/** `2026-08-31` or `2026-08`: a calendar day or month, written without a time zone shift. */
const calendar = /^(\d{4})-(\d{2})(?:-(\d{2}))?$/;

type Formatters = ReturnType<typeof makeFormatters>;

const makeFormatters = (locale: string, timeZone: string) => {
  const instant = new Intl.DateTimeFormat(locale, {
    year: 'numeric',
    month: 'long',
    day: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone,
    timeZoneName: 'short',
  });
  const dayFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' });
  const monthFormat = new Intl.DateTimeFormat(locale, { year: 'numeric', month: 'long', timeZone: 'UTC' });
  const relative = new Intl.RelativeTimeFormat(locale, { numeric: 'auto' });
  const unit = (u: 'day' | 'hour' | 'minute' | 'second') => new Intl.NumberFormat(locale, { style: 'unit', unit: u, unitDisplay: 'long' });
  const units = { day: unit('day'), hour: unit('hour'), minute: unit('minute'), second: unit('second') };
  const unitList = new Intl.ListFormat(locale, { type: 'unit', style: 'long' });
  const numbers = new Intl.NumberFormat(locale);
  return { instant, dayFormat, monthFormat, relative, units, unitList, numbers };
};

/** Intl formatters by language and zone: built once, not once per sentence (a fleet has thousands). */
const formattersBy = new Map<string, Formatters>();
const formattersFor = (locale: string, timeZone: string): Formatters => {
  const key = `${locale}\u0000${timeZone}`;
  let known = formattersBy.get(key);
  if (known === undefined) {
    known = makeFormatters(locale, timeZone);
    // A handful of languages and zones in practice; bounded all the same.
    if (formattersBy.size >= 64) formattersBy.clear();
    formattersBy.set(key, known);
  }
  return known;
};

/** The unit and count `age` says for an age in ms, as one number that never decreases with the age (for steadySpan). */
const ageLevel = (age: number): number => {
  const ms = Math.max(0, age);
  if (ms >= dayMs) return 2e9 + Math.floor(ms / dayMs);
  if (ms >= 3_600_000) return 1e9 + Math.floor(ms / 3_600_000);
  return Math.floor(ms / 60_000);
};

export const valueFormat = (words: SentenceWords, timeZone: string, now: Date | (() => Date) | Clock): ValueFormat => {
  const locale = words.locale;
  const { instant, dayFormat, monthFormat, relative, units, unitList, numbers } = formattersFor(locale, timeZone);

  const ago = (count: number, u: 'day' | 'hour' | 'minute'): string => words.ago?.(count, u) ?? relative.format(-count, u);

  return {
    date: (iso) => {
      const t = new Date(iso);
      return Number.isNaN(t.getTime()) ? iso : instant.format(t);
    },
    day: (text) => {
      const m = calendar.exec(text);
      if (m === null) {
        const t = new Date(text);
        return Number.isNaN(t.getTime()) ? text : instant.format(t);
      }
      const [, y, mo, d] = m;
      const date = new Date(Date.UTC(Number(y), Number(mo) - 1, d === undefined ? 1 : Number(d)));
      return d === undefined ? monthFormat.format(date) : dayFormat.format(date);
    },
    age: (iso) => {
      const t = Date.parse(iso);
      if (Number.isNaN(t)) return iso;
      // The words change only when the count or the unit does: read for the span of time they hold.
      const at = typeof now === 'function' ? now() : now instanceof Date ? now : now.nowWithin((read) => steadySpan(read.getTime(), (ms) => ageLevel(ms - t)));
      const ms = Math.max(0, at.getTime() - t);
      if (ms >= dayMs) return ago(Math.floor(ms / dayMs), 'day');
      if (ms >= 3_600_000) return ago(Math.floor(ms / 3_600_000), 'hour');
      return ago(Math.floor(ms / 60_000), 'minute');
    },
    duration: (seconds) => {
      const s = Math.max(0, Math.round(seconds));
      const parts: string[] = [];
      const d = Math.floor(s / 86_400);
      const h = Math.floor((s % 86_400) / 3_600);
      const min = Math.floor((s % 3_600) / 60);
      const sec = s % 60;
      if (d > 0) parts.push(units.day.format(d));
      if (h > 0) parts.push(units.hour.format(h));
      if (min > 0) parts.push(units.minute.format(min));
      if (sec > 0 || parts.length === 0) parts.push(units.second.format(sec));
      return unitList.format(parts);
    },
    days: (count) => units.day.format(count),
    size: (bytes) => {
      const steps = ['byte', 'kilobyte', 'megabyte', 'gigabyte', 'terabyte'] as const;
      let value = Math.max(0, bytes);
      let step = 0;
      while (value >= 1000 && step < steps.length - 1) {
        value /= 1000;
        step += 1;
      }
      return new Intl.NumberFormat(words.locale, { style: 'unit', unit: steps[step], unitDisplay: 'short', maximumFractionDigits: 1 }).format(value);
    },
    number: (value) => numbers.format(value),
    and: (items) => words.and(items),
    or: (items) => words.or(items),
  };
};

export type { SentenceLanguage };

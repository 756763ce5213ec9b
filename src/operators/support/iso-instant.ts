/**
 * Parses the date strings facts carry: RFC 3339 / ISO 8601 `YYYY-MM-DD`, or a date-time with a
 * zone (`Z`, `+02:00`, `+0200`), `T` or a space between date and time, optional seconds and
 * fraction. A date-time without a zone is refused: its meaning would depend on the time zone of the
 * machine running the check. A date alone means the start of that day in UTC (the oldest instant it
 * can stand for, so an age is never underestimated).
 */
import type { DateProblem } from '../../i18n/operator-messages.js';

const isoPattern = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2}):?(\d{2})))?$/i;

const hasTimeWithoutZone = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?$/i;

/** On failure, `problem` says why (worded by the caller: DateProblem in src/i18n/operator-messages.ts). */
export type ParsedInstant = { ok: true; epochMs: number } | { ok: false; problem: DateProblem };

export const parseIsoInstant = (text: string): ParsedInstant => {
  const m = isoPattern.exec(text.trim());
  if (m === null) {
    return hasTimeWithoutZone.test(text.trim()) ? { ok: false, problem: 'withoutZone' } : { ok: false, problem: 'notIso' };
  }
  const [, y, mo, d, h = '0', mi = '0', s = '0', fraction = '', , sign, zh = '0', zm = '0'] = m;
  const year = Number(y);
  const month = Number(mo);
  const day = Number(d);
  const hour = Number(h);
  const minute = Number(mi);
  const second = Number(s);
  const offsetMinutes = (sign === '-' ? -1 : 1) * (Number(zh) * 60 + Number(zm));
  const utc = new Date(Date.UTC(year, month - 1, day));
  utc.setUTCFullYear(year); // Date.UTC maps years 0-99 to 1900-1999
  const valid =
    utc.getUTCMonth() === month - 1 && utc.getUTCDate() === day && hour <= 23 && minute <= 59 && second <= 59 && Number(zh) <= 23 && Number(zm) <= 59;
  if (!valid) return { ok: false, problem: 'invalid' };
  const millis = Number(fraction.padEnd(3, '0').slice(0, 3));
  const epochMs = utc.getTime() + ((hour * 60 + minute - offsetMinutes) * 60 + second) * 1000 + millis;
  return { ok: true, epochMs };
};

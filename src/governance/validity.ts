/** Waivers and attestations are valid for whole days, in UTC: from the first date through the last. */

export type Validity = 'active' | 'expired' | 'not-yet-valid';

const datePattern = /^(\d{4})-(\d{2})-(\d{2})$/;

/** A real calendar date written YYYY-MM-DD (2026-02-30 is not one). */
export const isCalendarDate = (text: string): boolean => {
  const match = datePattern.exec(text);
  if (match === null) return false;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const date = new Date(Date.UTC(year, month - 1, day));
  return date.getUTCFullYear() === year && date.getUTCMonth() === month - 1 && date.getUTCDate() === day;
};

/** The UTC day of an instant, as YYYY-MM-DD. */
export const dayOf = (now: Date): string => now.toISOString().slice(0, 10);

/** Whether [from, until] (inclusive days) holds on the day of `now`. */
export const validity = (from: string, until: string, now: Date): Validity => {
  const today = dayOf(now);
  if (today < from) return 'not-yet-valid';
  if (today > until) return 'expired';
  return 'active';
};

/** Whole days from the day of `now` to `until` (0 on the last valid day, negative once expired). */
export const daysLeft = (until: string, now: Date): number =>
  Math.round((Date.parse(`${until}T00:00:00Z`) - Date.parse(`${dayOf(now)}T00:00:00Z`)) / 86_400_000);

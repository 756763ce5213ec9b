/**
 * `withinDays: { days: N }`: the value is an ISO 8601 date no older than N days at evaluation time
 * (`context.now`). A date in the future (clock skew) counts as within. A date without a time is the
 * start of that day in UTC; a date-time without a time zone is refused (see support/iso-instant.ts).
 */
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { finiteProblems } from './support/format.js';
import { parseIsoInstant } from './support/iso-instant.js';
import { jsonType } from './support/json-type.js';
import { steadySpan } from '../run-memo.js';

const dayMs = 86_400_000;

export interface WithinDaysOptions {
  days: number;
}

export const withinDays = defineOperator<WithinDaysOptions>({
  name: 'withinDays',
  description: 'The value is an ISO 8601 date no older than the given number of days.',
  optionsSchema: {
    type: 'object',
    properties: { days: { type: 'number', minimum: 0 } },
    required: ['days'],
    additionalProperties: false,
  },
  check: ({ days }) => finiteProblems({ days }),
  test: (actual, { days }, { nowWithin, words }) => {
    if (typeof actual !== 'string') return { ok: false, reason: words.wrongType('dateString', jsonType(actual)) };
    const parsed = parseIsoInstant(actual);
    if (!parsed.ok) return { ok: false, reason: words.badDate(parsed.problem, JSON.stringify(actual)) };
    // The verdict (within, or how many whole days old) holds until the next day boundary or the limit.
    const level = (ms: number): number => {
      const age = ms - parsed.epochMs;
      return age <= days * dayMs ? -1 : Math.floor(age / dayMs);
    };
    const now = nowWithin((read) => steadySpan(read.getTime(), level));
    const ageMs = now.getTime() - parsed.epochMs;
    if (ageMs <= days * dayMs) return { ok: true };
    const ageDays = Math.floor(ageMs / dayMs);
    return { ok: false, reason: words.daysOld(actual, ageDays) };
  },
  describe: describers.withinDays,
});

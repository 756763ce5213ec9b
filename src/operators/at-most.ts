/** `atMost: <number>`: the value is a number less than or equal to the option. */
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { finiteProblems } from './support/format.js';
import { jsonType } from './support/json-type.js';

export const atMost = defineOperator<number>({
  name: 'atMost',
  description: 'The value is a number less than or equal to the given number.',
  optionsSchema: { type: 'number' },
  check: (maximum) => finiteProblems({ atMost: maximum }),
  test: (actual, maximum, { words }) => {
    if (typeof actual !== 'number') return { ok: false, reason: words.wrongType('number', jsonType(actual)) };
    return actual <= maximum ? { ok: true } : { ok: false, reason: words.above(actual, maximum) };
  },
  describe: describers.atMost,
});

/** `atLeast: <number>`: the value is a number greater than or equal to the option. */
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { finiteProblems } from './support/format.js';
import { jsonType } from './support/json-type.js';

export const atLeast = defineOperator<number>({
  name: 'atLeast',
  description: 'The value is a number greater than or equal to the given number.',
  optionsSchema: { type: 'number' },
  check: (minimum) => finiteProblems({ atLeast: minimum }),
  test: (actual, minimum, { words }) => {
    if (typeof actual !== 'number') return { ok: false, reason: words.wrongType('number', jsonType(actual)) };
    return actual >= minimum ? { ok: true } : { ok: false, reason: words.below(actual, minimum) };
  },
  describe: describers.atLeast,
});

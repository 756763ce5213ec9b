/** `atLeast: <number>`: the value is a number greater than or equal to the option. */
import { defineOperator } from './operator.js';
import { finiteProblems } from './support/format.js';
import { jsonType } from './support/json-type.js';

export const atLeast = defineOperator<number>({
  name: 'atLeast',
  description: 'The value is a number greater than or equal to the given number.',
  optionsSchema: { type: 'number' },
  check: (minimum) => finiteProblems({ atLeast: minimum }),
  test: (actual, minimum) => {
    if (typeof actual !== 'number') return { ok: false, reason: `expected a number, got ${jsonType(actual)}` };
    return actual >= minimum ? { ok: true } : { ok: false, reason: `${actual} is below ${minimum}` };
  },
  describe: (minimum) => `at least ${minimum}`,
});

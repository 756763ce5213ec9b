/** `oneOf: [a, b, ...]`: the value equals one of the listed JSON values (deep comparison). */
import type { Json } from '../model.js';
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { formatValue, formatValues } from './support/format.js';
import { jsonEqual } from './support/json-equal.js';

export const oneOf = defineOperator<Json[]>({
  name: 'oneOf',
  description: 'The value equals one of the listed values.',
  optionsSchema: { type: 'array', minItems: 1, items: { not: { type: 'null' } } },
  test: (actual, allowed, { words }) =>
    allowed.some((value) => jsonEqual(actual, value)) ? { ok: true } : { ok: false, reason: words.notOneOf(formatValue(actual), formatValues(allowed)) },
  describe: describers.oneOf,
});

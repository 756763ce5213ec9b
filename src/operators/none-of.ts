/**
 * `noneOf: [a, b, ...]`: the value equals none of the listed JSON values (deep comparison). It
 * compares the whole value: to forbid items inside a list, use `none: { is: { oneOf: [...] } }`.
 */
import type { Json } from '../model.js';
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { formatValue } from './support/format.js';
import { jsonEqual } from './support/json-equal.js';

export const noneOf = defineOperator<Json[]>({
  name: 'noneOf',
  description: 'The value equals none of the listed values.',
  optionsSchema: { type: 'array', minItems: 1, items: { not: { type: 'null' } } },
  test: (actual, forbidden, { words }) =>
    forbidden.some((value) => jsonEqual(actual, value)) ? { ok: false, reason: words.is(formatValue(actual)) } : { ok: true },
  describe: describers.noneOf,
});

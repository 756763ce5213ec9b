/**
 * `notEquals: <value>`: the value differs from the option, compared as JSON (see `equals`).
 * An unknown value is not "different": it is undetermined.
 */
import type { Json } from '../model.js';
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { formatValue } from './support/format.js';
import { jsonEqual } from './support/json-equal.js';

export const notEquals = defineOperator<Json>({
  name: 'notEquals',
  description: 'The value differs from the given JSON value (deep comparison).',
  optionsSchema: { not: { type: 'null' } },
  test: (actual, unwanted, { words }) => (jsonEqual(actual, unwanted) ? { ok: false, reason: words.is(formatValue(actual)) } : { ok: true }),
  describe: describers.notEquals,
});

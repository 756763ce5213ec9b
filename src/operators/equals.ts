/**
 * `equals: <value>`: the value equals the option, compared as JSON (deep: arrays in order, objects
 * regardless of key order). `null` is refused as an option: null means unknown, which never equals
 * anything; use `exists: false` for an absent value.
 */
import type { Json } from '../model.js';
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { formatValue } from './support/format.js';
import { jsonEqual } from './support/json-equal.js';

export const equals = defineOperator<Json>({
  name: 'equals',
  description: 'The value equals the given JSON value (deep comparison).',
  optionsSchema: { not: { type: 'null' } },
  test: (actual, expected, { words }) =>
    jsonEqual(actual, expected) ? { ok: true } : { ok: false, reason: words.isNot(formatValue(actual), formatValue(expected)) },
  describe: describers.equals,
});

/**
 * `contains: <value>`: the value is a list with an item equal to the option (deep comparison), or
 * a string containing the option as a substring (case-sensitive; the option must then be a string).
 */
import type { Json } from '../model.js';
import { defineOperator } from './operator.js';
import { formatValue } from './support/format.js';
import { jsonEqual } from './support/json-equal.js';
import { jsonType } from './support/json-type.js';

export const contains = defineOperator<Json>({
  name: 'contains',
  description: 'The list has an item equal to the value, or the string contains the substring.',
  optionsSchema: { not: { type: 'null' } },
  test: (actual, wanted) => {
    if (Array.isArray(actual)) {
      return actual.some((item) => jsonEqual(item, wanted))
        ? { ok: true }
        : { ok: false, reason: `no item equal to ${formatValue(wanted)}` };
    }
    if (typeof actual === 'string') {
      if (typeof wanted !== 'string') return { ok: false, reason: `a string cannot contain ${formatValue(wanted)}` };
      if (actual.includes(wanted)) return { ok: true };
      return { ok: false, reason: `${formatValue(actual)} does not contain ${formatValue(wanted)}` };
    }
    return { ok: false, reason: `expected an array or a string, got ${jsonType(actual)}` };
  },
  describe: (wanted) => `contains ${formatValue(wanted)}`,
});

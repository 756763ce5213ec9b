/**
 * `contains: <value>`: the value is a list with an item equal to the option (deep comparison), or
 * a string containing the option as a substring (case-sensitive; the option must then be a string).
 */
import type { Json } from '../model.js';
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { formatValue } from './support/format.js';
import { jsonEqual } from './support/json-equal.js';
import { jsonType } from './support/json-type.js';

export const contains = defineOperator<Json>({
  name: 'contains',
  description: 'The list has an item equal to the value, or the string contains the substring.',
  optionsSchema: { not: { type: 'null' } },
  decidesIncompleteLists: true,
  test: (actual, wanted, { words, incomplete }) => {
    if (Array.isArray(actual)) {
      if (actual.some((item) => jsonEqual(item, wanted))) return { ok: true };
      return incomplete ? { ok: false, undetermined: true, reason: words.listIncomplete } : { ok: false, reason: words.noItemEqualTo(formatValue(wanted)) };
    }
    if (typeof actual === 'string') {
      if (typeof wanted !== 'string') return { ok: false, reason: words.stringCannotContain(formatValue(wanted)) };
      if (actual.includes(wanted)) return { ok: true };
      return { ok: false, reason: words.doesNotContain(formatValue(actual), formatValue(wanted)) };
    }
    return { ok: false, reason: words.wrongType('arrayOrString', jsonType(actual)) };
  },
  describe: describers.contains,
});

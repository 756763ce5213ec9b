/**
 * `all: { where: { <field>: <expectation>, ... } }` or `all: { is: <expectation> }`: every item of
 * the list matches (an empty list passes). `where` is for lists of objects (an item matches when
 * every listed field meets its expectation); `is` applies the expectation to each item itself.
 *
 *     all: { where: { encrypted: { equals: true } } }
 *
 * Fails with the items that do not match as `observed` (at most 20) and "1 of 3 items does not
 * match: /home". An item whose listed field is missing or null does not match either: if it is the
 * only obstacle, the verdict is `undetermined`. Shared logic: support/collection.ts.
 */
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import type { ItemCondition } from './support/collection.js';
import { checkItems, incompleteList, conditionProperties, labelsOf, nestedOf, notAList, observedOf, undeterminedItems } from './support/collection.js';

export const all = defineOperator<ItemCondition>({
  name: 'all',
  description: 'Every item of the list matches the condition (`where` on fields, or `is` on the item).',
  optionsSchema: {
    type: 'object',
    properties: conditionProperties,
    additionalProperties: false,
    minProperties: 1,
    maxProperties: 1,
  },
  nested: nestedOf,
  decidesIncompleteLists: true,
  test: (actual, condition, context) => {
    const { words } = context;
    if (!Array.isArray(actual)) return notAList(actual, words);
    const items = checkItems(actual, condition, context);
    const failing = items.filter((c) => c.match === 'no');
    if (failing.length > 0) {
      return {
        ok: false,
        reason: words.itemsDoNotMatch(failing.length, items.length, labelsOf(failing, words)),
        observed: observedOf(failing),
      };
    }
    const unknown = items.filter((c) => c.match === 'unknown');
    if (context.incomplete) return incompleteList(unknown, words);
    return unknown.length > 0 ? undeterminedItems(unknown, words) : { ok: true };
  },
  describe: describers.all,
});

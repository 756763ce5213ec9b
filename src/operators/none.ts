/**
 * `none: { where: { <field>: <expectation>, ... } }` or `none: { is: <expectation> }`: no item of
 * the list matches. `where` is for lists of objects (an item matches when every listed field meets
 * its expectation); `is` applies the expectation to each item itself (lists of scalars).
 *
 *     none: { where: { categories: { contains: messenger }, approved: { equals: false } } }
 *     none: { is: { oneOf: [telegram, whatsapp] } }
 *
 * Fails with the matching items as `observed` (at most 20) and "2 items match: telegram, whatsapp".
 * An item whose listed field is missing or null matches neither way: if no item matches but some
 * are unknown, the verdict is `undetermined`. Shared logic: support/collection.ts.
 */
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import type { ItemCondition } from './support/collection.js';
import { checkItems, incompleteList, conditionProperties, labelsOf, nestedOf, notAList, observedOf, undeterminedItems } from './support/collection.js';

export const none = defineOperator<ItemCondition>({
  name: 'none',
  description: 'No item of the list matches the condition (`where` on fields, or `is` on the item).',
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
    const matching = items.filter((c) => c.match === 'yes');
    if (matching.length > 0) {
      const reason = words.listed(words.itemsMatch(matching.length), labelsOf(matching, words));
      return { ok: false, reason, observed: observedOf(matching) };
    }
    const unknown = items.filter((c) => c.match === 'unknown');
    if (context.incomplete) return incompleteList(unknown, words);
    return unknown.length > 0 ? undeterminedItems(unknown, words) : { ok: true };
  },
  describe: describers.none,
});

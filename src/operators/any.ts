/**
 * `any: { where: { <field>: <expectation>, ... } }` or `any: { is: <expectation> }`: at least one
 * item of the list matches. `where` is for lists of objects (an item matches when every listed
 * field meets its expectation); `is` applies the expectation to each item itself (lists of scalars).
 *
 *     any: { where: { name: { equals: luxchat4gov }, installed: { equals: true } } }
 *
 * Fails with "no item matches" (or "the list is empty"). An item whose listed field is missing or
 * null does not match; if no item matches but some are unknown, the verdict is `undetermined`.
 * Shared logic: support/collection.ts.
 */
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import type { ItemCondition } from './support/collection.js';
import { checkItems, incompleteList, conditionProperties, nestedOf, notAList, undeterminedItems } from './support/collection.js';

export const any = defineOperator<ItemCondition>({
  name: 'any',
  description: 'At least one item of the list matches the condition (`where` on fields, or `is` on the item).',
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
    if (items.some((c) => c.match === 'yes')) return { ok: true };
    const unknown = items.filter((c) => c.match === 'unknown');
    if (context.incomplete) return incompleteList(unknown, words);
    if (unknown.length > 0) return undeterminedItems(unknown, words);
    const reason = items.length === 0 ? words.listEmpty : words.noneOfItemsMatches(items.length);
    return { ok: false, reason };
  },
  describe: describers.any,
});

/**
 * `count: { where?: {...} | is?: <expectation>, atLeast?: N, atMost?: N }`: the number of items of
 * the list that match is within bounds (at least one bound is required). Without `where` or `is`,
 * every item counts. `where` is for lists of objects (an item matches when every listed field
 * meets its expectation); `is` applies the expectation to each item itself.
 *
 *     count: { where: { categories: { contains: remote-access } }, atMost: 1 }
 *
 * Fails with the matching items as `observed` (at most 20) and "3 items match, expected at most 1:
 * anydesk, teamviewer, rustdesk". Items with a missing or null listed field may or may not count:
 * when they alone decide between pass and fail, the verdict is `undetermined`.
 * Shared logic: support/collection.ts.
 */
import type { OperatorWords } from '../i18n/operator-messages.js';
import { countBounds, describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import type { CheckedItem, ItemCondition } from './support/collection.js';
import { checkItems, incompleteList, conditionProperties, labelsOf, nestedOf, notAList, observedOf, undeterminedItems } from './support/collection.js';
import { finiteProblems } from './support/format.js';

export interface CountOptions extends ItemCondition {
  atLeast?: number;
  atMost?: number;
}

const failure = (matching: readonly CheckedItem[], options: CountOptions, words: OperatorWords) => {
  const phrase = words.countExpected(words.itemsMatch(matching.length), countBounds(options, words));
  return {
    ok: false as const,
    reason: matching.length > 0 ? words.listed(phrase, labelsOf(matching, words)) : phrase,
    observed: observedOf(matching),
  };
};

export const count = defineOperator<CountOptions>({
  name: 'count',
  description: 'The number of items matching the condition (or of all items) is within atLeast and atMost.',
  optionsSchema: {
    type: 'object',
    properties: {
      ...conditionProperties,
      atLeast: { type: 'integer', minimum: 0 },
      atMost: { type: 'integer', minimum: 0 },
    },
    additionalProperties: false,
    anyOf: [
      { properties: { atLeast: true }, required: ['atLeast'] },
      { properties: { atMost: true }, required: ['atMost'] },
    ],
    dependentSchemas: { where: { properties: { is: false } } },
  },
  check: ({ atLeast, atMost }) => [
    ...finiteProblems({ atLeast, atMost }),
    ...(atLeast !== undefined && atMost !== undefined && atLeast > atMost ? [`atLeast (${atLeast}) is greater than atMost (${atMost})`] : []),
  ],
  nested: nestedOf,
  decidesIncompleteLists: true,
  test: (actual, options, context) => {
    const { words } = context;
    if (!Array.isArray(actual)) return notAList(actual, words);
    const items = checkItems(actual, options, context);
    const matching = items.filter((c) => c.match === 'yes');
    const unknown = items.filter((c) => c.match === 'unknown');
    const low = matching.length;
    // Items that could not be seen may all match: an incomplete list has no upper bound.
    const high = context.incomplete ? Infinity : low + unknown.length;
    const { atLeast = 0, atMost = Infinity } = options;
    if (low > atMost || high < atLeast) return failure(matching, options, words);
    if (high > atMost || low < atLeast) return context.incomplete ? incompleteList(unknown, words) : undeterminedItems(unknown, words);
    return { ok: true };
  },
  describe: describers.count,
});

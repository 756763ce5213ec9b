/**
 * What each operator says of its options, in the words of the report's language: "at most 900",
 * "none where categories contains "messenger"". Every operator's `describe` is its entry here (the
 * registry test proves it), so that describing an expectation (`charter explain`, reports) loads
 * this table alone and none of the operators' tests and what they need (the RE2 engine for
 * `matches`). An operator is added to index.ts and here.
 */
import type { OperatorWords } from '../../i18n/operator-messages.js';
import type { Json } from '../../model.js';
import type { CountOptions } from '../count.js';
import type { DescribeContext } from '../operator.js';
import type { WithinDaysOptions } from '../within-days.js';
import type { ItemCondition } from '../support/collection.js';
import { formatValue, formatValues } from '../support/format.js';
import { showPattern, type MatchesOptions } from '../support/pattern.js';

/** `where categories contains "messenger" and approved equal to false`, `where item one of "a"`, or `` */
export const describeCondition = (condition: ItemCondition, context: DescribeContext): string => {
  if (condition.is !== undefined) return context.words.whereItem(context.describe(condition.is));
  const parts = Object.entries(condition.where ?? {}).map(([field, e]) => `${field} ${context.describe(e)}`);
  return parts.length === 0 ? '' : context.words.whereFields(parts);
};

/** The bounds of `count` (`at least 1 and at most 3`), in its description and in its failures. */
export const countBounds = ({ atLeast, atMost }: CountOptions, words: OperatorWords): string => {
  if (atLeast !== undefined && atMost !== undefined) return words.bothBounds(words.atLeast(atLeast), words.atMost(atMost));
  if (atLeast !== undefined) return words.atLeast(atLeast);
  return atMost === undefined ? '' : words.atMost(atMost);
};

export const describers = Object.freeze({
  all: (condition: ItemCondition, context: DescribeContext): string => context.words.all(describeCondition(condition, context)),
  any: (condition: ItemCondition, context: DescribeContext): string => context.words.any(describeCondition(condition, context)),
  atLeast: (minimum: number, { words }: DescribeContext): string => words.atLeast(minimum),
  atMost: (maximum: number, { words }: DescribeContext): string => words.atMost(maximum),
  contains: (wanted: Json, { words }: DescribeContext): string => words.contains(formatValue(wanted)),
  count: (options: CountOptions, context: DescribeContext): string => {
    const condition = describeCondition(options, context);
    const { words } = context;
    return condition === '' ? words.countItems(countBounds(options, words)) : words.countWhere(countBounds(options, words), condition);
  },
  equals: (expected: Json, { words }: DescribeContext): string => words.equalTo(formatValue(expected)),
  exists: (wanted: boolean, { words }: DescribeContext): string => (wanted ? words.present : words.absent),
  isEmpty: (wantEmpty: boolean, { words }: DescribeContext): string => (wantEmpty ? words.empty : words.notEmpty),
  matches: (options: MatchesOptions, { words }: DescribeContext): string => words.matches(showPattern(options)),
  none: (condition: ItemCondition, context: DescribeContext): string => context.words.none(describeCondition(condition, context)),
  noneOf: (forbidden: Json[], { words }: DescribeContext): string => words.noneOf(formatValues(forbidden)),
  notEquals: (unwanted: Json, { words }: DescribeContext): string => words.notEqualTo(formatValue(unwanted)),
  oneOf: (allowed: Json[], { words }: DescribeContext): string => words.oneOf(formatValues(allowed)),
  withinDays: ({ days }: WithinDaysOptions, { words }: DescribeContext): string => words.withinDays(days),
});

/**
 * A describer with its options type erased. Method syntax makes its parameters bivariant, so every
 * entry above is assignable to it without a cast, as every `Operator<O>` is to `RegisteredOperator`
 * (index.ts); safe for the same reason: the loader has validated the options.
 */
export type Describer = { describe(options: unknown, context: DescribeContext): string }['describe'];

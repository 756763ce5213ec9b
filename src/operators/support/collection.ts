/**
 * What `all`, `any`, `none` and `count` share: how one item of a list is checked against the
 * condition in their options.
 *
 * The condition is one of two keys:
 * - `where: { <field>: <expectation>, ... }` for lists of objects: an item matches when every listed
 *   field satisfies its expectation. Field names are literal keys of the item (no dot paths).
 * - `is: <expectation>` for lists of scalars: the expectation is applied to the item itself.
 *
 * Unknown is never compliant, so matching is three-valued: `yes`, `no` or `unknown`. A field that
 * is missing or null (or an item that is not an object) is unknown to every expectation except
 * `exists`. An item is `no` as soon as one field says no, otherwise `unknown` if one field is
 * unknown, otherwise `yes`. Each operator then fails on definite evidence and answers
 * `undetermined` (not a pass) when only unknown items stand between it and a pass.
 */
import type { OperatorWords } from '../../i18n/operator-messages.js';
import type { Json } from '../../model.js';
import type { Expectation, OperatorContext, Verdict } from '../operator.js';
import { formatLabels } from './format.js';
import { jsonType } from './json-type.js';

export interface ItemCondition {
  where?: Record<string, Expectation>;
  is?: Expectation;
}

export type Match = 'yes' | 'no' | 'unknown';

export interface CheckedItem {
  item: Json;
  index: number;
  match: Match;
  /** For an unknown match: the field whose value was unknown (`undefined` under `is`). */
  unknownField?: string;
}

/** At most this many items are kept in a verdict's `observed`; the reason gives the full count. */
export const maxObserved = 20;

const expectationSchema = { type: 'object', minProperties: 1, maxProperties: 1 } as const;

/** The schema properties of a condition, to spread into an operator's options schema. */
export const conditionProperties = {
  where: { type: 'object', minProperties: 1, additionalProperties: expectationSchema },
  is: expectationSchema,
} as const;

const isObject = (value: Json): value is { [key: string]: Json } => typeof value === 'object' && value !== null && !Array.isArray(value);

const verdictMatch = (verdict: Verdict): Match => {
  if (verdict.ok) return 'yes';
  return verdict.undetermined === true ? 'unknown' : 'no';
};

const checkItem = (item: Json, index: number, condition: ItemCondition, context: OperatorContext): CheckedItem => {
  if (condition.is !== undefined) return { item, index, match: verdictMatch(context.test(item, condition.is)) };
  let unknownField: string | undefined;
  for (const [field, expectation] of Object.entries(condition.where ?? {})) {
    const value = isObject(item) && Object.hasOwn(item, field) ? item[field] : undefined;
    const match = verdictMatch(context.test(value, expectation));
    if (match === 'no') return { item, index, match };
    if (match === 'unknown') unknownField ??= field;
  }
  return unknownField === undefined ? { item, index, match: 'yes' } : { item, index, match: 'unknown', unknownField };
};

export const checkItems = (items: readonly Json[], condition: ItemCondition, context: OperatorContext): CheckedItem[] =>
  items.map((item, index) => checkItem(item, index, condition, context));

/** A network endpoint item (a listening socket): `address:port/protocol`. */
const endpointOf = (item: Record<string, Json>): string | undefined => {
  const { address, port, protocol } = item;
  if (typeof address !== 'string' || typeof port !== 'number') return undefined;
  const host = address.includes(':') ? `[${address}]` : address;
  return `${host}:${String(port)}${typeof protocol === 'string' ? `/${protocol}` : ''}`;
};

/**
 * How an item is named in reasons: its `id`, else its `name`, else its endpoint, else its `path`,
 * else the scalar itself, else `item N`.
 */
export const labelOf = ({ item, index, match, unknownField }: CheckedItem, words: OperatorWords): string => {
  let label = words.itemNumber(index + 1);
  if (isObject(item)) {
    const named = [item.id, item.name, endpointOf(item), item.path].find((v) => typeof v === 'string' || typeof v === 'number');
    if (named !== undefined) label = String(named);
  } else if (!Array.isArray(item)) {
    label = String(item);
  }
  if (match !== 'unknown') return label;
  return words.unknownLabel(label, unknownField);
};

export const labelsOf = (items: readonly CheckedItem[], words: OperatorWords): string =>
  formatLabels(
    items.map((item) => labelOf(item, words)),
    words,
  );

export const observedOf = (items: readonly CheckedItem[]): Json => items.slice(0, maxObserved).map((c) => c.item);

export const notAList = (actual: Json, words: OperatorWords): Verdict => ({
  ok: false,
  reason: words.wrongType('array', jsonType(actual)),
});

/**
 * The verdict when the known items do not decide a list known to be incomplete: the items that
 * could not be seen might match or not.
 */
export const incompleteList = (unknown: readonly CheckedItem[], words: OperatorWords): Verdict =>
  unknown.length > 0 ? undeterminedItems(unknown, words) : { ok: false, undetermined: true, reason: words.listIncomplete };

/** The verdict when unknown items alone prevent a decision. */
export const undeterminedItems = (unknown: readonly CheckedItem[], words: OperatorWords): Verdict => ({
  ok: false,
  undetermined: true,
  reason: words.couldNotBeChecked(unknown.length, labelsOf(unknown, words)),
  observed: observedOf(unknown),
});

export const nestedOf = (condition: ItemCondition): Array<{ path: (string | number)[]; expectation: unknown }> => {
  if (condition.is !== undefined) return [{ path: ['is'], expectation: condition.is }];
  return Object.entries(condition.where ?? {}).map(([field, expectation]) => ({ path: ['where', field], expectation }));
};

/**
 * The operator registry: the YAML key of an expectation → its operator. Adding an operator is one
 * file, one line here, its describer in describe/describers.ts, and its table test; `index.test.ts`
 * proves this map matches the folder and the describe table.
 *
 * Typing: `operators` keeps each entry's own options type (`satisfies`), so `OperatorName` is the
 * union of the keys. `RegisteredOperator` is `Operator<unknown>`: every `Operator<O>` is assignable
 * to it because interface methods compare parameters bivariantly, so no `any` and no casts are
 * needed. That erasure is safe only because the loader validates options against
 * `optionsSchema` (and `check`) before any call; `testExpectation` relies on that.
 */
import { all } from './all.js';
import { any } from './any.js';
import { atLeast } from './at-least.js';
import { atMost } from './at-most.js';
import { contains } from './contains.js';
import { count } from './count.js';
import { equals } from './equals.js';
import { exists } from './exists.js';
import { isEmpty } from './is-empty.js';
import { matches } from './matches.js';
import { noneOf } from './none-of.js';
import { none } from './none.js';
import { notEquals } from './not-equals.js';
import { oneOf } from './one-of.js';
import type { Operator } from './operator.js';
import { withinDays } from './within-days.js';

/** An operator with its options type erased (`O` defaults to `unknown`). */
export type RegisteredOperator = Operator;

export const operators = Object.freeze({
  all,
  any,
  atLeast,
  atMost,
  contains,
  count,
  equals,
  exists,
  isEmpty,
  matches,
  none,
  noneOf,
  notEquals,
  oneOf,
  withinDays,
}) satisfies Readonly<Record<string, RegisteredOperator>>;

export type OperatorName = keyof typeof operators;

const byName: Readonly<Record<string, RegisteredOperator>> = operators;

/** Sorted, for schemas and messages ("unknown operator x; expected one of ..."). */
export const operatorNames: readonly string[] = Object.keys(byName).sort();

/** The operator with that YAML key; own keys only, so `toString` or `__proto__` find nothing. */
export const operatorNamed = (name: string): RegisteredOperator | undefined => (Object.hasOwn(byName, name) ? byName[name] : undefined);

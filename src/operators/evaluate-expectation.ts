/**
 * Evaluates one expectation (`{ <operator>: <options> }`) against a value, building the
 * OperatorContext that nested expectations (collection operators) are evaluated with.
 *
 * Unknown is never compliant: `null` or `undefined` as the value gives an `undetermined` verdict
 * without calling the operator, unless the operator `acceptsUnknown` (`exists`), which receives
 * `null`. Map `undetermined` to an `error` finding, not `fail`.
 *
 * The expectation must have passed the loader (one known key, options valid against the
 * operator's `optionsSchema` and `check`); a malformed one is a programming error and throws.
 */
import type { Json } from '../model.js';
import type { RegisteredOperator } from './index.js';
import { operatorNamed, operatorNames } from './index.js';
import type { Expectation, OperatorContext, Verdict } from './operator.js';

const resolve = (expectation: Expectation): { operator: RegisteredOperator; options: unknown } => {
  const entries = Object.entries(expectation);
  const [entry] = entries;
  if (entry === undefined || entries.length !== 1) {
    throw new TypeError(`an expectation has exactly one operator key, got ${JSON.stringify(Object.keys(expectation))}`);
  }
  const [name, options] = entry;
  const operator = operatorNamed(name);
  if (operator === undefined) {
    throw new TypeError(`unknown operator ${JSON.stringify(name)}; expected one of ${operatorNames.join(', ')}`);
  }
  return { operator, options };
};

const unknownValue: Verdict = { ok: false, undetermined: true, reason: 'value unknown' };

/** Descriptions depend only on the (policy-owned, unchanging) expectation object. */
const descriptions = new WeakMap<Expectation, string>();

export const describeExpectation = (expectation: Expectation): string => {
  const known = descriptions.get(expectation);
  if (known !== undefined) return known;
  const { operator, options } = resolve(expectation);
  const text = operator.describe(options, { describe: describeExpectation });
  descriptions.set(expectation, text);
  return text;
};

export const testExpectation = (expectation: Expectation, actual: Json | undefined, now: Date): Verdict => {
  const { operator, options } = resolve(expectation);
  const context: OperatorContext = {
    now,
    test: (value, nested) => testExpectation(nested, value, now),
    describe: describeExpectation,
  };
  if (actual === undefined || actual === null) {
    return operator.acceptsUnknown === true ? operator.test(null, options, context) : unknownValue;
  }
  return operator.test(actual, options, context);
};

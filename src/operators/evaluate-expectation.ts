/**
 * Evaluates one expectation (`{ <operator>: <options> }`) against a value, building the
 * OperatorContext that nested expectations (collection operators) are evaluated with.
 *
 * Unknown is never compliant: `null` or `undefined` as the value gives an `undetermined` verdict
 * without calling the operator, unless the operator `acceptsUnknown` (`exists`), which receives
 * `null`. Map `undetermined` to an `error` finding, not `fail`.
 *
 * Reasons (and, through describe/describe-expectation.ts, descriptions) are worded in `language` (English by default) with the words of
 * src/i18n/operator-messages.ts.
 *
 * The expectation must have passed the loader (one known key, options valid against the
 * operator's `optionsSchema` and `check`); a malformed one is a programming error and throws.
 */
import type { OperatorWords } from '../i18n/operator-messages.js';
import { operatorWordsFor } from '../i18n/operator-messages.js';
import type { Json, Language } from '../model.js';
import type { RegisteredOperator } from './index.js';
import { operatorNamed, operatorNames } from './index.js';
import type { Expectation, OperatorContext, Verdict } from './operator.js';
import { describeExpectation } from './describe/describe-expectation.js';
import type { Clock } from '../run-memo.js';

// Describing needs only the describe table: its own module, which `explain` loads without the operators.
export { describeExpectation };

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

const unknownValue = (words: OperatorWords): Verdict => ({ ok: false, undetermined: true, reason: words.valueUnknown });

/**
 * `incomplete`: `actual` is a list known to miss items (a `partial` probe). Operators that do not
 * `decidesIncompleteLists` answer `undetermined` on it without being called; the others decide
 * only when the known items already do. Nested expectations never see it: it describes the list,
 * not its items.
 */
export const testExpectation = (
  expectation: Expectation,
  actual: Json | undefined,
  now: Date | (() => Date) | Clock,
  language: Language = 'en',
  incomplete = false,
): Verdict => {
  const { operator, options } = resolve(expectation);
  const words = operatorWordsFor(language);
  const context: OperatorContext = {
    // Read only by the operators that depend on the time: a caller that passes a clock learns whether, and how, they did.
    get now() {
      return typeof now === 'function' ? now() : now instanceof Date ? now : now.now();
    },
    nowWithin: (span) => (typeof now === 'function' ? now() : now instanceof Date ? now : now.nowWithin(span)),
    words,
    incomplete,
    test: (value, nested) => testExpectation(nested, value, now, language),
    describe: (nested) => describeExpectation(nested, language),
  };
  if (actual === undefined || actual === null) {
    return operator.acceptsUnknown === true ? operator.test(null, options, context) : unknownValue(words);
  }
  if (incomplete && operator.decidesIncompleteLists !== true) return { ok: false, undetermined: true, reason: words.listIncomplete };
  return operator.test(actual, options, context);
};

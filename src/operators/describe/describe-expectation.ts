/**
 * An expectation (`{ <operator>: <options> }`) in plain words, in the report's language: what
 * `explain` prints and reports show beside a failure. Loads the describe table and the words, not
 * the operators (evaluate-expectation.ts does), so a command that only describes loads no test code.
 *
 * The expectation must have passed the loader; a malformed one is a programming error and throws.
 */
import { operatorWordsFor } from '../../i18n/operator-messages.js';
import type { Language } from '../../model.js';
import type { Expectation } from '../operator.js';
import { describers, type Describer } from './describers.js';

const byName: Readonly<Record<string, Describer>> = describers;
const names = Object.keys(byName).sort();

const resolve = (expectation: Expectation): { describe: Describer; options: unknown } => {
  const entries = Object.entries(expectation);
  const [entry] = entries;
  if (entry === undefined || entries.length !== 1) {
    throw new TypeError(`an expectation has exactly one operator key, got ${JSON.stringify(Object.keys(expectation))}`);
  }
  const [name, options] = entry;
  const describe = Object.hasOwn(byName, name) ? byName[name] : undefined;
  if (describe === undefined) throw new TypeError(`unknown operator ${JSON.stringify(name)}; expected one of ${names.join(', ')}`);
  return { describe, options };
};

/** Descriptions depend only on the (policy-owned, unchanging) expectation object and the language. */
const descriptions = new Map<Language, WeakMap<Expectation, string>>();

const descriptionsIn = (language: Language): WeakMap<Expectation, string> => {
  let known = descriptions.get(language);
  if (known === undefined) {
    known = new WeakMap();
    descriptions.set(language, known);
  }
  return known;
};

export const describeExpectation = (expectation: Expectation, language: Language = 'en'): string => {
  const known = descriptionsIn(language);
  const text = known.get(expectation);
  if (text !== undefined) return text;
  const { describe, options } = resolve(expectation);
  const described = describe(options, {
    describe: (nested) => describeExpectation(nested, language),
    words: operatorWordsFor(language),
  });
  known.set(expectation, described);
  return described;
};

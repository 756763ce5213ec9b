/**
 * Test-only helpers for operator tables (never imported by production code; belongs in
 * src/testing/ if the lead prefers). Options are validated exactly as the loader will: JSON Schema
 * draft 2020-12 with ajv in strict mode, then the operator's `check`.
 */
import { Ajv2020 } from 'ajv/dist/2020.js';
import type { Json } from '../../model.js';
import { testExpectation } from '../evaluate-expectation.js';
import type { RegisteredOperator } from '../index.js';
import type { Verdict } from '../operator.js';

/** The fixed evaluation time of every operator test. */
export const testNow = new Date('2025-06-01T12:00:00Z');

const ajv = new Ajv2020({ strict: true, allErrors: true });

/** Problems the loader would report for these options: schema errors first, then `check`. */
export const optionsProblems = (operator: RegisteredOperator, options: unknown): string[] => {
  const validate = ajv.compile(operator.optionsSchema);
  if (!validate(options)) {
    return (validate.errors ?? []).map((e) => `${e.instancePath || '/'} ${e.message ?? e.keyword}`);
  }
  return operator.check?.(options) ?? [];
};

/** The verdict of `{ <operator>: options }` on `actual`, after asserting the options are valid. */
export const verdictOf = (operator: RegisteredOperator, options: unknown, actual: Json | undefined): Verdict => {
  const problems = optionsProblems(operator, options);
  if (problems.length > 0) throw new Error(`invalid options ${JSON.stringify(options)}: ${problems.join('; ')}`);
  return testExpectation({ [operator.name]: options }, actual, testNow);
};

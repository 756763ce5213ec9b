import type { OperatorWords } from '../i18n/operator-messages.js';
import type { Json } from '../model.js';
import type { TimeSpan } from '../run-memo.js';

/** An expectation as written in a policy: exactly one key, the operator name, with its options. */
export type Expectation = Record<string, unknown>;

export type Verdict =
  | { ok: true }
  | {
      ok: false;
      /** Why it failed, in plain words ("2 of 3 volumes unencrypted"). */
      reason?: string;
      /** What to show as observed instead of the raw fact (e.g. only the matching items). */
      observed?: Json;
      /**
       * The verdict could not be decided because a value it needed is unknown (null or missing).
       * The evaluator reports `error`, not `fail`. Never set on a definite failure: a `none` that
       * finds one matching item fails even if other items are unknown.
       */
      undetermined?: true;
    };

/**
 * What `describe` (and `test`) may use: the wording of nested expectations and the words of the
 * report's language (src/i18n/operator-messages.ts), so no operator writes English itself.
 */
export interface DescribeContext {
  describe(expectation: Expectation): string;
  readonly words: OperatorWords;
}

export interface OperatorContext extends DescribeContext {
  /**
   * Evaluate a nested expectation (used by collection operators). `undefined` (a missing field)
   * and `null` are unknown: the verdict is `undetermined` unless the operator `acceptsUnknown`.
   */
  test(actual: Json | undefined, expectation: Expectation): Verdict;
  /** The evaluation time (injected, never read from the clock by operators). */
  readonly now: Date;
  /**
   * The evaluation time, for a verdict that stays the same at every time of the span `span(now)`
   * names (run-memo.ts, steadySpan): a run then reuses the verdict for hosts checked at such times.
   */
  readonly nowWithin: (span: (now: Date) => TimeSpan) => Date;
  /**
   * The list being tested is known to be incomplete: it may miss items that could not be seen
   * (a probe that was `partial`). Only operators that `decidesIncompleteLists` are called with it
   * set; they decide only when the known items already decide, else answer `undetermined`.
   */
  readonly incomplete: boolean;
}

export interface Operator<O = unknown> {
  /** camelCase; the YAML key. Its file is the kebab-case form. */
  readonly name: string;
  readonly description: string;
  /** JSON Schema of the options, checked when the policy loads. */
  readonly optionsSchema: Record<string, unknown>;
  /**
   * Set only by operators that decide on unknown values themselves (`exists`). They receive `null`
   * for a value that is missing or unknown. Every other operator never sees null or undefined.
   */
  readonly acceptsUnknown?: true;
  /**
   * Set by list operators that can decide on a list known to be incomplete when its known items
   * already decide (`none` fails on one match whatever else is unknown). Every other operator
   * answers `undetermined` on an incomplete list without being called.
   */
  readonly decidesIncompleteLists?: true;
  /**
   * Load-time checks that JSON Schema cannot express (a regex that does not compile, a number that
   * is not finite). Runs only on options that passed `optionsSchema`. One string per problem,
   * worded for the policy author; empty when the options are fine.
   */
  check?(options: O): string[];
  /** Nested expectations inside the options, with their JSON path below the options, for validation. */
  nested?(options: O): Array<{ path: (string | number)[]; expectation: unknown }>;
  /**
   * Pure and synchronous. `actual` is never null or undefined (unknown values are answered
   * `undetermined` before they reach an operator), except for operators that `acceptsUnknown`.
   */
  test(actual: Json, options: O, context: OperatorContext): Verdict;
  /** Its entry in describe/describers.ts, which describes without loading the operators. */
  describe(options: O, context: DescribeContext): string;
}

export const defineOperator = <O>(operator: Operator<O>): Operator<O> => operator;

/** Where a rule's conditions are wrong: unknown facts and operators, bad options, nested ones too. */
import type { PolicyProblem } from '../errors.js';
import { unknownFactReason } from '../fact-families.js';
import { operatorNamed, operatorNames } from '../operators/index.js';
import { compileSchema, quotedKey, schemaProblems, shownKey } from './schema-validator.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

/** Problems are reported through `problem` only, so a caller may re-point them (e.g. at an override). */
export type ProblemSource = Pick<YamlSource, 'problem'>;

const combinators = ['all', 'any', 'none'] as const;

export const conditionProblems = (value: unknown, at: PathSegment[], source: ProblemSource): PolicyProblem[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [source.problem(at, `${at.map(shownKey).join('.')}: a condition must be a map with 'fact' and 'expect', or 'all'/'any'/'none'`)];
  }
  const keys = Object.keys(value);
  const combinator = combinators.find((c) => c in value);
  if (combinator) {
    const extra = keys.filter((k) => k !== combinator);
    const problems = extra.map((k) => source.problem([...at, k], `unknown key ${quotedKey(k)} next to '${combinator}'`, true));
    const children = (value as Record<string, unknown>)[combinator];
    if (!Array.isArray(children) || children.length === 0) {
      return [...problems, source.problem([...at, combinator], `'${combinator}' takes a non-empty list of conditions`)];
    }
    return [...problems, ...children.flatMap((c, i) => conditionProblems(c, [...at, combinator, i], source))];
  }
  const problems = keys
    .filter((k) => k !== 'fact' && k !== 'expect')
    .map((k) => source.problem([...at, k], `unknown key ${quotedKey(k)} in condition (use fact + expect, or all/any/none)`, true));
  const { fact, expect } = value as { fact?: unknown; expect?: unknown };
  if (typeof fact !== 'string') {
    problems.push(source.problem(at, `condition needs 'fact': a fact path like disk-encryption.systemVolumeEncrypted`));
  } else {
    const reason = unknownFactReason(fact);
    if (reason) problems.push(source.problem([...at, 'fact'], `unknown fact '${fact}': ${reason}`));
  }
  if (expect === undefined) {
    problems.push(source.problem(at, `condition needs 'expect', e.g. { equals: true }`));
  } else {
    problems.push(...expectationProblems(expect, [...at, 'expect'], source));
  }
  return problems;
};

/** Validate an expectation: one known operator, options valid against its schema, nested ones too. */
export const expectationProblems = (value: unknown, at: PathSegment[], source: ProblemSource): PolicyProblem[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length !== 1) {
    return [source.problem(at, `an expectation is a map with exactly one operator, e.g. { equals: true }`)];
  }
  const [name = '', options] = Object.entries(value)[0] ?? [];
  const operator = operatorNamed(name);
  if (!operator) {
    return [
      source.problem(
        [...at, name],
        `unknown operator '${name}' (known: ${operatorNames.join(', ')})`,
        true,
      ),
    ];
  }
  const problems = schemaProblems(compileSchema(operator.optionsSchema), options, source, [...at, name], `${name}: `);
  if (problems.length > 0) return problems;
  const typed = options as never;
  for (const message of operator.check?.(typed) ?? []) problems.push(source.problem([...at, name], `${name}: ${message}`));
  for (const child of operator.nested?.(typed) ?? []) {
    problems.push(...expectationProblems(child.expectation, [...at, name, ...child.path], source));
  }
  return problems;
};

/** Where a rule's conditions are wrong: unknown facts and operators, bad options, nested ones too. */
import type { PolicyProblem } from '../errors.js';
import { factType, unknownFactReason } from '../fact-families.js';
import { operatorNamed, operatorNames } from '../operators/index.js';
import { compileSchema } from './compile-schema.js';
import { quotedKey, schemaProblems, shownKey, yaml11Booleans } from './schema-validator.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

/** Problems are reported through `problem` only, so a caller may re-point them (e.g. at an override). */
export type ProblemSource = Pick<YamlSource, 'problem'>;

const combinators = ['all', 'any', 'none'] as const;

export const conditionProblems = (value: unknown, at: PathSegment[], source: ProblemSource): PolicyProblem[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return [source.problem(at, `${at.map(shownKey).join('.')}: a condition must be a map with 'fact' and 'expect', or 'all'/'any'/'none'`)];
  }
  const keys = Object.keys(value);
  const combinator = combinators.find((c) => Object.hasOwn(value, c));
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
    const own = expectationProblems(expect, [...at, 'expect'], source);
    problems.push(...own);
    const type = typeof fact === 'string' ? factType(fact) : undefined;
    if (own.length === 0 && typeof fact === 'string' && (type === 'boolean' || type === 'string'))
      problems.push(...valueTypeProblems(fact, type, expect, [...at, 'expect'], source));
  }
  return problems;
};

/** What an author writing a string for a boolean fact meant: YAML 1.1 words, or a quoted true/false. */
const meantBooleans: Readonly<Record<string, boolean>> = { ...yaml11Booleans, true: true, false: false };

/** Operators whose options are compared with the fact's value as they are (a value, or a list of values). */
const valueOperators = ['equals', 'notEquals', 'oneOf', 'noneOf'] as const;

/**
 * A boolean fact compared with a string, or a string fact with a boolean, can never match:
 * `equals: no` is the string "no" in YAML 1.2. Refused at the value, saying what to write.
 */
const valueTypeProblems = (fact: string, type: 'boolean' | 'string', expect: unknown, at: PathSegment[], source: ProblemSource): PolicyProblem[] => {
  const [name = '', options] = Object.entries(expect as Record<string, unknown>)[0] ?? [];
  if (!(valueOperators as readonly string[]).includes(name)) return [];
  const values: [unknown, PathSegment[]][] = Array.isArray(options) ? options.map((v, i) => [v, [...at, name, i]]) : [[options, [...at, name]]];
  return values.flatMap(([value, where]) => {
    if (type === 'string') {
      return typeof value === 'boolean'
        ? [source.problem(where, `${name}: '${fact}' is a string: write '${String(value)}' in quotes (or the word you meant, e.g. 'no')`)]
        : [];
    }
    if (typeof value !== 'string') return [];
    const word = value.toLowerCase();
    const meant = Object.hasOwn(meantBooleans, word) ? meantBooleans[word] : undefined;
    return [
      source.problem(
        where,
        meant === undefined
          ? `${name}: '${fact}' is true or false, never the string ${JSON.stringify(value)}`
          : `${name}: write ${String(meant)}, not ${value} ('${fact}' is true or false; YAML 1.2 reads ${value} as a string)`,
      ),
    ];
  });
};

/** Validate an expectation: one known operator, options valid against its schema, nested ones too. */
export const expectationProblems = (value: unknown, at: PathSegment[], source: ProblemSource): PolicyProblem[] => {
  if (typeof value !== 'object' || value === null || Array.isArray(value) || Object.keys(value).length !== 1) {
    return [source.problem(at, `an expectation is a map with exactly one operator, e.g. { equals: true }`)];
  }
  const [name = '', options] = Object.entries(value)[0] ?? [];
  const operator = operatorNamed(name);
  if (!operator) {
    return [source.problem([...at, name], `unknown operator '${name}' (known: ${operatorNames.join(', ')})`, true)];
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

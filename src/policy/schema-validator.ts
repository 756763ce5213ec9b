import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import type { PolicyProblem } from '../errors.js';
import type { PathSegment, YamlSource } from './yaml-source.js';

/** YAML 1.1 wrote booleans as these words; YAML 1.2 (what these files are) reads them as strings. */
export const yaml11Booleans: Readonly<Record<string, boolean>> = { yes: true, y: true, on: true, no: false, n: false, off: false };

/** The value at a JSON pointer of `data` (own keys only). */
const valueAtPointer = (data: unknown, pointer: string): unknown => {
  let value = data;
  for (const segment of pointerToPath(pointer)) {
    if (typeof value !== 'object' || value === null || !Object.hasOwn(value, segment)) return undefined;
    value = (value as Record<string, unknown>)[segment];
  }
  return value;
};

/** A boolean written as a YAML 1.1 word, or a string written as a bare boolean: say what to write. */
const typeHint = (error: ErrorObject, data: unknown): string | undefined => {
  const expected = (error.params as { type?: string | string[] }).type;
  const types = Array.isArray(expected) ? expected : [expected];
  const value = valueAtPointer(data, error.instancePath);
  if (types.includes('boolean') && typeof value === 'string') {
    const word = value.toLowerCase();
    if (Object.hasOwn(yaml11Booleans, word)) return `must be true or false: write ${String(yaml11Booleans[word])}, not ${value}`;
  }
  if (types.includes('string') && !types.includes('boolean') && typeof value === 'boolean') {
    return `must be a string: write '${String(value)}' in quotes`;
  }
  return undefined;
};

const pointerToPath = (pointer: string): PathSegment[] =>
  pointer === ''
    ? []
    : pointer
        .slice(1)
        .split('/')
        .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
        .map((s) => (/^\d+$/.test(s) ? Number(s) : s));

const oneOfHints: Record<string, string> = {
  text: 'must be a string, or translations like { en: "...", fr: "..." } (en required, only en/fr/de)',
  rule: "needs either 'check' or 'manual: true', not both",
  hosts: 'must be "all", or a list of host name patterns like ["pc-*", "lab-01"]',
};

/**
 * A key as it may be printed: an identifier-like key up to 64 characters, as is; anything else
 * (possibly a line of a file that is not a policy at all) is never echoed.
 */
export const shownKey = (key: PathSegment): string =>
  typeof key === 'number' || /^[A-Za-z_][A-Za-z0-9_.-]{0,63}$/.test(key) ? String(key) : '(a key not shown)';

/** `'key'` when it may be shown, else the placeholder. */
export const quotedKey = (key: string): string => (shownKey(key) === key ? `'${key}'` : shownKey(key));

/** Validate `data` (found at `base` in `source`) and turn ajv errors into positioned, de-duplicated problems. */
export const schemaProblems = (
  validate: ValidateFunction,
  data: unknown,
  source: Pick<YamlSource, 'problem'>,
  base: readonly PathSegment[] = [],
  label = '',
): PolicyProblem[] => {
  if (validate(data)) return [];
  const errors: ErrorObject[] = validate.errors ?? [];
  const oneOfs = errors.filter((e) => e.keyword === 'oneOf');
  const kept = errors.filter((e) => !oneOfs.some((o) => o !== e && e.schemaPath.startsWith(`${o.schemaPath.replace(/\/oneOf$/, '')}/oneOf/`)));
  const seen = new Set<string>();
  const problems: PolicyProblem[] = [];
  for (const error of kept) {
    const path = [...base, ...pointerToPath(error.instancePath)];
    const where = path.length > 0 ? path.map(shownKey).join('.') : '(top level)';
    let message: string;
    let atKey = false;
    let at = path;
    switch (error.keyword) {
      case 'additionalProperties': {
        const key = (error.params as { additionalProperty: string }).additionalProperty;
        at = [...path, key];
        atKey = true;
        message = `unknown key ${quotedKey(key)} in ${where}`;
        break;
      }
      case 'required':
        message = `${where}: missing required key '${(error.params as { missingProperty: string }).missingProperty}'`;
        break;
      case 'enum':
        message = `${where}: must be one of ${(error.params as { allowedValues: unknown[] }).allowedValues.map((v) => JSON.stringify(v)).join(', ')}`;
        break;
      case 'oneOf': {
        const def = /\$defs\/([^/]+)\/oneOf$/.exec(error.schemaPath)?.[1] ?? '';
        message = `${where}: ${oneOfHints[def] ?? 'does not match any allowed form'}`;
        break;
      }
      case 'const':
        message = `${where}: must be ${JSON.stringify((error.params as { allowedValue: unknown }).allowedValue)}`;
        break;
      case 'type':
        message = `${where}: ${typeHint(error, data) ?? error.message ?? error.keyword}`;
        break;
      default:
        message = `${where}: ${error.message ?? error.keyword}`;
    }
    const problem = source.problem(at, `${label}${message}`, atKey);
    const key = `${String(problem.line)}:${String(problem.col)}:${problem.message}`;
    if (!seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
};

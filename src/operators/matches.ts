/**
 * `matches: <pattern>` or `matches: { pattern, flags }`: the value is a string in which the
 * regular expression finds a match (unanchored: write `^...$` to match the whole value).
 * Patterns use RE2 syntax (src/safe-regex.ts): matching is linear in the length of the value,
 * so lookahead, lookbehind and backreferences are refused. `flags` may combine `i` (ignore case),
 * `m`, `s` and `u`; `g` and `y` are refused. A pattern that does not compile is reported when the
 * policy loads (`check`); each pattern is compiled once and cached.
 */
import { safeRegex, type SafeRegex } from '../safe-regex.js';
import { describers } from './describe/describers.js';
import { defineOperator } from './operator.js';
import { jsonType } from './support/json-type.js';
import { patternParts, showPattern as show, type MatchesOptions } from './support/pattern.js';

export type { MatchesOptions };

const compile = (options: MatchesOptions): SafeRegex | Error => {
  const { pattern, flags } = patternParts(options);
  try {
    return safeRegex(pattern, flags);
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error));
  }
};

export const matches = defineOperator<MatchesOptions>({
  name: 'matches',
  description: 'The value is a string matched by the regular expression.',
  optionsSchema: {
    oneOf: [
      { type: 'string', minLength: 1 },
      {
        type: 'object',
        properties: {
          pattern: { type: 'string', minLength: 1 },
          flags: { type: 'string', pattern: '^[imsu]*$' },
        },
        required: ['pattern'],
        additionalProperties: false,
      },
    ],
  },
  check: (options) => {
    const regex = compile(options);
    return regex instanceof Error ? [`invalid regular expression ${show(options)}: ${regex.message}`] : [];
  },
  test: (actual, options, { words }) => {
    if (typeof actual !== 'string') return { ok: false, reason: words.wrongType('string', jsonType(actual)) };
    const regex = compile(options);
    if (regex instanceof Error) return { ok: false, reason: words.invalidPattern(show(options)) };
    if (regex.test(actual)) return { ok: true };
    return { ok: false, reason: words.doesNotMatch(JSON.stringify(actual), show(options)) };
  },
  describe: describers.matches,
});

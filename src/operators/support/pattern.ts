/**
 * The options of `matches` (a pattern, or a pattern with flags) and how descriptions and reasons
 * show them (`/^aes-/i`). Apart from matches.ts, so that describing a `matches` expectation loads
 * no regular expression engine.
 */
export type MatchesOptions = string | { pattern: string; flags?: string };

export const patternParts = (options: MatchesOptions): { pattern: string; flags: string } =>
  typeof options === 'string' ? { pattern: options, flags: '' } : { pattern: options.pattern, flags: options.flags ?? '' };

/** `/pattern/flags`, as written in the policy. */
export const showPattern = (options: MatchesOptions): string => {
  const { pattern, flags } = patternParts(options);
  return `/${pattern}/${flags}`;
};

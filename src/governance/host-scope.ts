/**
 * Which hosts a waiver or attestation covers: `all`, or host name patterns where `*` is any run of
 * characters and `?` one character, compared without regard to case (host names are case-insensitive).
 */
export type HostScope = 'all' | readonly string[];

const compiled = new Map<string, RegExp>();

const patternRegExp = (pattern: string): RegExp => {
  let regexp = compiled.get(pattern);
  if (regexp === undefined) {
    const source = pattern
      .split('')
      .map((c) => (c === '*' ? '.*' : c === '?' ? '.' : c.replace(/[.+^${}()|[\]\\]/g, '\\$&')))
      .join('');
    regexp = new RegExp(`^${source}$`, 'i');
    compiled.set(pattern, regexp);
  }
  return regexp;
};

export const inScope = (scope: HostScope, host: string): boolean =>
  scope === 'all' || scope.some((pattern) => patternRegExp(pattern).test(host));

export const describeScope = (scope: HostScope): string => (scope === 'all' ? 'all hosts' : scope.join(', '));

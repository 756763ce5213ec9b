/**
 * Every regular expression or glob that comes from an input file (policies, the app catalog,
 * waivers, attestations) is compiled here, with RE2 semantics (re2js): matching time is linear in
 * the length of the text, whatever the pattern, so a hostile or careless pattern cannot hang a
 * check. What RE2 cannot do in linear time (lookahead, lookbehind, backreferences) is refused with
 * a message that says so, which the loaders report at the pattern's file:line:col.
 *
 * Charter's own hard-coded patterns keep using JavaScript RegExp.
 */
import { RE2JS } from 're2js';

export interface SafeRegex {
  readonly source: string;
  readonly flags: string;
  /** True when the pattern matches somewhere in the text (like RegExp.prototype.test). */
  test(text: string): boolean;
}

/** A pattern that cannot be compiled with RE2 semantics; the message is meant for the policy author. */
export class SafeRegexError extends Error {
  override name = 'SafeRegexError';
}

/** The flags a policy may give: i (ignore case), m (^ and $ at line ends), s (. matches newline), u (accepted: RE2 is always Unicode-aware). */
const flagBits: Readonly<Record<string, number>> = {
  i: RE2JS.CASE_INSENSITIVE,
  m: RE2JS.MULTILINE,
  s: RE2JS.DOTALL,
  u: 0,
};

// Hard-coded, linear checks on the pattern text, only to give a clearer message than RE2's own.
const lookaround = /\(\?<?[=!]/;
const backreference = /\\(?:[1-9]|k<)/;

const explain = (pattern: string, reason: string): string => {
  if (lookaround.test(pattern))
    return 'lookahead and lookbehind ((?=, (?!, (?<=, (?<!) are not supported: patterns use RE2 syntax, which always matches in linear time';
  if (backreference.test(pattern)) return 'backreferences (\\1, \\k<name>) are not supported: patterns use RE2 syntax, which always matches in linear time';
  return reason.replace(/^error parsing regexp: /, '');
};

const cache = new Map<string, SafeRegex | SafeRegexError>();

const build = (pattern: string, flags: string): SafeRegex | SafeRegexError => {
  let bits = 0;
  for (const flag of flags) {
    const bit = flagBits[flag];
    if (bit === undefined) return new SafeRegexError(`unsupported flag '${flag}' (use i, m, s or u)`);
    if (flags.indexOf(flag) !== flags.lastIndexOf(flag)) return new SafeRegexError(`flag '${flag}' given twice`);
    bits |= bit;
  }
  try {
    const re = RE2JS.compile(pattern, bits);
    return { source: pattern, flags, test: (text) => re.test(text) };
  } catch (error) {
    return new SafeRegexError(explain(pattern, error instanceof Error ? error.message : String(error)));
  }
};

const compiled = (pattern: string, flags: string): SafeRegex | SafeRegexError => {
  const key = `${flags}/${pattern}`;
  let entry = cache.get(key);
  if (entry === undefined) {
    entry = build(pattern, flags);
    cache.set(key, entry);
  }
  return entry;
};

/** Compiles (once, cached) or throws SafeRegexError. */
export const safeRegex = (pattern: string, flags = ''): SafeRegex => {
  const entry = compiled(pattern, flags);
  if (entry instanceof SafeRegexError) throw entry;
  return entry;
};

/** Why the pattern cannot be used, or undefined when it can: for loaders to report at file:line:col. */
export const safeRegexProblem = (pattern: string, flags = ''): string | undefined => {
  const entry = compiled(pattern, flags);
  return entry instanceof SafeRegexError ? entry.message : undefined;
};

export interface GlobOptions {
  /** What `*` may cover: any run of characters (default), or a run without `/` (one path segment). */
  star?: 'any' | 'segment';
  /** Whether `?` stands for one character (default true). */
  question?: boolean;
  /** RE2 source appended after the glob, e.g. `(/.*)?` for "or anything below it". */
  suffix?: string;
}

/**
 * A whole-text, case-insensitive glob (`*`, and `?` unless turned off), translated to RE2 so that
 * patterns like `*a*a*a*b` match in linear time. Every other character is literal.
 */
export const safeGlob = (glob: string, options: GlobOptions = {}): SafeRegex => {
  const star = options.star === 'segment' ? '[^/]*' : '(?s:.*)';
  const question = options.question ?? true;
  let source = '';
  for (const c of glob) {
    if (c === '*') source += star;
    else if (c === '?' && question) source += '(?s:.)';
    else source += RE2JS.quote(c);
  }
  return safeRegex(`^(?:${source})${options.suffix ?? ''}$`, 'i');
};

/**
 * Quick necessary conditions for a safe regular expression or glob (src/safe-regex.ts) to match a
 * text, read from the literal text every match starts with: `^signal(\s|-|$)` cannot match a
 * text that does not start with "signal". A check tests a few dozen display names and paths
 * against a catalog's patterns, nearly all of which start with such a literal; compiling each
 * pattern with RE2 and running it costs far more than comparing the start of the text.
 *
 * A filter answers false only when the pattern cannot match the text. It is made only for patterns
 * it fully understands (a subset of RE2 syntax that always compiles: anything else gets no filter,
 * and is compiled and run as before, errors included), and it answers true (run RE2) for any text
 * that is not pure ASCII: RE2 folds case beyond ASCII (`ſ` matches `s`, `K` matches `k`), which
 * comparing lower-cased ASCII would miss.
 */

/** What every match starts with: the literal, at the start of the text when `anchored`, else anywhere. */
interface Lead {
  anchored: boolean;
  literal: string;
}

/** Every character below U+0080. */
const isAscii = (text: string): boolean => {
  for (let k = 0; k < text.length; k++) if (text.charCodeAt(k) > 0x7f) return false;
  return true;
};
const asciiPunctuation = /^[!-/:-@[-`{-~]$/;
/** Escapes of a class of characters: never a literal. */
const classEscapes = new Set(['s', 'S', 'd', 'D', 'w', 'W']);
/** Characters with a meaning of their own outside a class. */
const special = new Set(['\\', '[', ']', '(', ')', '|', '*', '+', '?', '{', '}', '^', '$', '.']);

/**
 * The lead of `pattern`, or undefined when the pattern is outside the subset read here: literals,
 * escaped punctuation, `\s \S \d \D \w \W`, `.`, `^`, `$`, classes of such characters without
 * ranges, groups `( )` and `(?: )`, alternation, and `*`, `+`, `?` each after an atom. (No flags
 * in the pattern, no counted repetition, no ranges, no lazy quantifiers, no other escape.) The
 * literal is empty when the pattern has no leading literal or an alternation outside any group.
 */
const leadOf = (pattern: string): Lead | undefined => {
  let i = 0;
  let depth = 0;
  let alternation = false;
  let anchored = false;
  let literal = '';
  /** Still reading the leading literal: only literal characters so far, outside any group. */
  let leading = true;
  /** The previous item can take a quantifier: a literal, a class, `.`, or a closed group. */
  let quantifiable = false;
  /** The previous item was the last character added to the literal. */
  let lastInLiteral = false;
  if (pattern.startsWith('^')) {
    anchored = true;
    i = 1;
  }
  /** An atom: a character (added to the literal while it is read) or a class (undefined). Says whether it was added. */
  const atom = (char: string | undefined): boolean => {
    quantifiable = true;
    // Only ASCII characters are compared; any other ends the literal.
    if (leading && depth === 0 && char !== undefined && isAscii(char)) {
      literal += char;
      return true;
    }
    leading = false;
    return false;
  };
  while (i < pattern.length) {
    const c = pattern[i] ?? '';
    const code = c.charCodeAt(0);
    if (code >= 0xd800 && code <= 0xdfff) return undefined;
    if (c === '\\') {
      const next = pattern[i + 1] ?? '';
      if (classEscapes.has(next)) lastInLiteral = atom(undefined);
      else if (asciiPunctuation.test(next)) lastInLiteral = atom(next);
      else return undefined;
      i += 2;
    } else if (c === '[') {
      i++;
      if (pattern[i] === '^') i++;
      if (pattern[i] === ']') return undefined;
      for (;;) {
        const k = pattern[i];
        if (k === undefined || k === '[' || k === '-') return undefined;
        if (k === ']') break;
        if (k === '\\') {
          const next = pattern[i + 1] ?? '';
          if (!classEscapes.has(next) && !asciiPunctuation.test(next)) return undefined;
          i += 2;
        } else {
          const kc = k.charCodeAt(0);
          if (kc >= 0xd800 && kc <= 0xdfff) return undefined;
          i++;
        }
      }
      i++;
      lastInLiteral = atom(undefined);
    } else if (c === '(') {
      if (pattern[i + 1] === '?') {
        if (pattern[i + 2] !== ':') return undefined;
        i += 3;
      } else {
        i++;
      }
      depth++;
      leading = false;
      lastInLiteral = false;
      quantifiable = false;
    } else if (c === ')') {
      if (depth === 0) return undefined;
      depth--;
      i++;
      quantifiable = true;
      lastInLiteral = false;
    } else if (c === '|') {
      if (depth === 0) alternation = true;
      leading = false;
      lastInLiteral = false;
      quantifiable = false;
      i++;
    } else if (c === '*' || c === '+' || c === '?') {
      if (!quantifiable) return undefined;
      // The quantified character may be absent or repeated: the literal ends before it.
      if (lastInLiteral) literal = literal.slice(0, -1);
      leading = false;
      lastInLiteral = false;
      quantifiable = false;
      i++;
    } else if (c === '^' || c === '$') {
      leading = false;
      lastInLiteral = false;
      quantifiable = false;
      i++;
    } else if (c === '.') {
      lastInLiteral = atom(undefined);
      i++;
    } else if (special.has(c)) {
      // `{`, `}`, `]`: counted repetition or a stray bracket, outside the subset.
      return undefined;
    } else {
      lastInLiteral = atom(c);
      i++;
    }
  }
  if (depth !== 0) return undefined;
  return { anchored, literal: alternation ? '' : literal };
};

/** A filter comparing the start of (or searching) a text for a lead's literal; undefined when the lead says nothing. */
const filterFor = (lead: Lead, caseInsensitive: boolean): ((text: string) => boolean) | undefined => {
  if (lead.literal === '') return undefined;
  const literal = caseInsensitive ? lead.literal.toLowerCase() : lead.literal;
  return (text) => {
    if (!isAscii(text)) return true;
    const seen = caseInsensitive ? text.toLowerCase() : text;
    return lead.anchored ? seen.startsWith(literal) : seen.includes(literal);
  };
};

/**
 * For `safeRegex(pattern, flags)`: a function that answers false only when the pattern cannot
 * match the text, or undefined when no such quick answer is known (the pattern is outside the
 * subset this reads, its flags are other than none or `i`, or it has no leading literal). A
 * pattern that gets a filter always compiles.
 */
export const regexPrefilter = (pattern: string, flags = ''): ((text: string) => boolean) | undefined => {
  if (flags !== '' && flags !== 'i') return undefined;
  const lead = leadOf(pattern);
  return lead === undefined ? undefined : filterFor(lead, flags === 'i');
};

/**
 * For `safeGlob(glob, { question })` (whole text, case-insensitive), with or without a suffix: the
 * text must start with the glob's characters before its first wildcard. Undefined when the glob
 * starts with a wildcard.
 */
export const globPrefilter = (glob: string, question = true): ((text: string) => boolean) | undefined => {
  let end = glob.indexOf('*');
  if (question) {
    const at = glob.indexOf('?');
    if (at !== -1 && (end === -1 || at < end)) end = at;
  }
  const literal = end === -1 ? glob : glob.slice(0, end);
  // The glob's other characters are literal; only ASCII ones are compared.
  let asciiLength = 0;
  while (asciiLength < literal.length && literal.charCodeAt(asciiLength) < 0x80) asciiLength++;
  return filterFor({ anchored: true, literal: literal.slice(0, asciiLength) }, true);
};

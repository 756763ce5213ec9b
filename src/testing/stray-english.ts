import type { Json } from '../model.js';

/**
 * English words that no French, German or Luxembourgish sentence of charter's uses: function words
 * and the words of charter's own reports (statuses, severities, the evidence's labels). Words that
 * are also words of one of those languages stay out (`in`, `was`, `so`, `also`, `no`, `on`, `or`,
 * `all`, `service`, `total`, `source`, `message`, `status`, `info`, `absent`,
 * `audit`, `attestation`, `but`, `yes`, `of`), or the test would flag good text.
 */
export const englishWords: ReadonlySet<string> = new Set([
  // Function words.
  'the',
  'is',
  'are',
  'was not',
  'and',
  'not',
  'to',
  'for',
  'with',
  'from',
  'by',
  'at',
  'as',
  'be',
  'been',
  'has',
  'have',
  'could',
  'cannot',
  'can',
  'should',
  'must',
  'which',
  'when',
  'where',
  'this',
  'that',
  'these',
  'those',
  'only',
  'none',
  'any',
  'every',
  'than',
  'more',
  'least',
  'most',
  'within',
  'last',
  'does',
  'did',
  'its',
  'their',
  'they',
  'it',
  'there',
  'here',
  'what',
  'how',
  'why',
  'if',
  'then',
  'into',
  'without',
  'until',
  'after',
  'before',
  'above',
  'below',
  // Charter's report words.
  'pass',
  'passed',
  'passes',
  'fail',
  'failed',
  'fails',
  'failing',
  'error',
  'errors',
  'skip',
  'skipped',
  'waived',
  'waiver',
  'manual',
  'warning',
  'high',
  'medium',
  'low',
  'critical',
  'unknown',
  'determined',
  'expected',
  'observed',
  'compliant',
  'remediation',
  'summary',
  'target',
  'duration',
  'threshold',
  'applicable',
  'rule',
  'rules',
  'item',
  'items',
  'match',
  'matches',
  'equal',
  'missing',
  'present',
  'empty',
  'day',
  'days',
  'value',
  'unsupported',
  'collected',
  'probe',
  'probes',
  'checked',
  'hosts',
  'host',
  'fleet',
  'incomplete',
  'unreachable',
  'invalid',
  'truncated',
  'shown',
  'findings',
  'finding',
  'wrote',
  'recorded',
  'redacted',
  'attested',
  'expired',
  'valid',
  'ignored',
  'process',
  'needs',
  'covers',
  'running',
  'installed',
  'enabled',
  'disabled',
  'what to do',
]);

/** Every string a JSON value holds (keys excluded), for masking what came from the checked machine. */
export const stringsIn = (value: Json | undefined, out: Set<string> = new Set()): Set<string> => {
  if (typeof value === 'string') out.add(value);
  else if (Array.isArray(value)) for (const v of value) stringsIn(v, out);
  else if (value !== null && typeof value === 'object') for (const v of Object.values(value)) stringsIn(v, out);
  return out;
};

/** Spans that are cited, not written: code spans, JSON strings and quotations in any of the four languages. */
const citedSpans = [/`[^`\n]*`/g, /"(?:[^"\\\n]|\\.)*"/g, /„[^“\n]*“/g, /«[^»\n]*»/g, /“[^”\n]*”/g];

/**
 * Identifier-shaped tokens are names, not words: fact paths (`updates.automatic`), paths, versions,
 * rule ids (`UPD-02`), options (`--probe-timeout`), camelCase fields, anything with a digit.
 */
const isIdentifier = (token: string): boolean => /[./\\_:=@#\d-]/.test(token) || /\p{Ll}\p{Lu}/u.test(token) || /^\p{Lu}{2,}$/u.test(token);

/**
 * The English words left in `text` (with a little context), outside what it cites and outside
 * `masked`: strings that came from the checked machine or name things (apps, paths, facts, item
 * fields), each masked where it stands as whole words.
 */
export const strayEnglish = (text: string, masked: Iterable<string> = []): string[] => {
  // Every occurrence of every masked string, found in the original text so that overlapping masks
  // cannot break each other; a string inside a path or an id (`fixtures/hosts/NAME`) is left to it.
  const hidden = new Array<boolean>(text.length).fill(false);
  const joins = /[\p{L}\p{N}/._-]/u;
  for (const s of new Set(masked)) {
    if (s.trim().length < 2) continue;
    for (let at = text.indexOf(s); at !== -1; at = text.indexOf(s, at + 1)) {
      const before = text.charAt(at - 1);
      const after = text.charAt(at + s.length);
      if (
        (before !== '' && joins.test(before) && joins.test(s.charAt(0))) ||
        (after !== '' && joins.test(after) && after !== '.' && joins.test(s.charAt(s.length - 1)))
      )
        continue;
      hidden.fill(true, at, at + s.length);
    }
    // A long string cut short for the report (`… che…`): its shown beginning, up to the ellipsis.
    if (s.length >= 40) {
      for (let cut = text.indexOf('…'); cut !== -1; cut = text.indexOf('…', cut + 1)) {
        const start = text.lastIndexOf(s.slice(0, 20), cut);
        if (start !== -1 && cut - start >= 20 && s.startsWith(text.slice(start, cut))) hidden.fill(true, start, cut + 1);
      }
    }
  }
  let rest = text
    .split('')
    .map((c, i) => (hidden[i] === true && c !== '\n' ? ' ' : c))
    .join('');
  for (const span of citedSpans) rest = rest.replace(span, ' ⟦⟧ ');
  const found: string[] = [];
  for (const line of rest.split('\n')) {
    // A word cut short (`at…`) is not a word; the ellipsis stays on the token to tell it.
    const tokens = line
      .split(/[\s,;()[\]{}<>!?·|]+|['’](?=\p{L})/u)
      .filter((t) => !t.endsWith('…'))
      .map((t) => t.replace(/^[^\p{L}\p{N}-]+|[^\p{L}\p{N}]+$/gu, ''));
    const words = tokens.filter((t) => t !== '' && !isIdentifier(t)).map((t) => t.toLowerCase());
    words.forEach((word, i) => {
      const pair = `${word} ${words[i + 1] ?? ''}`;
      const triple = `${pair} ${words[i + 2] ?? ''}`;
      if (englishWords.has(word) || englishWords.has(pair) || englishWords.has(triple)) found.push(`${word}: ${line.trim().slice(0, 160)}`);
    });
  }
  return found;
};

/**
 * A snapshot's text split before it is parsed: the top-level object with its `facts` emptied, and
 * the text of each probe's outcome, so that an outcome seen before (the same text on thousands of
 * machines made from one image) need not be parsed again (snapshot-format.ts, parseSnapshot).
 *
 * Made for the files `charter collect` writes (compact, `facts` last, each outcome starting with
 * its status) and strict: anything else answers undefined, and the caller then parses the whole
 * text as before, so a surprise costs time, never a different answer. An outcome is not scanned
 * character by character: it ends where the text goes on with the next probe's id and outcome
 * (`},"os":{"status":`), or closes the facts and the snapshot. Such a place could also lie inside
 * an outcome (a fact holding that text); so each piece is offered to `accept`, which takes it only
 * if it is a whole JSON object (parsed, or equal to a text parsed before), and else the piece is
 * extended to the next such place. A JSON object ends at its own closing brace and nowhere else,
 * so a piece that is a whole JSON object is exactly the outcome. The rest of the object is
 * JSON.parse's to check (the caller parses it): the pieces, the separators checked here and the
 * rest are each valid JSON only if the whole text is.
 */

export interface SplitSnapshot {
  /** The top-level object's text with `"facts": {}` in place of the facts. */
  rest: string;
  /** The probe ids, in the order of the file, each once. */
  ids: string[];
}

const quote = 0x22;
const openBrace = 0x7b;
const closeBrace = 0x7d;
const colon = 0x3a;
const comma = 0x2c;

const isSpace = (c: number): boolean => c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;

const skipSpace = (text: string, at: number): number => {
  let i = at;
  while (i < text.length && isSpace(text.charCodeAt(i))) i += 1;
  return i;
};

/** A whole string (its escapes included), from its opening quote. */
const stringToken = /"(?:[^"\\]|\\.)*"/y;

/**
 * From where it starts, everything up to and including the next bracket that is not inside a
 * string: one match per bracket, however many strings and values lie between (an outcome's packed
 * rows are mostly strings). The two alternatives start differently, so it never backtracks far.
 */
const toBracket = /(?:[^"{}[\]]|"(?:[^"\\]|\\.)*")*([{}[\]])/y;

/** The index just past the string that starts at `at` (a quote), or -1. */
const stringEnd = (text: string, at: number): number => {
  stringToken.lastIndex = at;
  return stringToken.test(text) ? stringToken.lastIndex : -1;
};

/**
 * The index just past the value starting at `at`: a string, an object or array (balanced, strings
 * inside skipped), or a literal (up to the next `,`, `}`, `]` or space). -1 when it does not end.
 * Whether the value is valid JSON is JSON.parse's to say; this only finds where it ends.
 */
const valueEnd = (text: string, at: number): number => {
  const first = text.charCodeAt(at);
  if (first === quote) return stringEnd(text, at);
  if (first === openBrace || first === 0x5b) {
    let depth = 0;
    toBracket.lastIndex = at;
    for (let found = toBracket.exec(text); found !== null; found = toBracket.exec(text)) {
      const bracket = found[1];
      if (bracket === '{' || bracket === '[') depth += 1;
      else {
        depth -= 1;
        if (depth === 0) return toBracket.lastIndex;
      }
    }
    return -1;
  }
  let i = at;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === comma || c === closeBrace || c === 0x5d || isSpace(c)) break;
    i += 1;
  }
  return i === at ? -1 : i;
};

/**
 * The members of the object at `at`: each key (its text between the quotes, which must hold no
 * backslash) with where its value starts and ends (found by `end`, valueEnd unless told), and
 * where the object ends. Undefined when it is not an object of that form or a key comes twice.
 */
const members = (
  text: string,
  at: number,
  end: (key: string, start: number) => number = (_key, start) => valueEnd(text, start),
): { entries: [key: string, start: number, end: number][]; end: number } | undefined => {
  if (text.charCodeAt(at) !== openBrace) return undefined;
  const entries: [string, number, number][] = [];
  const seen = new Set<string>();
  let i = skipSpace(text, at + 1);
  if (text.charCodeAt(i) === closeBrace) return { entries, end: i + 1 };
  for (;;) {
    if (text.charCodeAt(i) !== quote) return undefined;
    const keyEnd = stringEnd(text, i);
    if (keyEnd < 0) return undefined;
    const key = text.slice(i + 1, keyEnd - 1);
    if (key.includes('\\') || seen.has(key)) return undefined;
    seen.add(key);
    i = skipSpace(text, keyEnd);
    if (text.charCodeAt(i) !== colon) return undefined;
    const start = skipSpace(text, i + 1);
    const stop = end(key, start);
    if (stop < 0) return undefined;
    entries.push([key, start, stop]);
    i = skipSpace(text, stop);
    const c = text.charCodeAt(i);
    if (c === closeBrace) return { entries, end: i + 1 };
    if (c !== comma) return undefined;
    i = skipSpace(text, i + 1);
  }
};

/**
 * Where the value of the top-level `facts` starts, the members before it (small: who, when, what)
 * each skipped whole; -1 when the text does not start as an object of that form.
 */
export const factsValueStart = (text: string): number => {
  let factsStart = -1;
  members(text, skipSpace(text, 0), (key, start) => {
    if (key !== 'facts') return valueEnd(text, start);
    factsStart = start;
    // Stop here: the facts are read by the caller.
    return -1;
  });
  return factsStart;
};

/**
 * The text of the facts of a snapshot that splitSnapshot splits: from where their value starts
 * (factsValueStart) to the snapshot's closing brace, the last character but spaces. Undefined when
 * there is no such place. Whether the split succeeds, and what it gives, depends on this text and
 * the accepted outcomes only: the same facts text, the same facts (snapshot-format.ts keeps them).
 */
export const factsText = (text: string, factsStart: number): string | undefined => {
  if (factsStart < 0) return undefined;
  let end = text.length - 1;
  while (end > factsStart && isSpace(text.charCodeAt(end))) end -= 1;
  return end > factsStart && text.charCodeAt(end) === closeBrace ? text.slice(factsStart, end) : undefined;
};

/** `{"id":` opening the facts' first outcome (its id plain, no escape), the outcome starting with its status. */
const firstOutcome = /\{"([a-z][a-z0-9-]*)":(?=\{"status":)/y;
/** Where an outcome may end: before the next one (its id captured), or before the facts' and the snapshot's closing braces at the end. */
const outcomeEnd = /\}(?:,"([a-z][a-z0-9-]*)":(?=\{"status":)|\}\}[ \t\r\n]*$)/g;

/** How many places a piece is extended across before the split gives up (a fact that holds such text is rare). */
const maxExtensions = 8;

/**
 * What `accept` says of a piece: `taken` (a whole outcome), `longer` (not a whole JSON object: it
 * may end at a later place), `refused` (a whole JSON object, but not one the caller can use).
 */
export type PieceVerdict = 'taken' | 'longer' | 'refused';

/**
 * The snapshot text split (see above), each outcome's text handed to `accept(id, text)` in order,
 * or undefined when the text is not of that form or `accept` refuses a piece, or finds it too
 * short however far it is extended (then nothing of what it accepted may be used).
 */
export const splitSnapshot = (
  text: string,
  accept: (id: string, outcome: string) => PieceVerdict,
  factsStart: number = factsValueStart(text),
): SplitSnapshot | undefined => {
  if (factsStart < 0) return undefined;
  const ids: string[] = [];
  let factsEnd: number;
  if (text.startsWith('{}', factsStart)) factsEnd = factsStart + 2;
  else {
    firstOutcome.lastIndex = factsStart;
    const first = firstOutcome.exec(text);
    if (first?.[1] === undefined) return undefined;
    let id = first[1];
    let start = firstOutcome.lastIndex;
    outcomeEnd.lastIndex = start;
    for (;;) {
      let extensions = 0;
      let found = outcomeEnd.exec(text);
      for (;;) {
        if (found === null) return undefined;
        const verdict = accept(id, text.slice(start, found.index + 1));
        if (verdict === 'taken') break;
        extensions += 1;
        if (verdict === 'refused' || extensions > maxExtensions) return undefined;
        outcomeEnd.lastIndex = found.index + 1;
        found = outcomeEnd.exec(text);
      }
      if (ids.includes(id)) return undefined;
      ids.push(id);
      const next = found[1];
      if (next === undefined) {
        // The last outcome: the facts close right after it.
        factsEnd = found.index + 2;
        break;
      }
      id = next;
      start = outcomeEnd.lastIndex;
    }
  }
  // `facts` is the last member: the snapshot closes right after it, and nothing follows.
  if (text.charCodeAt(factsEnd) !== closeBrace || skipSpace(text, factsEnd + 1) !== text.length) return undefined;
  return { rest: `${text.slice(0, factsStart)}{}${text.slice(factsEnd)}`, ids };
};

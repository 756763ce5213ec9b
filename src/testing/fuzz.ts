/**
 * Shared pieces for the `*.fuzz.test.ts` property tests (fast-check): hostile strings, YAML-ish
 * text, fact trees with odd keys, and the check that a failure is one of the expected error classes.
 * Every property runs with a fixed seed (printed in the test name) so that a CI failure replays.
 */
import fc from 'fast-check';

/** The seed every fuzz test uses unless it says otherwise; FUZZ_SEED overrides it for exploring. */
export const fuzzSeed = Number(process.env.FUZZ_SEED ?? 20261207);

/** Characters that break terminals, markup and parsers. */
const nasty = [
  '\u0000',
  '\u0007',
  '\b',
  '\t',
  '\n',
  '\r',
  '\u000b',
  '\u000c',
  '\u001b',
  '\u001b[31m',
  '\u001b]8;;http://x\u0007',
  '\u007f',
  '\u0085',
  '\u009b',
  '\u009d',
  '\u202e',
  '\u2066',
  '\u200f',
  '\u2028',
  '\u2029',
  '\ufeff',
  '\ud800',
  '\udfff',
  '😀',
  '👩‍👩‍👧',
  'é',
  'ｅ',
  '<script>alert(1)</script>',
  '</script>',
  '<!--',
  ']]>',
  '"',
  "'",
  '&',
  '&amp;',
  '<',
  '>',
  '`',
  '\\',
  '${x}',
  '=cmd|',
  '+1',
  '-1',
  '@SUM(A1)',
  '\t=1',
  ',',
  ';',
  '#',
  ':',
  '- ',
  '{',
  '}',
  '[',
  ']',
  '*',
  '!',
  '%',
  '|',
  '>-',
  '__proto__',
  'constructor',
  'prototype',
  'toString',
  'hasOwnProperty',
];

/** Strings mixing ordinary text with control characters, bidi, emoji, lone surrogates and markup. */
export const hostileString = (maxParts = 6): fc.Arbitrary<string> =>
  fc
    .array(fc.oneof(fc.constantFrom(...nasty), fc.string({ maxLength: 8 }), fc.string({ maxLength: 4, unit: 'binary' })), { maxLength: maxParts })
    .map((parts) => parts.join(''));

/** Object keys that have tripped JavaScript code before. */
export const oddKey = fc.oneof(
  fc.constantFrom('__proto__', 'constructor', 'prototype', 'toString', 'valueOf', 'hasOwnProperty', '', ' ', '.', 'a.b', '0', '-1', 'length'),
  fc.string({ maxLength: 10 }),
  hostileString(2),
);

/** A JSON-like tree with odd keys (own `__proto__` included) and, sometimes, nesting up to `maxNesting` deep. */
export const factTree = (maxDepth = 5, maxNesting = 3000): fc.Arbitrary<unknown> => {
  const { tree } = fc.letrec<{ tree: unknown }>((tie) => ({
    tree: fc.oneof(
      { depthSize: 'small', maxDepth },
      fc.constantFrom(null, true, false, 0, -1, 1.5, Number.MAX_SAFE_INTEGER, ''),
      hostileString(3),
      fc.array(tie('tree'), { maxLength: 4 }),
      fc.dictionary(oddKey, tie('tree'), { maxKeys: 4, noNullPrototype: true }),
    ),
  }));
  return fc.oneof({ weight: 5, arbitrary: tree }, { weight: 1, arbitrary: fc.nat({ max: maxNesting }).map(deepNest) });
};

/** `depth` arrays and objects nested in each other. */
export const deepNest = (depth: number): unknown => {
  let value: unknown = 'leaf';
  for (let i = 0; i < depth; i += 1) value = i % 2 === 0 ? [value] : { k: value };
  return value;
};

/** Text that is sometimes YAML, sometimes almost: indentation, flow collections, anchors, tags. */
export const yamlishText: fc.Arbitrary<string> = fc
  .array(
    fc.tuple(
      fc.nat({ max: 6 }),
      fc.oneof(
        fc.constantFrom(
          '- ',
          'key: ',
          '? ',
          ': ',
          '&a ',
          '*a',
          '!!str ',
          '!!binary ',
          '<<: *a',
          '---',
          '...',
          '|',
          '>',
          '{',
          '}',
          '[',
          ']',
          '"',
          "'",
          '# c',
          '%YAML 1.2',
          '!tag',
        ),
        fc.string({ maxLength: 6 }),
        hostileString(2),
      ),
      fc.oneof(fc.string({ maxLength: 10 }), fc.constantFrom('true', 'null', '1e999', '0x1F', '~', '.inf', '2026-01-01')),
    ),
    { maxLength: 12 },
  )
  .map((lines) => lines.map(([indent, head, tail]) => `${' '.repeat(indent)}${head}${tail}`).join('\n'));

/** Random mutations of a text: cut, duplicate, insert a hostile string, swap lines. */
export const mutatedText = (base: string): fc.Arbitrary<string> =>
  fc
    .array(
      fc.record({
        at: fc.double({ min: 0, max: 1, noNaN: true }),
        kind: fc.constantFrom('insert', 'delete', 'duplicate', 'truncate'),
        what: hostileString(2),
        length: fc.nat({ max: 20 }),
      }),
      { maxLength: 4 },
    )
    .map((mutations) => {
      let text = base;
      for (const { at, kind, what, length } of mutations) {
        const i = Math.floor(at * text.length);
        if (kind === 'insert') text = text.slice(0, i) + what + text.slice(i);
        else if (kind === 'delete') text = text.slice(0, i) + text.slice(i + length);
        else if (kind === 'duplicate') text = text.slice(0, i) + text.slice(i, i + length * 4) + text.slice(i);
        else text = text.slice(0, i);
      }
      return text;
    });

/** Rethrows `error` unless it is an instance of one of `allowed` (the typed errors of a module). */
export const onlyTyped = (error: unknown, allowed: readonly (abstract new (...args: never[]) => Error)[]): void => {
  if (!allowed.some((type) => error instanceof type)) throw error;
};

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { csvCell, htmlEscape, terminalSafe, terminalUnsafe } from './escape.js';

// eslint-disable-next-line no-control-regex
const forbidden = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

/** Strings rich in what matters here: controls, bidi, backslashes and the letters of escapes. */
const hostile = fc.string({
  unit: fc.oneof(
    fc.constantFrom('\u001b', '\u009b', '\n', '\r', '\t', '\u0000', '\u007f', '\u202e', '\u2066', '\u200f', '\u2028', '\\', 'x', 'u', '{', '}', '1', 'b', '['),
    fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }),
  ),
  maxLength: 60,
});

describe('terminalSafe', () => {
  it('makes controls, DEL, C1, newlines and bidi characters visible', () => {
    expect(terminalSafe('a\u001b[31mb\u009bc\nd\re\u202ef\u2066g\u007fh')).toBe('a\\x1b[31mb\\x9bc\\x0ad\\x0de\\u{202e}f\\u{2066}g\\x7fh');
    expect(terminalSafe('Grüße, 日本語, emoji 🙂')).toBe('Grüße, 日本語, emoji 🙂');
  });

  it('leaves backslashes alone (Windows paths, JSON stay readable)', () => {
    expect(terminalSafe('AppData\\Roaming\\Signal')).toBe('AppData\\Roaming\\Signal');
    expect(terminalSafe('"C:\\\\Users"')).toBe('"C:\\\\Users"');
  });

  it('never lets a forbidden character through, over random strings', () => {
    fc.assert(fc.property(hostile, (s) => !forbidden.test(terminalSafe(s))), { numRuns: 2000 });
  });

  it('hides nothing: reversible for every text without a literal escape sequence, over random strings', () => {
    const literalEscape = /\\x[0-9a-f]{2}|\\u\{[0-9a-f]{1,6}\}/;
    fc.assert(
      fc.property(hostile, (s) => {
        const shown = terminalSafe(s);
        // Nothing dropped: every character is either kept or replaced by a longer visible escape.
        if (shown.length < s.length) return false;
        return literalEscape.test(s) || terminalUnsafe(shown) === s;
      }),
      { numRuns: 2000 },
    );
  });

  it('is injective on texts without a literal escape sequence', () => {
    fc.assert(
      fc.property(hostile, hostile, (a, b) => a === b || /\\[xu]/.test(a + b) || terminalSafe(a) !== terminalSafe(b)),
      { numRuns: 2000 },
    );
  });
});

describe('htmlEscape and csvCell', () => {
  it('escapes markup and quotes', () => {
    expect(htmlEscape(`<img src=x onerror="a('b')">&`)).toBe('&lt;img src=x onerror=&quot;a(&#39;b&#39;)&quot;&gt;&amp;');
  });

  it('guards formulas and quotes cells', () => {
    expect(csvCell('=HYPERLINK("x")')).toBe(`"'=HYPERLINK(""x"")"`);
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\tcmd')).toBe("'\tcmd");
    expect(csvCell('plain')).toBe('plain');
    expect(csvCell('a,b\nc')).toBe('"a,b\nc"');
  });
});

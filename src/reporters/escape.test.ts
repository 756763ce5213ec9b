import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { controlsVisible, csvCell, htmlEscape, jsonSafe, terminalSafe, terminalUnsafe } from './escape.js';

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
    fc.assert(
      fc.property(hostile, (s) => !forbidden.test(terminalSafe(s))),
      { numRuns: 2000 },
    );
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

describe('controlsVisible, jsonSafe and the HTML and CSV escapes built on them', () => {
  // eslint-disable-next-line no-control-regex
  const forbiddenButLines = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/;

  it('keeps tab and newline, shows every other control and bidi character', () => {
    expect(controlsVisible('a\tb\nc\rd\u001b[1me\u202ef')).toBe('a\tb\nc\\x0dd\\x1b[1me\\u{202e}f');
    fc.assert(
      fc.property(hostile, (s) => !forbiddenButLines.test(controlsVisible(s))),
      { numRuns: 2000 },
    );
  });

  it('HTML text and CSV cells carry no raw ESC, C1 or bidi character, over random strings', () => {
    fc.assert(
      fc.property(hostile, (s) => !forbiddenButLines.test(htmlEscape(s)) && !forbiddenButLines.test(csvCell(s))),
      { numRuns: 2000 },
    );
    expect(htmlEscape('host\u001b]8;;https://x/\u0007<b>')).toBe('host\\x1b]8;;https://x/\\x07&lt;b&gt;');
  });

  it('jsonSafe writes the raw characters JSON.stringify leaves as \\u escapes: the same data, nothing raw', () => {
    fc.assert(
      fc.property(hostile, (s) => {
        const text = jsonSafe(JSON.stringify({ s, list: [s] }, null, 2));
        return !forbiddenButLines.test(text.replace(/\n/g, '')) && (JSON.parse(text) as { s: string }).s === s;
      }),
      { numRuns: 2000 },
    );
    expect(jsonSafe(JSON.stringify('a\u009b\u202e'))).toBe('"a\\u009b\\u202e"');
  });
});

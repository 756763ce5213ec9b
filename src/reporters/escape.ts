/**
 * Escaping for every output, in one place. Strings that charter did not write itself (anything from
 * a checked machine, and policy, catalog and waiver text, which are input files) go through one of
 * these before they reach a terminal, a text file, an HTML page or a CSV cell.
 */

/**
 * Characters a terminal would act on or that would hide or reorder what is shown: C0 controls
 * (including tab, newline and carriage return), DEL, C1 controls (U+0080–U+009F, e.g. U+009B, a
 * one-byte CSI), bidirectional marks, embeddings, overrides and isolates (U+061C, U+200E, U+200F,
 * U+202A–U+202E, U+2066–U+2069), and the line and paragraph separators U+2028 and U+2029.
 */
// eslint-disable-next-line no-control-regex
const unsafeAll = /[\u0000-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

const escapeOf = (c: string): string => {
  const code = c.charCodeAt(0);
  return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u{${code.toString(16)}}`;
};

/**
 * Text safe to print on a terminal, on one line: every unsafe character (see above) becomes a
 * visible escape, `\xHH` up to U+00FF (`\x1b`, `\x0a` for a newline, `\x9b`) and `\u{HHHH}` above
 * (`\u{202e}`); everything else is unchanged, backslashes included (Windows paths and JSON stay
 * readable). Nothing is dropped, so nothing can be hidden; the form is reversible (terminalUnsafe)
 * for every text that does not itself contain such an escape sequence literally: a literal `\x1b`
 * in a name prints the same as a real ESC, which is visible either way. That is the documented
 * trade-off for keeping backslashes as they are.
 */
export const terminalSafe = (text: string): string => text.replace(unsafeAll, escapeOf);

/**
 * terminalSafe for text whose line breaks are meant (error lists, explain pages): each line is
 * escaped, `\n` stays a line break. Only for text that is not a single field of a table.
 */
export const terminalSafeLines = (text: string): string => text.split('\n').map(terminalSafe).join('\n');

/** The inverse of terminalSafe for texts that held no literal `\xHH` or `\u{…}` (for tests). */
export const terminalUnsafe = (text: string): string =>
  text.replace(/\\x([0-9a-f]{2})|\\u\{([0-9a-f]{1,6})\}/g, (_whole: string, hex2?: string, hexU?: string) =>
    String.fromCodePoint(Number.parseInt(hex2 ?? hexU ?? '', 16)),
  );

/** The characters of unsafeAll but tab and newline, which the formats below carry safely themselves. */
// eslint-disable-next-line no-control-regex
const unsafeButLines = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * terminalSafe that keeps tab and newline: for a field of a format that has its own way with line
 * breaks (HTML text, a quoted CSV cell). An ESC, a C1 control or a bidi override from a machine is
 * then visible in a browser, a spreadsheet and a terminal that prints the file alike.
 */
export const controlsVisible = (text: string): string => text.replace(unsafeButLines, escapeOf);

/** JSON text with the raw characters a terminal acts on written as `\uHHHH` (see ../json-safe.ts). */
export { jsonSafe } from '../json-safe.js';

/**
 * Text for HTML content and attribute values: everything from an audited machine is hostile.
 * Control and bidi characters become visible escapes (controlsVisible), then markup is escaped.
 */
export const htmlEscape = (value: string): string =>
  controlsVisible(value).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);

/**
 * OWASP CSV injection: a cell starting with `=`, `+`, `-`, `@`, tab or carriage return would be run
 * as a formula by a spreadsheet; a leading `'` makes it text.
 */
export const neutralizeFormula = (value: string): string => (/^[=+\-@\t\r]/.test(value) ? `'${value}` : value);

/** RFC 4180: quote a field holding `"`, `,`, CR or LF, doubling its quotes. */
export const quoteField = (value: string): string => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** One CSV cell: control and bidi characters made visible, formula guard, then RFC 4180 quoting. */
export const csvCell = (value: string): string => quoteField(neutralizeFormula(controlsVisible(value)));

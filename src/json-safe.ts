/**
 * Characters JSON.stringify leaves raw that a terminal acts on (DEL, C1 controls such as U+009B, a
 * one-byte CSI) or that reorder what is shown (bidi marks, overrides and isolates; line and
 * paragraph separators). They can only stand inside a JSON string, where `\uHHHH` means the same.
 */
const jsonRaw = /[\u007f-\u009f\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/**
 * JSON text (from JSON.stringify, whole or in pieces) with the characters above written as `\uHHHH`:
 * the same data to every JSON reader, and nothing a terminal acts on when the file is printed.
 * Here, below the reporters and the fleet, because an audit stores its hosts' reports as the text
 * the json report prints (fleet/stored-report.ts); reporters take it from reporters/escape.ts.
 */
export const jsonSafe = (json: string): string => json.replace(jsonRaw, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);

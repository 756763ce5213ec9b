/**
 * The one quoting function for text that a remote POSIX shell will parse. Every word we put into a
 * script sent over ssh goes through it; nothing else is ever interpolated into remote shell text.
 */

/** A POSIX sh single-quoted word: `it's` → `'it'\''s'`. Safe for any byte string without NUL. */
export const shellQuote = (word: string): string => {
  if (word.includes('\0')) throw new Error('a shell word cannot contain a NUL byte');
  return `'${word.replaceAll("'", `'\\''`)}'`;
};

/** A command line of single-quoted words. */
export const shellCommand = (argv: readonly string[]): string => argv.map(shellQuote).join(' ');

const plainByte = /^[A-Za-z0-9._\-/+,:@%=*?[\]~!]$/;

/**
 * A path as one request word for the remote agent: every byte outside a plain set (including the
 * backslash, spaces and newlines) becomes `\ooo` (three octal digits), so a request line holds only
 * printable ASCII and can never end the here-document it travels in.
 */
const plainWord = /^[A-Za-z0-9._\-/+,:@%=*?[\]~!]*$/;

export const encodeRequestPath = (path: string): string => {
  // Most paths hold only plain bytes: they are their own encoding.
  if (plainWord.test(path)) return path;
  let out = '';
  for (const byte of Buffer.from(path, 'utf8')) {
    const char = String.fromCharCode(byte);
    out += byte < 0x80 && plainByte.test(char) ? char : `\\${byte.toString(8).padStart(3, '0')}`;
  }
  return out;
};

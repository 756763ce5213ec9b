/**
 * Decoding what Windows programs write to a pipe. Windows PowerShell 5.1 and native tools may write
 * UTF-8 with a BOM, UTF-16LE with a BOM (FF FE), or plain text in the console code page, with CRLF
 * line ends. Hosts hand stdout over as a UTF-8-decoded string: UTF-16LE text then arrives as
 * `\uFFFD\uFFFD` (the BOM bytes, invalid in UTF-8) followed by each ASCII character and a NUL.
 * The PowerShell scripts of the probes escape every non-ASCII character in their JSON (see
 * powershell.ts), so such a string is recovered without loss by dropping the BOM and the NULs.
 */

/** Bytes → text, honouring a UTF-8, UTF-16LE or UTF-16BE byte-order mark (or NUL-interleaved UTF-16LE without one). */
export const decodeBytes = (bytes: Buffer): string => {
  if (bytes.length >= 3 && bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return bytes.subarray(3).toString('utf8');
  if (bytes.length >= 2 && bytes[0] === 0xff && bytes[1] === 0xfe) return bytes.subarray(2).toString('utf16le');
  if (bytes.length >= 2 && bytes[0] === 0xfe && bytes[1] === 0xff) {
    const swapped = Buffer.from(bytes.subarray(2));
    swapped.swap16();
    return swapped.toString('utf16le');
  }
  if (looksUtf16le(bytes)) return bytes.toString('utf16le');
  return bytes.toString('utf8');
};

/** Most odd bytes NUL, even bytes not: ASCII text in UTF-16LE without a BOM. */
const looksUtf16le = (bytes: Buffer): boolean => {
  if (bytes.length < 4 || bytes.length % 2 !== 0) return false;
  let oddNul = 0;
  let evenNul = 0;
  for (let i = 0; i < bytes.length; i += 2) {
    if (bytes[i] === 0) evenNul += 1;
    if (bytes[i + 1] === 0) oddNul += 1;
  }
  const pairs = bytes.length / 2;
  return oddNul >= pairs * 0.9 && evenNul === 0;
};

const nulCount = (text: string): number => {
  let count = 0;
  for (let i = 0; i < text.length; i += 1) if (text.charCodeAt(i) === 0) count += 1;
  return count;
};

/**
 * Text as a host returned it → clean text: BOM removed (UTF-8 `\uFEFF`, or UTF-16LE `\uFFFD\uFFFD`
 * mis-decoded as UTF-8), UTF-16LE NUL interleaving undone, CRLF and lone CR turned into LF.
 */
export const decodeText = (raw: string | Buffer): string => {
  let text = typeof raw === 'string' ? raw : decodeBytes(raw);
  if (text.startsWith('\uFEFF')) text = text.slice(1);
  const utf16Bom = text.startsWith('\uFFFD\uFFFD');
  if (utf16Bom || (text.length >= 4 && nulCount(text) >= text.length * 0.4)) {
    if (utf16Bom) text = text.slice(2);
    text = text.replace(/\0/g, '');
    if (text.startsWith('\uFEFF')) text = text.slice(1);
  }
  return text.replace(/\r\n?/g, '\n');
};

/** Lines of decoded text, without trailing spaces. */
export const textLines = (raw: string | Buffer): string[] =>
  decodeText(raw)
    .split('\n')
    .map((line) => line.trimEnd());

/**
 * Snappy raw-format decompression (pure TypeScript), for LevelDB table blocks written with
 * kSnappyCompression. Format: google/snappy format_description.txt — a varint uncompressed length,
 * then literals (tag & 3 = 0) and copies with 1-, 2- or 4-byte offsets (tag & 3 = 1, 2, 3).
 * Input is untrusted: every length and offset is bounds-checked, and the output never grows past
 * the declared length.
 */

/** Throws on malformed input (the caller turns it into a gap). */
export const snappyUncompress = (input: Uint8Array, maxLength = 64 * 1024 * 1024): Buffer => {
  let pos = 0;
  let length = 0;
  for (let shift = 0; ; shift += 7) {
    if (pos >= input.length || shift > 28) throw new Error('snappy: bad length');
    const byte = input[pos++] as number;
    length += (byte & 0x7f) * 2 ** shift;
    if (byte < 0x80) break;
  }
  if (length > maxLength) throw new Error(`snappy: uncompressed length ${length} over the limit`);
  const out = Buffer.alloc(length);
  let o = 0;
  const need = (n: number): void => {
    if (pos + n > input.length) throw new Error('snappy: truncated input');
  };
  while (pos < input.length) {
    const tag = input[pos++] as number;
    const kind = tag & 3;
    if (kind === 0) {
      let len = (tag >> 2) + 1;
      if (len > 60) {
        const bytes = len - 60;
        need(bytes);
        len = 0;
        for (let i = 0; i < bytes; i++) len += (input[pos + i] as number) * 2 ** (8 * i);
        len += 1;
        pos += bytes;
      }
      need(len);
      if (o + len > length) throw new Error('snappy: literal past the end');
      out.set(input.subarray(pos, pos + len), o);
      pos += len;
      o += len;
      continue;
    }
    let len: number;
    let offset: number;
    if (kind === 1) {
      need(1);
      len = ((tag >> 2) & 7) + 4;
      offset = ((tag >> 5) << 8) | (input[pos++] as number);
    } else if (kind === 2) {
      need(2);
      len = (tag >> 2) + 1;
      offset = (input[pos] as number) | ((input[pos + 1] as number) << 8);
      pos += 2;
    } else {
      need(4);
      len = (tag >> 2) + 1;
      offset = ((input[pos] as number) | ((input[pos + 1] as number) << 8) | ((input[pos + 2] as number) << 16)) + (input[pos + 3] as number) * 2 ** 24;
      pos += 4;
    }
    if (offset === 0 || offset > o) throw new Error('snappy: copy offset out of range');
    if (o + len > length) throw new Error('snappy: copy past the end');
    // Copies may overlap their own output (run-length): byte by byte.
    for (let i = 0; i < len; i++, o++) out[o] = out[o - offset] as number;
  }
  if (o !== length) throw new Error('snappy: output shorter than declared');
  return out;
};

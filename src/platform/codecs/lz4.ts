/**
 * LZ4 frame decoder, and a writer of frames with stored blocks (format: lz4/lz4
 * doc/lz4_Frame_format.md and lz4_Block_format.md). apt stores its package lists as `*.lz4` when
 * `Acquire::GzipIndexes` is set (Docker's Debian images do), and Node has no built-in LZ4.
 * Checksums are skipped, not verified: the input is a local file apt wrote.
 */

import { xxh32 } from './xxhash.js';
import { Pieces } from './pieces.js';

const frameMagic = 0x184d2204;
const blockMaxSizes: Record<number, number> = { 4: 64 << 10, 5: 256 << 10, 6: 1 << 20, 7: 4 << 20 };

export const isLz4Frame = (data: Uint8Array): boolean =>
  data.length >= 4 && (data[0] ?? 0) === 0x04 && data[1] === 0x22 && data[2] === 0x4d && data[3] === 0x18;

/**
 * Receives the decoded output not yet consumed (a view, valid only during the call) and returns how
 * many of its leading bytes it has consumed; the rest is handed over again, with more, next time.
 * `last` is true once, at the end: what is not consumed then is dropped.
 */
export type Lz4Consumer = (data: Buffer, last: boolean) => number;

/** How far back an LZ4 match may reach (a 16-bit offset): the output kept for linked blocks. */
const window = 64 << 10;

/** An LZ4 decoder fed in pieces: `push` each piece of the compressed input in order, then `end`. */
export interface Lz4Decoder {
  /** Decodes what `piece` completes (a view: only what a block or header it cuts needs is kept). Throws on malformed input. */
  push(piece: Buffer): void;
  /** The end of the input: the output not yet consumed is handed over with `last`; throws when a frame is cut short. */
  end(): void;
}

/**
 * Decompresses every frame of an input handed over in pieces (skippable frames are skipped),
 * handing the output to `consume` about every `pieceBytes` bytes. Only the last 64 KiB of output
 * (what a match may refer to), what `consume` has not consumed, and the input of one block cut by
 * the end of a piece are kept: a 50 MB list is scanned in about a megabyte, never held whole, and
 * neither is its compressed file. Throws on malformed input.
 */
export const lz4Decoder = (consume: Lz4Consumer, pieceBytes = 1 << 20): Lz4Decoder => {
  let out = Buffer.allocUnsafe(0);
  let o = 0;
  /** Start of the output not yet consumed. */
  let pending = 0;
  const hand = (last: boolean): void => {
    const consumed = Math.min(Math.max(0, consume(out.subarray(pending, o), last)), o - pending);
    pending += consumed;
  };
  /** Room for `extra` more bytes: hand over a full piece, keep the window and the unconsumed output. */
  const ensure = (extra: number): void => {
    if (o + extra <= out.length) return;
    if (o - pending >= pieceBytes) hand(false);
    const keepFrom = Math.min(pending, Math.max(0, o - window));
    const kept = o - keepFrom;
    const size = Math.max(out.length, window + pieceBytes + extra, kept + extra);
    if (size > out.length) {
      const bigger = Buffer.allocUnsafe(kept + extra > out.length ? Math.max(size, 2 * kept + extra) : size);
      out.copy(bigger, 0, keepFrom, o);
      out = bigger;
    } else {
      out.copyWithin(0, keepFrom, o);
    }
    o = kept;
    pending -= keepFrom;
  };
  const input = new Pieces();
  /** Input bytes before the current piece (for messages). */
  let before = 0;
  /** Bytes of a skippable frame still to skip. */
  let skip = 0;
  /** Inside a frame: its flags; undefined between frames. */
  let frame: { blockChecksum: boolean; contentChecksum: boolean; blockMax: number } | undefined;
  const push = (piece: Buffer): void => {
    const src = input.join(piece);
    const at = before - (src.length - piece.length);
    let p = 0;
    for (;;) {
      if (skip > 0) {
        const skipped = Math.min(skip, src.length - p);
        p += skipped;
        skip -= skipped;
        if (skip > 0) break;
      }
      if (frame === undefined) {
        if (p + 4 > src.length) break;
        const magic = src.readUInt32LE(p);
        if ((magic & 0xfffffff0) === 0x184d2a50) {
          if (p + 8 > src.length) break;
          skip = src.readUInt32LE(p + 4);
          p += 8;
          continue;
        }
        if (magic !== frameMagic) throw new Error(`not an LZ4 frame at byte ${String(at + p)}`);
        if (p + 6 > src.length) break;
        const flg = src[p + 4] ?? 0;
        const bd = src[p + 5] ?? 0;
        const header = 7 + ((flg & 0x08) !== 0 ? 8 : 0) + ((flg & 0x01) !== 0 ? 4 : 0);
        if (p + header > src.length) break;
        if (flg >> 6 !== 1) throw new Error('unsupported LZ4 frame version');
        const blockMax = blockMaxSizes[(bd >> 4) & 7];
        if (blockMax === undefined) throw new Error('invalid LZ4 block size');
        frame = { blockChecksum: (flg & 0x10) !== 0, contentChecksum: (flg & 0x04) !== 0, blockMax };
        p += header;
        continue;
      }
      if (p + 4 > src.length) break;
      const size = src.readUInt32LE(p);
      if (size === 0) {
        const endMark = 4 + (frame.contentChecksum ? 4 : 0);
        if (p + endMark > src.length) break;
        p += endMark;
        frame = undefined;
        continue;
      }
      const length = size & 0x7fffffff;
      // A block never exceeds its frame's block size (a block that would is stored): more is corrupt, and would be kept whole.
      if (length > frame.blockMax) throw new Error('corrupt LZ4 block (larger than its frame allows)');
      const start = p + 4;
      const blockEnd = start + length;
      if (blockEnd + (frame.blockChecksum ? 4 : 0) > src.length) break;
      ensure(frame.blockMax);
      if ((size & 0x80000000) !== 0) {
        src.copy(out, o, start, blockEnd);
        o += length;
      } else {
        o = decodeBlock(src, start, blockEnd, out, o);
      }
      p = blockEnd + (frame.blockChecksum ? 4 : 0);
    }
    input.keep(src.subarray(p));
    before += piece.length;
  };
  const end = (): void => {
    if (frame !== undefined) throw new Error(input.kept >= 4 ? 'truncated LZ4 block' : 'truncated LZ4 frame');
    // Fewer than 4 bytes after the last frame are not a frame (ignored, as liblz4's tool does); more are a cut header.
    if (input.kept >= 4 && skip === 0) throw new Error('truncated LZ4 frame');
    hand(true);
  };
  return { push, end };
};

/**
 * Decompresses every frame of `src` (skippable frames are skipped), handing the output to
 * `consume` about every `pieceBytes` bytes (see lz4Decoder). Throws on malformed input.
 */
export const decodeLz4 = (src: Buffer, consume: Lz4Consumer, pieceBytes = 1 << 20): void => {
  const decoder = lz4Decoder(consume, pieceBytes);
  decoder.push(src);
  decoder.end();
};

/** Decompresses every frame of `src` into one buffer (skippable frames are skipped). Throws on malformed input. */
export const decodeLz4Frames = (src: Buffer): Buffer => {
  let whole = Buffer.allocUnsafe(Math.max(1 << 16, src.length * 4));
  let length = 0;
  decodeLz4(src, (data) => {
    if (length + data.length > whole.length) {
      const bigger = Buffer.allocUnsafe(Math.max(whole.length * 2, length + data.length));
      whole.copy(bigger, 0, 0, length);
      whole = bigger;
    }
    data.copy(whole, length);
    length += data.length;
    return data.length;
  });
  return whole.subarray(0, length);
};

/** A view of a Buffer's bytes for reading and writing 32-bit words at any offset. */
const wordsOf = (buffer: Buffer): DataView => new DataView(buffer.buffer, buffer.byteOffset, buffer.byteLength);

/**
 * One LZ4 block from src[start, end) appended to out at o; returns the new end of out.
 *
 * Runs are copied 8 bytes at a time as 32-bit words (lz4's own "wild copy"), a byte loop being
 * about twice as slow on an apt list (2 million runs of 4 to 60 bytes in Debian's main list): a
 * copy may write up to 7 bytes past the run, into output not yet decoded (always overwritten
 * before it is handed over), and is used only where both buffers have those bytes. A match is
 * copied by words when its offset is 4 or more: each word read is then output already written,
 * by the run before it or by the word written just before.
 */
const decodeBlock = (src: Buffer, start: number, end: number, out: Buffer, outStart: number): number => {
  const srcWords = wordsOf(src);
  const outWords = wordsOf(out);
  const srcLength = src.length;
  const outLength = out.length;
  let i = start;
  let o = outStart;
  while (i < end) {
    const token = src[i++] ?? 0;
    let literals = token >>> 4;
    if (literals === 15) {
      let b = 255;
      while (b === 255) {
        b = src[i++] ?? 0;
        literals += b;
      }
    }
    if (literals > 0) {
      if (i + literals > end || o + literals > outLength) throw new Error('corrupt LZ4 block (literals)');
      const stop = o + literals;
      if (literals <= 64 && i + literals + 8 <= srcLength && stop + 8 <= outLength) {
        while (o < stop) {
          outWords.setUint32(o, srcWords.getUint32(i, true), true);
          outWords.setUint32(o + 4, srcWords.getUint32(i + 4, true), true);
          o += 8;
          i += 8;
        }
        i -= o - stop;
        o = stop;
      } else {
        out.set(src.subarray(i, i + literals), o);
        o = stop;
        i += literals;
      }
    }
    if (i >= end) break;
    const offset = (src[i] ?? 0) | ((src[i + 1] ?? 0) << 8);
    i += 2;
    let matchLength = token & 15;
    if (matchLength === 15) {
      let b = 255;
      while (b === 255) {
        b = src[i++] ?? 0;
        matchLength += b;
      }
    }
    matchLength += 4;
    let from = o - offset;
    if (offset === 0 || from < 0 || o + matchLength > outLength) throw new Error('corrupt LZ4 block (match)');
    const stop = o + matchLength;
    if (offset >= matchLength && matchLength > 64) {
      out.copyWithin(o, from, from + matchLength);
      o = stop;
    } else if (offset >= 4 && stop + 8 <= outLength) {
      while (o < stop) {
        outWords.setUint32(o, outWords.getUint32(from, true), true);
        outWords.setUint32(o + 4, outWords.getUint32(from + 4, true), true);
        o += 8;
        from += 8;
      }
      o = stop;
    } else {
      while (o < stop) out[o++] = out[from++] ?? 0;
    }
  }
  return o;
};

/** One LZ4 frame (version 1, independent 4 MB blocks, no checksums) with stored blocks. */
export const lz4StoredFrame = (content: Buffer): Buffer => {
  const descriptor = Buffer.from([0x60, 0x70]); // FLG: version 01, block independence; BD: 4 MB
  const header = Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18]), descriptor, Buffer.from([(xxh32(descriptor) >>> 8) & 0xff])]);
  const parts: Buffer[] = [header];
  const blockMax = 4 << 20;
  for (let at = 0; at < content.length; at += blockMax) {
    const block = content.subarray(at, at + blockMax);
    const size = Buffer.alloc(4);
    size.writeUInt32LE((block.length | 0x80000000) >>> 0);
    parts.push(size, block);
  }
  parts.push(Buffer.alloc(4)); // EndMark
  return Buffer.concat(parts);
};

/** Installed package names from a dpkg status file. */

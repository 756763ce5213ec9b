import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeLz4, decodeLz4Frames, isLz4Frame, lz4Decoder, lz4StoredFrame } from './lz4.js';
import { sample } from '../../testing/updates-samples.js';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

describe('decodeLz4Frames', () => {
  it('decodes apt-written lz4 lists byte for byte (checked against `lz4 -dc | sha256sum`)', () => {
    const security = sample('debian12-vm/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4');
    expect(isLz4Frame(security)).toBe(true);
    const decoded = decodeLz4Frames(security);
    expect(decoded.length).toBe(2515915);
    expect(sha256(decoded)).toBe('fadf41b0ef642d1c750f880f5844753ef5ab8d529ac4c190060d5f8bea63a801');
    const updates = decodeLz4Frames(sample('debian12-vm/lists/deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages.lz4'));
    expect(sha256(updates)).toBe('80a1f6ee524222c49f230fc5700d00f946d0a47eb5258180106dd03df126e16a');
  });

  it('throws on input that is not an LZ4 frame or is cut short', () => {
    expect(() => decodeLz4Frames(Buffer.from('Package: x\n'))).toThrow(/not an LZ4 frame/);
    const security = sample('debian12-vm/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4');
    expect(() => decodeLz4Frames(security.subarray(0, 5000))).toThrow(/truncated/);
  });

  it('hands the same bytes over in pieces, keeping only the window linked blocks refer to', () => {
    // bookworm-security's list has linked blocks (FLG 0x40): matches reach into the previous block.
    const security = sample('debian12-vm/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4');
    expect((security[4] ?? 0) & 0x20).toBe(0);
    for (const pieceBytes of [1, 1000, 70_000, 1 << 20]) {
      const pieces: Buffer[] = [];
      let calls = 0;
      let largest = 0;
      decodeLz4(
        security,
        (data, last) => {
          calls++;
          largest = Math.max(largest, data.length);
          // Consume all but a tail of 100 bytes (handed over again), everything at the end.
          const consumed = last ? data.length : Math.max(0, data.length - 100);
          pieces.push(Buffer.from(data.subarray(0, consumed)));
          return consumed;
        },
        pieceBytes,
      );
      const decoded = Buffer.concat(pieces);
      expect(sha256(decoded)).toBe('fadf41b0ef642d1c750f880f5844753ef5ab8d529ac4c190060d5f8bea63a801');
      expect(calls).toBeGreaterThan(pieceBytes < 1 << 20 ? 2 : 1);
      // Never the whole list: a piece, a block (64 KiB here) and the window at most.
      expect(largest).toBeLessThanOrEqual(pieceBytes + 3 * (64 << 10));
    }
  });

  it('keeps what the consumer does not consume, however long, until the end', () => {
    const security = sample('debian12-vm/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4');
    let final = Buffer.alloc(0);
    decodeLz4(
      security,
      (data, last) => {
        if (last) final = Buffer.from(data);
        return 0;
      },
      1000,
    );
    expect(sha256(final)).toBe('fadf41b0ef642d1c750f880f5844753ef5ab8d529ac4c190060d5f8bea63a801');
  });
});

describe('lz4Decoder', () => {
  const security = sample('debian12-vm/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4');
  /** Decodes `input` pushed in pieces ending at `cuts`; each piece is a copy overwritten after the push. */
  const decodeCut = (input: Buffer, cuts: readonly number[]): Buffer => {
    const parts: Buffer[] = [];
    const decoder = lz4Decoder((data) => {
      parts.push(Buffer.from(data));
      return data.length;
    });
    let start = 0;
    for (const end of [...cuts.filter((at) => at > 0 && at < input.length), input.length]) {
      const piece = Buffer.from(input.subarray(start, end));
      decoder.push(piece);
      piece.fill(0x5a);
      start = end;
    }
    decoder.end();
    return Buffer.concat(parts);
  };
  const blockStarts = (frame: Buffer, headerBytes: number): number[] => {
    const starts: number[] = [];
    for (let p = headerBytes; ;) {
      const size = frame.readUInt32LE(p) & 0x7fffffff;
      if (size === 0) return starts;
      starts.push(p);
      p += 4 + size;
    }
  };

  it('decodes the same bytes whatever piece ends cut: the header, a block size, a block, a match', () => {
    const starts = blockStarts(security, 7);
    expect(starts.length).toBeGreaterThan(30);
    const cuts = [1, 4, 6, ...starts.flatMap((p) => [p + 1, p + 3, p + 4, p + 5, p + 777]), security.length - 3, security.length - 1];
    expect(sha256(decodeCut(security, cuts))).toBe('fadf41b0ef642d1c750f880f5844753ef5ab8d529ac4c190060d5f8bea63a801');
    for (const step of [1 << 20, 65_536, 4099, 997]) {
      const even = Array.from({ length: Math.floor(security.length / step) }, (_, i) => (i + 1) * step);
      expect(sha256(decodeCut(security, even))).toBe('fadf41b0ef642d1c750f880f5844753ef5ab8d529ac4c190060d5f8bea63a801');
    }
  });

  it('skips skippable frames and reads frames one after another, cut anywhere', () => {
    const skippable = Buffer.alloc(8 + 300, 0x33);
    skippable.writeUInt32LE(0x184d2a5e, 0);
    skippable.writeUInt32LE(300, 4);
    const stored = lz4StoredFrame(Buffer.from('Package: after\nVersion: 1\n'));
    const input = Buffer.concat([skippable, security, stored]);
    const expected = Buffer.concat([decodeLz4Frames(security), Buffer.from('Package: after\nVersion: 1\n')]);
    for (const cuts of [
      [],
      [3, 7, 100, 308, 309, 315],
      [security.length + 308 + 2, security.length + 308 + 9],
      Array.from({ length: 400 }, (_, i) => i * 2011),
    ]) {
      expect(decodeCut(input, cuts).equals(expected)).toBe(true);
    }
  });

  it('throws when the input ends inside a frame, whatever the pieces', () => {
    for (const end of [5, 9, 5000, security.length - 4]) {
      expect(() => decodeCut(security.subarray(0, end), [end >> 1])).toThrow(/truncated LZ4/);
    }
    // A block that claims more than its frame's block size is corrupt, not waited for.
    const big = Buffer.from(security.subarray(0, 11));
    big.writeUInt32LE(1 << 20, 7);
    expect(() => decodeCut(big, [])).toThrow(/corrupt LZ4 block/);
  });
});

describe('LZ4 blocks: runs copied by words', () => {
  /** A frame of one compressed 4 MB-max block from (literals, offset, match length) sequences; the last has no match. */
  const frameOf = (sequences: readonly { literals: Buffer; offset: number; match: number }[], last: Buffer): Buffer => {
    const lengthBytes = (n: number): number[] => {
      const bytes: number[] = [];
      for (n -= 15; n >= 255; n -= 255) bytes.push(255);
      bytes.push(n);
      return bytes;
    };
    const parts: number[] = [];
    const sequence = (literals: Buffer, match: number | undefined, offset: number): void => {
      const m = match === undefined ? 0 : match - 4;
      parts.push((Math.min(literals.length, 15) << 4) | Math.min(m, 15));
      if (literals.length >= 15) parts.push(...lengthBytes(literals.length));
      parts.push(...literals);
      if (match === undefined) return;
      parts.push(offset & 0xff, offset >> 8);
      if (m >= 15) parts.push(...lengthBytes(m));
    };
    for (const { literals, offset, match } of sequences) sequence(literals, match, offset);
    sequence(last, undefined, 0);
    const block = Buffer.from(parts);
    const size = Buffer.alloc(4);
    size.writeUInt32LE(block.length);
    return Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18, 0x60, 0x70, 0x73]), size, block, Buffer.alloc(4)]);
  };
  /** What the sequences decode to, one byte at a time. */
  const reference = (sequences: readonly { literals: Buffer; offset: number; match: number }[], last: Buffer): Buffer => {
    const out: number[] = [];
    for (const { literals, offset, match } of sequences) {
      out.push(...literals);
      for (let k = 0; k < match; k++) out.push(out[out.length - offset] ?? -1);
    }
    out.push(...last);
    return Buffer.from(out);
  };
  /** A deterministic generator (xorshift32): the same sequences on every run. */
  const generator = (seed: number): ((below: number) => number) => {
    let x = seed;
    return (below) => {
      x ^= x << 13;
      x ^= x >>> 17;
      x ^= x << 5;
      return (x >>> 0) % below;
    };
  };

  it('decodes every offset (overlapping or not) and every run length near the word boundaries as a byte loop does', () => {
    const random = generator(0x9e3779b9);
    const sequences: { literals: Buffer; offset: number; match: number }[] = [];
    let length = 0;
    for (let n = 0; n < 4000; n++) {
      const literalCount = n % 7 === 0 ? random(140) : random(20);
      const literals = Buffer.from(Array.from({ length: literalCount }, () => 97 + random(26)));
      length += literals.length;
      if (length === 0) continue;
      // Short offsets (overlapping copies: runs of one byte, of two, ...) as often as long ones.
      const offset = 1 + (n % 2 === 0 ? random(Math.min(length, 17)) : random(Math.min(length, 65_535)));
      const match = 4 + (n % 5 === 0 ? random(300) : random(40));
      sequences.push({ literals, offset, match });
      length += match;
    }
    const last = Buffer.from('the end: no match after the last literals');
    const expected = reference(sequences, last);
    expect(decodeLz4Frames(frameOf(sequences, last)).equals(expected)).toBe(true);
    // And handed over in pieces, the block's output reaching the end of the decoder's buffer.
    const pieces: Buffer[] = [];
    decodeLz4(
      frameOf(sequences, last),
      (data) => {
        pieces.push(Buffer.from(data));
        return data.length;
      },
      1000,
    );
    expect(Buffer.concat(pieces).equals(expected)).toBe(true);
  });

  it('ends a run exactly at the end of the input and of the output', () => {
    for (const tail of [0, 1, 7, 8, 9, 64, 65, 200]) {
      const literals = Buffer.from(Array.from({ length: 8 + tail }, (_, k) => 65 + (k % 26)));
      const sequences = [{ literals, offset: 8, match: 8 + tail }];
      const last = Buffer.from(literals.subarray(0, tail % 9));
      expect(decodeLz4Frames(frameOf(sequences, last)).equals(reference(sequences, last))).toBe(true);
    }
  });

  it('still refuses a match that reaches before the output', () => {
    const sequences = [{ literals: Buffer.from('abcdefgh'), offset: 9, match: 8 }];
    expect(() => decodeLz4Frames(frameOf(sequences, Buffer.alloc(0)))).toThrow(/corrupt LZ4 block \(match\)/);
  });
});

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

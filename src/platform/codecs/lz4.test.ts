import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeLz4, decodeLz4Frames, isLz4Frame } from './lz4.js';
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

import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { decodeLz4Frames, isLz4Frame } from './lz4.js';
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
});

import { describe, expect, it } from 'vitest';
import { xxh32 } from './xxhash.js';

describe('xxh32', () => {
  it('matches the reference vectors of the xxHash spec', () => {
    expect(xxh32(Buffer.from(''))).toBe(0x02cc5d05);
    expect(xxh32(Buffer.from('a'))).toBe(0x550d7456);
    expect(xxh32(Buffer.from('abc'))).toBe(0x32d153ff);
    expect(xxh32(Buffer.from('Nobody inspects the spammish repetition'))).toBe(0xe2293b2f);
  });
});

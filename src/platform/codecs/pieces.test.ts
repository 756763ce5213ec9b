import { describe, expect, it } from 'vitest';
import { Pieces } from './pieces.js';

describe('Pieces', () => {
  it('answers a piece as it is when nothing is kept, and joins what is kept to the next piece', () => {
    const pieces = new Pieces();
    const first = Buffer.from('alpha beta');
    expect(pieces.join(first)).toBe(first);
    pieces.keep(first.subarray(6));
    expect(pieces.kept).toBe(4);
    // The caller's piece may be overwritten once handed over: what is kept is a copy.
    first.fill(0x5a);
    const joined = pieces.join(Buffer.from(' gamma'));
    expect(joined.toString()).toBe('beta gamma');
    // Kept from the joined bytes themselves (moved to the front), then joined again.
    pieces.keep(joined.subarray(5));
    expect(pieces.join(Buffer.from(' delta')).toString()).toBe('gamma delta');
    pieces.keep(Buffer.alloc(0));
    expect(pieces.kept).toBe(0);
    const last = Buffer.from('epsilon');
    expect(pieces.join(last)).toBe(last);
  });

  it('keeps everything a reader cannot use yet, however many pieces that takes', () => {
    const pieces = new Pieces();
    const text = 'x'.repeat(10_000);
    let data: Buffer = Buffer.alloc(0);
    for (let at = 0; at < text.length; at += 7) {
      data = pieces.join(Buffer.from(text.slice(at, at + 7)));
      pieces.keep(data);
    }
    expect(data.toString()).toBe(text);
  });
});

import { parseBinary } from 'plist';
import { describe, expect, it } from 'vitest';
import { buildBplist } from './bplist.js';

describe('buildBplist', () => {
  it('writes what an independent reader (the plist package) reads back', () => {
    const many = Object.fromEntries(Array.from({ length: 300 }, (_, i) => [`key${i}`, i * 1000]));
    const value = {
      text: 'plain',
      unicode: 'Décembre — 日本',
      yes: true,
      no: false,
      small: 7,
      big: 5_000_000_000,
      negative: -42,
      real: 2.5,
      date: new Date('2026-11-19T22:14:05Z'),
      data: new Uint8Array([1, 2, 3]),
      list: ['a', 1, [true], { nested: 'x' }],
      long: 'x'.repeat(40),
      many,
    };
    const bytes = buildBplist(value);
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('bplist00');
    const read = parseBinary(bytes) as unknown as Record<string, unknown>;
    expect(read).toMatchObject({
      text: 'plain',
      unicode: 'Décembre — 日本',
      yes: true,
      no: false,
      small: 7,
      big: 5_000_000_000,
      negative: -42,
      real: 2.5,
      list: ['a', 1, [true], { nested: 'x' }],
      long: 'x'.repeat(40),
      many,
    });
    expect((read.date as Date).toISOString()).toBe('2026-11-19T22:14:05.000Z');
    expect([...(read.data as Uint8Array)]).toEqual([1, 2, 3]);
  });
});

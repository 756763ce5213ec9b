import { describe, expect, it } from 'vitest';
import { deserialize, deserializeVariant, fixedSizeOf, formatGVariant, GVariantError, isValidType, memberTypes } from './gvariant.js';

const hex = (text: string): Buffer => Buffer.from(text.replace(/\s+/g, ''), 'hex');

describe('GVariant serialisation', () => {
  it('decodes the variants stored in the dconf samples (value, zero byte, type)', () => {
    // Bytes copied from fixtures/samples/screen-lock/dconf/user/written-never (idle-delay and lock-enabled).
    expect(deserializeVariant(hex('00000000 00 75'))).toEqual({ type: 'u', value: 0 });
    expect(deserializeVariant(hex('01 00 62'))).toEqual({ type: 'b', value: true });
    expect(deserializeVariant(hex('2c010000 00 75'))).toEqual({ type: 'u', value: 300 });
    expect(deserializeVariant(hex('00 00 73'))).toEqual({ type: 's', value: '' });
  });

  it('knows type strings, sizes and members', () => {
    expect(isValidType('a{sv}')).toBe(true);
    expect(isValidType('a{s}')).toBe(false);
    expect(isValidType('(ii')).toBe(false);
    expect(memberTypes('(sa{sv}u)')).toEqual(['s', 'a{sv}', 'u']);
    expect(fixedSizeOf('(yu)')).toBe(8);
    expect(fixedSizeOf('()')).toBe(1);
    expect(fixedSizeOf('(su)')).toBeUndefined();
  });

  it('decodes arrays of fixed and variable size, with framing offsets', () => {
    expect(deserialize('au', hex('01000000 02000000'))).toEqual([1, 2]);
    // ['a', 'bc']: "a\0" "bc\0" then 1-byte end offsets 2 and 5.
    expect(deserialize('as', Buffer.concat([Buffer.from('a\0bc\0'), hex('0205')]))).toEqual(['a', 'bc']);
    expect(deserialize('as', Buffer.alloc(0))).toEqual([]);
  });

  it('decodes tuples, dict entries, maybes and nested variants', () => {
    // ('ab', uint32 7): string, padding to 4, u32 — the string's end (3) is the one framing offset.
    expect(deserialize('(su)', Buffer.concat([Buffer.from('ab\0'), hex('00'), hex('07000000'), hex('03')]))).toEqual(['ab', 7]);
    // {'k': <true>} as a{sv}: entry "k\0" pad to 8, variant 01 00 62, entry offset 2, array offset.
    const entry = Buffer.concat([Buffer.from('k\0'), Buffer.alloc(6), hex('010062'), hex('02')]);
    expect(deserialize('a{sv}', Buffer.concat([entry, Buffer.from([entry.length])]))).toEqual([['k', { type: 'b', value: true }]]);
    expect(deserialize('mu', Buffer.alloc(0))).toBeNull();
    expect(deserialize('mu', hex('05000000'))).toBe(5);
    expect(deserialize('ms', Buffer.from('x\0\0'))).toBe('x');
    expect(deserialize('x', hex('feffffffffffffff'))).toBe(-2);
    expect(deserialize('d', hex('000000000000f83f'))).toBe(1.5);
    expect(deserialize('u', hex('00000001'), false)).toBe(1);
  });

  it('gives the type default for fixed values of the wrong size, and rejects broken variants', () => {
    expect(deserialize('u', hex('0100'))).toBe(0);
    expect(deserialize('b', Buffer.alloc(0))).toBe(false);
    expect(() => deserializeVariant(hex('0100'))).toThrow(GVariantError);
    expect(() => deserializeVariant(Buffer.from('x\0zz'))).toThrow(GVariantError);
  });

  it('prints values the way gsettings get does', () => {
    expect(formatGVariant({ type: 'u', value: 300 })).toBe('uint32 300');
    expect(formatGVariant({ type: 'i', value: 60 })).toBe('60');
    expect(formatGVariant({ type: 'b', value: false })).toBe('false');
    expect(formatGVariant({ type: 's', value: "it's" })).toBe("'it\\'s'");
    expect(formatGVariant({ type: 'as', value: [] })).toBe('@as []');
    expect(formatGVariant({ type: 'as', value: ['a', 'b'] })).toBe("['a', 'b']");
  });
});

import { describe, expect, it } from 'vitest';
import { decodeBytes, decodeText, textLines } from './decode.js';
import { asArray, booleanOf, dateOf, enumName, numberOf, objectsOf, stringOf } from './json.js';

const json = '{"Name":"Public","Enabled":1}\r\n';

describe('decodeText', () => {
  it('leaves plain UTF-8 alone and turns CRLF into LF', () => {
    expect(decodeText('a\r\nb\rc\n')).toBe('a\nb\nc\n');
  });

  it('drops a UTF-8 byte-order mark, from a string or from bytes', () => {
    expect(decodeText(`\uFEFF${json}`)).toBe('{"Name":"Public","Enabled":1}\n');
    expect(decodeText(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(json)]))).toBe('{"Name":"Public","Enabled":1}\n');
  });

  it('recovers UTF-16LE with a BOM that a host decoded as UTF-8', () => {
    const seen = Buffer.from(`\uFEFF${json}`, 'utf16le').toString('utf8');
    expect(seen.startsWith('\uFFFD\uFFFD{\0')).toBe(true);
    expect(decodeText(seen)).toBe('{"Name":"Public","Enabled":1}\n');
  });

  it('decodes UTF-16LE and UTF-16BE bytes with a BOM, and UTF-16LE bytes without one', () => {
    expect(decodeText(Buffer.from(`\uFEFFnaïve ✓\r\n`, 'utf16le'))).toBe('naïve ✓\n');
    const be = Buffer.from('\uFEFFok', 'utf16le');
    be.swap16();
    expect(decodeBytes(be)).toBe('ok');
    expect(decodeBytes(Buffer.from('plain text', 'utf16le'))).toBe('plain text');
  });

  it('splits lines without trailing spaces', () => {
    expect(textLines('  AzureAdJoined : YES   \r\n\r\nx')).toEqual(['  AzureAdJoined : YES', '', 'x']);
  });
});

describe('ConvertTo-Json values', () => {
  it('takes one object for a one-element array, and nothing for null', () => {
    expect(asArray({ a: 1 })).toEqual([{ a: 1 }]);
    expect(asArray(null)).toEqual([]);
    expect(objectsOf([{ a: 1 }, 2, null])).toEqual([{ a: 1 }]);
  });

  it("unwraps Windows PowerShell 5.1's {value, Count} array wrapper, and only that shape", () => {
    // ConvertTo-Json in 5.1, for an @() array carrying ETS properties (PowerShell/PowerShell issues #3153 and #5579: `[1,{"value":[2,3],"Count":2},4]` in 5.1).
    expect(asArray({ value: [{ a: 1 }, { a: 2 }], Count: 2 })).toEqual([{ a: 1 }, { a: 2 }]);
    expect(objectsOf({ value: [], Count: 0 })).toEqual([]);
    // An object that merely has such fields is an object.
    expect(asArray({ value: [1], Count: 5 })).toEqual([{ value: [1], Count: 5 }]);
    expect(asArray({ value: [1], Count: 1, Name: 'x' })).toEqual([{ value: [1], Count: 1, Name: 'x' }]);
  });

  it('reads enums as numbers (PowerShell 5.1) or names (PowerShell 7)', () => {
    const names = { 0: 'Off', 1: 'On' };
    expect(enumName(1, names)).toBe('On');
    expect(enumName('On', names)).toBe('On');
    expect(enumName('0', names)).toBe('Off');
    expect(enumName(7, names)).toBeNull();
  });

  it('reads /Date(ms)/ and ISO dates, and rejects empty ones', () => {
    expect(dateOf('/Date(1763632800000)/')).toBe('2025-11-20T10:00:00.000Z');
    expect(dateOf('2026-11-20T09:12:00.0000000Z')).toBe('2026-11-20T09:12:00.000Z');
    expect(dateOf({ value: '/Date(1763632800000)/', DateTime: 'Thursday, 20 November 2025 11:00:00' })).toBe('2025-11-20T10:00:00.000Z');
    expect(dateOf('')).toBeNull();
    expect(dateOf('/Date(0)/')).toBeNull();
  });

  it('reads registry-style numbers, flags and strings', () => {
    expect(numberOf('900')).toBe(900);
    expect(numberOf('0x384')).toBe(900);
    expect(numberOf('9 0')).toBeNull();
    expect(booleanOf('1')).toBe(true);
    expect(booleanOf('False')).toBe(false);
    expect(booleanOf('yes')).toBeNull();
    expect(stringOf('  x ')).toBe('x');
    expect(stringOf('  ')).toBeNull();
    expect(stringOf(22631)).toBe('22631');
  });
});

import { describe, expect, it } from 'vitest';
import { contentKind, fromContent, fromShared } from './content-memo.js';
import { runMemo, sharedId } from './run-memo.js';

describe('fromContent', () => {
  it('computes once per run and Buffer, shares the value frozen, and keeps nothing without a memo', () => {
    const kind = contentKind<{ lines: string[] }>('test: lines');
    const bytes = Buffer.from('a\nb\n');
    let computed = 0;
    const parse = (): { lines: string[] } => {
      computed += 1;
      return { lines: bytes.toString('utf8').split('\n') };
    };
    const memo = runMemo();
    const first = fromContent(memo, kind, bytes, parse);
    expect(first).toEqual({ lines: ['a', 'b', ''] });
    expect(fromContent(memo, kind, bytes, parse)).toBe(first);
    expect(computed).toBe(1);
    expect(Object.isFrozen(first) && Object.isFrozen(first.lines)).toBe(true);
    expect(sharedId(first)).toBeDefined();
    expect(() => first.lines.push('c')).toThrow(TypeError);
    // The same bytes in another Buffer (another read) are computed again, never taken for it.
    const copy = fromContent(memo, kind, Buffer.from(bytes), parse);
    expect(copy).toEqual(first);
    expect(copy).not.toBe(first);
    // Another run, or no run: computed again; without a run, the caller's own value.
    expect(fromContent(runMemo(), kind, bytes, parse)).not.toBe(first);
    const alone = fromContent(undefined, kind, bytes, parse);
    expect(Object.isFrozen(alone)).toBe(false);
    expect(computed).toBe(4);
  });

  it('keeps an undefined value too, and kinds apart', () => {
    const nothing = contentKind<string | undefined>('test: nothing');
    const other = contentKind<string | undefined>('test: other');
    const bytes = Buffer.from('x');
    const memo = runMemo();
    let computed = 0;
    expect(fromContent(memo, nothing, bytes, () => (computed++, undefined))).toBeUndefined();
    expect(fromContent(memo, nothing, bytes, () => (computed++, 'made again'))).toBeUndefined();
    expect(fromContent(memo, other, bytes, () => (computed++, 'other'))).toBe('other');
    expect(computed).toBe(2);
  });
});

describe('fromShared', () => {
  it('tells objects apart by identity and the rest by value, in order', () => {
    const kind = contentKind<{ n: number }>('test: inputs');
    const memo = runMemo();
    const a = Object.freeze(['x']);
    const b = Object.freeze(['x']);
    let computed = 0;
    const make = (): { n: number } => ({ n: ++computed });
    const first = fromShared(memo, kind, [a, 'file', true, 1, null], make);
    expect(fromShared(memo, kind, [a, 'file', true, 1, null], make)).toBe(first);
    // An equal object of another identity, a different order or another primitive is another input.
    expect(fromShared(memo, kind, [b, 'file', true, 1, null], make)).not.toBe(first);
    expect(fromShared(memo, kind, ['file', a, true, 1, null], make)).not.toBe(first);
    expect(fromShared(memo, kind, [a, 'file', 'true', 1, null], make)).not.toBe(first);
    expect(fromShared(memo, kind, [a, 'file', true, '1', null], make)).not.toBe(first);
    // A string that looks like an identity number is still a string.
    expect(fromShared(memo, kind, ['#1', 'file', true, 1, null], make)).not.toBe(first);
    expect(computed).toBe(6);
    expect(Object.isFrozen(first)).toBe(true);
    expect(fromShared(undefined, kind, [a, 'file', true, 1, null], make)).toEqual({ n: 7 });
  });
});

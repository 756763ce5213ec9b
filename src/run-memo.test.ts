import { describe, expect, it } from 'vitest';
import { memoSlot, memoTable, runMemo } from './run-memo.js';

describe('run memo', () => {
  it('makes a value once per key, and again after the table filled up and started over', () => {
    const table = memoTable<string>(2);
    const made: string[] = [];
    const get = (key: string): string =>
      table.get(key, () => {
        made.push(key);
        return `value of ${key}`;
      });
    expect([get('a'), get('b'), get('a')]).toEqual(['value of a', 'value of b', 'value of a']);
    expect(made).toEqual(['a', 'b']);
    expect(get('c')).toBe('value of c');
    expect(table.size).toBe(1);
    expect(get('a')).toBe('value of a');
    expect(made).toEqual(['a', 'b', 'c', 'a']);
  });

  it('keeps a value that is null like any other', () => {
    const table = memoTable<string | null>();
    let calls = 0;
    const make = (): null => {
      calls += 1;
      return null;
    };
    expect([table.get('k', make), table.get('k', make)]).toEqual([null, null]);
    expect(calls).toBe(1);
  });

  it('gives each run its own slots: nothing made for one run is seen by another', () => {
    const slot = memoSlot('counter', () => ({ count: 0 }));
    const one = runMemo();
    const other = runMemo();
    one.slot(slot).count += 1;
    expect(one.slot(slot).count).toBe(1);
    expect(other.slot(slot).count).toBe(0);
  });
});

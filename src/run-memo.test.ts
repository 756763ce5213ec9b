import { describe, expect, it } from 'vitest';
import { identityNumbers, memoSlot, memoTable, runMemo, sameContent, share, sharedId, spansPerTable, steadyReach, steadySpan, timedTable } from './run-memo.js';

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

  it('shares a value frozen all the way down, with a number; a value of one host alone has none', () => {
    const value = { list: [{ name: 'a' }], nested: { deep: { x: 1 } } };
    expect(sharedId(value)).toBeUndefined();
    expect(share(value)).toBe(value);
    expect(sharedId(value)).toBeDefined();
    expect(share(value)).toBe(value);
    for (const part of [value, value.list, value.list[0], value.nested, value.nested.deep]) expect(Object.isFrozen(part)).toBe(true);
    expect(() => {
      value.nested.deep.x = 2;
    }).toThrow(TypeError);
    expect(sharedId({ ...value })).toBeUndefined();
    expect(sharedId('text')).toBeUndefined();
  });

  it('keeps a value made without reading the time for every time, and makes a value that read it again for each caller, unshared', () => {
    const table = timedTable<{ key: string; at?: string }>();
    const made: string[] = [];
    const monday = new Date('2026-12-07T10:00:00Z');
    const tuesday = new Date('2026-12-08T10:00:00Z');
    const untimed = (key: string, at: Date): { key: string } =>
      table.get(key, at, () => {
        made.push(key);
        return { key };
      });
    const timed = (key: string, at: Date): { key: string; at?: string } =>
      table.get(key, at, (now) => {
        made.push(key);
        return { key, at: now().toISOString() };
      });
    const first = untimed('u', monday);
    expect(untimed('u', tuesday)).toBe(first);
    expect(sharedId(first)).toBeDefined();
    expect(made).toEqual(['u']);
    const a = timed('t', monday);
    const b = timed('t', tuesday);
    const c = timed('t', monday);
    expect([a.at, b.at, c.at]).toEqual([monday.toISOString(), tuesday.toISOString(), monday.toISOString()]);
    expect(c).not.toBe(a);
    expect(sharedId(a)).toBeUndefined();
    expect(made).toEqual(['u', 't', 't', 't']);
  });

  it('holds one value per content: a later equal value is the first one, a value that differs in anything is its own', () => {
    const same = sameContent<unknown>();
    const first = share({ apps: [{ id: 'a', lastUsed: null }], n: 0 });
    expect(same(first)).toBe(first);
    // Made again from other inputs, equal: the first one stands for it.
    expect(same(share({ apps: [{ id: 'a', lastUsed: null }], n: 0 }))).toBe(first);
    // Equal JSON text, but not the same content: -0, a member that is undefined, another prototype.
    for (const other of [
      { apps: [{ id: 'a', lastUsed: null }], n: -0 },
      { apps: [{ id: 'a', lastUsed: null, more: undefined }], n: 0 },
    ]) {
      const shared = share(other);
      expect(same(shared)).toBe(shared);
    }
    const differs = share({ apps: [{ id: 'b', lastUsed: null }], n: 0 });
    expect(same(differs)).toBe(differs);
    expect(same(share({ apps: [{ id: 'b', lastUsed: null }], n: 0 }))).toBe(differs);
  });

  it('keeps, with sameContent, one value for keys whose values are equal, and never a value that read the time', () => {
    const table = timedTable<{ apps: string[]; at?: string }>(10, sameContent());
    const monday = new Date('2026-12-07T10:00:00Z');
    const a = table.get('list 1', monday, () => ({ apps: ['x'] }));
    const b = table.get('list 2 (one library more)', monday, () => ({ apps: ['x'] }));
    const c = table.get('list 3 (one app more)', monday, () => ({ apps: ['x', 'y'] }));
    expect(b).toBe(a);
    expect(c).not.toBe(a);
    expect(c).toEqual({ apps: ['x', 'y'] });
    const timed = table.get('list 4', monday, (now) => ({ apps: ['x'], at: now().toISOString() }));
    expect(sharedId(timed)).toBeUndefined();
  });

  it('finds exactly the span of time where a level that never decreases stays the same', () => {
    const day = 86_400_000;
    const start = Date.parse('2026-01-01T00:00:00Z') + 123;
    const level = (ms: number): number => (ms - start <= 7 * day ? -1 : Math.floor((ms - start) / day));
    for (const at of [start - 5 * day, start + 7 * day, start + 7 * day + 1, start + 9 * day + 17, start + 30 * day - 1]) {
      const { from, until } = steadySpan(at, level);
      expect(from).toBeLessThanOrEqual(at);
      expect(until).toBeGreaterThan(at);
      for (const inside of [from, until - 1]) expect(level(inside)).toBe(level(at));
      // The span ends where the level changes, or where steadySpan stops looking.
      expect(from === at - steadyReach || level(from - 1) !== level(at)).toBe(true);
      expect(until === at + steadyReach || level(until) !== level(at)).toBe(true);
    }
  });

  it('keeps a value that read the time only within spans for every time of its spans, and makes it again outside them', () => {
    const table = timedTable<{ day: string }>();
    const made: string[] = [];
    const day = (at: Date): { day: string } =>
      table.get('k', at, (_now, clock) => {
        const read = clock.nowWithin((now) => {
          const from = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
          return { from, until: from + 86_400_000 };
        });
        made.push(read.toISOString());
        return { day: read.toISOString().slice(0, 10) };
      });
    const morning = day(new Date('2026-12-07T08:00:00Z'));
    expect(day(new Date('2026-12-07T23:59:59.999Z'))).toBe(morning);
    expect(sharedId(morning)).toBeDefined();
    const next = day(new Date('2026-12-08T00:00:00Z'));
    expect(next).toEqual({ day: '2026-12-08' });
    expect(day(new Date('2026-12-07T12:00:00Z'))).toBe(morning);
    expect(made).toEqual(['2026-12-07T08:00:00.000Z', '2026-12-08T00:00:00.000Z']);
    // Past the table's bound (all keys together), every span is dropped and made again when asked.
    const big = timedTable<string>(10 * spansPerTable);
    const at = new Date('2026-12-07T12:00:00Z');
    let calls = 0;
    const get = (key: string): string =>
      big.get(key, at, (_now, clock) => {
        calls += 1;
        return clock.nowWithin(() => ({ from: 0, until: 2 ** 50 })).toISOString();
      });
    get('first');
    for (let n = 1; n < spansPerTable; n += 1) get(`other ${String(n)}`);
    get('first');
    expect(calls).toBe(spansPerTable);
    get('one more');
    get('first');
    expect(calls).toBe(spansPerTable + 2);
    // A span that does not hold the time read is a plain read: the value is the caller's alone.
    const wrong = table.get('w', new Date('2026-12-07T08:00:00Z'), (_now, clock) => ({ day: clock.nowWithin(() => ({ from: 0, until: 1 })).toISOString() }));
    expect(sharedId(wrong)).toBeUndefined();
  });

  it('shares nothing in a run that does not share', () => {
    expect(runMemo().sharing).toBe(true);
    expect(runMemo({ sharing: false }).sharing).toBe(false);
  });
});

describe('identityNumbers', () => {
  it('gives one object the same number every time, and an equal but other object another', () => {
    const numberOf = identityNumbers();
    const a = { id: 'catalog' };
    const b = { id: 'catalog' };
    expect(numberOf(a)).toBe(numberOf(a));
    expect(numberOf(b)).not.toBe(numberOf(a));
    // Another numbering is its own.
    expect(identityNumbers()(b)).toBe(1);
  });
});

import { describe, expect, it } from 'vitest';
import { jsonType, parameterUses, resolveParameters } from './parameters.js';

const condition = {
  all: [
    { fact: 'screen-lock.secondsToLock', expect: { atMost: { param: 'maxSeconds' } } },
    { fact: 'updates.listsUpdatedAt', expect: { withinDays: { days: { param: 'days' } } } },
  ],
};

describe('rule parameters', () => {
  it('finds every use with its path', () => {
    expect(parameterUses(condition, ['check'])).toEqual([
      { name: 'maxSeconds', path: ['check', 'all', 0, 'expect', 'atMost'] },
      { name: 'days', path: ['check', 'all', 1, 'expect', 'withinDays', 'days'] },
    ]);
  });

  it('replaces known names and leaves the template untouched', () => {
    const resolved = resolveParameters(condition, { maxSeconds: 300, days: 7 });
    expect(resolved.all[0]?.expect).toEqual({ atMost: 300 });
    expect(resolved.all[1]?.expect).toEqual({ withinDays: { days: 7 } });
    expect(condition.all[0]?.expect).toEqual({ atMost: { param: 'maxSeconds' } });
  });

  it('leaves unknown names and look-alikes with other keys alone', () => {
    const value = { equals: { param: 'x', other: 1 }, oneOf: [{ param: 'unknown' }] };
    expect(resolveParameters(value, { x: 1 })).toEqual(value);
    expect(parameterUses(value)).toEqual([{ name: 'unknown', path: ['oneOf', 0] }]);
  });

  it('copies values so that a resolved rule cannot change a parameter', () => {
    const list = ['a'];
    const resolved = resolveParameters({ oneOf: { param: 'l' } }, { l: list }) as unknown as { oneOf: string[] };
    resolved.oneOf.push('b');
    expect(list).toEqual(['a']);
  });

  it('names JSON types', () => {
    expect([1, 'a', true, null, [], {}].map(jsonType)).toEqual(['number', 'string', 'boolean', 'null', 'array', 'object']);
  });
});

import { describe, expect, it } from 'vitest';
import { describeExpectation, testExpectation } from './evaluate-expectation.js';

const now = new Date('2025-06-01T12:00:00Z');

describe('testExpectation', () => {
  it('runs the operator named by the single key', () => {
    expect(testExpectation({ atMost: 900 }, 300, now)).toEqual({ ok: true });
    expect(testExpectation({ atMost: 900 }, 1200, now)).toEqual({ ok: false, reason: '1200 is above 900' });
  });

  it('answers undetermined for an unknown value without calling the operator', () => {
    expect(testExpectation({ atMost: 900 }, null, now)).toEqual({ ok: false, undetermined: true, reason: 'value unknown' });
    expect(testExpectation({ notEquals: 'x' }, undefined, now)).toMatchObject({ undetermined: true });
    expect(testExpectation({ none: { is: { equals: 1 } } }, null, now)).toMatchObject({ undetermined: true });
  });

  it('passes null to exists, the one operator that accepts unknown values', () => {
    expect(testExpectation({ exists: false }, undefined, now)).toEqual({ ok: true });
    expect(testExpectation({ exists: true }, null, now)).toEqual({ ok: false, reason: 'missing' });
  });

  it('gives nested expectations the same evaluation time', () => {
    const recent = { any: { where: { lastUsed: { withinDays: { days: 1 } } } } };
    expect(testExpectation(recent, [{ lastUsed: '2025-05-31T13:00:00Z' }], now)).toEqual({ ok: true });
    expect(testExpectation(recent, [{ lastUsed: '2025-05-31T13:00:00Z' }], new Date('2025-06-03T00:00:00Z')).ok).toBe(false);
  });

  it('nests collections inside collections', () => {
    const noUnapprovedPlugin = { none: { where: { plugins: { any: { where: { approved: { equals: false } } } } } } };
    const hosts = [
      { id: 'a', plugins: [{ approved: true }] },
      { id: 'b', plugins: [{ approved: true }, { approved: false }] },
    ];
    expect(testExpectation(noUnapprovedPlugin, hosts, now)).toMatchObject({ ok: false, reason: '1 item matches: b' });
    expect(testExpectation(noUnapprovedPlugin, [{ id: 'c', plugins: [{}] }], now)).toMatchObject({
      undetermined: true,
      reason: '1 item could not be checked: c (plugins unknown)',
    });
  });

  it('throws on an expectation the loader should have refused', () => {
    expect(() => testExpectation({}, 1, now)).toThrow(/exactly one operator key/);
    expect(() => testExpectation({ atMost: 1, atLeast: 0 }, 1, now)).toThrow(/exactly one operator key/);
    expect(() => testExpectation({ lessThan: 1 }, 1, now)).toThrow(/unknown operator "lessThan"; expected one of all, any/);
    expect(() => testExpectation({ constructor: 1 }, 1, now)).toThrow(/unknown operator "constructor"/);
  });
});

describe('describeExpectation', () => {
  it('uses the operator wording, nested included', () => {
    expect(describeExpectation({ equals: true })).toBe('equal to true');
    expect(describeExpectation({ atMost: 900 })).toBe('at most 900');
    expect(describeExpectation({ none: { where: { categories: { contains: 'messenger' }, approved: { equals: false } } } })).toBe(
      'none where categories contains "messenger" and approved equal to false',
    );
  });
});

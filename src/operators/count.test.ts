import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import type { CountOptions } from './count.js';
import { count } from './count.js';
import { describeExpectation } from './evaluate-expectation.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

const remote = { categories: { contains: 'remote-access' } };
const anydesk = { id: 'anydesk', categories: ['remote-access'] };
const teamviewer = { id: 'teamviewer', categories: ['remote-access'] };
const firefox = { id: 'firefox', categories: ['browser'] };
const unknown = { id: 'mystery' };

describe('count', () => {
  it.each<[Json, CountOptions, boolean]>([
    [[], { atMost: 0 }, true],
    [[1], { atMost: 0 }, false],
    [[1, 2, 3], { atLeast: 3 }, true],
    [[1, 2], { atLeast: 3 }, false],
    [[anydesk, firefox], { where: remote, atMost: 1 }, true],
    [[anydesk, teamviewer, firefox], { where: remote, atMost: 1 }, false],
    [[anydesk, teamviewer], { where: remote, atLeast: 1, atMost: 2 }, true],
    [[firefox], { where: remote, atLeast: 1, atMost: 2 }, false],
    [[22, 80, 443], { is: { atLeast: 1024 }, atMost: 0 }, true],
    [[22, 8080], { is: { atLeast: 1024 }, atMost: 0 }, false],
    [[anydesk, unknown], { where: remote, atMost: 1 }, false],
    [[anydesk, unknown], { where: remote, atLeast: 1 }, true],
    ['anydesk', { atMost: 1 }, false],
  ])('%j count %j → %s', (actual, options, ok) => {
    expect(verdictOf(count, options, actual).ok).toBe(ok);
  });

  it.each([
    [{}],
    [{ where: remote }],
    [{ atMost: -1 }],
    [{ atMost: 1.5 }],
    [{ atMost: '1' }],
    [{ atMost: 1, where: remote, is: { equals: 1 } }],
    [{ atMost: 1, where: {} }],
    [{ atMost: 1, limit: 2 }],
    [{ atLeast: 3, atMost: 1 }],
    [5],
  ])('rejects options %j', (options) => {
    expect(optionsProblems(count, options)).not.toEqual([]);
  });

  it('explains failures with the matching items', () => {
    expect(verdictOf(count, { where: remote, atMost: 1 }, [anydesk, firefox, teamviewer])).toEqual({
      ok: false,
      reason: '2 items match, expected at most 1: anydesk, teamviewer',
      observed: [anydesk, teamviewer],
    });
    expect(verdictOf(count, { where: remote, atLeast: 1 }, [firefox])).toEqual({
      ok: false,
      reason: '0 items match, expected at least 1',
      observed: [],
    });
  });

  it('is undetermined only when unknown items decide', () => {
    expect(verdictOf(count, { where: remote, atMost: 1 }, [anydesk, unknown])).toEqual({
      ok: false,
      undetermined: true,
      reason: '1 item could not be checked: mystery (categories unknown)',
      observed: [unknown],
    });
    expect(verdictOf(count, { where: remote, atMost: 0 }, [anydesk, unknown])).not.toHaveProperty('undetermined');
    expect(verdictOf(count, { where: remote, atLeast: 2 }, [anydesk, unknown])).toMatchObject({ undetermined: true });
    expect(verdictOf(count, { where: remote, atLeast: 3 }, [anydesk, unknown])).not.toHaveProperty('undetermined');
    expect(verdictOf(count, { where: remote, atMost: 5 }, [anydesk, unknown])).toEqual({ ok: true });
  });

  it('checks bounds the schema cannot compare', () => {
    expect(count.check?.({ atLeast: 3, atMost: 1 })).toEqual(['atLeast (3) is greater than atMost (1)']);
    expect(count.check?.({ atLeast: 1, atMost: 1 })).toEqual([]);
  });

  it('gives nested expectations and describes', () => {
    expect(count.nested?.({ where: remote, atMost: 1 })).toEqual([{ path: ['where', 'categories'], expectation: { contains: 'remote-access' } }]);
    expect(count.nested?.({ atMost: 1 })).toEqual([]);
    expect(describeExpectation({ count: { where: remote, atMost: 1 } })).toBe('at most 1 where categories contains "remote-access"');
    expect(describeExpectation({ count: { atLeast: 1, atMost: 3 } })).toBe('at least 1 and at most 3 items');
    expect(describeExpectation({ count: { is: { atLeast: 1024 }, atMost: 0 } })).toBe('at most 0 where item at least 1024');
  });
});

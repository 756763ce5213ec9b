import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { any } from './any.js';
import { describeExpectation } from './evaluate-expectation.js';
import type { ItemCondition } from './support/collection.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

const agent = { where: { name: { matches: '^(jamf|intune|fleet)' }, running: { equals: true } } };

describe('any', () => {
  it.each<[Json, ItemCondition, boolean]>([
    [[], agent, false],
    [[{ name: 'fleet-osquery', running: true }], agent, true],
    [[{ name: 'fleet-osquery', running: false }], agent, false],
    [
      [
        { name: 'cups', running: true },
        { name: 'intune-agent', running: true },
      ],
      agent,
      true,
    ],
    [
      [
        { name: 'cups', running: true },
        { name: 'jamf', running: false },
      ],
      agent,
      false,
    ],
    [['ufw', 'nftables'], { is: { equals: 'nftables' } }, true],
    [['ufw'], { is: { equals: 'nftables' } }, false],
    [[{ name: 'jamf' }, { name: 'fleet', running: true }], agent, true],
    [[1, 2, 3], { where: { name: { exists: false } } }, true],
    [5, agent, false],
  ])('%j any %j → %s', (actual, options, ok) => {
    expect(verdictOf(any, options, actual).ok).toBe(ok);
  });

  it.each([[{}], [{ where: {} }], [{ where: { a: { equals: 1 } }, is: { equals: 1 } }], [{ when: { a: { equals: 1 } } }], ['x']])(
    'rejects options %j',
    (options) => {
      expect(optionsProblems(any, options)).not.toEqual([]);
    },
  );

  it('explains a failure', () => {
    expect(verdictOf(any, agent, [])).toEqual({ ok: false, reason: 'the list is empty' });
    expect(verdictOf(any, agent, [{ name: 'cups', running: true }])).toEqual({ ok: false, reason: 'none of 1 item matches' });
  });

  it('is undetermined when only unknown items could match', () => {
    expect(verdictOf(any, agent, [{ name: 'cups', running: true }, { name: 'jamf' }])).toEqual({
      ok: false,
      undetermined: true,
      reason: '1 item could not be checked: jamf (running unknown)',
      observed: [{ name: 'jamf' }],
    });
  });

  it('gives nested expectations and describes', () => {
    expect(any.nested?.(agent).map((n) => n.path)).toEqual([
      ['where', 'name'],
      ['where', 'running'],
    ]);
    expect(describeExpectation({ any: agent })).toBe('any where name matches /^(jamf|intune|fleet)/ and running equal to true');
  });
});

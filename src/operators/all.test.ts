import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { all } from './all.js';
import { describeExpectation } from './evaluate-expectation.js';
import type { ItemCondition } from './support/collection.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

const encrypted = { where: { encrypted: { equals: true } } };
const root = { mount: '/', encrypted: true, scheme: 'luks2' };
const home = { mount: '/home', encrypted: false };
const data = { mount: '/data', encrypted: false };

describe('all', () => {
  it.each<[Json, ItemCondition, boolean]>([
    [[], encrypted, true],
    [[root], encrypted, true],
    [[root, home], encrypted, false],
    [[{ encrypted: 'yes' }], encrypted, false],
    [[root], { where: { encrypted: { equals: true }, scheme: { oneOf: ['luks1', 'luks2'] } } }, true],
    [[root, { mount: '/boot', encrypted: true, scheme: 'plain' }], { where: { scheme: { oneOf: ['luks2'] } } }, false],
    [[300, 600], { is: { atMost: 900 } }, true],
    [[300, 1200], { is: { atMost: 900 } }, false],
    [[{ keyBits: 512 }], { where: { keyBits: { atLeast: 256 } } }, true],
    [{ mount: '/' }, encrypted, false],
  ])('%j all %j → %s', (actual, options, ok) => {
    expect(verdictOf(all, options, actual).ok).toBe(ok);
  });

  it.each([[{}], [{ where: { encrypted: true } }], [{ is: { equals: 1, notEquals: 2 } }], [true]])('rejects options %j', (options) => {
    expect(optionsProblems(all, options)).not.toEqual([]);
  });

  it('fails with the items that do not match', () => {
    expect(verdictOf(all, encrypted, [root, home, data])).toEqual({
      ok: false,
      reason: '2 of 3 items do not match: item 2, item 3',
      observed: [home, data],
    });
    expect(verdictOf(all, encrypted, [{ id: 'nvme0n1p3', encrypted: false }, root])).toMatchObject({
      reason: '1 of 2 items does not match: nvme0n1p3',
    });
  });

  it('is undetermined, never a pass, when an item is unknown', () => {
    expect(verdictOf(all, encrypted, [root, { id: 'sdb1', encrypted: null }])).toEqual({
      ok: false,
      undetermined: true,
      reason: '1 item could not be checked: sdb1 (encrypted unknown)',
      observed: [{ id: 'sdb1', encrypted: null }],
    });
    expect(verdictOf(all, encrypted, [{ id: 'sdb1' }, home])).toMatchObject({ ok: false, observed: [home] });
    expect(verdictOf(all, encrypted, [{ id: 'sdb1' }, home])).not.toHaveProperty('undetermined');
  });

  it('describes', () => {
    expect(describeExpectation({ all: encrypted })).toBe('all where encrypted equal to true');
    expect(describeExpectation({ all: { is: { atMost: 900 } } })).toBe('all where item at most 900');
  });
});

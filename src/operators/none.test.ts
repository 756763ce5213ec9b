import { describe, expect, it } from 'vitest';
import type { Json } from '../model.js';
import { describeExpectation } from './evaluate-expectation.js';
import { none } from './none.js';
import type { ItemCondition } from './support/collection.js';
import { optionsProblems, verdictOf } from './support/operator-cases.js';

const telegram = { id: 'telegram', categories: ['messenger'], approved: false, evidence: ['dpkg: telegram-desktop'] };
const whatsapp = { id: 'whatsapp', categories: ['messenger', 'social-network'], approved: false };
const luxchat = { id: 'luxchat4gov', categories: ['messenger'], approved: true };
const dropbox = { name: 'Dropbox', categories: ['cloud-sync'], approved: false };
const mystery = { id: 'mystery', categories: ['messenger'] };
const unapprovedMessenger: ItemCondition = {
  where: { categories: { contains: 'messenger' }, approved: { equals: false } },
};

describe('none', () => {
  it.each<[Json, ItemCondition, boolean]>([
    [[], unapprovedMessenger, true],
    [[luxchat, dropbox], unapprovedMessenger, true],
    [[luxchat, telegram], unapprovedMessenger, false],
    [[telegram, whatsapp, luxchat], unapprovedMessenger, false],
    [['telegram', 'signal'], { is: { oneOf: ['telegram', 'whatsapp'] } }, false],
    [['signal', 'element'], { is: { oneOf: ['telegram', 'whatsapp'] } }, true],
    [[{ mount: '/', encrypted: true }], { where: { encrypted: { equals: false } } }, true],
    [[{ mount: '/' }, { mount: '/home', swap: true }], { where: { swap: { exists: true } } }, false],
    [[{ port: 22, exposed: true }], { where: { port: { oneOf: [23, 21] }, exposed: { equals: true } } }, true],
    [[{ apps: [{ id: 'a' }] }], { where: { apps: { any: { where: { id: { equals: 'a' } } } } } }, false],
    [{ telegram }, unapprovedMessenger, false],
  ])('%j none %j → %s', (actual, options, ok) => {
    expect(verdictOf(none, options, actual).ok).toBe(ok);
  });

  it.each([
    [{}],
    [{ where: {} }],
    [{ where: { approved: {} } }],
    [{ where: { approved: { equals: false, exists: true } } }],
    [{ where: { approved: false } }],
    [{ is: { equals: 1 }, where: { a: { equals: 1 } } }],
    [{ is: {} }],
    [{ where: { a: { equals: 1 } }, atMost: 1 }],
    [[{ equals: 1 }]],
    [null],
  ])('rejects options %j', (options) => {
    expect(optionsProblems(none, options)).not.toEqual([]);
  });

  it('fails with the matching items as observed and names them', () => {
    expect(verdictOf(none, unapprovedMessenger, [telegram, luxchat, whatsapp, dropbox])).toEqual({
      ok: false,
      reason: '2 items match: telegram, whatsapp',
      observed: [telegram, whatsapp],
    });
    expect(verdictOf(none, { where: { categories: { contains: 'cloud-sync' } } }, [dropbox])).toMatchObject({
      reason: '1 item matches: Dropbox',
    });
    expect(verdictOf(none, { is: { matches: '^tele' } }, ['signal', 'telegram'])).toMatchObject({
      reason: '1 item matches: telegram',
      observed: ['telegram'],
    });
    expect(verdictOf(none, { where: { a: { equals: 1 } } }, [{ a: 0 }, { a: 1 }])).toMatchObject({
      reason: '1 item matches: item 2',
    });
  });

  it('keeps at most 20 items in observed and 10 names in the reason, with the full count', () => {
    const many = Array.from({ length: 25 }, (_, i) => ({ id: `app-${i + 1}`, approved: false }));
    const verdict = verdictOf(none, { where: { approved: { equals: false } } }, many);
    expect(verdict.ok).toBe(false);
    if (verdict.ok) return;
    expect(verdict.observed).toEqual(many.slice(0, 20));
    expect(verdict.reason).toBe('25 items match: app-1, app-2, app-3, app-4, app-5, app-6, app-7, app-8, app-9, app-10 and 15 more');
  });

  it('never passes on an item whose listed field is unknown: undetermined instead', () => {
    expect(verdictOf(none, unapprovedMessenger, [luxchat, mystery])).toEqual({
      ok: false,
      undetermined: true,
      reason: '1 item could not be checked: mystery (approved unknown)',
      observed: [mystery],
    });
    expect(verdictOf(none, unapprovedMessenger, [{ ...telegram, approved: null }]).ok).toBe(false);
    expect(verdictOf(none, { is: { equals: 'telegram' } }, ['signal', null])).toMatchObject({
      undetermined: true,
      reason: '1 item could not be checked: null (unknown)',
    });
  });

  it('lets a definite "no" on another field decide an item with an unknown field', () => {
    const unknownApprovalCloud = { id: 'box', categories: ['cloud-sync'] };
    expect(verdictOf(none, unapprovedMessenger, [unknownApprovalCloud])).toEqual({ ok: true });
  });

  it('fails on a definite match even when other items are unknown', () => {
    expect(verdictOf(none, unapprovedMessenger, [mystery, telegram])).toEqual({
      ok: false,
      reason: '1 item matches: telegram',
      observed: [telegram],
    });
  });

  it('treats a missing field as absent under exists: false', () => {
    const noPassword = { where: { password: { exists: false } } };
    expect(verdictOf(none, noPassword, [{ user: 'a', password: 'x' }])).toEqual({ ok: true });
    expect(verdictOf(none, noPassword, [{ user: 'a' }])).toMatchObject({ ok: false, reason: '1 item matches: item 1' });
  });

  it('fails on something that is not a list', () => {
    expect(verdictOf(none, unapprovedMessenger, 'telegram')).toEqual({ ok: false, reason: 'expected an array, got string' });
  });

  it('gives nested expectations with their paths for the loader', () => {
    expect(none.nested?.(unapprovedMessenger)).toEqual([
      { path: ['where', 'categories'], expectation: { contains: 'messenger' } },
      { path: ['where', 'approved'], expectation: { equals: false } },
    ]);
    expect(none.nested?.({ is: { equals: 1 } })).toEqual([{ path: ['is'], expectation: { equals: 1 } }]);
  });

  it('describes', () => {
    expect(describeExpectation({ none: unapprovedMessenger })).toBe('none where categories contains "messenger" and approved equal to false');
    expect(describeExpectation({ none: { is: { oneOf: ['telegram', 'whatsapp'] } } })).toBe('none where item one of "telegram", "whatsapp"');
  });
});

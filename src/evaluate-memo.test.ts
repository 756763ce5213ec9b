import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { messagesFor } from './i18n/messages.js';
import type { Facts, Finding, Language } from './model.js';
import type { Condition } from './policy/policy.js';
import { runMemo, type RunMemo } from './run-memo.js';
import { testPolicy, testRule } from './testing/policy-in-memory.js';

/**
 * The hosts of a run share what evaluation computes from the policy and the probes' reasons alone
 * (src/run-memo.ts): a host judged after others gets the findings it gets alone. The reasons here
 * are made up, recognised in part or not at all, so nothing depends on the catalogue's own list.
 */
const policy = testPolicy([
  testRule('R1', { fact: 'firewall.enabled', expect: { equals: true } } satisfies Condition),
  testRule('R2', {
    all: [
      { fact: 'firewall.defaultInbound', expect: { oneOf: ['deny', 'drop'] } },
      { fact: 'updates.pending', expect: { atMost: 3 } },
    ],
  }),
]);
const judge = (facts: Facts, language: Language, memo?: RunMemo): Finding[] =>
  evaluate(policy, facts, {
    platform: 'linux',
    targetClass: 'live',
    now: new Date('2026-11-21T09:30:00Z'),
    language,
    messages: messagesFor(language),
    ...(memo === undefined ? {} : { memo }),
  });

const hosts: Facts[] = [
  {
    firewall: {
      status: 'partial',
      facts: { enabled: null, defaultInbound: 'allow' },
      unknown: { enabled: { code: 'timeout', detail: 'zorbctl --dump: timed out' } },
    },
    updates: { status: 'ok', facts: { pending: 7 } },
  },
  {
    firewall: { status: 'error', code: 'tool-missing', message: 'quuxwall: not installed (ENOENT); frobd: Quiet Hours engaged' },
    updates: { status: 'ok', facts: { pending: 0 } },
  },
  {
    firewall: { status: 'ok', facts: { enabled: true, defaultInbound: 'drop' } },
    updates: { status: 'unsupported', reason: 'no package manager the probe knows (flimflam)' },
  },
  {
    firewall: {
      status: 'partial',
      facts: { enabled: null, defaultInbound: 'allow' },
      unknown: { enabled: { code: 'timeout', detail: 'zorbctl --dump: timed out' } },
    },
    updates: { status: 'ok', facts: { pending: 2 } },
  },
];

describe('evaluation with a memo shared by the hosts of a run', () => {
  it.each(['en', 'fr', 'de', 'lb'] as const)('gives every host the findings it gets alone (%s)', (language) => {
    const alone = hosts.map((facts) => judge(facts, language));
    const shared = runMemo();
    const twice = [...hosts, ...hosts].map((facts) => judge(facts, language, shared));
    expect(twice).toEqual([...alone, ...alone]);
    // Something was decided and something quoted: the comparison compares findings with reasons.
    expect(alone.flat().map((f) => f.status)).toEqual(expect.arrayContaining(['error', 'fail', 'pass']));
    expect(alone.flat().some((f) => (f.explanations ?? []).length > 0)).toBe(true);
    // The catalogued messages are shared between hosts, so they are frozen: a consumer cannot change another host's finding.
    const message = twice.flat().find((f) => (f.explanations ?? []).length > 0)?.explanations?.[0]?.message;
    expect(message).toBeDefined();
    expect(Object.isFrozen(message)).toBe(true);
    expect(() => Object.assign(message ?? {}, { id: 'changed' })).toThrow(TypeError);
  });

  it('keeps languages apart when one memo serves reports in several', () => {
    const shared = runMemo();
    const host = hosts[0] ?? {};
    const de = judge(host, 'de', shared);
    const fr = judge(host, 'fr', shared);
    expect(fr).toEqual(judge(host, 'fr'));
    expect(de).toEqual(judge(host, 'de'));
  });
});

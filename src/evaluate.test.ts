import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { messagesFor } from './i18n/messages.js';
import type { Facts } from './model.js';
import type { Rule } from './policy/policy.js';
import { testPolicy, testRule } from './testing/policy-in-memory.js';

const rule = testRule;
const policy = testPolicy;

const context = { platform: 'linux' as const, targetClass: 'live' as const, now: new Date(0), language: 'en' as const, messages: messagesFor('en') };
const enc = (value: boolean | null): Facts => ({ 'disk-encryption': { status: 'ok', facts: { systemVolumeEncrypted: value, swapEncrypted: true } } });
const encrypted = { fact: 'disk-encryption.systemVolumeEncrypted', expect: { equals: true } };
const swap = { fact: 'disk-encryption.swapEncrypted', expect: { equals: true } };

describe('evaluate', () => {
  it('passes and fails on known facts, with evidence', () => {
    const [pass] = evaluate(policy([rule('A', encrypted)]), enc(true), context);
    expect(pass).toMatchObject({ status: 'pass', evidence: [{ fact: 'disk-encryption.systemVolumeEncrypted', actual: true, expected: 'equal to true' }] });
    const [fail] = evaluate(policy([rule('A', encrypted)]), enc(false), context);
    expect(fail?.status).toBe('fail');
    expect(fail?.remediation).toBe('fix it');
  });

  it('never passes on unknown data: null facts, missing fields, failed or missing probes are errors', () => {
    const rules = [rule('A', encrypted), rule('B', { fact: 'disk-encryption.nothing', expect: { equals: true } })];
    for (const facts of [enc(null), {} as Facts, { 'disk-encryption': { status: 'error' as const, message: 'boom' } }]) {
      for (const finding of evaluate(policy(rules), facts, context)) {
        expect(finding.status, JSON.stringify(facts)).toBe('error');
        expect(finding.message).not.toBe('');
      }
    }
  });

  it("shows a derived family's own reason with a failed or unknown fact", () => {
    const supported = { fact: 'lifecycle.supported', expect: { equals: true } };
    const life = (value: boolean | null): Facts => ({ lifecycle: { status: 'ok', facts: { supported: value, reason: 'CentOS Linux 8 ended on 2021-12-31' } } });
    const [fail] = evaluate(policy([rule('U', supported)]), life(false), context);
    expect(fail).toMatchObject({ status: 'fail', message: expect.stringContaining('lifecycle: CentOS Linux 8 ended on 2021-12-31') as string });
    const [error] = evaluate(policy([rule('U', supported)]), life(null), context);
    expect(error).toMatchObject({ status: 'error', message: expect.stringContaining('lifecycle: CentOS Linux 8 ended on 2021-12-31') as string });
  });

  it('combines conditions: a failure decides all, an unknown keeps any and none from passing', () => {
    const r = (c: Rule['check']) => evaluate(policy([rule('A', c)]), enc(null), context)[0]?.status;
    expect(r({ all: [encrypted, { fact: 'disk-encryption.swapEncrypted', expect: { equals: false } }] })).toBe('fail');
    expect(r({ all: [encrypted, swap] })).toBe('error');
    expect(r({ any: [encrypted, swap] })).toBe('pass');
    expect(r({ any: [encrypted, { fact: 'disk-encryption.swapEncrypted', expect: { equals: false } }] })).toBe('error');
    expect(r({ none: [encrypted] })).toBe('error');
    expect(r({ none: [swap] })).toBe('fail');
  });

  it('skips with a reason: other platform, target class, unsupported probe, unmet precondition; lists manual rules', () => {
    const findings = evaluate(
      policy([
        rule('OTHER', encrypted, { platforms: ['windows'] }),
        rule('LIVE', encrypted, { targets: ['os-image', 'container-image'] }),
        rule('WHEN', swap, { when: encrypted }),
        rule('MANUAL', undefined, { manual: true }),
      ]),
      enc(false),
      context,
    );
    expect(findings.map((f) => [f.ruleId, f.status])).toEqual([
      ['OTHER', 'skip'],
      ['LIVE', 'skip'],
      ['WHEN', 'skip'],
      ['MANUAL', 'manual'],
    ]);
    for (const f of findings) expect(f.message).not.toBe('');
    const unsupported = evaluate(policy([rule('A', encrypted)]), { 'disk-encryption': { status: 'unsupported', reason: 'needs root' } }, context);
    expect(unsupported[0]).toMatchObject({ status: 'skip', message: expect.stringContaining('needs root') });
  });
});

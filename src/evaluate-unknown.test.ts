import { describe, expect, it } from 'vitest';
import { evaluate } from './evaluate.js';
import { messagesFor } from './i18n/messages.js';
import type { Facts, JsonObject, ProbeOutcome } from './model.js';
import type { Condition, Rule } from './policy/policy.js';
import { testPolicy, testRule } from './testing/policy-in-memory.js';

/** Unknown is never compliant: partial outcomes, incomplete lists, own properties, error findings. */

const rule = (check: Condition, extra: Partial<Rule> = {}): Rule => testRule('R', check, { remediation: { en: 'Remove the messenger.' }, ...extra });
const policy = testPolicy;

const context = { platform: 'linux' as const, targetClass: 'live' as const, now: new Date(0), language: 'en' as const, messages: messagesFor('en') };
const judge = (check: Condition, outcome: ProbeOutcome | undefined, family = 'software') => {
  const facts: Facts = outcome === undefined ? {} : { [family]: outcome };
  const [finding] = evaluate(policy([rule(check)]), facts, context);
  if (finding === undefined) throw new Error('no finding');
  return finding;
};

const messenger: JsonObject = { id: 'telegram', categories: ['messenger'], approved: false };
const browser: JsonObject = { id: 'firefox', categories: ['browser'], approved: true };
const permission = { code: 'permission', detail: '/home/bob cannot be read without administrator rights' } as const;
const incomplete = (apps: JsonObject[]): ProbeOutcome => ({ status: 'partial', facts: { apps, count: apps.length }, unknown: { apps: permission } });
const noMessenger: Condition = { fact: 'software.apps', expect: { none: { where: { categories: { contains: 'messenger' } } } } };

describe('incomplete lists', () => {
  it('fail when the known items already decide, whatever else is unknown', () => {
    expect(judge(noMessenger, incomplete([browser, messenger])).status).toBe('fail');
    expect(judge({ fact: 'software.apps', expect: { count: { atMost: 0 } } }, incomplete([messenger])).status).toBe('fail');
    expect(judge({ fact: 'software.apps', expect: { all: { where: { approved: { equals: true } } } } }, incomplete([messenger])).status).toBe('fail');
    expect(judge({ fact: 'software.apps', expect: { isEmpty: true } }, incomplete([messenger])).status).toBe('fail');
  });

  it('pass only when the known items prove it: something present is present', () => {
    expect(judge({ fact: 'software.apps', expect: { any: { where: { id: { equals: 'firefox' } } } } }, incomplete([browser])).status).toBe('pass');
    expect(judge({ fact: 'software.apps', expect: { count: { atLeast: 1 } } }, incomplete([browser])).status).toBe('pass');
    expect(judge({ fact: 'software.apps', expect: { isEmpty: false } }, incomplete([browser])).status).toBe('pass');
  });

  it('are errors with the reason code when the known items do not decide', () => {
    for (const expect_ of [
      { none: { where: { categories: { contains: 'messenger' } } } },
      { count: { atMost: 3 } },
      { all: { where: { approved: { equals: true } } } },
      { any: { where: { id: { equals: 'slack' } } } },
      { contains: 'x' },
      // Operators that know nothing of lists never decide on an incomplete one.
      { equals: [] },
    ]) {
      const finding = judge({ fact: 'software.apps', expect: expect_ }, incomplete([browser]));
      expect(finding.status, JSON.stringify(expect_)).toBe('error');
      expect(finding.reason).toBe('permission');
      expect(finding.message).toContain('/home/bob');
    }
    expect(judge({ fact: 'software.apps', expect: { isEmpty: true } }, incomplete([])).status).toBe('error');
  });

  it('a scalar the probe marks unknown is unknown whatever value it holds; other fields stay known', () => {
    const outcome: ProbeOutcome = { status: 'partial', facts: { enabled: false, backend: 'nft' }, unknown: { enabled: permission } };
    expect(judge({ fact: 'firewall.enabled', expect: { equals: false } }, outcome, 'firewall').status).toBe('error');
    expect(judge({ fact: 'firewall.backend', expect: { equals: 'nft' } }, outcome, 'firewall').status).toBe('pass');
    // A field inside an unknown object, and an object holding an unknown field, are unknown.
    const nested: ProbeOutcome = { status: 'partial', facts: { user: { a: 1, b: 2 } }, unknown: { 'user.a': permission } };
    expect(judge({ fact: 'x.user', expect: { exists: true } }, nested, 'x').status).toBe('error');
    const parent: ProbeOutcome = { status: 'partial', facts: { user: { a: 1 } }, unknown: { user: permission } };
    expect(judge({ fact: 'x.user.a', expect: { equals: 1 } }, parent, 'x').status).toBe('error');
  });
});

describe('unknown facts', () => {
  it('a whole fact that is null or missing is an error for every operator, exists included', () => {
    const outcome: ProbeOutcome = { status: 'ok', facts: { value: null } };
    for (const expect_ of [{ exists: false }, { exists: true }, { equals: null }, { isEmpty: true }]) {
      expect(judge({ fact: 'x.value', expect: expect_ }, outcome, 'x').status).toBe('error');
      expect(judge({ fact: 'x.absent', expect: expect_ }, outcome, 'x').status).toBe('error');
    }
  });

  it('looks fact paths up as own properties only', () => {
    const outcome: ProbeOutcome = { status: 'ok', facts: { name: 'debian' } };
    for (const fact of ['os.constructor', 'os.__proto__', 'os.toString', 'os.name.length', 'constructor.name', '__proto__.x']) {
      const finding = judge({ fact, expect: { exists: true } }, outcome, 'os');
      expect(finding.status, fact).toBe('error');
    }
  });

  it('a family that was not collected is an error coded not-collected, never a skip', () => {
    const finding = judge(noMessenger, undefined);
    expect(finding).toMatchObject({ status: 'error', reason: 'not-collected' });
  });
});

describe('error findings', () => {
  it('say how to get a decision instead of the remediation written for a failure', () => {
    const finding = judge(noMessenger, incomplete([]));
    expect(finding.status).toBe('error');
    expect(finding.remediation).not.toContain('Remove the messenger');
    expect(finding.remediation).toContain('sudo charter check');
  });

  it('carry the probe error code, and a timeout says so', () => {
    const finding = judge(noMessenger, { status: 'error', code: 'timeout', message: 'timed out after 30000 ms' });
    expect(finding).toMatchObject({ status: 'error', reason: 'timeout' });
    expect(finding.remediation).toContain('--probe-timeout');
    expect(judge(noMessenger, { status: 'error', message: 'boom' }).reason).toBe('probe-failed');
  });

  it('from a precondition are errors with the code too, not the remediation', () => {
    const [finding] = evaluate(
      policy([rule(noMessenger, { when: { fact: 'screen.graphical', expect: { equals: true } } })]),
      { screen: { status: 'ok', facts: { graphical: null } }, software: { status: 'ok', facts: { apps: [] } } },
      context,
    );
    expect(finding).toMatchObject({ status: 'error', reason: 'undetermined' });
    expect(finding?.remediation).not.toContain('Remove the messenger');
  });

  it('a failure keeps its remediation and has no reason code', () => {
    const finding = judge(noMessenger, { status: 'ok', facts: { apps: [messenger] } });
    expect(finding).toMatchObject({ status: 'fail', remediation: 'Remove the messenger.' });
    expect(finding.reason).toBeUndefined();
  });
});

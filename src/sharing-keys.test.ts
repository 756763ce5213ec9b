/**
 * What the run's shared values are keyed on is all they read (derived/index.ts sharedDerivation,
 * evaluate.ts sharedFinding). Each derived probe and each rule is run on the recorded fixtures'
 * facts, and on every family forced unknown, through proxies that record what it reads: a derived
 * probe may read only its declared inputs and the parts of its context its key holds; a rule only
 * the families of its own conditions and the parts of the context its key holds. The time they
 * read only through the context: judged at two other system times, they give the same values.
 */
import { join } from 'node:path';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { recordedSnapshot } from './testing/recorded-snapshot.js';
import { familiesOf, evaluate, type EvaluationContext } from './evaluate.js';
import { messagesFor } from './i18n/messages.js';
import type { Facts, ProbeOutcome } from './model.js';
import { loadPolicy } from './policy/load.js';
import type { Policy } from './policy/policy.js';
import type { DerivedContext } from './probes/probe.js';
import { deriveFacts, derivedProbes } from './probes/derived/index.js';
import { runMemo, share } from './run-memo.js';

const root = new URL('..', import.meta.url).pathname;
const fixtures = ['debian12-luxchat', 'debian12-exposed', 'macos14-noncompliant', 'windows11-noncompliant'];

/** An object whose reads (property gets and own-property checks) are recorded in `read`. */
const watched = <T extends object>(target: T, read: Set<string>): T =>
  new Proxy(target, {
    get: (object, key, receiver) => {
      if (typeof key === 'string') read.add(key);
      return Reflect.get(object, key, receiver) as unknown;
    },
    getOwnPropertyDescriptor: (object, key) => {
      if (typeof key === 'string') read.add(key);
      return Reflect.getOwnPropertyDescriptor(object, key);
    },
    has: (object, key) => {
      if (typeof key === 'string') read.add(key);
      return Reflect.has(object, key);
    },
    ownKeys: (object) => {
      read.add('*');
      return Reflect.ownKeys(object);
    },
  });

/** Each family of the facts replaced in turn by an error and by an unsupported outcome. */
const forcedUnknown = (facts: Facts): Facts[] =>
  Object.keys(facts).flatMap((id) => [
    { ...facts, [id]: { status: 'error', code: 'probe-failed', message: `${id} failed` } satisfies ProbeOutcome },
    { ...facts, [id]: { status: 'unsupported', reason: `${id} not here` } satisfies ProbeOutcome },
  ]);

/** The facts with the derived families added as of `at`, shared through `memo` when given (derived/index.ts). */
const collectDerived = (facts: Facts, platform: 'linux' | 'macos' | 'windows', policy: Policy, at: Date, memo?: ReturnType<typeof runMemo>): Facts => {
  const copy: Facts = Object.fromEntries(Object.entries(facts).filter(([id]) => !Object.hasOwn(derivedProbes, id)));
  deriveFacts(copy, Object.keys(derivedProbes), { platform, catalog: policy.catalog, live: true, now: at, ...(memo === undefined ? {} : { memo }) });
  return copy;
};

describe('shared values read nothing their keys leave out', () => {
  let policy: Policy;
  const sets: { name: string; platform: 'linux' | 'macos' | 'windows'; facts: Facts; at: Date }[] = [];
  beforeAll(async () => {
    policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    for (const name of fixtures) {
      const snapshot = await recordedSnapshot(name, policy.catalog);
      sets.push({ name, platform: snapshot.platform, facts: snapshot.facts, at: new Date(snapshot.collectedAt) });
    }
  }, 240_000);
  afterEach(() => {
    vi.useRealTimers();
  });

  it('a derived probe reads its declared inputs, and of its context only what its key holds', () => {
    const keyed = new Set(['platform', 'catalog', 'live', 'now', 'clock', 'memo']);
    let runs = 0;
    for (const { name, platform, facts, at } of sets) {
      for (const variant of [facts, ...forcedUnknown(facts)]) {
        for (const probe of Object.values(derivedProbes)) {
          const inputsRead = new Set<string>();
          const contextRead = new Set<string>();
          const inputs = Object.fromEntries(probe.inputs.map((id) => [id, Object.hasOwn(variant, id) ? variant[id] : undefined]));
          const context: DerivedContext = { platform, catalog: policy.catalog, live: true, now: at };
          const derived = probe.derive(watched(inputs, inputsRead), watched(context, contextRead));
          runs += 1;
          for (const key of inputsRead) expect(probe.inputs, `${name} ${probe.id} read input ${key}`).toContain(key);
          for (const key of contextRead) expect([...keyed], `${name} ${probe.id} read context.${key}`).toContain(key);
          // No clock but the context's: the same at any system time.
          vi.useFakeTimers({ now: new Date('2001-01-01T00:00:00Z') });
          expect(JSON.stringify(probe.derive(inputs, context)), `${name} ${probe.id}`).toBe(JSON.stringify(derived));
          vi.useRealTimers();
        }
      }
    }
    expect(runs).toBeGreaterThan(100);
  });

  it('a rule reads the families of its conditions, and of the context only what its key holds', () => {
    const keyed = new Set(['platform', 'targetClass', 'language', 'timeZone', 'messages', 'now', 'memo', 'shared']);
    let runs = 0;
    for (const { name, platform, facts, at } of sets) {
      for (const variant of [facts, ...forcedUnknown(facts)]) {
        for (const rule of policy.rules) {
          const single: Policy = { ...policy, rules: [rule] };
          for (const language of ['de'] as const) {
            const factsRead = new Set<string>();
            const contextRead = new Set<string>();
            const context: EvaluationContext = { platform, targetClass: 'live', now: at, language, messages: messagesFor(language) };
            const found = evaluate(single, watched(variant, factsRead), watched(context, contextRead));
            runs += 1;
            const families = familiesOf(rule);
            for (const key of factsRead) expect(families, `${name} ${rule.id} read facts.${key}`).toContain(key);
            // evaluate copies its context whole (every key is read there): a key the context gains must join the finding's key.
            for (const key of contextRead) if (key !== '*') expect([...keyed], `${name} ${rule.id} read context.${key}`).toContain(key);
            vi.useFakeTimers({ now: new Date('2001-01-01T00:00:00Z') });
            expect(JSON.stringify(evaluate(single, variant, context)), `${name} ${rule.id}`).toBe(JSON.stringify(found));
            vi.useRealTimers();
          }
        }
      }
    }
    expect(runs).toBeGreaterThan(500);
  });

  it('a finding or derived outcome shared over a span of time is, at every time of the run’s hosts, what judging at that time alone gives', () => {
    // Times spread over two months around each collection, to the ms, in an order that jumps back and forth.
    let seed = 7;
    const next = (): number => {
      seed = (seed * 16_807) % 2_147_483_647;
      return seed / 2_147_483_647;
    };
    let reused = 0;
    for (const { name, platform, facts, at } of sets) {
      const memo = runMemo();
      const shared: Facts = Object.fromEntries(Object.entries(facts).map(([id, outcome]) => [id, share(structuredClone(outcome))]));
      const times = Array.from({ length: 120 }, () => new Date(at.getTime() + Math.floor((next() * 70 - 10) * 86_400_000)));
      // And the last three months of the release's support, where its lifecycle counts the days left.
      const lifecycle = collectDerived(shared, platform, policy, at).lifecycle;
      const end = lifecycle?.status === 'ok' ? lifecycle.facts.endOfSupport : null;
      if (typeof end === 'string') {
        const endsAt = Date.parse(end);
        times.push(...Array.from({ length: 60 }, () => new Date(endsAt + Math.floor((next() * 98 - 95) * 86_400_000))));
      }
      const seen = new Set<unknown>();
      for (const when of times) {
        const context = (withMemo: boolean): EvaluationContext => ({
          platform,
          targetClass: 'live',
          now: when,
          language: 'en',
          messages: messagesFor('en'),
          ...(withMemo ? { memo } : {}),
        });
        const withShared = collectDerived(shared, platform, policy, when, memo);
        const alone = collectDerived(shared, platform, policy, when);
        expect(JSON.stringify(withShared), `${name} derived at ${when.toISOString()}`).toBe(JSON.stringify(alone));
        const found = evaluate(policy, withShared, context(true));
        expect(JSON.stringify(found), `${name} at ${when.toISOString()}`).toBe(JSON.stringify(evaluate(policy, alone, context(false))));
        for (const finding of found) {
          if (seen.has(finding)) reused += 1;
          seen.add(finding);
        }
      }
    }
    // Findings that read the time were reused for other times (the spans hold something).
    expect(reused).toBeGreaterThan(1000);
  });

  it('a finding shared at one time is the finding at another only when judging it did not read the time', () => {
    for (const { name, platform, facts, at } of sets) {
      const memo = runMemo();
      const shared: Facts = Object.fromEntries(Object.entries(facts).map(([id, outcome]) => [id, share(structuredClone(outcome))]));
      const context = (when: Date, withMemo: boolean): EvaluationContext => ({
        platform,
        targetClass: 'live',
        now: when,
        language: 'en',
        messages: messagesFor('en'),
        ...(withMemo ? { memo } : {}),
      });
      // Far enough apart that every time limit of the policy is crossed.
      const later = new Date(at.getTime() + 400 * 86_400_000);
      evaluate(policy, shared, context(at, true));
      expect(JSON.stringify(evaluate(policy, shared, context(later, true))), name).toBe(JSON.stringify(evaluate(policy, shared, context(later, false))));
    }
  });
});

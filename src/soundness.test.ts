import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { collectFacts } from './collect.js';
import { evaluate } from './evaluate.js';
import { factFamilies } from './fact-families.js';
import { openHost } from './hosts/index.js';
import { messagesFor } from './i18n/messages.js';
import type { Facts, Finding, Json, Platform, ProbeOutcome, Status, TargetClass, UnknownReason } from './model.js';
import { plan } from './plan.js';
import { loadPolicy } from './policy/load.js';
import type { Condition, Policy, Rule } from './policy/policy.js';
import { combination } from './policy/policy.js';
import { deriveFacts, derivedProbes, probeInputsOf } from './probes/derived/index.js';
import { detectTargetClass } from './target-class.js';

/**
 * Unknown is never compliant, proven mechanically. Generated from the policies and the recorded
 * hosts, not written rule by rule, in two layers:
 *
 * 1. Rules over facts. For every rule of every shipped policy, every fact it reads, on every
 *    recorded host where the rule applies, that fact's family is forced to fail, then to be
 *    unsupported, then to be partial (the fact unknown: a list marked incomplete, anything else
 *    null). The rule must then be:
 *    - error:       error, or fail when what is still known fails the rule;
 *    - unsupported: skip (the probe says it does not apply here), error, or fail;
 *    - partial:     error, or fail when the known part decides.
 *    It may keep the pass or skip it had only when that verdict now rests on other facts alone (an
 *    `any` branch or a `when` that other facts decide: the new finding's evidence does not name
 *    the broken fact).
 * 2. Derived facts over their probes. For every fact a rule reads through a derived family
 *    (`software`), every probe under it is forced to fail, be unsupported and be partial (every
 *    field): the derived outcome must then say it does not fully know (error, unsupported or
 *    partial), never a plain ok. Layer 1 then holds for what it says.
 *
 * A new rule, probe, derived fact or fixture is covered with no new test.
 */

const root = new URL('..', import.meta.url).pathname;
const hostsDir = join(root, 'fixtures', 'hosts');
const hosts = existsSync(hostsDir)
  ? readdirSync(hostsDir)
      .filter((n) => existsSync(join(hostsDir, n, 'host.json')))
      .sort()
  : [];
const policyFiles = [join(root, 'policies', 'lu-state-charter.yaml'), join(root, 'examples', 'organisation', 'policy.yaml')];

type Mode = 'error' | 'unsupported' | 'partial';
const allowed: Record<Mode, readonly Status[]> = {
  error: ['error', 'fail'],
  unsupported: ['skip', 'error', 'fail'],
  partial: ['error', 'fail'],
};
const forced: UnknownReason = { code: 'undetermined', detail: 'forced unknown by the soundness test' };

const factsOf = (condition: Condition | undefined): string[] => {
  if (condition === undefined) return [];
  if ('fact' in condition) return [condition.fact];
  return combination(condition).children.flatMap(factsOf);
};

/** Make `field` of an outcome's facts unknown (or every field when undefined). */
const partialOf = (outcome: ProbeOutcome | undefined, field: string | undefined): ProbeOutcome => {
  const facts: Record<string, Json> = outcome !== undefined && (outcome.status === 'ok' || outcome.status === 'partial') ? { ...outcome.facts } : {};
  const fields = field === undefined ? Object.keys(facts) : [field.split('.')[0] ?? field];
  const unknown: Record<string, UnknownReason> = outcome?.status === 'partial' ? { ...outcome.unknown } : {};
  for (const name of fields) {
    if (!Array.isArray(facts[name])) facts[name] = null;
    unknown[name] = forced;
  }
  return { status: 'partial', facts, unknown };
};

const broken = (mode: Mode, outcome: ProbeOutcome | undefined, field: string | undefined): ProbeOutcome => {
  switch (mode) {
    case 'error':
      return { status: 'error', code: 'probe-failed', message: 'forced to fail by the soundness test' };
    case 'unsupported':
      return { status: 'unsupported', reason: 'forced unsupported by the soundness test' };
    case 'partial':
      return partialOf(outcome, field);
  }
};

const modes = ['error', 'unsupported', 'partial'] as const;

interface Recorded {
  name: string;
  platform: Platform;
  targetClass: TargetClass;
  now: Date;
  /** Probe outcomes as collected from the recording, before any derived family. */
  collected: Facts;
}

const record = async (name: string, policy: Policy): Promise<Recorded> => {
  const dir = join(hostsDir, name);
  const host = await openHost(`replay:${dir}`, { cwd: root });
  try {
    const platform = await host.platform();
    const { targetClass } = await detectTargetClass(host);
    const recordedAt = (JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as { recordedAt?: string }).recordedAt;
    const now = new Date(recordedAt ?? '2026-11-22T00:00:00.000Z');
    const { probes } = plan(policy, platform, targetClass);
    const collected = await collectFacts(host, probes, { platform, catalog: policy.catalog, now, timeoutMs: 30_000 });
    return { name, platform, targetClass, now, collected };
  } finally {
    await host.close();
  }
};

const withDerived = (policy: Policy, host: Recorded, collected: Facts): Facts => {
  const all: Facts = { ...collected };
  deriveFacts(all, Object.keys(derivedProbes), { platform: host.platform, now: host.now, catalog: policy.catalog, live: host.targetClass === 'live' });
  return all;
};

const judge = (policy: Policy, rule: Rule, host: Recorded, facts: Facts): Finding => {
  const context = { platform: host.platform, targetClass: host.targetClass, now: host.now, language: 'en' as const, messages: messagesFor('en') };
  const [finding] = evaluate({ ...policy, rules: [rule] }, facts, context);
  if (finding === undefined) throw new Error(`no finding for ${rule.id}`);
  return finding;
};

/** The finding's evidence names `fact` (or, with a whole family broken, any fact of it). */
const rests = (finding: Finding, family: string, fact: string | undefined): boolean =>
  finding.evidence.some((e) => (fact === undefined ? e.fact.startsWith(`${family}.`) : e.fact === fact || e.fact.startsWith(`${fact}.`)));

const applies = (rule: Rule, host: Recorded): boolean =>
  rule.check !== undefined && rule.disabled === undefined && rule.platforms.includes(host.platform) && rule.targets.includes(host.targetClass);

describe.each(policyFiles)('soundness of %s: a fact made unknown never lets a rule pass', (file) => {
  it('holds for every (rule, fact, mode, recorded host)', { timeout: 120_000 }, async () => {
    const policy = await loadPolicy(file);
    const problems: string[] = [];
    const count = { rules: 0, derived: 0 };
    const rulesCovered = new Set<string>();
    for (const name of hosts) {
      const host = await record(name, policy);
      const facts = withDerived(policy, host, host.collected);
      for (const rule of policy.rules) {
        if (!applies(rule, host)) continue;
        const original = judge(policy, rule, host, facts);
        for (const fact of [...new Set([...factsOf(rule.when), ...factsOf(rule.check)])]) {
          const [family = '', ...path] = fact.split('.');
          expect(Object.hasOwn(factFamilies, family), `${rule.id} reads ${fact}, which no probe gives`).toBe(true);
          // Layer 1: the rule over the fact (its family broken whole, or the fact alone unknown).
          for (const mode of modes) {
            const field = mode === 'partial' ? path.join('.') : undefined;
            const finding = judge(policy, rule, host, { ...facts, [family]: broken(mode, facts[family], field) });
            count.rules += 1;
            rulesCovered.add(rule.id);
            const kept = finding.status === original.status && !rests(finding, family, mode === 'partial' ? fact : undefined);
            if (!allowed[mode].includes(finding.status) && !kept)
              problems.push(`${host.name}: ${rule.id} is ${finding.status} with ${mode === 'partial' ? fact : family} ${mode}`);
          }
          // Layer 2: a derived family over every probe under it.
          if (!Object.hasOwn(derivedProbes, family)) continue;
          for (const probe of probeInputsOf(family)) {
            for (const mode of modes) {
              const derived = withDerived(policy, host, { ...host.collected, [probe]: broken(mode, host.collected[probe], undefined) })[family];
              count.derived += 1;
              if (derived?.status === 'ok') problems.push(`${host.name}: ${family} is plainly ok with ${probe} ${mode} (read by ${rule.id})`);
            }
          }
        }
      }
    }
    // The case count is part of what CI shows (`.ci/run` output): it grows with the policy and fixtures.
    // eslint-disable-next-line no-console
    console.log(
      `soundness: ${count.rules} (rule, fact, mode, host) cases and ${count.derived} (derived fact, probe, mode, host) cases ` +
        `over ${rulesCovered.size} rules and ${hosts.length} hosts in ${file.slice(root.length)}`,
    );
    expect(problems).toEqual([]);
    expect(count.rules).toBeGreaterThan(0);
  });
});

describe('soundness test', () => {
  it('has recorded hosts to run on', () => {
    expect(hosts.length).toBeGreaterThanOrEqual(3);
  });
});

import { factFamilies } from './fact-families.js';
import type { Platform, TargetClass } from './model.js';
import type { Condition, Policy } from './policy/policy.js';
import { combination } from './policy/policy.js';

const familiesOf = (condition: Condition): string[] => {
  if ('fact' in condition) return [condition.fact.split('.')[0] ?? ''];
  return combination(condition).children.flatMap(familiesOf);
};

export interface Plan {
  families: string[];
  probes: string[];
}

/** A fleet audit plans the same policy for thousands of hosts: one plan per platform and target class. */
const plans = new WeakMap<Policy, Map<string, Plan>>();

/** The fact families and probes that the rules applying to this target need; nothing more runs. */
export const plan = (policy: Policy, platform: Platform | 'unknown', targetClass: TargetClass): Plan => {
  let known = plans.get(policy);
  if (known === undefined) {
    known = new Map();
    plans.set(policy, known);
  }
  const key = `${platform}/${targetClass}`;
  const cached = known.get(key);
  if (cached !== undefined) return { families: [...cached.families], probes: [...cached.probes] };
  const made = makePlan(policy, platform, targetClass);
  known.set(key, made);
  return { families: [...made.families], probes: [...made.probes] };
};

const makePlan = (policy: Policy, platform: Platform | 'unknown', targetClass: TargetClass): Plan => {
  const families = new Set<string>();
  for (const rule of policy.rules) {
    if (!rule.check || rule.disabled !== undefined || platform === 'unknown') continue;
    if (!rule.platforms.includes(platform) || !rule.targets.includes(targetClass)) continue;
    for (const condition of [rule.when, rule.check]) {
      if (condition) for (const family of familiesOf(condition)) families.add(family);
    }
  }
  const probes = new Set<string>();
  for (const family of families) for (const id of factFamilies[family]?.requires ?? []) probes.add(id);
  return { families: [...families].sort(), probes: [...probes].sort() };
};

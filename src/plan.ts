import { factFamilies } from './fact-families.js';
import type { Platform, TargetClass } from './model.js';
import type { Condition, Policy } from './policy/policy.js';

const familiesOf = (condition: Condition): string[] => {
  if ('fact' in condition) return [condition.fact.split('.')[0] ?? ''];
  const children = 'all' in condition ? condition.all : 'any' in condition ? condition.any : condition.none;
  return children.flatMap(familiesOf);
};

/** The fact families and probes that the rules applying to this target need; nothing more runs. */
export const plan = (
  policy: Policy,
  platform: Platform | 'unknown',
  targetClass: TargetClass,
): { families: string[]; probes: string[] } => {
  const families = new Set<string>();
  for (const rule of policy.rules) {
    if (!rule.check || platform === 'unknown') continue;
    if (!rule.platforms.includes(platform) || !rule.targets.includes(targetClass)) continue;
    for (const condition of [rule.when, rule.check]) {
      if (condition) for (const family of familiesOf(condition)) families.add(family);
    }
  }
  const probes = new Set<string>();
  for (const family of families) for (const id of factFamilies[family]?.requires ?? []) probes.add(id);
  return { families: [...families].sort(), probes: [...probes].sort() };
};

/**
 * What each fact means, for `charter explain`, without loading the probes that define it: the
 * build writes dist/facts.json from the probe definitions (fact-descriptions-main.ts). Running
 * from source, from the single executable, or without that file, the probes are imported.
 */
import { readFileSync } from 'node:fs';
import type { FactFamily } from './fact-families.js';
import { embedded } from './sea/embedded.js';

/** Family id → fact name → description. */
export type FactDescriptions = Readonly<Record<string, Readonly<Record<string, string>>>>;

export const descriptionsOf = (families: Readonly<Record<string, Pick<FactFamily, 'facts'>>>): FactDescriptions =>
  Object.fromEntries(
    Object.entries(families).map(([id, family]) => [id, Object.fromEntries(Object.entries(family.facts).map(([name, spec]) => [name, spec.description]))]),
  );

/** dist/facts.json next to the bundle (dist/ or dist/chunks/). */
const fromBuild = (): FactDescriptions | undefined => {
  if (process.env.CHARTER_NO_PRECOMPILED === '1' || embedded() !== undefined) return undefined;
  for (const relative of ['./facts.json', '../facts.json']) {
    try {
      return JSON.parse(readFileSync(new URL(relative, import.meta.url), 'utf8')) as FactDescriptions;
    } catch {
      // not there: try the next place, then the probes
    }
  }
  return undefined;
};

export const loadFactDescriptions = async (): Promise<FactDescriptions> => fromBuild() ?? descriptionsOf((await import('./fact-families.js')).factFamilies);

/** The description of `family.fact`, or undefined for a fact no probe provides. */
export const factDescription = (descriptions: FactDescriptions, path: string): string | undefined => {
  const [family = '', name = ''] = path.split('.');
  const facts = Object.hasOwn(descriptions, family) ? descriptions[family] : undefined;
  return facts !== undefined && Object.hasOwn(facts, name) ? facts[name] : undefined;
};

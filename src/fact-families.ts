import type { FactSpec } from './probes/probe.js';
import { probes } from './probes/index.js';
import { derivedProbes, probeInputsOf } from './probes/derived/index.js';

export interface FactFamily {
  id: string;
  /** Probes whose outcomes this family needs: itself for a probe, its sources for a derived family. */
  requires: readonly string[];
  facts: Readonly<Record<string, FactSpec>>;
  derived: boolean;
}

/** Every fact family a policy may name: one per probe, plus the derived ones. */
const families: FactFamily[] = [
  ...Object.values(probes).map((p) => ({ id: p.id, requires: [p.id], facts: p.facts, derived: false })),
  ...Object.values(derivedProbes).map((d) => ({ id: d.id, requires: probeInputsOf(d.id), facts: d.facts, derived: true })),
];
export const factFamilies: Readonly<Record<string, FactFamily>> = Object.fromEntries(families.map((f) => [f.id, f]));

/** Why a fact path is not provided, or undefined when it is. */
export const unknownFactReason = (path: string): string | undefined => {
  const [familyId = '', field = ''] = path.split('.');
  const family = Object.hasOwn(factFamilies, familyId) ? factFamilies[familyId] : undefined;
  if (!family) {
    return `unknown fact family '${familyId}' (known: ${Object.keys(factFamilies).sort().join(', ')})`;
  }
  if (!Object.hasOwn(family.facts, field)) {
    return `'${familyId}' provides no fact '${field}' (it provides: ${Object.keys(family.facts).sort().join(', ')})`;
  }
  return undefined;
};

/** The declared type of a known fact path, or undefined for an unknown one. */
export const factType = (path: string): FactSpec['type'] | undefined => {
  const [familyId = '', field = ''] = path.split('.');
  const family = Object.hasOwn(factFamilies, familyId) ? factFamilies[familyId] : undefined;
  return family !== undefined && Object.hasOwn(family.facts, field) ? family.facts[field]?.type : undefined;
};

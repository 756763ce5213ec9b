import type { FactSpec } from './probes/probe.js';
import { lifecycle } from './probes/derived/lifecycle/index.js';
import { probes } from './probes/index.js';
import { softwareFacts, softwareSources } from './software/facts.js';

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
  { id: 'software', requires: softwareSources, facts: softwareFacts, derived: true },
  { id: lifecycle.id, requires: lifecycle.inputs, facts: lifecycle.facts, derived: true },
];
export const factFamilies: Readonly<Record<string, FactFamily>> = Object.fromEntries(families.map((f) => [f.id, f]));

/** Why a fact path is not provided, or undefined when it is. */
export const unknownFactReason = (path: string): string | undefined => {
  const [familyId = '', field = ''] = path.split('.');
  const family = factFamilies[familyId];
  if (!family) {
    return `unknown fact family '${familyId}' (known: ${Object.keys(factFamilies).sort().join(', ')})`;
  }
  if (!(field in family.facts)) {
    return `'${familyId}' provides no fact '${field}' (it provides: ${Object.keys(family.facts).sort().join(', ')})`;
  }
  return undefined;
};

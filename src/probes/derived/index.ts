import type { Facts } from '../../model.js';
import type { DerivedContext, DerivedProbe } from '../probe.js';
import { lifecycle } from './lifecycle/index.js';
import { software } from './software/index.js';

/**
 * The derived probes, by id, in an order where each comes after those it reads. Adding one is a
 * folder, one line here, and its tests; `index.test.ts` proves the map matches the folder.
 */
export const derivedProbes: Readonly<Record<string, DerivedProbe>> = Object.freeze({ lifecycle, software });

/** The probes (not derived) that a derived family needs, following derived inputs down. */
export const probeInputsOf = (id: string, seen: ReadonlySet<string> = new Set()): string[] => {
  const derived = derivedProbes[id];
  if (derived === undefined) return [id];
  if (seen.has(id)) throw new Error(`derived probe '${id}' reads itself`);
  const next = new Set([...seen, id]);
  return [...new Set(derived.inputs.flatMap((input) => probeInputsOf(input, next)))].sort();
};

/**
 * Add the derived families in `wanted` to `facts`, in registry order, each from the outcomes of
 * its inputs (an input never collected is passed as undefined: the derived probe reports it).
 */
export const deriveFacts = (facts: Facts, wanted: readonly string[], context: DerivedContext): void => {
  const needed = new Set(wanted.flatMap((id) => derivedClosure(id)));
  for (const [id, probe] of Object.entries(derivedProbes)) {
    if (!needed.has(id)) continue;
    const inputs = Object.fromEntries(probe.inputs.map((input) => [input, Object.hasOwn(facts, input) ? facts[input] : undefined]));
    facts[id] = probe.derive(inputs, context);
  }
};

const derivedClosure = (id: string): string[] => {
  const derived = derivedProbes[id];
  if (derived === undefined) return [];
  return [id, ...derived.inputs.flatMap((input) => derivedClosure(input))];
};

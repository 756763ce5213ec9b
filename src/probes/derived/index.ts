import type { Facts, ProbeOutcome } from '../../model.js';
import type { DerivedContext, DerivedProbe } from '../probe.js';
import { identityNumbers, memoSlot, sameContent, share, sharedId, sharedValueEntries, timedTable, type Clock, type TimedTable } from '../../run-memo.js';
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
    facts[id] = sharedDerivation(probe, inputs, context) ?? probe.derive(inputs, context);
  }
};

/** Derived outcomes a run shares, per derived probe: see sharedDerivation. */
const derivedSlot = memoSlot('derived outcomes', () => new Map<string, TimedTable<ProbeOutcome>>());

/** A number per catalog (by identity: a run has one), for the keys below. */
const catalogId = identityNumbers();

/**
 * The outcome of a derived probe for inputs another host of the run already had, or undefined when
 * it is not shared (the run does not share, or an input is this host's own value). A derived probe
 * is a function of its inputs and of its context: the key holds every input's identity (shared
 * outcomes are frozen and made once per distinct text: the same identity is the same content), the
 * platform, the catalog, whether the target is live, and the time when, and only when, the
 * derivation read it (run-memo.ts, timedTable). derived/index.test.ts proves derivations read
 * nothing else.
 */
const sharedDerivation = (
  probe: DerivedProbe,
  inputs: Readonly<Record<string, ProbeOutcome | undefined>>,
  context: DerivedContext,
): ProbeOutcome | undefined => {
  const memo = context.memo;
  if (memo?.sharing !== true) return undefined;
  let key = `${context.platform}\n${String(context.live)}\n${String(catalogId(context.catalog))}`;
  for (const input of probe.inputs) {
    const outcome = inputs[input];
    const id = outcome === undefined ? 0 : sharedId(outcome);
    if (id === undefined) return undefined;
    key += `\n${String(id)}`;
  }
  const tables = memo.slot(derivedSlot);
  let table = tables.get(probe.id);
  // Inputs that differ where the probe does not look (a library more) give the same outcome: one object, so findings keyed by it are found again.
  if (table === undefined) tables.set(probe.id, (table = timedTable(sharedValueEntries, sameContent())));
  return table.get(key, context.now, (now, clock) => share(probe.derive(inputs, derivationContext(context, now, clock))));
};

/** The context a shared derivation gets: the same, with the time read through `now` or `clock` (so that the memo knows whether, and how, it was read). */
const derivationContext = (context: DerivedContext, now: () => Date, clock: Clock): DerivedContext => ({
  platform: context.platform,
  catalog: context.catalog,
  live: context.live,
  get now() {
    return now();
  },
  clock,
  ...(context.memo === undefined ? {} : { memo: context.memo }),
});

const derivedClosure = (id: string): string[] => {
  const derived = derivedProbes[id];
  if (derived === undefined) return [];
  return [id, ...derived.inputs.flatMap((input) => derivedClosure(input))];
};

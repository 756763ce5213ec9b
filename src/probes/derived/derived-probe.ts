import type { Catalog } from '../../policy/catalog.js';
import type { Platform, ProbeOutcome } from '../../model.js';
import type { FactSpec } from '../probe.js';

export interface DerivedContext {
  platform: Platform;
  /** The evaluation clock: the check time, or a snapshot's collection time. */
  now: Date;
  catalog: Catalog;
  /** The target is a running system: processes and sessions exist, so not seeing them is a gap. */
  live: boolean;
}

/**
 * A fact family computed from other probes' outcomes, at check time (so a snapshot is judged with
 * the newest catalog and tables). It declares the probes it reads; the plan runs them, and the
 * soundness test forces each of them unknown. When an input is unknown, missing or partial, the
 * derived outcome says so (`error` or `partial`): it never silently drops what it could not see.
 */
export interface DerivedProbe {
  /** The first segment of its fact paths. */
  readonly id: string;
  readonly title: string;
  /** Ids of the probes (or derived probes listed before it) it reads. */
  readonly inputs: readonly string[];
  readonly facts: Readonly<Record<string, FactSpec>>;
  derive(inputs: Readonly<Record<string, ProbeOutcome | undefined>>, context: DerivedContext): ProbeOutcome;
}

export const defineDerivedProbe = (probe: DerivedProbe): DerivedProbe => probe;

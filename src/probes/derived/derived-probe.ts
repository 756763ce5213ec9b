import type { FactSpec } from '../probe.js';
import type { Catalog } from '../../policy/catalog.js';
import type { Platform, ProbeOutcome } from '../../model.js';

export interface DerivedContext {
  platform: Platform;
  now: Date;
  catalog: Catalog;
}

/** A fact family computed at check time from other probes' outcomes, never from the host. */
export interface DerivedProbe {
  /** First segment of fact paths. */
  readonly id: string;
  readonly title: string;
  /** Ids of the probes (or derived probes) it reads. */
  readonly inputs: readonly string[];
  readonly facts: Readonly<Record<string, FactSpec>>;
  derive(inputs: Readonly<Record<string, ProbeOutcome | undefined>>, context: DerivedContext): ProbeOutcome;
}

export const defineDerivedProbe = (probe: DerivedProbe): DerivedProbe => probe;

/**
 * An audit that keeps its rows in memory (a library caller's; `charter audit` spills them to its
 * report store, audit-rows.ts) keeps one row per host for the whole run: what each row holds is
 * what the audit's memory grows with. A row that a worker thread sent arrives with
 * copies of every string, even those the main thread already holds (the snapshot's path and name,
 * the status) or holds for thousands of other rows (an operating system's name and version). The
 * row keeps the main thread's own string instead: same text, one copy.
 */
import type { ReportHost } from '../model.js';
import { hostStatuses, type HostResult } from './model.js';
import type { FleetTarget } from './targets.js';

/** At most this many distinct texts are pooled; past it, a row keeps its own (a fleet has a few dozen systems, not thousands). */
const poolLimit = 1_000;

/** A pool of texts shared by an audit's rows; `text` returns the pooled copy of `value`, pooling it when there is room. */
export const textPool = (limit = poolLimit): ((value: string) => string) => {
  const pool = new Map<string, string>();
  return (value) => {
    const held = pool.get(value);
    if (held !== undefined) return held;
    if (pool.size < limit) pool.set(value, value);
    return value;
  };
};

/**
 * `result`'s strings replaced, in place, by equal ones the audit already holds: its target's path
 * and name, the status constant, pooled operating system names and versions. Nothing changes but
 * which copy of a text the row points to.
 */
export const shareRowStrings = (result: HostResult, target: FleetTarget | undefined, pooled: (value: string) => string): void => {
  if (target !== undefined) {
    if (result.source === target.source) result.source = target.source;
    if (target.name !== undefined && result.name === target.name) result.name = target.name;
  }
  const status = hostStatuses.find((s) => s === result.status);
  if (status !== undefined) result.status = status;
  if (result.identity !== undefined) result.identity = sharedIdentity(result.identity, pooled);
};

const sharedIdentity = (identity: ReportHost, pooled: (value: string) => string): ReportHost => {
  if (Object.isFrozen(identity)) return identity;
  if (identity.os !== null) identity.os = pooled(identity.os);
  if (identity.osVersion !== null) identity.osVersion = pooled(identity.osVersion);
  return identity;
};

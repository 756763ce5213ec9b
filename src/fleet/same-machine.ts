/**
 * One machine seen twice in an audit (two snapshots of it, one taken last month; an inventory that
 * lists it under two names) is reported once, with a note naming the other targets; and a host
 * whose facts are older than the policy allows is marked stale. Pure, but for `annotate`, which
 * changes a result in place (its report is a getter that need not be read, see report-store.ts).
 */
import type { DuplicateHost, HostResult } from './model.js';

const dayMs = 86_400_000;

/** Were facts collected at `collectedAt` more than `days` days before `at`? An unreadable time is not known to be stale. */
export const isStale = (collectedAt: string, at: Date, days: number): boolean => {
  const time = Date.parse(collectedAt);
  return Number.isFinite(time) && at.getTime() - time > days * dayMs;
};

/** Add fields to a result in place, without reading its report (kept apart, see report-store.ts). */
export const annotate = (result: HostResult, extra: Partial<Pick<HostResult, 'stale' | 'duplicates' | 'sameMachineId'>>): void => {
  Object.assign(result, extra);
};

export interface SameMachines {
  /** Indexes of results folded into another row. */
  dropped: Set<number>;
  /** Notes for the rows that stay, by index. */
  notes: Map<number, Pick<HostResult, 'duplicates'> & Pick<HostResult, 'sameMachineId'>>;
}

/** A host name compared as DNS compares it, by its first label: `PC-1` and `pc-1.etat.lu` are one name. */
export const nameKey = (name: string | null): string => (name ?? '').toLowerCase().split('.')[0] ?? '';

/** What two checked results must share to be one machine (before their host names are compared); undefined without a machine id. */
export const machineKey = (result: HostResult | undefined): string | undefined => {
  const id = result?.status === 'checked' ? result.identity?.machineId : undefined;
  if (id === undefined || id === null || id === '') return undefined;
  return `${String(result?.identity?.redacted ?? false)}\u0000${id.toLowerCase()}`;
};

/** Later collection first; among equals, the first given. */
const latestFirst =
  (results: readonly (HostResult | undefined)[]) =>
  (a: number, b: number): number =>
    (results[b]?.identity?.collectedAt ?? '').localeCompare(results[a]?.identity?.collectedAt ?? '') || a - b;

/**
 * Which checked results are the same machine: the same machine id and the same host name (or the
 * same pseudonyms of both, which a redacted snapshot carries). Of each such group the latest
 * collection stays, and names the others. Machines that share a machine id under different host
 * names stay apart (a cloned machine keeps its template's id) and each names the others. Without a
 * machine id, nothing says two hosts are one: they stay apart.
 */
export const sameMachines = (results: readonly (HostResult | undefined)[]): SameMachines => {
  const byId = new Map<string, number[]>();
  results.forEach((result, index) => {
    const key = machineKey(result);
    if (key !== undefined) byId.set(key, [...(byId.get(key) ?? []), index]);
  });
  const dropped = new Set<number>();
  const notes: SameMachines['notes'] = new Map();
  for (const group of byId.values()) {
    if (group.length < 2) continue;
    const byName = new Map<string, number[]>();
    for (const index of group) {
      const key = nameKey(results[index]?.identity?.name ?? null);
      byName.set(key, [...(byName.get(key) ?? []), index]);
    }
    const kept: number[] = [];
    for (const same of byName.values()) {
      const [keep, ...others] = [...same].sort(latestFirst(results));
      if (keep === undefined) continue;
      kept.push(keep);
      if (others.length === 0) continue;
      for (const index of others) dropped.add(index);
      const duplicates: DuplicateHost[] = others.flatMap((index) => {
        const other = results[index];
        return other === undefined ? [] : [{ source: other.source, name: other.name, collectedAt: other.identity?.collectedAt ?? '' }];
      });
      notes.set(keep, { duplicates });
    }
    if (kept.length < 2) continue;
    for (const index of kept) {
      const others = kept.filter((i) => i !== index).map((i) => results[i]?.name ?? '');
      notes.set(index, { ...notes.get(index), sameMachineId: others });
    }
  }
  return { dropped, notes };
};

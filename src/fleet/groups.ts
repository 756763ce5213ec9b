/**
 * Groups of hosts (ministries, departments): which groups a host belongs to, and the fleet's
 * aggregates per group, folded one host at a time like the fleet's own (aggregate.ts).
 *
 * A host's groups come from the first of these that gives any:
 *   1. its inventory groups (`--inventory`: Ansible groups, nested ones included);
 *   2. its snapshot's `group` field (`charter collect --group NAME`);
 *   3. its snapshot's folder under the directory given to `charter audit`.
 * A group path `MinFin/Treasury` (a field or a folder) puts the host in `MinFin` and in
 * `MinFin/Treasury`, as an Ansible host of a child group belongs to its parents too.
 */
import type { Severity } from '../model.js';
import { aggregatesOf, emptyTally, tallyHost, tallyOutline } from './aggregate.js';
import type { FleetTally } from './aggregate.js';
import type { HostFold } from './host-fold.js';
import type { GroupAggregate, HostResult } from './model.js';

/** Longest group name (a snapshot's field is refused above it, see schemas/snapshot.schema.json). */
export const maxGroupLength = 200;

/** A group name as `--group` takes it: not empty, no control character, not longer than maxGroupLength. */
export const groupProblem = (name: string): string | undefined => {
  if (name.trim() === '') return 'a group name cannot be empty';
  if (Array.from(name).length > maxGroupLength) return `a group name has at most ${String(maxGroupLength)} characters`;
  // eslint-disable-next-line no-control-regex
  if (/[\u0000-\u001f\u007f]/.test(name)) return 'a group name cannot hold control characters';
  if (name.split('/').some((part) => part.trim() === '')) return "a group path cannot have an empty part ('a//b', '/a', 'a/')";
  return undefined;
};

/** `a/b/c` → `a`, `a/b`, `a/b/c`: a path is in each of its ancestors. Empty parts are left out. */
export const groupPath = (path: string): string[] => {
  const parts = path
    .split(/[\\/]/)
    .map((part) => part.trim())
    .filter((part) => part !== '' && part !== '.');
  return parts.map((_, index) => parts.slice(0, index + 1).join('/'));
};

/**
 * The groups of a host, by precedence (see the module's comment), sorted and without repeats;
 * undefined when none gives any.
 */
export const groupsOf = (sources: { inventory?: readonly string[]; field?: string; folder?: string }): string[] | undefined => {
  const candidates = [
    sources.inventory ?? [],
    sources.field === undefined ? [] : groupPath(sources.field),
    sources.folder === undefined ? [] : groupPath(sources.folder),
  ];
  const chosen = candidates.find((list) => list.length > 0);
  return chosen === undefined ? undefined : [...new Set(chosen)].sort();
};

export interface GroupFold extends HostFold {
  /** Per group, sorted by name; undefined when no host belongs to any group. */
  aggregates(): GroupAggregate[] | undefined;
}

/** Folds each host into the tally of every group it belongs to (hosts of no group are not counted). */
export const groupFold = (failOn: Severity): GroupFold => {
  const tallies = new Map<string, FleetTally>();
  return {
    add(result: HostResult, outline, weight) {
      for (const group of result.groups ?? []) {
        let tally = tallies.get(group);
        if (tally === undefined) tallies.set(group, (tally = emptyTally(failOn)));
        if (outline === undefined) tallyHost(tally, result, weight);
        else tallyOutline(tally, outline.findings, outline.rules, result, weight);
      }
    },
    aggregates() {
      const groups = [...tallies.entries()]
        .filter(([, tally]) => tally.summary.total > 0)
        .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([group, tally]): GroupAggregate => {
          const { summary, rules } = aggregatesOf(tally);
          return { group, summary, rules };
        });
      return groups.length === 0 ? undefined : groups;
    },
  };
};

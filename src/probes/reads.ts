/**
 * The reads the probes declare, gathered for a host that can fetch ahead (the ssh target's first
 * round trip). Built from each probe's `reads`, so a new probe is prefetched without touching
 * src/hosts; reads.test.ts fails when a probe reads something it does not declare.
 */
import type { PathRead, Prefetch } from '../hosts/prefetch.js';
import { platforms, type Platform } from '../model.js';
import { probes } from './index.js';
import type { Probe } from './probe.js';

/** Every read the given probes declare on `platform`, each (op, path) once with the largest cap asked. */
export const declaredReads = (platform: Platform, selected: readonly Probe[] = Object.values(probes)): PathRead[] => {
  const byKey = new Map<string, PathRead>();
  for (const probe of selected) {
    for (const read of probe.reads[platform] ?? []) {
      const key = `${read.op} ${read.path}`;
      const known = byKey.get(key);
      if (known === undefined) byKey.set(key, read);
      else if (read.maxBytes !== undefined && (known.maxBytes ?? 0) < read.maxBytes) byKey.set(key, { ...known, maxBytes: read.maxBytes });
    }
  }
  return [...byKey.values()];
};

/** What to prefetch on each platform: every read of the given probes (by default all of them). */
export const prefetchOf = (selected: readonly Probe[] = Object.values(probes)): Prefetch =>
  Object.fromEntries(platforms.map((platform) => [platform, declaredReads(platform, selected)]));

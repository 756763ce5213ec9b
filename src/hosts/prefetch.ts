import type { Platform } from '../model.js';

/**
 * Reads a host may answer ahead of time, as plain data handed to it by its caller (the ssh target
 * fetches them in its first round trip). A host never learns them from the probes themselves.
 *
 * - `file`: the content (up to `maxBytes`), with stat and link target;
 * - `stat`: stat, lstat and link target only;
 * - `dir`: the listing, and a stat of every entry;
 * - `list`: the listing only.
 *
 * Paths may be patterns: `*`, `?`, `[...]` within one component, and a leading `~/` (or `~` alone)
 * for every person's home directory.
 */
export interface PathRead {
  readonly op: 'file' | 'stat' | 'dir' | 'list';
  readonly path: string;
  readonly maxBytes?: number;
}

/** What to prefetch on each platform. */
export type Prefetch = Readonly<Partial<Record<Platform, readonly PathRead[]>>>;

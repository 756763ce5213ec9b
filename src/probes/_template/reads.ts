import { files, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover. Use `files` for contents,
 * `stats` for presence, `dirs` for listings (patterns and `~/` for every home are allowed).
 */
export const linuxReads: readonly Read[] = [...files('/etc/timezone'), ...stats('/etc/localtime')];

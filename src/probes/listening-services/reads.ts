import { dirs, files, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files('/etc/passwd', '/proc/[0-9]*/comm', '/proc/[0-9]*/status', '/proc/net/*', '/proc/self/status'),
  ...dirs('/proc', '/proc/[0-9]*/fd'),
];

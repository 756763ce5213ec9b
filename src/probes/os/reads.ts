import { dirs, files, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files(
    '/etc/hostname',
    '/etc/os-release',
    '/proc/[0-9]*/cgroup',
    '/proc/self/mountinfo',
    '/proc/sys/kernel/arch',
    '/proc/sys/kernel/hostname',
    '/proc/sys/kernel/osrelease',
    '/run/systemd/container',
  ),
  ...stats('/.dockerenv', '/run/.containerenv'),
  ...dirs('/proc'),
];

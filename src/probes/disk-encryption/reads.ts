import { dirs, files, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files(
    '/etc/crypttab',
    '/etc/default/*',
    '/etc/default/grub',
    '/etc/fstab',
    '/etc/kernel/cmdline',
    '/proc/self/mountinfo',
    '/proc/self/status',
    '/proc/swaps',
    '/sys/block/zram*/backing_dev',
    '/sys/dev/block/*/dm/name',
    '/sys/dev/block/*/dm/uuid',
    '/sys/dev/block/*/uevent',
  ),
  ...stats('/sys/dev/block/*'),
  ...dirs('/boot/loader/entries', '/proc', '/sys/dev/block/*/slaves'),
];

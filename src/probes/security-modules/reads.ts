import { dirs, files, lists, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files(
    '/etc/default/*',
    '/etc/selinux/config',
    '/proc/cmdline',
    '/sys/fs/selinux/enforce',
    '/sys/kernel/security/lsm',
    '/sys/module/apparmor/parameters/enabled',
  ),
  ...stats('/sbin/apparmor_parser', '/usr/sbin/apparmor_parser'),
  ...dirs('/proc', '/sys/kernel/security'),
  ...lists('/sys/module'),
];

import { dirs, files, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files('/etc/ssh/sshd_config', '/etc/ssh/sshd_config.d/*', '/etc/systemd/system/*.service', '/proc/[0-9]*/cmdline', '/proc/[0-9]*/comm'),
  ...stats('/etc/ssh/sshd_not_to_be_run', '/proc/[0-9]*/exe', '/usr/sbin/sshd'),
  ...dirs(
    '/etc/ssh/sshd_config.d',
    '/etc/systemd/system',
    '/etc/systemd/system/*.wants',
    '/lib/systemd/system',
    '/lib/systemd/system/*.wants',
    '/proc',
    '/run/systemd/system',
    '/run/systemd/system/*.wants',
    '/usr/lib/systemd/system',
    '/usr/lib/systemd/system/*.wants',
  ),
];

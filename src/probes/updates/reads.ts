import { bigFile, dirs, files, lists, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files(
    '/etc/apt/apt.conf',
    '/etc/apt/apt.conf.d/*',
    '/etc/timezone',
    '/proc/sys/kernel/osrelease',
    '/var/lib/apt/lists/*InRelease',
    '/var/log/apt/history.log',
    '/var/log/apt/history.log.*',
    '/var/log/dpkg.log',
  ),
  ...stats(
    '/etc/apt',
    '/etc/localtime',
    '/run/reboot-required',
    '/usr/bin/gnome-software',
    '/usr/bin/unattended-upgrade',
    '/var/lib/apt/lists/*Release',
    '/var/lib/apt/periodic/update-success-stamp',
    '/var/run/reboot-required',
  ),
  ...dirs(
    '/boot',
    '/etc/apt/apt.conf.d',
    '/etc/systemd/system',
    '/etc/systemd/system/*.wants',
    '/lib/systemd/system',
    '/lib/systemd/system/*.wants',
    '/run/systemd/system',
    '/run/systemd/system/*.wants',
    '/usr/lib/systemd/system',
    '/usr/lib/systemd/system/*.wants',
    '/var/lib/apt/lists',
    '/var/log',
  ),
  ...lists('/var/lib/apt/lists', '/var/log/apt'),
  bigFile('/var/lib/dpkg/status', 64 * 1024 * 1024),
];

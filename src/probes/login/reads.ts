import { dirs, files, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files(
    '/etc/X11/default-display-manager',
    '/etc/default/*',
    '/etc/default/nodm',
    '/etc/gdm/custom.conf',
    '/etc/gdm3/custom.conf',
    '/etc/gdm3/daemon.conf',
    '/etc/inittab',
    '/etc/lightdm/lightdm.conf',
    '/etc/lightdm/lightdm.conf.d/*',
    '/etc/lxdm/lxdm.conf',
    '/etc/sddm.conf',
    '/etc/systemd/system/*.service',
    '/usr/share/lightdm/lightdm.conf.d/*',
  ),
  ...stats(
    '/usr/bin/ly',
    '/usr/bin/sddm',
    '/usr/bin/slim',
    '/usr/bin/xdm',
    '/usr/sbin/gdm',
    '/usr/sbin/gdm3',
    '/usr/sbin/lightdm',
    '/usr/sbin/lxdm',
    '/usr/sbin/nodm',
  ),
  ...dirs(
    '/etc/lightdm/lightdm.conf.d',
    '/etc/sddm.conf.d',
    '/etc/systemd/system',
    '/etc/systemd/system/*.wants',
    '/etc/xdg/lightdm/lightdm.conf.d',
    '/lib/systemd/system',
    '/lib/systemd/system/*.wants',
    '/run/systemd/system',
    '/run/systemd/system/*.wants',
    '/usr/lib/sddm/sddm.conf.d',
    '/usr/lib/systemd/system',
    '/usr/lib/systemd/system/*.wants',
    '/usr/local/share/lightdm/lightdm.conf.d',
    '/usr/share/lightdm/lightdm.conf.d',
  ),
];

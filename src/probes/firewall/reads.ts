import { dirs, files, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files(
    '/etc/default/*',
    '/etc/default/ufw',
    '/etc/systemd/system/*.service',
    '/etc/ufw/*',
    '/etc/ufw/ufw.conf',
    '/proc/net/*',
    '/proc/net/ip6_tables_names',
    '/proc/net/ip_tables_names',
  ),
  ...stats(
    '/bin/firewalld',
    '/bin/iptables',
    '/bin/nft',
    '/bin/ufw',
    '/sbin/firewalld',
    '/sbin/iptables',
    '/sbin/nft',
    '/sbin/ufw',
    '/usr/bin/firewalld',
    '/usr/bin/iptables',
    '/usr/bin/nft',
    '/usr/bin/ufw',
    '/usr/lib/firewalld/zones',
    '/usr/sbin/firewalld',
    '/usr/sbin/iptables',
    '/usr/sbin/nft',
    '/usr/sbin/ufw',
  ),
  ...dirs(
    '/etc/systemd/system',
    '/proc',
    '/etc/systemd/system/*.wants',
    '/lib/systemd/system',
    '/lib/systemd/system/*.wants',
    '/run/systemd/system',
    '/run/systemd/system/*.wants',
    '/usr/lib/systemd/system',
    '/usr/lib/systemd/system/*.wants',
  ),
];

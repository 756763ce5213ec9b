import { bigFile, dirs, files, lists, stats, type Read } from '../probe.js';

/**
 * What the Linux collector reads, as data: the ssh target prefetches it, and src/probes/reads.test.ts
 * fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files(
    '/etc/passwd',
    '/lib/apk/db/installed',
    '/usr/lib/apk/db/installed',
    '/usr/local/share/applications/*.desktop',
    '/usr/share/appdata/*.xml',
    '/usr/share/applications/*.desktop',
    '/usr/share/metainfo/*.xml',
    '/var/lib/apk/db/installed',
    '/var/lib/flatpak/exports/share/applications/*.desktop',
    '/var/lib/snapd/desktop/applications/*.desktop',
    '/var/lib/snapd/state.json',
    '~/.local/share/applications/*.desktop',
    '~/.local/share/flatpak/exports/share/applications/*.desktop',
  ),
  ...stats('/opt/pypi', '/opt/pypi-more', '/opt/skills', '/opt/tf-plugins', '/opt/wheels'),
  ...dirs(
    '/etc/flatpak/installations.d',
    '/home',
    '/opt',
    '/snap',
    '/usr/lib/sysimage/rpm',
    '/usr/local/share/applications',
    '/usr/share/appdata',
    '/usr/share/applications',
    '/usr/share/metainfo',
    '/usr/share/rpm',
    '/var/lib/apt/lists',
    '/var/lib/dpkg/status.d',
    '/var/lib/flatpak/app',
    '/var/lib/flatpak/exports/share/applications',
    '/var/lib/pacman/local',
    '/var/lib/rpm',
    '/var/lib/snapd/desktop/applications',
    '/var/lib/snapd/snap',
    '~',
    '~/.local/bin',
    '~/.local/share/applications',
    '~/.local/share/flatpak/app',
    '~/.local/share/flatpak/exports/share/applications',
    '~/Applications',
    '~/Desktop',
    '~/Downloads',
  ),
  ...lists('/var/lib/apt/lists'),
  bigFile('/var/lib/dpkg/status', 64 * 1024 * 1024),
];

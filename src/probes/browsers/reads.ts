import { bigFile, dirs, files, lists, stats, type Read } from '../probe.js';
import { userDataDirs } from './chromium-dirs.js';
import { firefoxRoots } from './firefox-profiles.js';

const browserBytes = 8 * 1024 * 1024;

/**
 * What the Linux collector reads, as data, built from the same lists the collectors search: the
 * people's homes; for Firefox each profile root, profiles.ini, each profile's listing (so an absent
 * -wal or -journal is known), prefs.js and permissions.sqlite; for the Chromium family each
 * user-data directory, its Local State, each profile's Preferences, web-app registry (Sync
 * Data/LevelDB) and icon folders; and the launchers of installed web apps. History (places.sqlite,
 * Chromium History) is left out on purpose: read only with --include-browser-history, on demand.
 * src/probes/reads.test.ts fails when the collector reads something this list does not cover.
 */
export const linuxReads: readonly Read[] = [
  ...files('/etc/passwd'),
  ...dirs('/home', '~', '~/.local/share/applications'),
  ...firefoxRoots('linux', '~').flatMap((root) => [
    ...dirs(root),
    ...files(`${root}/profiles.ini`),
    ...lists(`${root}/*`),
    ...stats(`${root}/*/prefs.js`),
    bigFile(`${root}/*/permissions.sqlite`, 16 * 1024 * 1024),
  ]),
  ...userDataDirs('linux').flatMap(({ path }) => [
    ...dirs(`~/${path}`),
    ...files(`~/${path}/Local State`),
    bigFile(`~/${path}/*/Preferences`, browserBytes),
    ...dirs(`~/${path}/*/Sync Data/LevelDB`),
    bigFile(`~/${path}/*/Sync Data/LevelDB/*.log`, browserBytes),
    bigFile(`~/${path}/*/Sync Data/LevelDB/*.ldb`, browserBytes),
    ...dirs(`~/${path}/*/Web Applications/Manifest Resources`),
  ]),
];

/**
 * The Firefox family for the `browsers` probe: profiles (firefox-profiles.ts), site permissions
 * (firefox-permissions.ts) and, only when `context.includeBrowserHistory`, visits per catalog
 * origin (history.ts). Firefox has no installed web apps in release builds (app-metadata.md §6.4,
 * unverified), so `webApps` stays empty. On Windows the files are read through PowerShell, in the
 * same run as the Chromium family (firefox-windows.ts).
 */
import type { Host } from '../../hosts/host.js';
import type { ProbeContext } from '../probe.js';
import { emptyCollection, type BrowserCollection, type BrowserCollector, type BrowserHome } from './collector.js';
import { addMozPerms, readMozPerms } from './firefox-permissions.js';
import { firefoxRoots, profilesIniBytes, profilesInRoot, rootEntryLimit } from './firefox-profiles.js';
import { readFirefoxHistory } from './history.js';
import { catalogOriginPatterns } from './origins.js';
import type { ProfileRef } from './shapes.js';
import { readSqlite } from './sqlite.js';

/** Everything one home's Firefox profiles say. */
const collectHome = async (host: Host, home: BrowserHome, context: ProbeContext, into: BrowserCollection): Promise<void> => {
  const patterns = catalogOriginPatterns(context.catalog);
  const seen = new Set<string>();
  for (const root of firefoxRoots(context.platform, home.home)) {
    const found = await profilesInRoot(host, root);
    if (found === null) continue;
    if (found.iniUnreadable) {
      into.gaps.push({
        field: 'profiles',
        code: 'unreadable',
        detail: `firefox: ${root}/profiles.ini could not be read (or is over ${String(profilesIniBytes)} bytes); profiles found by their prefs.js only`,
      });
    }
    if (found.truncated) {
      into.gaps.push({
        field: 'profiles',
        code: 'unreadable',
        detail: `firefox: ${root} holds over ${String(rootEntryLimit)} entries; only the first were looked into`,
      });
    }
    for (const profile of found.profiles) {
      if (seen.has(profile.path)) continue; // an absolute Path= another root lists too
      seen.add(profile.path);
      const ref: ProfileRef = { browser: 'firefox', user: home.user, profile: profile.directory };
      if ((await host.stat(profile.path))?.type !== 'directory') continue; // listed in profiles.ini, never created or since removed
      into.profiles.push({ ...ref, path: profile.path, displayName: profile.name });
      const file = `${profile.path}/permissions.sqlite`;
      addMozPerms(into, ref, await readSqlite(host, file, (db) => readMozPerms(db, ref, file, context.now)));
      if (context.includeBrowserHistory === true && into.history !== null) {
        const history = await readFirefoxHistory(host, profile.path, ref, patterns);
        into.history.push(...history.history);
        into.gaps.push(...history.gaps);
      }
    }
  }
};

export const firefoxCollector: BrowserCollector = {
  family: 'Firefox',
  collect: async (host, homes, context) => {
    const collection = emptyCollection(context);
    // Loaded on Windows only (see loadedCollector in ../probe.ts).
    if (context.platform === 'windows') return (await import('./firefox-windows.js')).collectFirefoxWindows(host, context);
    for (const home of homes) await collectHome(host, home, context, collection);
    return collection;
  },
};

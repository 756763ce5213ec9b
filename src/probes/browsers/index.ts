/**
 * `browsers`: what each person's browser profiles say about web messengers and social networks —
 * installed web apps (PWAs), site permissions (notifications, camera, microphone) and, only with
 * --include-browser-history, visits per origin. Never page titles, URL paths or message content.
 * Each browser family implements `BrowserCollector`; what a family could not read makes the
 * outcome `partial` on the fields it may be missing from.
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome, UnknownReason } from '../../model.js';
import { defineProbe, ok, type Collector, type FactSpec } from '../probe.js';
import { linuxReads } from './reads.js';
import { listHomes } from '../../platform/linux/homes.js';
import type { SharedContext } from '../../platform/run-shared.js';
import { chromiumCollector } from './chromium.js';
import { collectFamilies, type BrowserCollection, type BrowserCollector, type BrowserHome } from './collector.js';
import { firefoxCollector } from './firefox.js';

/** The families, in report order. */
export const browserCollectors: readonly BrowserCollector[] = [chromiumCollector, firefoxCollector];

const ref = 'browser (chrome, chromium, edge, brave, firefox), user (owner of the home; null when unknown), profile (directory name)';

const facts: Record<string, FactSpec> = {
  profiles: {
    type: 'array',
    description:
      `Browser profiles found in people's homes: {${ref}, path, displayName}. Chromium family: Local State ` +
      'profile.info_cache plus every user-data subfolder holding Preferences, in the usual, snap and Flatpak locations. ' +
      'On Windows the files are read through one PowerShell run (Windows file reads do not go through the Host); ' +
      'user-data directories moved with --user-data-dir are not found. ' +
      'Firefox: profiles.ini plus every folder holding prefs.js, in ~/.mozilla/firefox, ~/.config/mozilla/firefox, snap, Flatpak and macOS roots; ' +
      'on Windows, AppData\\Roaming\\Mozilla\\Firefox of every user profile folder, read in the same PowerShell run as the Chromium family ' +
      '(that script has only run against replays, never on a real Windows machine).',
  },
  webApps: {
    type: 'array',
    description:
      `Installed web apps (PWAs): {${ref}, appId (Chromium app id or null), origin (scheme://host[:port] or null), ` +
      "name, trace (registry: the profile's web-app registry; shortcut: an OS launcher such as a .desktop file or " +
      'app shim; manifest-resources: the icons folder of an app id), file}.',
  },
  permissions: {
    type: 'array',
    description:
      `Site permissions per origin: {${ref}, origin (scheme://host[:port], default port removed), permission ` +
      '(notifications, camera, microphone), setting (allow, block, ask, session), file}. Chromium: Preferences; ' +
      'Firefox: permissions.sqlite moz_perms, container suffixes removed, expired timed grants left out.',
  },
  history: {
    type: 'array',
    description:
      `Visits per origin, only with --include-browser-history (otherwise null): {${ref}, origin, visits, ` +
      'lastVisit (ISO 8601 or null), file}. Origins only: never page titles or paths.',
  },
};

/** A collector that reads the browser families of the homes `homesOf` finds (none on Windows: the families' scripts find them). */
const inHomes =
  (homesOf: (host: Host, context: SharedContext) => Promise<readonly BrowserHome[]>): Collector =>
  async (host, context) =>
    browsersOutcome(await collectFamilies(browserCollectors, host, [...(await homesOf(host, context))], context));

const compare = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
const sortBy = <T>(items: T[], key: (item: T) => string): T[] => items.sort((a, b) => compare(key(a), key(b)));

/** The outcome for a combined collection: `partial` with the gaps by field when there are any. */
export const browsersOutcome = (collection: BrowserCollection): ProbeOutcome => {
  const factsOut: JsonObject = {
    profiles: sortBy(collection.profiles, (p) => JSON.stringify([p.browser, p.user, p.path])),
    webApps: sortBy(collection.webApps, (w) => JSON.stringify([w.browser, w.user, w.profile, w.origin, w.appId, w.trace, w.file])),
    permissions: sortBy(collection.permissions, (p) => JSON.stringify([p.browser, p.user, p.profile, p.origin, p.permission])),
    history: collection.history === null ? null : sortBy(collection.history, (h) => JSON.stringify([h.browser, h.user, h.profile, h.origin])),
  } as unknown as JsonObject;
  const unknown: Record<string, UnknownReason> = {};
  for (const gap of collection.gaps) {
    const known = unknown[gap.field];
    if (known === undefined) unknown[gap.field] = { code: gap.code, detail: gap.detail };
    else if (!known.detail.split('; ').includes(gap.detail)) known.detail = `${known.detail}; ${gap.detail}`;
  }
  return Object.keys(unknown).length === 0 ? ok(factsOut) : { status: 'partial', facts: factsOut, unknown };
};

export const browsers = defineProbe({
  id: 'browsers',
  title: 'Web apps, site permissions and (when asked) visits in browser profiles',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: inHomes(async (host, context) => (await listHomes(host, context)).map(({ user, home }) => ({ user, home }))),
    macos: inHomes(async (host) => (await (await import('../../platform/macos/homes.js')).listMacHomes(host)).map(({ user, home }) => ({ user, home }))),
    windows: inHomes(() => Promise.resolve([])),
  },
});

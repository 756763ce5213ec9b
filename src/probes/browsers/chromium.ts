/**
 * The Chromium family (Chrome, Chromium, Edge, Brave) on Linux and macOS, read through the Host:
 * for every home and every known user-data directory, the profiles (`Local State` info_cache plus
 * subfolders holding `Preferences`), each profile's site exceptions (`Preferences`), its installed
 * web apps (the registry in `Sync Data/LevelDB`, else the icon folders of `Web Applications/Manifest
 * Resources`), and the OS launchers of web apps (Linux `.desktop` files, macOS app shims). Only
 * these files are read; never history (unless asked: then each profile's `History`, history.ts), cookies,
 * page content or titles. What exists but cannot be read is a gap, never an empty list.
 * Windows: chromium-windows.ts.
 */
import { readText, type Host } from '../../hosts/host.js';
import type { ProbeContext } from '../probe.js';
import { mapLimit } from '../app-activity/map-limit.js';
import { userDataDirs, browserOfProgram, type UserDataDir } from './chromium-dirs.js';
import { isSafeProfileDir, parseLocalState, parsePreferencesPermissions } from './chromium-parse.js';
import { isAppId, isLevelDbDataFile, readRegistry, type RegistryApp } from './chromium-registry.js';
import { parseAppShim, parseWebAppDesktopEntry, webAppLauncherName, type Launcher } from './chromium-shortcuts.js';
import { emptyCollection, type BrowserCollection, type BrowserCollector, type BrowserGap, type BrowserHome } from './collector.js';
import { readChromiumHistory } from './history.js';
import { originOf } from './origin.js';
import { catalogOriginPatterns } from './origins.js';
import type { BrowserProfile, SitePermission, WebApp } from './shapes.js';

const concurrency = 8;
const join = (...parts: string[]): string => parts.map((p, i) => (i === 0 ? p.replace(/\/+$/, '') : p.replace(/^\/+|\/+$/g, ''))).join('/');

type ChromiumBrowser = UserDataDir['browser'];

interface ProfileRead {
  profile: BrowserProfile;
  permissions: SitePermission[];
  webApps: WebApp[];
  /** App id → origin, from the registry (to name the origin of launchers). */
  registry: RegistryApp[];
  gaps: BrowserGap[];
}

const who = (user: string | null): string => (user === null ? '' : ` (user ${user})`);

/** Exists but could not be read: a gap; absent: nothing. */
const unreadable = async (host: Host, path: string): Promise<boolean> => (await host.stat(path)) !== undefined;

const readWebAppRegistry = async (host: Host, profilePath: string, label: string, gaps: BrowserGap[]): Promise<RegistryApp[] | null> => {
  const dir = join(profilePath, 'Sync Data', 'LevelDB');
  const names = await host.readDir(dir);
  if (names === undefined) {
    if (await unreadable(host, dir)) gaps.push({ field: 'webApps', code: 'permission', detail: `${label}: ${dir} could not be listed` });
    return null;
  }
  const files = await mapLimit(names.filter(isLevelDbDataFile).sort(), concurrency, async (name) => ({ name, bytes: await host.readFile(join(dir, name)) }));
  const missing = files.filter((f) => f.bytes === undefined).map((f) => f.name);
  if (missing.length > 0) gaps.push({ field: 'webApps', code: 'unreadable', detail: `${label}: ${dir}/${missing.join(', ')} could not be read` });
  const { apps, damage } = readRegistry(files.flatMap((f) => (f.bytes === undefined ? [] : [{ name: f.name, bytes: f.bytes }])));
  if (damage.length > 0) {
    const code = damage.some((d) => /compression type/.test(d)) ? 'unsupported-format' : 'unreadable';
    gaps.push({ field: 'webApps', code, detail: `${label}: web-app registry ${dir}: ${damage.join('; ')}` });
  }
  return apps;
};

const readProfile = async (
  host: Host,
  browser: ChromiumBrowser,
  user: string | null,
  root: string,
  dir: string,
  displayName: string | null,
): Promise<ProfileRead | undefined> => {
  const path = join(root, dir);
  const stat = await host.stat(path);
  if (stat?.type !== 'directory') return undefined; // a stale info_cache entry: the profile was deleted
  const label = `${browser} profile ${dir}${who(user)}`;
  const ref = { browser, user, profile: dir };
  const gaps: BrowserGap[] = [];
  const preferencesPath = join(path, 'Preferences');
  const permissions: SitePermission[] = [];
  const text = await readText(host, preferencesPath);
  if (text === undefined) {
    const present = await unreadable(host, preferencesPath);
    gaps.push({
      field: 'permissions',
      code: present ? 'permission' : 'unreadable',
      detail: `${label}: ${preferencesPath} ${present ? 'could not be read' : 'is missing'}`,
    });
  } else {
    const parsed = parsePreferencesPermissions(text);
    if (parsed.ok) for (const p of parsed.value) permissions.push({ ...ref, ...p, file: preferencesPath });
    else gaps.push({ field: 'permissions', code: 'unreadable', detail: `${label}: ${preferencesPath}: ${parsed.reason}` });
  }

  const registry = await readWebAppRegistry(host, path, label, gaps);
  const webApps: WebApp[] = (registry ?? []).map((app) => ({
    ...ref,
    appId: app.appId,
    origin: app.origin,
    name: app.name,
    trace: 'registry',
    file: join(path, 'Sync Data', 'LevelDB'),
  }));
  const resources = join(path, 'Web Applications', 'Manifest Resources');
  const iconIds = await host.readDir(resources);
  if (iconIds === undefined && (await unreadable(host, resources))) {
    gaps.push({ field: 'webApps', code: 'permission', detail: `${label}: ${resources} could not be listed` });
  }
  const known = new Set((registry ?? []).map((a) => a.appId));
  for (const id of (iconIds ?? []).filter(isAppId).sort()) {
    if (!known.has(id)) webApps.push({ ...ref, appId: id, origin: null, name: null, trace: 'manifest-resources', file: join(resources, id) });
  }
  return { profile: { ...ref, path, displayName }, permissions, webApps, registry: registry ?? [], gaps };
};

/** The profiles of one user-data directory. */
const readUserDataDir = async (host: Host, home: BrowserHome, candidate: UserDataDir): Promise<ProfileRead[] | { gap: BrowserGap } | undefined> => {
  const root = join(home.home, candidate.path);
  const stat = await host.stat(root);
  if (stat?.type !== 'directory') return undefined;
  const label = `${candidate.browser} user data ${root}${who(home.user)}`;
  const [localStateText, entries] = await Promise.all([readText(host, join(root, 'Local State')), host.readDir(root)]);
  if (entries === undefined) return { gap: { field: 'profiles', code: 'permission', detail: `${label}: could not be listed` } };
  const names = new Map<string, string | null>();
  const gaps: BrowserGap[] = [];
  if (localStateText !== undefined) {
    const parsed = parseLocalState(localStateText);
    if (parsed.ok) for (const [dir, name] of parsed.value) names.set(dir, name);
    else gaps.push({ field: 'profiles', code: 'unreadable', detail: `${label}: ${parsed.reason}` });
  } else if (entries.includes('Local State')) {
    gaps.push({ field: 'profiles', code: 'permission', detail: `${label}: Local State could not be read` });
  }
  const holders = await mapLimit(entries.filter(isSafeProfileDir).sort(), concurrency, async (name) =>
    (await host.stat(join(root, name, 'Preferences')))?.type === 'file' ? name : undefined,
  );
  for (const name of holders) if (name !== undefined && !names.has(name)) names.set(name, null);
  const reads = await mapLimit(
    [...names].sort(([a], [b]) => (a < b ? -1 : 1)),
    concurrency,
    ([dir, displayName]) => readProfile(host, candidate.browser, home.user, root, dir, displayName),
  );
  const found = reads.filter((r) => r !== undefined);
  if (found.length > 0 && gaps.length > 0) found[0]?.gaps.push(...gaps);
  else if (gaps.length > 0) return { gap: gaps[0] as BrowserGap };
  return found;
};

/** The user's web-app launchers, by platform. */
const readLaunchers = async (host: Host, home: BrowserHome, context: ProbeContext): Promise<{ launcher: Launcher; file: string }[]> => {
  if (context.platform === 'macos') {
    const apps = join(home.home, 'Applications');
    const folders = ((await host.readDir(apps)) ?? []).filter((n) => / Apps\.localized$/.test(n)).sort();
    const shims = (
      await Promise.all(
        folders.map(async (f) =>
          ((await host.readDir(join(apps, f))) ?? [])
            .filter((n) => n.endsWith('.app'))
            .sort()
            .map((n) => ({ folder: f, app: join(apps, f, n) })),
        ),
      )
    ).flat();
    const { readPlist, stringValue } = await import('../../platform/macos/plist.js');
    const read = await mapLimit(shims, concurrency, async ({ folder, app }) => {
      const file = join(app, 'Contents', 'Info.plist');
      const plist = await readPlist(host, file);
      if (plist.status !== 'ok') return undefined;
      const launcher = parseAppShim(folder, (key) => stringValue(plist.dict, key));
      return launcher === null ? undefined : { launcher, file };
    });
    return read.filter((r) => r !== undefined);
  }
  const dir = join(home.home, '.local/share/applications');
  const names = ((await host.readDir(dir)) ?? []).filter((n) => webAppLauncherName.test(n)).sort();
  const read = await mapLimit(names, concurrency, async (name) => {
    const file = join(dir, name);
    const text = await readText(host, file);
    const launcher = text === undefined ? null : parseWebAppDesktopEntry(text);
    return launcher === null ? undefined : { launcher, file };
  });
  return read.filter((r) => r !== undefined);
};

/** The browser a launcher belongs to: its user-data dir when it names one, else its program. */
const launcherBrowser = (launcher: Launcher, home: BrowserHome, platform: ProbeContext['platform']): ChromiumBrowser | null => {
  if (launcher.userDataDir !== null) {
    const dir = launcher.userDataDir.replace(/\/+$/, '');
    const known = userDataDirs(platform).find((d) => dir === join(home.home, d.path) || dir.endsWith(`/${d.path}`));
    if (known) return known.browser;
  }
  return browserOfProgram(launcher.program);
};

const collectHome = async (host: Host, home: BrowserHome, context: ProbeContext): Promise<BrowserCollection> => {
  const collection = emptyCollection(context);
  const results = await mapLimit(userDataDirs(context.platform), 4, (candidate) => readUserDataDir(host, home, candidate));
  const registry = new Map<string, RegistryApp>();
  for (const result of results) {
    if (result === undefined) continue;
    if ('gap' in result) {
      collection.gaps.push(result.gap);
      continue;
    }
    for (const read of result) {
      collection.profiles.push(read.profile);
      collection.permissions.push(...read.permissions);
      collection.webApps.push(...read.webApps);
      collection.gaps.push(...read.gaps);
      for (const app of read.registry) if (!registry.has(app.appId)) registry.set(app.appId, app);
    }
  }
  // Manifest-resources entries of apps another trace names: take the origin it gives.
  for (const app of collection.webApps) if (app.origin === null && app.appId !== null) app.origin = registry.get(app.appId)?.origin ?? null;
  for (const { launcher, file } of await readLaunchers(host, home, context)) {
    const browser = launcherBrowser(launcher, home, context.platform);
    if (browser === null) continue;
    const fromUrl = launcher.url === null ? null : originOf(launcher.url);
    collection.webApps.push({
      browser,
      user: home.user,
      profile: launcher.profileDir ?? 'Default',
      appId: launcher.appId,
      origin: fromUrl ?? registry.get(launcher.appId)?.origin ?? null,
      name: launcher.name,
      trace: 'shortcut',
      file,
    });
  }
  // Only with --include-browser-history (collection.history is null otherwise): visits per catalog origin.
  if (collection.history !== null) {
    const patterns = catalogOriginPatterns(context.catalog);
    for (const { browser, user, profile, path } of collection.profiles) {
      const read = await readChromiumHistory(host, path, { browser, user, profile }, patterns);
      collection.history.push(...read.history);
      collection.gaps.push(...read.gaps);
    }
  }
  return collection;
};

export const chromiumCollector: BrowserCollector = {
  family: 'Chromium family',
  collect: async (host, homes, context) => {
    // Loaded on Windows only (see loadedCollector in ../probe.ts).
    if (context.platform === 'windows') return (await import('./chromium-windows.js')).collectChromiumWindows(host, context);
    const collection = emptyCollection(context);
    for (const part of await mapLimit(homes, 4, (home) => collectHome(host, home, context))) {
      collection.profiles.push(...part.profiles);
      collection.permissions.push(...part.permissions);
      collection.webApps.push(...part.webApps);
      collection.gaps.push(...part.gaps);
      if (collection.history !== null && part.history !== null) collection.history.push(...part.history);
    }
    return collection;
  },
};

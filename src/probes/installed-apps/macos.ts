/**
 * installed-apps on macOS: every `*.app` bundle in /Applications (and its sub-folders one level
 * down, e.g. /Applications/Utilities or a vendor folder), /System/Applications (and Utilities) and
 * each user's ~/Applications, read from Contents/Info.plist (XML or binary). Bundles nested inside
 * bundles (helpers, login items) are never entered: only folders that are not bundles are searched.
 * On a running Mac, `system_profiler -json SPApplicationsDataType` adds the apps Launch Services
 * knows of outside those folders (Downloads, /opt, deeper folders, disk images), except Apple's own
 * and bundles nested in bundles; their Info.plist is read like the others.
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { listMacHomes } from '../../platform/macos/homes.js';
import { readPlist } from '../../platform/macos/plist.js';
import { failure, runTool, succeeded } from '../../platform/macos/run.js';
import { ok, unsupported, type ProbeContext } from '../probe.js';
import { allSchemes, type MetadataSource } from './declared-sources.js';
import { bundleApp, isBundleName, type MacosApp } from './macos-parse.js';
import { isNestedBundle, parseSystemProfilerApps } from './system-profiler.js';

/** system_profiler reads Spotlight's index and every bundle's signature: it takes tens of seconds. */
const profilerTimeoutMs = 120_000;
const profilerArgs = ['-json', 'SPApplicationsDataType'] as const;
const profilerLabel = `system_profiler ${profilerArgs.join(' ')}`;

/** The firmlinked Data volume path of a folder of the system volume (/System/Volumes/Data/Applications → /Applications). */
const systemPath = (path: string): string => path.replace(/^\/System\/Volumes\/Data(?=\/)/, '');

interface ProfilerResult {
  apps: MacosApp[];
  source: { source: string; status: 'ok' | 'error' | 'absent'; detail: string };
  problems: string[];
}

/** Apps outside the scanned folders, from system_profiler (a running Mac only). */
const profiledApps = async (host: Host, known: ReadonlySet<string>, homes: readonly { user: string; home: string }[]): Promise<ProfilerResult> => {
  if (!host.capabilities.live || !host.capabilities.exec) {
    return {
      apps: [],
      problems: [],
      source: { source: 'system-profiler', status: 'absent', detail: `${profilerLabel}: not run (the target is not a running Mac)` },
    };
  }
  const result = await runTool(host, 'system_profiler', profilerArgs, profilerTimeoutMs);
  if (!succeeded(result))
    return {
      apps: [],
      problems: [],
      source: { source: 'system-profiler', status: 'error', detail: `${failure(profilerLabel, result)}: apps outside the scanned folders are unknown` },
    };
  const parsed = parseSystemProfilerApps(result.stdout);
  if (parsed.status === 'error')
    return {
      apps: [],
      problems: [],
      source: { source: 'system-profiler', status: 'error', detail: `${profilerLabel}: ${parsed.reason}: apps outside the scanned folders are unknown` },
    };
  const outside = parsed.apps.filter((app) => !known.has(systemPath(app.path)) && !isNestedBundle(app.path) && app.obtainedFrom !== 'apple');
  const problems: string[] = [];
  const apps = await Promise.all(
    outside.map(async (app): Promise<MacosApp> => {
      const path = systemPath(app.path);
      const home = homes.find((h) => path.startsWith(`${h.home}/`));
      const owner = home === undefined ? { scope: 'system' as const, user: null } : { scope: 'user' as const, user: home.user };
      const read = await readPlist(host, `${path}/Contents/Info.plist`);
      if (read.status === 'ok') return bundleApp(path, read.dict, owner);
      if (read.status === 'error') problems.push(read.message);
      // The bundle could not be read (gone since, or not permitted): what system_profiler said stands.
      return { ...bundleApp(path, undefined, owner), name: app.name, version: app.version };
    }),
  );
  const skipped = parsed.apps.length - outside.length;
  return {
    apps,
    problems,
    source: {
      source: 'system-profiler',
      status: 'ok',
      detail: `${profilerLabel}: ${parsed.apps.length} app(s), ${apps.length} outside the scanned folders added (${skipped} already found, Apple's or nested in a bundle${parsed.skipped > 0 ? `; ${parsed.skipped} without a path left out` : ''})`,
    },
  };
};

interface Root {
  dir: string;
  scope: 'system' | 'user';
  user: string | null;
}

/** Directories searched below a root: the root and its non-bundle sub-folders (one level). */
const bundlePaths = async (host: Host, root: string): Promise<string[]> => {
  const names = await host.readDir(root);
  if (names === undefined) return [];
  const bundles: string[] = [];
  const folders: string[] = [];
  for (const name of [...names].sort()) {
    if (name.startsWith('.')) continue;
    if (isBundleName(name)) bundles.push(`${root}/${name}`);
    else folders.push(`${root}/${name}`);
  }
  const nested = await Promise.all(
    folders.map(async (folder) => {
      if ((await host.stat(folder))?.type !== 'directory') return [];
      return ((await host.readDir(folder)) ?? [])
        .filter(isBundleName)
        .sort()
        .map((name) => `${folder}/${name}`);
    }),
  );
  return [...bundles, ...nested.flat()];
};

const compare = (a: string | null, b: string | null): number => {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

export const collectMacos = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.read) return unsupported('the target cannot be read');
  const homes = await listMacHomes(host);
  const roots: Root[] = [
    { dir: '/Applications', scope: 'system', user: null },
    { dir: '/System/Applications', scope: 'system', user: null },
    ...homes.map((home): Root => ({ dir: `${home.home}/Applications`, scope: 'user', user: home.user })),
  ];
  const problems: string[] = [];
  const perRoot = await Promise.all(
    roots.map(async (root) => {
      const paths = await bundlePaths(host, root.dir);
      return Promise.all(
        paths.map(async (path): Promise<MacosApp | undefined> => {
          const read = await readPlist(host, `${path}/Contents/Info.plist`);
          if (read.status === 'error') problems.push(read.message);
          // A folder named *.app without Contents/Info.plist is not a bundle macOS would launch
          // (iOS apps on Apple silicon keep theirs under Wrapper/): it is left out.
          if (read.status !== 'ok') return read.status === 'error' ? bundleApp(path, undefined, root) : undefined;
          return bundleApp(path, read.dict, root);
        }),
      );
    }),
  );
  const scanned = perRoot.flat().filter((app): app is MacosApp => app !== undefined);
  const profiled = await profiledApps(host, new Set(scanned.map((app) => app.path)), homes);
  problems.push(...profiled.problems);
  const apps = [...scanned, ...profiled.apps].sort(
    (a, b) => compare(a.name, b.name) || compare(a.user, b.user) || compare(a.id, b.id) || compare(a.path, b.path),
  );
  const searched = roots.map((root) => root.dir).join(', ');
  const status = problems.length > 0 ? 'error' : 'ok';
  const detail =
    `${apps.length} app bundle${apps.length === 1 ? '' : 's'} in ${searched}` +
    (problems.length > 0 ? `; unreadable Info.plist: ${problems.sort().join('; ')}` : '');
  const declaring = apps.filter((app) => app.metadata !== undefined).length;
  const macos: MetadataSource = {
    scheme: 'macos',
    status,
    detail:
      `${declaring} of ${apps.length} app bundle${apps.length === 1 ? '' : 's'} declare LSApplicationCategoryType` +
      (problems.length > 0 ? `; ${problems.length} Info.plist unreadable, their categories unknown` : ''),
  };
  return ok({
    apps: apps.map(({ metadata, ...app }): JsonObject => ({
      ...app,
      ...(metadata ? { metadata: metadata.map((m) => ({ ...m, values: [...m.values] })) } : {}),
    })),
    sources: [{ source: 'macos-bundle', status, detail }, { ...profiled.source }],
    count: apps.length,
    metadataSources: allSchemes([macos], () => 'not used on macOS').map((m) => ({ ...m })),
  });
};

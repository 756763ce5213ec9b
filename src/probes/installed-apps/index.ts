import type { Host } from '../../hosts/host.js';
import type { Json, ProbeOutcome } from '../../model.js';
import { defineProbe, macosAndWindows, ok, unsupported, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { listHomes } from '../../platform/linux/homes.js';
import type { Home } from '../../platform/linux/homes.js';
import type { AppSource, InstalledApp, SourceResult } from './app.js';
import { appSources, errorResult } from './app.js';
import { collectFlatpak, collectSnap } from './bundles.js';
import { collectAppImages, collectDesktopFiles, collectOptDirs } from './files.js';
import { collectApk, collectDpkg, collectPacman, collectRpm } from './packages.js';
import { attachDeclared } from './declared.js';
import { allSchemes } from './declared-sources.js';

/** One failing source never hides the others: its exception becomes its `error` status. */
const guarded = async (source: AppSource, run: () => Promise<SourceResult>): Promise<SourceResult> => {
  try {
    return await run();
  } catch (error) {
    return errorResult(source, error instanceof Error ? error.message : String(error));
  }
};

const collectors = (host: Host, homes: Promise<Home[]>): Record<AppSource, () => Promise<SourceResult>> => ({
  dpkg: () => collectDpkg(host),
  rpm: () => collectRpm(host),
  apk: () => collectApk(host),
  pacman: () => collectPacman(host),
  flatpak: async () => collectFlatpak(host, await homes),
  snap: () => collectSnap(host),
  'desktop-file': async () => collectDesktopFiles(host, await homes),
  appimage: async () => collectAppImages(host, await homes),
  'opt-dir': () => collectOptDirs(host),
});

const compare = (a: string | null, b: string | null): number => {
  const x = a ?? '';
  const y = b ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
};

const byOrder = (a: InstalledApp, b: InstalledApp): number =>
  appSources.indexOf(a.source) - appSources.indexOf(b.source) ||
  compare(a.name, b.name) ||
  compare(a.user, b.user) ||
  compare(a.id, b.id) ||
  compare(a.path, b.path);

const toJson = ({ metadata, ...app }: InstalledApp): Json =>
  metadata === undefined || metadata.length === 0
    ? { ...app }
    : { ...app, metadata: metadata.map((m) => ({ ...m, values: [...m.values], ...(m.keywords ? { keywords: [...m.keywords] } : {}) })) };

const collectLinux = async (host: Host, context: ProbeContext): Promise<ProbeOutcome> => {
  if (!context.capabilities.read) return unsupported('the target cannot be read');
  const homes = listHomes(host, context);
  // A failure to list homes costs the per-user sources only, each of which then reports the error.
  homes.catch(() => undefined);
  const run = collectors(host, homes);
  const results = await Promise.all(appSources.map((source) => guarded(source, run[source])));
  const declared = await attachDeclared(host, context, homes, results).catch((error: unknown) => {
    const detail = `declared metadata could not be read: ${error instanceof Error ? error.message : String(error)}`;
    return { extra: [], metadataSources: allSchemes([], () => detail).map((m) => ({ ...m, status: 'error' as const })) };
  });
  const apps = [...results.flatMap((r) => r.apps), ...declared.extra].sort(byOrder);
  return ok({
    apps: apps.map(toJson),
    sources: results.map((r) => ({ ...r.report })),
    count: apps.length,
    metadataSources: declared.metadataSources.map((m) => ({ ...m })),
  });
};

export const installedApps = defineProbe({
  id: 'installed-apps',
  title: 'Installed applications',
  needs: ['read'],
  facts: {
    apps: {
      type: 'array',
      description:
        'Every application found, one entry per package, bundle or launcher: `{name, version, source, scope, user, path, id}`. ' +
        '`source` is dpkg, rpm, apk, pacman, flatpak, snap, desktop-file, appimage or opt-dir; `scope` is system or user ' +
        '(found in a home, `user` then names its owner). `name` is the package name, the desktop entry `Name=`, the ' +
        'AppStream name of a Flatpak, the snap name, or the file or directory name. `id` is the Flatpak app id, the ' +
        'snap name, the desktop file id (file name without .desktop), `name:arch` for dpkg and `name.arch` for rpm. ' +
        '`version` is null where the source does not record one (desktop files, AppImages, /opt, unmounted snaps). ' +
        'Desktop entries hidden from menus (`NoDisplay=true`, `Hidden=true`) and rpm `gpg-pubkey` entries are left out. ' +
        '`metadata` (present when any) lists what the platform itself declares about the app, as read, one ' +
        "`{scheme, file, field, values, keywords?}` per file field: `freedesktop` (a desktop entry's unlocalised " +
        '`Categories`, with `Keywords` and `GenericName` as keywords; Flatpak and snap exported launchers, ' +
        '`X-Flatpak`/`X-SnapInstanceName`, are attached to their flatpak or snap entry), `appstream` (AppStream metainfo ' +
        '`<categories>` and unlocalised `<keywords>` of app components, attached by desktop launchable, pkgname or Flatpak ' +
        'id), `debtags` (the Debian package tags of a dpkg package, from the apt list that carries them, reduced to the ' +
        'use, works-with, protocol, web, role, network and interface facets and devel::library, and only for packages ' +
        'with a use, works-with, protocol or web tag), `macos` (an app ' +
        "bundle's `LSApplicationCategoryType`). On Windows nothing is declared: neither AppX manifests nor Uninstall " +
        'keys carry a category, so an app the catalog does not name cannot be classified from local metadata.',
    },
    sources: {
      type: 'array',
      description:
        'One `{source, status, detail}` per source, so a missing database is visible: `ok` (read, possibly empty), ' +
        '`absent` (no such database on the target) or `error` (present but not readable, e.g. an rpm database on a ' +
        'target where `rpm` cannot run).',
    },
    count: {
      type: 'number',
      description: 'Number of entries in `apps`.',
    },
    metadataSources: {
      type: 'array',
      description:
        'One `{scheme, status, detail}` for each metadata scheme (freedesktop, appstream, debtags, macos), so that ' +
        'metadata that could not be read is never taken for metadata that declares nothing: `ok` (read, possibly ' +
        'declaring nothing), `absent` (not on this target: e.g. no apt package lists in a minimal image, so package ' +
        'tags are unknown; or a scheme of another platform) or `error` (present but not all readable: e.g. a ' +
        'package list in a compression charter does not read). On Windows every scheme is `absent`: Windows declares ' +
        'no app category locally.',
    },
  },
  reads: { linux: linuxReads },
  collect: {
    linux: collectLinux,
    ...macosAndWindows(
      () => import('./macos.js'),
      () => import('./windows.js'),
    ),
  },
});

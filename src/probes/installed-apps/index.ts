import type { Host } from '../../hosts/host.js';
import type { Json } from '../../model.js';
import { defineProbe, ok, unsupported } from '../probe.js';
import { listHomes } from '../users/homes.js';
import type { Home } from '../users/homes.js';
import type { AppSource, InstalledApp, SourceResult } from './app.js';
import { appSources, errorResult } from './app.js';
import { collectFlatpak, collectSnap } from './bundles.js';
import { collectAppImages, collectDesktopFiles, collectOptDirs } from './files.js';
import { collectApk, collectDpkg, collectPacman, collectRpm } from './packages.js';
import { collectMacos } from './macos.js';
import { collectWindows } from './windows.js';

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
  metadata === undefined || metadata.length === 0 ? { ...app } : { ...app, metadata: metadata.map((m) => ({ ...m, values: [...m.values], ...(m.keywords ? { keywords: [...m.keywords] } : {}) })) };

export const installedApps = defineProbe({
  id: 'installed-apps',
  title: 'Installed applications',
  platforms: ['linux', 'macos', 'windows'],
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
        'Desktop entries hidden from menus (`NoDisplay=true`, `Hidden=true`) and rpm `gpg-pubkey` entries are left out.',
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
  },
  async collect(host, context) {
    if (context.platform === 'macos') return collectMacos(host, context);
    if (context.platform === 'windows') return collectWindows(host, context);
    if (!context.capabilities.read) return unsupported('the target cannot be read');
    const homes = listHomes(host);
    // A failure to list homes costs the per-user sources only, each of which then reports the error.
    homes.catch(() => undefined);
    const run = collectors(host, homes);
    const results = await Promise.all(appSources.map((source) => guarded(source, run[source])));
    const apps = results.flatMap((r) => r.apps).sort(byOrder);
    return ok({
      apps: apps.map(toJson),
      sources: results.map((r) => ({ ...r.report })),
      count: apps.length,
    });
  },
});

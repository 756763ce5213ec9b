/**
 * Launchers that Flatpak and snapd export for the apps they install (app-metadata.md §1.4):
 * `<installation>/exports/share/applications` of every Flatpak installation (links into each app's
 * deploy, rewritten with `X-Flatpak=<app-id>`: flatpak/flatpak common/flatpak-dir.c @55ec5bd5) and
 * /var/lib/snapd/desktop/applications (`<snap>_<app>.desktop` with `X-SnapInstanceName=`:
 * canonical/snapd wrappers/desktop.go @bee548f7). They describe apps the flatpak and snap sources
 * already list: their declarations are attached to those entries, not listed as apps of their own.
 */
import type { Host } from '../../hosts/host.js';
import type { Home } from '../../platform/linux/homes.js';
import { extraInstallations, flatpakSystem } from './bundles.js';
import type { Launcher, Place } from './files.js';
import { listPlaces, readLaunchers } from './files.js';

export const snapDesktopDir = '/var/lib/snapd/desktop/applications';
const flatpakExports = (installation: string): string => `${installation}/exports/share/applications`;

export interface ExportedLaunchers {
  launchers: Launcher[];
  /** The export directories that exist. */
  dirs: string[];
  /** `.desktop` files read. */
  files: number;
}

export const readExportedLaunchers = async (host: Host, homes: readonly Home[]): Promise<ExportedLaunchers> => {
  const places: Place[] = [
    { dir: flatpakExports(flatpakSystem), scope: 'system', user: null },
    ...(await extraInstallations(host)).map((path): Place => ({ dir: flatpakExports(path), scope: 'system', user: null })),
    ...homes.map((h): Place => ({ dir: flatpakExports(`${h.home}/.local/share/flatpak`), scope: 'user', user: h.user })),
    { dir: snapDesktopDir, scope: 'system', user: null },
  ];
  const found = await listPlaces(host, places);
  const { launchers, files } = await readLaunchers(host, found);
  return { launchers, dirs: found.map(({ place }) => place.dir), files };
};

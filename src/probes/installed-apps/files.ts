/** Apps no package database knows: desktop launchers, AppImages, vendor directories under /opt. */
import type { Host } from '../../hosts/host.js';
import { readText } from '../../hosts/host.js';
import type { Home } from '../../platform/linux/homes.js';
import { desktopMetadata } from './declared-desktop.js';
import { appImageName, parseDesktopEntry } from './parse.js';
import type { DesktopEntry } from './parse.js';
import type { InstalledApp, SourceResult } from './app.js';
import { absentResult, okResult, plural, systemApp } from './app.js';

export interface Place {
  dir: string;
  scope: 'system' | 'user';
  user: string | null;
}

export const systemPlace = (dir: string): Place => ({ dir, scope: 'system', user: null });

/** Lists each place in parallel; places that do not exist are dropped. */
export const listPlaces = async (host: Host, places: readonly Place[]) => {
  const listings = await Promise.all(places.map((p) => host.readDir(p.dir)));
  return places.flatMap((place, i) => {
    const names = listings[i];
    return names === undefined ? [] : [{ place, names }];
  });
};

export const systemApplicationDirs = ['/usr/share/applications', '/usr/local/share/applications'] as const;

/**
 * Desktop entries (top level of each applications directory): launchers that vendor tarballs and
 * AppImage integrations leave behind. Entries marked `Hidden=true` (deleted) or `NoDisplay=true`
 * (helpers and handlers, not shown in menus) are left out. The id is the file name without `.desktop`.
 */
export const collectDesktopFiles = async (host: Host, homes: readonly Home[]): Promise<SourceResult> => {
  const places: Place[] = [
    ...systemApplicationDirs.map(systemPlace),
    ...homes.map((h): Place => ({ dir: `${h.home}/.local/share/applications`, scope: 'user', user: h.user })),
  ];
  const found = await listPlaces(host, places);
  if (found.length === 0) return absentResult('desktop-file', `no ${systemApplicationDirs.join(', ')} or ~/.local/share/applications`);
  const { launchers, files } = await readLaunchers(host, found);
  const apps = launchers.map(({ place, path, id, entry }): InstalledApp => {
    const metadata = desktopMetadata(path, entry);
    return {
      name: entry.name,
      version: null,
      source: 'desktop-file',
      scope: place.scope,
      user: place.user,
      path,
      id,
      ...(metadata === undefined ? {} : { metadata: [metadata] }),
    };
  });
  return okResult(
    'desktop-file',
    `${plural(apps.length, 'launcher')} shown in menus, from ${plural(files, 'desktop file')} in ${plural(found.length, 'directory', 'directories')}`,
    apps,
  );
};

export interface Launcher {
  place: Place;
  /** The desktop file. */
  path: string;
  /** The desktop file id: its name without `.desktop`. */
  id: string;
  entry: DesktopEntry;
}

/**
 * The desktop entries at the top level of listed applications directories that menus show: entries
 * marked `Hidden=true` (deleted) or `NoDisplay=true` (helpers, handlers) and files that are not
 * applications are left out. `files` counts every `.desktop` file read.
 */
export const readLaunchers = async (
  host: Host,
  found: readonly { place: Place; names: readonly string[] }[],
): Promise<{ launchers: Launcher[]; files: number }> => {
  const files = found.flatMap(({ place, names }) => names.filter((n) => n.endsWith('.desktop') && !n.startsWith('.')).map((name) => ({ place, name })));
  const texts = await Promise.all(files.map(({ place, name }) => readText(host, `${place.dir}/${name}`)));
  const launchers = files.flatMap(({ place, name }, i): Launcher[] => {
    const text = texts[i];
    const entry = text === undefined ? undefined : parseDesktopEntry(text);
    if (entry === undefined || entry.hidden || entry.noDisplay) return [];
    return [{ place, path: `${place.dir}/${name}`, id: name.slice(0, -'.desktop'.length), entry }];
  });
  return { launchers, files: files.length };
};

/** Conventional places people keep AppImages, relative to their home. */
export const appImageDirs = ['Applications', '.local/bin', 'Downloads', 'Desktop'] as const;

/** AppImages: `*.AppImage` files (any case) directly in the conventional directories of each home. */
export const collectAppImages = async (host: Host, homes: readonly Home[]): Promise<SourceResult> => {
  if (homes.length === 0) return absentResult('appimage', 'no home directories to search');
  const places = homes.flatMap((h) => appImageDirs.map((d): Place => ({ dir: `${h.home}/${d}`, scope: 'user', user: h.user })));
  const found = await listPlaces(host, places);
  const apps = found.flatMap(({ place, names }) =>
    names
      .filter((n) => /\.appimage$/i.test(n))
      .map((name): InstalledApp => ({
        name: appImageName(name),
        version: null,
        source: 'appimage',
        scope: place.scope,
        user: place.user,
        path: `${place.dir}/${name}`,
        id: null,
      })),
  );
  return okResult(
    'appimage',
    `${plural(apps.length, 'AppImage')} in ${plural(found.length, 'directory', 'directories')} searched (${appImageDirs.join(', ')} of ${plural(homes.length, 'home')})`,
    apps,
  );
};

const opt = '/opt';

/** /opt: each directory is one vendor install (`/opt/Signal`, `/opt/teamviewer`); files there are skipped. */
export const collectOptDirs = async (host: Host): Promise<SourceResult> => {
  const names = await host.readDir(opt);
  if (names === undefined) return absentResult('opt-dir', `no ${opt}`);
  const visible = names.filter((n) => !n.startsWith('.') && n !== 'lost+found');
  const stats = await Promise.all(visible.map((n) => host.stat(`${opt}/${n}`)));
  const apps = visible.flatMap((name, i) => (stats[i]?.type === 'directory' ? [systemApp('opt-dir', { name, path: `${opt}/${name}` })] : []));
  return okResult('opt-dir', `${plural(apps.length, 'directory', 'directories')} in ${opt}`, apps);
};

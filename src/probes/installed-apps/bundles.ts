/** Bundle formats with their own trees: Flatpak installations and snaps. */
import type { Host } from '../../hosts/host.js';
import { readText } from '../../hosts/host.js';
import type { Home } from '../../platform/linux/homes.js';
import { parseAppStream } from './appstream-parse.js';
import { appstreamMetadata } from './declared-appstream.js';
import { parseFlatpakMetadata, parseKeyFile, parseMetainfo, parseSnapState, parseSnapYamlVersion } from './parse.js';
import type { InstalledApp, SourceResult } from './app.js';
import { absentResult, errorResult, okResult, plural, systemApp } from './app.js';

interface FlatpakInstallation {
  path: string;
  scope: 'system' | 'user';
  user: string | null;
}

export const flatpakSystem = '/var/lib/flatpak';
const flatpakInstallationsD = '/etc/flatpak/installations.d';

/** Extra system installations declared in /etc/flatpak/installations.d/*.conf (`[Installation "id"]` `Path=`). */
export const extraInstallations = async (host: Host): Promise<string[]> => {
  const names = (await host.readDir(flatpakInstallationsD)) ?? [];
  const texts = await Promise.all(names.filter((n) => n.endsWith('.conf')).map((n) => readText(host, `${flatpakInstallationsD}/${n}`)));
  return texts.flatMap((text) =>
    text === undefined
      ? []
      : [...parseKeyFile(text)].flatMap(([group, keys]) => {
          const path = keys.get('Path');
          return group.startsWith('Installation') && path !== undefined && path.startsWith('/') ? [path] : [];
        }),
  );
};

/**
 * The deploy directory in use for one app: `app/<id>/current` → `<arch>/<branch>`, then
 * `<arch>/<branch>/active` → `<commit>`. When the links cannot be read, the first arch/branch listed and
 * its `active` path (which reading follows) are used. Reads four names at most, never the app's files.
 */
const flatpakDeploy = async (host: Host, appDir: string): Promise<string | undefined> => {
  let ref = await host.readLink(`${appDir}/current`);
  if (ref === undefined || ref.startsWith('/') || ref.includes('..')) {
    const arches = ((await host.readDir(appDir)) ?? []).filter((n) => n !== 'current' && !n.startsWith('.')).sort();
    const arch = arches[0];
    if (arch === undefined) return undefined;
    const branch = ((await host.readDir(`${appDir}/${arch}`)) ?? []).sort()[0];
    if (branch === undefined) return undefined;
    ref = `${arch}/${branch}`;
  }
  const commit = await host.readLink(`${appDir}/${ref}/active`);
  const usable = commit !== undefined && !commit.includes('/');
  return `${appDir}/${ref}/${usable ? commit : 'active'}`;
};

const flatpakApp = async (host: Host, inst: FlatpakInstallation, dirName: string): Promise<InstalledApp> => {
  const appDir = `${inst.path}/app/${dirName}`;
  const deploy = await flatpakDeploy(host, appDir);
  // The exported metainfo is the file <installation>/exports/share/metainfo links to.
  const metainfoPaths =
    deploy === undefined
      ? []
      : [
          `${deploy}/export/share/metainfo/${dirName}.metainfo.xml`,
          `${deploy}/files/share/metainfo/${dirName}.metainfo.xml`,
          `${deploy}/files/share/appdata/${dirName}.appdata.xml`,
        ];
  const [metadataText, ...metainfoTexts] =
    deploy === undefined ? [] : await Promise.all([readText(host, `${deploy}/metadata`), ...metainfoPaths.map((path) => readText(host, path))]);
  const id = (metadataText === undefined ? undefined : parseFlatpakMetadata(metadataText))?.id ?? dirName;
  const metainfoAt = metainfoTexts.findIndex((text) => text !== undefined);
  const metainfoText = metainfoTexts[metainfoAt];
  const metainfo = metainfoText === undefined ? { name: null, version: null } : parseMetainfo(metainfoText);
  const component = metainfoText === undefined ? undefined : parseAppStream(metainfoText);
  const declared = component === undefined ? undefined : appstreamMetadata(metainfoPaths[metainfoAt] ?? '', component);
  return {
    name: metainfo.name ?? id,
    version: metainfo.version,
    source: 'flatpak',
    scope: inst.scope,
    user: inst.user,
    path: appDir,
    id,
    ...(declared === undefined ? {} : { metadata: [declared] }),
  };
};

/** Flatpak: apps (not runtimes) of the system installation, extra installations, and every home's. */
export const collectFlatpak = async (host: Host, homes: readonly Home[]): Promise<SourceResult> => {
  const installations: FlatpakInstallation[] = [
    { path: flatpakSystem, scope: 'system', user: null },
    ...(await extraInstallations(host)).map((path): FlatpakInstallation => ({ path, scope: 'system', user: null })),
    ...homes.map((h): FlatpakInstallation => ({ path: `${h.home}/.local/share/flatpak`, scope: 'user', user: h.user })),
  ];
  const listings = await Promise.all(installations.map((inst) => host.readDir(`${inst.path}/app`)));
  const found = installations.flatMap((inst, i) => {
    const names = listings[i];
    return names === undefined ? [] : [{ inst, names: names.filter((n) => !n.startsWith('.')) }];
  });
  if (found.length === 0) return absentResult('flatpak', `no Flatpak installation (${flatpakSystem}, ~/.local/share/flatpak)`);
  const apps = await Promise.all(found.flatMap(({ inst, names }) => names.map((name) => flatpakApp(host, inst, name))));
  const where = found.map(({ inst }) => inst.path).join(', ');
  return okResult('flatpak', `${plural(apps.length, 'app')} in ${where}`, apps);
};

const snapState = '/var/lib/snapd/state.json';
const snapMountDirs = ['/snap', '/var/lib/snapd/snap'] as const;

const snapVersion = async (host: Host, mountDir: string, name: string, revision: string): Promise<string | null> => {
  const text = await readText(host, `${mountDir}/${name}/${revision}/meta/snap.yaml`);
  return text === undefined ? null : parseSnapYamlVersion(text);
};

const snapApp = (name: string, revision: string | null, version: string | null): InstalledApp =>
  systemApp('snap', {
    name,
    version,
    path: revision === null ? null : `/var/lib/snapd/snaps/${name}_${revision}.snap`,
    id: name,
  });

/**
 * snap: snapd's state.json (readable by root only on a live system); otherwise the mounted snaps'
 * `<mount>/<name>/current` links. Versions come from each mounted snap's meta/snap.yaml, so they are
 * null on an offline image where snaps are not mounted.
 */
export const collectSnap = async (host: Host): Promise<SourceResult> => {
  const [stateRead, ...mounts] = await Promise.all([
    readText(host, snapState).then(
      (text) => ({ text, problem: undefined }),
      (error: unknown) => ({ text: undefined, problem: error instanceof Error ? error.message : String(error) }),
    ),
    ...snapMountDirs.map((dir) => host.readDir(dir)),
  ]);
  const mountIndex = mounts.findIndex((names) => names !== undefined && names.length > 0);
  const mountDir = snapMountDirs[mountIndex];

  if (stateRead.text !== undefined) {
    let snaps;
    try {
      snaps = parseSnapState(stateRead.text);
    } catch (error) {
      return errorResult('snap', `${snapState} is not valid JSON: ${error instanceof Error ? error.message : String(error)}`);
    }
    const apps = await Promise.all(
      snaps.map(async (s) =>
        snapApp(s.name, s.revision, mountDir === undefined || s.revision === null ? null : await snapVersion(host, mountDir, s.name, s.revision)),
      ),
    );
    return okResult('snap', `${plural(apps.length, 'snap')} in ${snapState}`, apps);
  }

  const names = mountDir === undefined ? undefined : mounts[mountIndex]?.filter((n) => n !== 'bin' && n !== 'README' && !n.startsWith('.'));
  if (mountDir === undefined || names === undefined) {
    if (stateRead.problem !== undefined) return errorResult('snap', `${snapState} not readable: ${stateRead.problem}`);
    return absentResult('snap', `no ${snapState} and no mounted snaps`);
  }
  const apps = await Promise.all(
    names.map(async (name) => {
      const current = await host.readLink(`${mountDir}/${name}/current`);
      const revision = current !== undefined && /^x?\d+$/.test(current) ? current : null;
      return snapApp(name, revision, revision === null ? null : await snapVersion(host, mountDir, name, revision));
    }),
  );
  const why = stateRead.problem === undefined ? `no ${snapState}` : `${snapState} not readable (${stateRead.problem})`;
  return okResult('snap', `${plural(apps.length, 'snap')} mounted under ${mountDir} (${why})`, apps);
};

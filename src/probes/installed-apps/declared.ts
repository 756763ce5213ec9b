/**
 * The second pass of installed-apps on Linux: what the platform's own metadata declares about the
 * apps the sources found (issue 15). Desktop entries and Flatpak metainfo were attached by their
 * sources; here the Flatpak and snap exported launchers, system AppStream metainfo and Debian
 * package tags are attached, and each scheme says whether it could be read.
 */
import type { Host } from '../../hosts/host.js';
import type { Home } from '../../platform/linux/homes.js';
import type { SharedContext } from '../../platform/run-shared.js';
import type { InstalledApp, SourceResult } from './app.js';
import { plural } from './app.js';
import { desktopMetadata } from './declared-desktop.js';
import { attachAppStream } from './declared-appstream.js';
import { attachDebtags } from './declared-debtags.js';
import type { MetadataSource } from './declared-sources.js';
import type { RunMemo } from '../../run-memo.js';
import { allSchemes } from './declared-sources.js';
import type { Launcher } from './files.js';
import { readExportedLaunchers } from './exported.js';

const sameOwner = (app: InstalledApp, launcher: Launcher): boolean => app.scope === launcher.place.scope && app.user === launcher.place.user;

/** The flatpak or snap entry an exported launcher belongs to (its own installation's first). */
const ownerOf = (launcher: Launcher, apps: readonly InstalledApp[]): InstalledApp | undefined => {
  const { flatpak, snap } = launcher.entry;
  const candidates =
    flatpak !== null
      ? apps.filter((a) => a.source === 'flatpak' && a.id === flatpak)
      : snap !== null
        ? apps.filter((a) => a.source === 'snap' && a.id === snap)
        : [];
  return candidates.find((a) => sameOwner(a, launcher)) ?? candidates[0];
};

interface ExportsResult {
  /** Exported launchers whose app no source listed: kept as desktop-file entries, never lost. */
  orphans: InstalledApp[];
  attached: number;
  dirs: string[];
  problem: string | undefined;
}

const attachExports = async (host: Host, homes: Promise<Home[]>, apps: readonly InstalledApp[]): Promise<ExportsResult> => {
  let problem: string | undefined;
  const people = await homes.catch((error: unknown) => {
    problem = `homes could not be listed (${error instanceof Error ? error.message : String(error)}): users' Flatpak exports not read`;
    return [];
  });
  const { launchers, dirs } = await readExportedLaunchers(host, people);
  const orphans: InstalledApp[] = [];
  let attached = 0;
  for (const launcher of launchers) {
    const metadata = desktopMetadata(launcher.path, launcher.entry);
    const owner = ownerOf(launcher, apps);
    if (owner === undefined) {
      orphans.push({
        name: launcher.entry.name,
        version: null,
        source: 'desktop-file',
        scope: launcher.place.scope,
        user: launcher.place.user,
        path: launcher.path,
        id: launcher.id,
        ...(metadata === undefined ? {} : { metadata: [metadata] }),
      });
    } else if (metadata !== undefined) {
      owner.metadata = [...(owner.metadata ?? []), metadata];
      attached++;
    }
  }
  return { orphans, attached, dirs, problem };
};

const declares = (app: InstalledApp, scheme: string): boolean => app.metadata?.some((m) => m.scheme === scheme) === true;

export interface Declared {
  /** Entries to add to `apps` (exported launchers of apps no source listed). */
  extra: InstalledApp[];
  metadataSources: MetadataSource[];
}

/** Attaches declared metadata to `results`' apps (in place) and answers every scheme's status. */
export const attachDeclared = async (
  host: Host,
  context: SharedContext & { readonly memo?: RunMemo | undefined },
  homes: Promise<Home[]>,
  results: readonly SourceResult[],
): Promise<Declared> => {
  const apps = results.flatMap((r) => r.apps);
  const report = (source: string) => results.find((r) => r.report.source === source)?.report;
  const exports = await attachExports(host, homes, apps);
  const all = [...apps, ...exports.orphans];
  const [appstream, debtags] = await Promise.all([attachAppStream(host, all, context), attachDebtags(host, all, report('dpkg')?.status === 'ok', context)]);

  const desktop = report('desktop-file');
  const launchers = all.filter((a) => a.source === 'desktop-file');
  const declaring = launchers.filter((a) => declares(a, 'freedesktop')).length;
  const exportsPart =
    exports.dirs.length === 0
      ? 'no Flatpak or snap exports'
      : `${plural(exports.attached, 'exported launcher')} attached to its flatpak or snap, ${plural(exports.orphans.length, 'exported launcher')} of no listed app, in ${exports.dirs.join(', ')}`;
  const freedesktopDetail = `${declaring} of ${plural(launchers.length, 'launcher')} declare categories or keywords; ${exportsPart}`;
  const problems = [desktop?.status === 'error' ? `desktop files: ${desktop.detail}` : '', exports.problem ?? ''].filter(Boolean);
  const freedesktop: MetadataSource =
    problems.length > 0
      ? { scheme: 'freedesktop', status: 'error', detail: `${problems.join('; ')}; ${freedesktopDetail}` }
      : desktop?.status !== 'ok' && exports.dirs.length === 0
        ? { scheme: 'freedesktop', status: 'absent', detail: desktop?.detail ?? 'no applications directory' }
        : { scheme: 'freedesktop', status: 'ok', detail: freedesktopDetail };

  const flatpakMetainfo = all.filter((a) => a.source === 'flatpak' && declares(a, 'appstream')).length;
  const appstreamWithFlatpak: MetadataSource =
    flatpakMetainfo === 0
      ? appstream
      : {
          scheme: 'appstream',
          status: appstream.status === 'absent' ? 'ok' : appstream.status,
          detail: `${appstream.detail}; ${plural(flatpakMetainfo, 'flatpak')} with metainfo declaring categories or keywords`,
        };
  return {
    extra: exports.orphans,
    metadataSources: allSchemes([freedesktop, appstreamWithFlatpak, debtags], () => 'not a macOS target'),
  };
};

/**
 * AppStream metainfo of system packages (/usr/share/metainfo, legacy /usr/share/appdata), attached
 * to the app each file describes: the desktop-file entry of its `<launchable type="desktop-id">`,
 * the package entry of its `<pkgname>`, else the desktop-file entry named like its `<id>`. Flatpak
 * apps get theirs where the flatpak source reads it (bundles.ts): the exports' share/metainfo links
 * to that same file of each app's deploy.
 */
import type { Host } from '../../hosts/host.js';
import { textOf } from '../../hosts/host.js';
import { contentKind, fromContent } from '../../content-memo.js';
import type { RunMemo } from '../../run-memo.js';
import type { DeclaredMetadata, InstalledApp } from './app.js';
import { plural } from './app.js';
import type { AppStreamComponent } from './appstream-parse.js';
import { parseAppStream } from './appstream-parse.js';
import type { MetadataSource } from './declared-sources.js';

export const metainfoDirs = ['/usr/share/metainfo', '/usr/share/appdata'] as const;

/**
 * Component types that are apps a person uses (`desktop` is the legacy name of
 * `desktop-application`); add-ons, fonts, codecs, firmware, runtimes and the like describe no app
 * of their own and are not attached.
 */
const appTypes = new Set(['generic', 'desktop-application', 'desktop', 'console-application', 'web-application']);

/** The `appstream` declaration of one component, or undefined when it is no app or declares nothing. */
export const appstreamMetadata = (file: string, component: AppStreamComponent): DeclaredMetadata | undefined => {
  if (!appTypes.has(component.type)) return undefined;
  if (component.categories.length === 0 && component.keywords.length === 0) return undefined;
  return {
    scheme: 'appstream',
    file,
    field: 'categories',
    values: [...component.categories],
    ...(component.keywords.length > 0 ? { keywords: [...component.keywords] } : {}),
  };
};

const packageSources = new Set(['dpkg', 'rpm', 'apk', 'pacman']);

const attach = (app: InstalledApp, metadata: DeclaredMetadata): void => {
  app.metadata = [...(app.metadata ?? []), metadata];
};

/** The entries a system component describes (system-wide launchers first, a user's copy only when there is none). */
const describedBy = (component: AppStreamComponent, apps: readonly InstalledApp[]): InstalledApp[] => {
  const desktopIds = new Set(component.desktopIds.map((d) => d.replace(/\.desktop$/, '')));
  // Legacy ids carry the launcher's file name (`foo.desktop`), current ones are reverse-DNS names
  // that may themselves end in `.desktop` (`org.telegram.desktop`): both readings are tried.
  if (desktopIds.size === 0 && component.id !== null) {
    desktopIds.add(component.id);
    desktopIds.add(component.id.replace(/\.desktop$/, ''));
  }
  const launchers = apps.filter((a) => a.source === 'desktop-file' && a.id !== null && desktopIds.has(a.id));
  const system = launchers.filter((a) => a.scope === 'system');
  const pkgnames = new Set(component.pkgnames);
  const packages = apps.filter((a) => packageSources.has(a.source) && pkgnames.has(a.name));
  return [...(system.length > 0 ? system : launchers), ...packages];
};

/** A metainfo file's component, parsed once per run for the content the hosts share (content-memo.ts). */
const componentKind = contentKind<{ component: AppStreamComponent | undefined }>('appstream: metainfo');

export const attachAppStream = async (
  host: Host,
  apps: readonly InstalledApp[],
  context: { readonly memo?: RunMemo | undefined } = {},
): Promise<MetadataSource> => {
  const listings = await Promise.all(metainfoDirs.map((dir) => host.readDir(dir)));
  const files = metainfoDirs.flatMap((dir, i) => (listings[i] ?? []).filter((n) => n.endsWith('.xml') && !n.startsWith('.')).map((n) => `${dir}/${n}`));
  const found = metainfoDirs.filter((_, i) => listings[i] !== undefined);
  if (found.length === 0) return { scheme: 'appstream', status: 'absent', detail: `no ${metainfoDirs.join(' or ')}` };
  const contents = await Promise.all(files.map((file) => host.readFile(file)));
  let malformed = 0;
  let unreadable = 0;
  let declaring = 0;
  let attached = 0;
  files.forEach((file, i) => {
    const bytes = contents[i];
    if (bytes === undefined) {
      unreadable++;
      return;
    }
    const { component } = fromContent(context.memo, componentKind, bytes, () => ({ component: parseAppStream(textOf(bytes)) }));
    if (component === undefined) {
      malformed++;
      return;
    }
    const metadata = appstreamMetadata(file, component);
    if (metadata === undefined) return;
    declaring++;
    const targets = describedBy(component, apps);
    for (const app of targets) attach(app, { ...metadata, values: [...metadata.values], ...(metadata.keywords ? { keywords: [...metadata.keywords] } : {}) });
    if (targets.length > 0) attached++;
  });
  const skipped = [
    malformed > 0 ? `${plural(malformed, 'malformed file')} skipped` : '',
    unreadable > 0 ? `${plural(unreadable, 'file')} vanished while read` : '',
  ].filter(Boolean);
  const detail =
    `${plural(files.length, 'metainfo file')} in ${found.join(', ')}; ${plural(declaring, 'app')} declaring categories or keywords, ${attached} of them matched to an installed entry` +
    (skipped.length > 0 ? `; ${skipped.join(', ')}` : '');
  return { scheme: 'appstream', status: 'ok', detail };
};

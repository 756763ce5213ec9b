/**
 * Debian package tags of the installed dpkg packages, from apt's Packages lists (app-metadata.md §3):
 * dpkg's status never carries `Tag:`, and a package is looked up by name in every list (the
 * bookworm-security list has no tags at all, main has them for the same package). The lists are
 * read through the scan the `updates` probe shares (src/probes/updates/apt-index.ts).
 */
import type { Host } from '../../hosts/host.js';
import { scanPackagesList } from '../updates/apt-index.js';
import type { SharedContext } from '../../platform/run-shared.js';
import { classifyListFiles, listsDir } from '../updates/apt-lists.js';
import { compareDebianVersions } from '../updates/debian-version.js';
import type { DeclaredMetadata, InstalledApp } from './app.js';
import { plural } from './app.js';
import type { MetadataSource } from './declared-sources.js';
import type { IndexEntry } from '../updates/apt-lists.js';
import { contentKind, fromShared } from '../../content-memo.js';
import type { RunMemo } from '../../run-memo.js';

/**
 * The facets the classification can use (debtags 2.1.5 vocabulary): what a package is used for,
 * works with, speaks, its web and network role, its interface, and whether it is a library. Others
 * (implemented-in, uitoolkit, x11, suite…) are dropped to keep the facts small.
 */
const keptFacets = new Set(['use', 'works-with', 'protocol', 'web', 'role', 'network', 'interface']);
const keptTags = new Set(['devel::library']);

/**
 * Facets that say what a package does. A package tagged only with role, interface and network
 * tags (most libraries and tools: `role::shared-lib`, `interface::commandline`) declares nothing the
 * classification can decide on, so it gets no entry: on a Debian 12 desktop that halves the size
 * of the facts. When one of these is present, the role, interface and network tags come along as
 * the context that tells a program from a library or a server.
 */
const signalFacets = new Set(['use', 'works-with', 'protocol', 'web']);
const facetOf = (tag: string): string => tag.slice(0, Math.max(0, tag.indexOf('::')));

/**
 * A `Tag:` value → its kept tags. Tags are comma separated; the debtags short form
 * `facet::{a,b}` (accepted by the debtags tools, not seen in Debian's lists) is expanded.
 */
export const usefulTags = (value: string): string[] => {
  const tags: string[] = [];
  for (const part of value.match(/[^,{]+(?:\{[^}]*\})?/g) ?? []) {
    const tag = part.trim();
    const braces = /^([^:]+)::\{([^}]*)\}$/.exec(tag);
    const expanded = braces ? (braces[2] ?? '').split(',').map((t) => `${braces[1] ?? ''}::${t.trim()}`) : [tag];
    for (const t of expanded) {
      const facet = facetOf(t);
      if ((keptFacets.has(facet) && t.length > facet.length + 2) || keptTags.has(t)) tags.push(t);
    }
  }
  return [...new Set(tags)];
};

interface Tagged {
  file: string;
  version: string;
  architecture: string;
  /** The kept tags of its `Tag:` value (usefulTags). */
  values: readonly string[];
}

/** Tagged list entries by package name (a null-prototype record: any package name is a plain key). */
type TaggedByName = Readonly<Record<string, readonly Tagged[]>>;

/** The lists' tagged entries by package name, in the lists' order, each with its kept tags. */
const taggedByName = (lists: readonly { file: string; entries: readonly IndexEntry[] }[]): { byName: TaggedByName; tagFields: number } => {
  const byName: Record<string, Tagged[]> = Object.create(null) as Record<string, Tagged[]>;
  // The same Tag value in several lists (a package in main and in -updates) is read once.
  const kept = new Map<string, readonly string[]>();
  let tagFields = 0;
  for (const { file, entries } of lists) {
    for (const entry of entries) {
      const tag = entry.tag;
      if (tag === undefined) continue;
      tagFields++;
      let values = kept.get(tag);
      if (values === undefined) kept.set(tag, (values = usefulTags(tag)));
      (byName[entry.name] ??= []).push({ file, version: entry.version, architecture: entry.architecture, values });
    }
  }
  return { byName, tagFields };
};

// Computed once per run for the lists' contents the hosts share (content-memo.ts).
const taggedKind = contentKind<{ byName: TaggedByName; tagFields: number }>('debtags: tagged entries');

/**
 * Attaches `{scheme: 'debtags', file: <list>, field: 'Tag', values}` to each dpkg entry whose
 * package has a use, works-with, protocol or web tag in some list: the list offering the installed version when it has tags,
 * otherwise the one offering the newest tagged version. Answers the status of the scheme.
 */
export const attachDebtags = async (
  host: Host,
  apps: readonly InstalledApp[],
  dpkgRead: boolean,
  context: SharedContext & { readonly memo?: RunMemo | undefined } = {},
): Promise<MetadataSource> => {
  const dpkg = apps.filter((a) => a.source === 'dpkg');
  if (!dpkgRead) return { scheme: 'debtags', status: 'absent', detail: 'no dpkg database: package tags not looked up' };
  const names = await host.readDir(listsDir);
  const files = names === undefined ? [] : classifyListFiles(names).packages;
  if (files.length === 0) return { scheme: 'debtags', status: 'absent', detail: `no apt package lists in ${listsDir}: package tags unknown` };
  // The same set the updates probe asks for (installed packages with a version and architecture), so the scan is shared.
  const wanted = new Set(dpkg.filter((a) => a.version !== null && a.id !== a.name).map((a) => a.name));
  const scans = await Promise.all(files.map(({ file, compression }) => scanPackagesList(host, file, compression, wanted, context)));
  const problems: string[] = [];
  const lists: { file: string; entries: readonly IndexEntry[] }[] = [];
  scans.forEach((scan, i) => {
    const file = `${listsDir}/${files[i]?.file ?? ''}`;
    if ('problem' in scan) problems.push(`${file}: ${scan.problem}`);
    else lists.push({ file, entries: scan.entries });
  });
  // The same lists' entries (one scan per list content, apt-index.ts): the same index, once per run.
  const { byName, tagFields } = fromShared(
    context.memo,
    taggedKind,
    lists.flatMap((list) => [list.file, list.entries]),
    () => taggedByName(lists),
  );
  let attached = 0;
  for (const app of dpkg) {
    const candidates = byName[app.name];
    if (candidates === undefined) continue;
    const exact = candidates.find((c) => c.version === app.version);
    const chosen = exact ?? candidates.reduce((best, c) => (compareDebianVersions(c.version, best.version) > 0 ? c : best));
    // Each host's own array (its facts), of the tags read once per run.
    const values = [...chosen.values];
    if (!values.some((t) => signalFacets.has(facetOf(t)))) continue;
    const metadata: DeclaredMetadata = { scheme: 'debtags', file: chosen.file, field: 'Tag', values };
    app.metadata = [...(app.metadata ?? []), metadata];
    attached++;
  }
  const read = `${plural(files.length - problems.length, 'package list')} read`;
  if (problems.length > 0) {
    return {
      scheme: 'debtags',
      status: 'error',
      detail: `${read}, ${plural(problems.length, 'list')} unreadable (${problems.join('; ')}): package tags of some packages unknown`,
    };
  }
  if (tagFields === 0)
    return { scheme: 'debtags', status: 'absent', detail: `${read}: none carries a Tag field for an installed package, so package tags are unknown` };
  return {
    scheme: 'debtags',
    status: 'ok',
    detail: `${read}; ${plural(attached, 'installed package')} of ${dpkg.length} with tags saying what they are used for, work with or speak`,
  };
};

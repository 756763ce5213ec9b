/**
 * Apps the catalog does not name, classified from the metadata their platform declares (the table
 * in metadata-table.ts). Pure: installed-apps entries in, classified apps out.
 *
 * 1. Group: entries that are one app are linked by shared keys (union of every link):
 *    - a package (dpkg, rpm, apk, pacman) by its name;
 *    - a desktop entry by its id, by its id taken as a package name (`pidgin` → package pidgin), by
 *      the last dotted segment of its id taken as a package name (`io.github.Hexchat` → hexchat,
 *      `org.kde.konversation` → konversation), as a Flatpak app id (Flatpak exports the entry under
 *      the app id) and, for `<snap>_<app>` ids, as a snap name;
 *    - a Flatpak by its app id, a snap by its name, an app bundle by its bundle id.
 *    A link that misses (`im.dino.Dino` vs package dino-im) leaves two entries for one app: both are
 *    classified and reported, never hidden.
 * 2. A group with an entry the catalog matched belongs to that catalog app: its other entries are
 *    not classified (the catalog stays the precise layer, and naming a package or a desktop id in an
 *    organisation catalog approves or reclassifies the whole app).
 * 3. Classify the rest: every declaration of every entry of the group, through the table.
 */
import type { Json, JsonObject } from '../../../model.js';
import type { AppCategory } from '../../../policy/catalog.js';
import type { MetadataScheme, TableRow } from './metadata-table.js';
import { debtagsInterface, debtagsNotAnApp, debtagsProgram, debtagsServer, keywordIn, rowsFor } from './metadata-table.js';
import { memoTable, type MemoTable } from '../../../run-memo.js';

/** One app classified from metadata: its members are installed-apps entries. */
export interface MetadataApp {
  /** `deb:irssi`, `desktop:org.kde.konversation`, `flatpak:im.dino.Dino`, `macos:com.example.chat`: never a catalog id. */
  id: string;
  name: string;
  categories: AppCategory[];
  members: JsonObject[];
  /** One line per file and category: which file, which field, which values, which category. */
  evidence: string[];
}

interface Declaration {
  scheme: MetadataScheme;
  file: string;
  field: string;
  values: string[];
  keywords: string[];
  /** The entry it belongs to (name shown for tags and plists, which describe a package or bundle). */
  owner: string;
}

const schemes: readonly MetadataScheme[] = ['freedesktop', 'appstream', 'debtags', 'macos'];
const isObject = (j: Json | undefined): j is JsonObject => typeof j === 'object' && j !== null && !Array.isArray(j);
const text = (o: JsonObject, key: string): string | null => {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : null;
};
const strings = (j: Json | undefined): string[] => (Array.isArray(j) ? j.filter((v): v is string => typeof v === 'string') : []);

const packageSources = new Set(['dpkg', 'rpm', 'apk', 'pacman']);
const packagePrefix: Record<string, string> = { dpkg: 'deb', rpm: 'rpm', apk: 'apk', pacman: 'pacman' };

/** The package name without a dpkg `:arch` or rpm `.arch` suffix (the `name` field has none). */
const packageName = (entry: JsonObject): string | null => text(entry, 'name') ?? text(entry, 'id');

/** One item of an entry's metadata is a declaration: a known scheme, and the file it is read from. */
const declaration = (m: Json): boolean => isObject(m) && schemes.some((s) => s === m.scheme) && text(m, 'file') !== null;

/** The declarations an entry carries, as far as they have the shape installed-apps gives them. */
const declarations = (entry: JsonObject): Declaration[] => {
  const metadata = entry.metadata;
  if (!Array.isArray(metadata)) return [];
  const owner = text(entry, 'name') ?? text(entry, 'id') ?? '?';
  return metadata.filter(isObject).flatMap((m): Declaration[] => {
    const scheme = schemes.find((s) => s === m.scheme);
    const file = text(m, 'file');
    if (scheme === undefined || file === null) return [];
    return [{ scheme, file, field: text(m, 'field') ?? '?', values: strings(m.values), keywords: strings(m.keywords), owner }];
  });
};

/**
 * The keys that link an entry to the other entries of the same app. A desktop entry's guesses
 * (package, Flatpak, snap) count only when such a package, Flatpak or snap is there (`provided`),
 * so two desktop entries never link through a guess alone (`org.a.desktop`, `org.b.desktop`).
 */
export interface EntryLinks {
  /** The entry's own keys; null when it has none (it is then a group of its own, keyed by its index). */
  own: readonly string[] | null;
  /** A desktop entry's guesses: each links only when another entry provides it. */
  guesses: readonly string[];
  /** A desktop entry: its keys provide nothing to the guesses of others. */
  desktop: boolean;
  /** It carries a declaration: a group where no entry does is never classified. */
  declares: boolean;
}

/** What an entry links by (see EntryLinks); a function of the entry alone. */
export const entryLinks = (entry: JsonObject): EntryLinks => {
  const source = text(entry, 'source') ?? '';
  const id = text(entry, 'id')?.toLowerCase() ?? null;
  const name = text(entry, 'name')?.toLowerCase() ?? null;
  const declares = Array.isArray(entry.metadata) && entry.metadata.some(declaration);
  const links = (own: readonly string[] | null, guesses: readonly string[] = []): EntryLinks => ({
    own,
    guesses,
    desktop: source === 'desktop-file',
    declares,
  });
  if (packageSources.has(source)) {
    const pkg = packageName(entry)?.toLowerCase();
    return links(pkg ? [`pkg:${pkg}`] : null);
  }
  switch (source) {
    case 'desktop-file': {
      if (!id) return links(null);
      const guesses = [`pkg:${id}`, `flatpak:${id}`];
      const last = id.split('.').pop();
      if (id.includes('.') && last) guesses.push(`pkg:${last}`);
      const snap = /^([a-z0-9-]+)_[^_]+$/.exec(id)?.[1];
      if (snap) guesses.push(`snap:${snap}`);
      return links([`desktop:${id}`], guesses);
    }
    case 'flatpak':
      return links(id ? [`flatpak:${id}`, `desktop:${id}`] : null);
    case 'snap':
      return links(id || name ? [`snap:${id ?? name ?? ''}`] : null);
    case 'macos-bundle':
      return links(id ? [`bundle:${id}`] : null);
    default:
      return links(null);
  }
};

/** Union-find over entry indices; groups in order of their first entry, each in index order. */
const groupIndices = (links: readonly EntryLinks[]): number[][] => {
  const parent = links.map((_, i) => i);
  const find = (i: number): number => {
    let root = i;
    while (parent[root] !== root) root = parent[root] ?? root;
    let at = i;
    while (parent[at] !== root) {
      const next = parent[at] ?? root;
      parent[at] = root;
      at = next;
    }
    return root;
  };
  const provided = new Set<string>();
  for (const link of links) if (!link.desktop) for (const key of link.own ?? []) provided.add(key);
  const owner = new Map<string, number>();
  const join = (key: string, i: number): void => {
    const other = owner.get(key);
    if (other === undefined) owner.set(key, i);
    else parent[find(i)] = find(other);
  };
  links.forEach((link, i) => {
    if (link.own === null) return;
    for (const key of link.own) join(key, i);
    for (const key of link.guesses) if (provided.has(key)) join(key, i);
  });
  const groups = new Map<number, number[]>();
  links.forEach((_, i) => {
    const root = find(i);
    const group = groups.get(root);
    if (group === undefined) groups.set(root, [i]);
    else group.push(i);
  });
  return [...groups.values()];
};

/** Order in which a group's entries give it its id. */
const idOrder = ['dpkg', 'rpm', 'apk', 'pacman', 'flatpak', 'snap', 'macos-bundle', 'appx', 'windows-uninstall', 'desktop-file', 'appimage', 'opt-dir'];

const appId = (entry: JsonObject): string => {
  const source = text(entry, 'source') ?? 'app';
  const id = text(entry, 'id');
  const name = text(entry, 'name');
  const path = text(entry, 'path');
  if (packageSources.has(source)) return `${packagePrefix[source] ?? source}:${packageName(entry) ?? '?'}`;
  switch (source) {
    case 'desktop-file':
      return `desktop:${id ?? path ?? name ?? '?'}`;
    case 'macos-bundle':
      return `macos:${id ?? name ?? '?'}`;
    case 'windows-uninstall':
      return `windows:${id ?? name ?? '?'}`;
    case 'opt-dir':
      return `dir:${path ?? name ?? '?'}`;
    default:
      return `${source}:${id ?? name ?? path ?? '?'}`;
  }
};

const primary = (members: readonly JsonObject[]): JsonObject | undefined => [...members].sort((a, b) => rank(a) - rank(b))[0];
const rank = (entry: JsonObject): number => {
  const i = idOrder.indexOf(text(entry, 'source') ?? '');
  return i === -1 ? idOrder.length : i;
};

const label: Record<MetadataScheme, string> = {
  freedesktop: 'desktop entry',
  appstream: 'AppStream metainfo',
  debtags: 'Debian package tags',
  macos: 'Info.plist',
};

const where = (d: Declaration): string => (d.scheme === 'debtags' ? `${label.debtags} of ${d.owner} in ${d.file}` : `${label[d.scheme]} ${d.file}`);

/** Categories a debtags declaration may not give (not an app; a server). */
const debtagsExcluded = (d: Declaration): ((category: AppCategory) => boolean) => {
  const has = (tag: string): boolean => d.values.includes(tag);
  const anApp = has(debtagsProgram) && d.values.some((tag) => debtagsInterface.some((prefix) => tag.startsWith(prefix)));
  if (!anApp && debtagsNotAnApp.some(has)) return () => true;
  if (has(debtagsServer.tag) && !has(debtagsServer.unless)) return (category) => !debtagsServer.spares.includes(category);
  return () => false;
};

interface Hit {
  declaration: Declaration;
  row: TableRow & { category: AppCategory };
}

/** Where a group's second signals may be found: search words, names, ids. */
const signalTexts = (members: readonly JsonObject[], decls: readonly Declaration[]): { text: string; where: string }[] => [
  ...decls.flatMap((d) => d.keywords.map((k) => ({ text: k, where: `the Keywords/GenericName of ${d.file}` }))),
  ...members.flatMap((m) => {
    const name = text(m, 'name');
    const id = text(m, 'id');
    return [...(name ? [{ text: name, where: `the name "${name}"` }] : []), ...(id && id !== name ? [{ text: id, where: `the id ${id}` }] : [])];
  }),
];

/** The categories one group of entries declares, with one evidence line per file and category. */
const classifyGroup = (members: readonly JsonObject[]): { categories: AppCategory[]; evidence: string[] } => {
  const decls = members.flatMap(declarations);
  const hits: Hit[] = decls.flatMap((declaration) => {
    const excluded = declaration.scheme === 'debtags' ? debtagsExcluded(declaration) : () => false;
    return declaration.values.flatMap((value) =>
      rowsFor(declaration.scheme, value).flatMap((row): Hit[] =>
        row.category !== null && row.strength !== 'never' && !excluded(row.category) ? [{ declaration, row: { ...row, category: row.category } }] : [],
      ),
    );
  });
  const texts = signalTexts(members, decls);
  const decided = new Set(hits.filter((h) => h.row.strength === 'decides').map((h) => h.row.category));
  const counted = new Map<string, { declaration: Declaration; category: AppCategory; values: string[]; notes: string[] }>();
  for (const hit of hits) {
    const { declaration, row } = hit;
    let note: string | null = null;
    // A corroborated value counts when another value of any entry of the app decides the category
    // (it then only adds to the evidence), or with a keyword of the category.
    if (row.strength === 'corroborated' && !decided.has(row.category)) {
      const keyword = texts.map((t) => ({ found: keywordIn(row.category, t.text), where: t.where })).find((k) => k.found !== undefined);
      if (keyword?.found === undefined) continue;
      note = `"${keyword.found}" in ${keyword.where}`;
    }
    const key = JSON.stringify([declaration.file, declaration.field, declaration.owner, row.category]);
    const line = counted.get(key) ?? { declaration, category: row.category, values: [], notes: [] };
    if (!line.values.includes(row.value)) line.values.push(row.value);
    if (note !== null && !line.notes.includes(note)) line.notes.push(note);
    counted.set(key, line);
  }
  const lines = [...counted.values()];
  const categories = [...new Set(lines.map((l) => l.category))].sort();
  const evidence = lines.map(
    (l) => `${where(l.declaration)}: ${l.declaration.field} ${l.values.join(', ')} → ${l.category}${l.notes.length > 0 ? ` (with ${l.notes.join('; ')})` : ''}`,
  );
  return { categories, evidence: [...new Set(evidence)].sort() };
};

/** The display name of a group: a desktop entry's or bundle's name, else the primary entry's. */
const groupName = (members: readonly JsonObject[], first: JsonObject): string => {
  const shown = members.find((m) => ['desktop-file', 'flatpak', 'macos-bundle'].includes(text(m, 'source') ?? ''));
  return text(shown ?? first, 'name') ?? text(first, 'id') ?? '?';
};

/** What a group of entries is classified as (null: nothing), a function of its members alone. */
export interface GroupClass {
  id: string;
  name: string;
  categories: AppCategory[];
  evidence: string[];
}

const classified = (members: readonly JsonObject[]): GroupClass | null => {
  const { categories, evidence } = classifyGroup(members);
  const first = primary(members);
  if (categories.length === 0 || first === undefined) return null;
  return { id: appId(first), name: groupName(members, first), categories, evidence };
};

/**
 * The exact inputs of one entry that decide how its group is classified and named (its source,
 * names, path and declarations: not its version, owner or scope, which classification does not
 * read): equal keys, equal results. Never its name alone.
 */
export const entryKey = (entry: JsonObject): string => JSON.stringify([entry.source, entry.name, entry.id, entry.path, entry.metadata]);

/**
 * What classification reads of one entry, made once per entry by a caller that sees the same
 * entries again (the hosts of a run: derive.ts): its links, and a key that is equal only for
 * entries with equal entryKeys (entryKey itself, or any finer key that never starts with `[`).
 */
export interface EntryClassing {
  links(entry: JsonObject): EntryLinks;
  key(entry: JsonObject): string;
}

const eachTime: EntryClassing = { links: entryLinks, key: entryKey };

/**
 * The apps among `installed` that the catalog did not match and metadata classifies. `matched[i]`
 * is the catalog app id entry i matched, or null. `classes` keeps what each group of entries was
 * classified as, by its members' keys (`entries.key`: entryKey unless told) in order, for the other
 * hosts of a run (src/run-memo.ts).
 */
export const classifyByMetadata = (
  installed: readonly JsonObject[],
  matched: readonly (string | null)[],
  classes: MemoTable<GroupClass | null> = memoTable(),
  entries: EntryClassing = eachTime,
): MetadataApp[] => {
  const links = installed.map((entry) => entries.links(entry));
  const apps: MetadataApp[] = [];
  for (const indices of groupIndices(links)) {
    // A group without a declaration has nothing to classify it by.
    if (!indices.some((i) => links[i]?.declares === true)) continue;
    if (indices.some((i) => (matched[i] ?? null) !== null)) continue;
    const members = indices.flatMap((i): JsonObject[] => {
      const entry = installed[i];
      return entry ? [entry] : [];
    });
    // Keys are JSON text, which holds no raw line break: joined by one, they stay apart.
    const found = classes.get(members.map((entry) => entries.key(entry)).join('\n'), () => classified(members));
    if (found === null) continue;
    apps.push({ id: found.id, name: found.name, categories: [...found.categories], members, evidence: [...found.evidence] });
  }
  return apps.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
};

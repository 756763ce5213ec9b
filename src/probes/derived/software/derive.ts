import type { Json, JsonObject, Platform, ProbeOutcome, UnknownReason } from '../../../model.js';
import type { Catalog, CatalogApp } from '../../../policy/catalog.js';
import { failed, ok, unsupported } from '../../probe.js';
import type { AppSignal } from '../../../software/match.js';
import { matchAnswers, matchFirst, type MatchAnswers } from '../../../software/match.js';
import { configClaim } from './config-claim.js';
import { classifyByMetadata, entryKey, entryLinks, type EntryClassing, type EntryLinks, type GroupClass } from './metadata.js';
import { browserTraces, webItems, webMatchers, type WebMatchers } from './web.js';
import { memoSlot, memoTable, runMemo, share, sharedId, sharedValueEntries, type MemoTable, type RunMemo } from '../../../run-memo.js';

/**
 * The derived `software` fact family: `installed-apps` and `app-activity` joined through the app
 * catalog into one entry per detected catalog app, plus one per app the catalog does not name that
 * platform metadata classifies (src/probes/derived/software/metadata.ts). Pure: the clock comes in as `now`
 * (a function: read only for what depends on the time, so that a run can share the rest, derived/index.ts).
 */

type ItemKind = 'install' | 'metadata' | 'process' | 'data' | 'config' | 'web';

interface Item {
  kind: ItemKind;
  /** The app the identifier matched (before homeserver reassignment). */
  appId: string;
  /** Owning user, or null for system-wide (or unknown-owner) evidence. */
  user: string | null;
  evidence: string;
  /** Data items: when the directory last changed (ISO 8601). */
  lastChange?: string;
  /** Config items: the app the config belongs to (config-claim.ts), when it is another app. */
  claimedAppId?: string;
  /** Config items: why the config withdraws its app's approval (config-claim.ts). */
  withdraws?: string;
  /** Web items: an installed web app (not a permission or visits). */
  webApp?: boolean;
}

const isObject = (j: Json | undefined): j is JsonObject => typeof j === 'object' && j !== null && !Array.isArray(j);
const text = (o: JsonObject, key: string): string | null => {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : null;
};
const objects = (j: Json | undefined): JsonObject[] | null => (Array.isArray(j) ? j.filter(isObject) : null);

const basename = (path: string): string => path.split(/[/\\]/).filter(Boolean).pop() ?? path;

const packageSources = new Set(['dpkg', 'rpm', 'apk', 'pacman']);

/** Identifiers to try for one installed-apps entry, strongest first. */
const signalsFor = (entry: JsonObject): AppSignal[] => {
  const name = text(entry, 'name');
  const id = text(entry, 'id');
  const path = text(entry, 'path');
  // Called for every package of every host: one array, no intermediate ones.
  const signals: AppSignal[] = [];
  const signal = (kind: AppSignal['kind'], value: string | null): AppSignal[] => {
    if (value) signals.push({ kind, value });
    return signals;
  };
  const source = text(entry, 'source') ?? '';
  if (packageSources.has(source)) {
    signal('package', id);
    return signal('package', name);
  }
  switch (source) {
    case 'flatpak':
      signal('flatpak', id ?? name);
      return signal('display-name', id ? name : null);
    case 'snap':
      signal('snap', id);
      return signal('snap', name);
    case 'desktop-file':
      signal('desktop-file', id ?? path);
      return signal('display-name', name);
    case 'appimage':
      signal('display-name', name);
      return signal('display-name', path ? basename(path) : null);
    case 'opt-dir':
      signal('install-dir', path);
      return signal('display-name', name);
    case 'macos-bundle':
      signal('bundle-id', id);
      return signal('display-name', name);
    case 'windows-uninstall':
      signal('uninstall-key', id);
      return signal('uninstall-name', name);
    case 'appx':
      signal('appx', id);
      return signal('appx', name);
    default:
      return signal('display-name', name);
  }
};

const owner = (entry: JsonObject): string => {
  const user = text(entry, 'user');
  if (user) return ` (user ${user})`;
  return text(entry, 'scope') === 'system' ? ' (system)' : '';
};

const installEvidence = (entry: JsonObject): string => {
  const source = text(entry, 'source') ?? 'unknown source';
  const name = text(entry, 'name');
  const id = text(entry, 'id');
  const path = text(entry, 'path');
  const version = text(entry, 'version');
  const v = version ? ` ${version}` : '';
  if (packageSources.has(source)) return `${source} package ${id ?? name ?? '?'}${v}`;
  switch (source) {
    case 'flatpak':
      return `flatpak ${id ?? name ?? '?'}${v}${owner(entry)}`;
    case 'snap':
      return `snap ${id ?? name ?? '?'}${v}`;
    case 'desktop-file':
      return `desktop file ${path ?? id ?? '?'}${name ? ` (${name})` : ''}`;
    case 'appimage':
      return `AppImage ${path ?? name ?? '?'}${v}`;
    case 'opt-dir':
      return `install directory ${path ?? name ?? '?'}`;
    case 'macos-bundle':
      return `app bundle ${path ?? name ?? '?'} (${[id, version].filter(Boolean).join(' ') || 'no bundle id'})`;
    case 'windows-uninstall':
      return `uninstall entry "${name ?? id ?? '?'}"${v}${owner(entry)}`;
    case 'appx':
      return `AppX package ${id ?? name ?? '?'}${v}${owner(entry)}`;
    default:
      return `${source} ${name ?? id ?? path ?? '?'}${v}${owner(entry)}`;
  }
};

interface Activity {
  /** null = could not be determined (probe missing, or the field is null). */
  processes: JsonObject[] | null;
  dataDirs: JsonObject[] | null;
  matrixConfigs: JsonObject[] | null;
  /** What could not be seen, so apps may be missing from the join. */
  gaps: UnknownReason[];
}

const activityFields = ['processes', 'dataDirs', 'matrixConfigs'] as const;

/**
 * The activity lists, and what is missing from them. Processes do not exist on a target at rest:
 * their absence there is not a gap. Anything else unknown (the probe failed, was not collected, a
 * list is null or marked incomplete) is a gap: an app seen only through it could be missed.
 */
const activityOf = (outcome: ProbeOutcome | undefined, live: boolean): Activity => {
  if (outcome === undefined) {
    return { processes: null, dataDirs: null, matrixConfigs: null, gaps: [{ code: 'not-collected', detail: 'app-activity was not collected' }] };
  }
  if (outcome.status === 'error' || outcome.status === 'unsupported') {
    const detail = `app-activity: ${outcome.status === 'error' ? outcome.message : outcome.reason}`;
    const code = outcome.status === 'error' ? (outcome.code ?? 'probe-failed') : 'undetermined';
    return { processes: null, dataDirs: null, matrixConfigs: null, gaps: [{ code, detail }] };
  }
  const gaps: UnknownReason[] = [];
  const lists = activityFields.map((field) => {
    const list = objects(outcome.facts[field]);
    const marked = outcome.status === 'partial' ? outcome.unknown[field] : undefined;
    if (marked !== undefined) gaps.push({ code: marked.code, detail: `app-activity: ${marked.detail}` });
    else if (list === null && (live || field !== 'processes')) gaps.push({ code: 'undetermined', detail: `app-activity.${field} is unknown` });
    return list;
  });
  const [processes = null, dataDirs = null, matrixConfigs = null] = lists;
  return { processes, dataDirs, matrixConfigs, gaps };
};

/** The work of this family shared between the hosts of a run, per catalog and platform (src/run-memo.ts). */
interface SoftwareMemo {
  /** Catalog answers, by signal kind and value. */
  answers: MatchAnswers;
  /** What metadata classifies a group of entries as, by the entries (metadata.ts). */
  classes: MemoTable<GroupClass | null>;
  /** Browser traces to catalog apps: origins, and app ids (two SHA-256 each) computed once. */
  web: WebMatchers;
  /**
   * What each installed-apps entry the run shares gives (EntryWork): by the entry itself, which is
   * frozen and made once per distinct text (snapshot-format.ts): one entry, one content.
   */
  entries: WeakMap<JsonObject, EntryWork>;
  /** The outcome but for the check time (SoftwareCore), by its inputs (coreKey), for a run that shares. */
  cores: MemoTable<SoftwareCore>;
}

/**
 * The software outcome without the time: `outcome` holds `lastUsed: null` for each app that runs,
 * whose lastUsed is the check time (`running`: their indices in `facts.apps`). A function of the
 * inputs, the catalog, the platform and whether the target is live alone; finished per host by
 * withCheckTime.
 */
interface SoftwareCore {
  outcome: ProbeOutcome;
  running: readonly number[];
}

/**
 * What the join reads of one installed-apps entry: a function of the entry (and of the catalog and
 * platform its memo is for), computed once per shared entry, so that a list with one app changed
 * costs one entry, not the list.
 */
interface EntryWork {
  /** The catalog app the entry matched, or null. */
  appId: string | null;
  user: string | null;
  /** installEvidence, when first needed. */
  evidence?: string;
  /** metadata.ts: its links and classification key, when first needed. */
  links?: EntryLinks;
  key?: string;
}

const entryWork = (catalog: Catalog, platform: Platform, entry: JsonObject, answers: MatchAnswers): EntryWork => ({
  appId: matchFirst(catalog, platform, signalsFor(entry), answers)?.app.id ?? null,
  user: text(entry, 'user'),
});

/** The work of each entry, kept for the entries the run shares (sharedId), made again for any other. */
const entryWorks = (catalog: Catalog, platform: Platform, memo: SoftwareMemo): ((entry: JsonObject) => EntryWork) => {
  return (entry) => {
    if (sharedId(entry) === undefined) return entryWork(catalog, platform, entry, memo.answers);
    let work = memo.entries.get(entry);
    if (work === undefined) memo.entries.set(entry, (work = entryWork(catalog, platform, entry, memo.answers)));
    return work;
  };
};

const evidenceOf = (work: EntryWork, entry: JsonObject): string => (work.evidence ??= installEvidence(entry));

/** Classification's reads of an entry (metadata.ts, EntryClassing): kept with its work; a shared entry is keyed by its number. */
const classing = (workOf: (entry: JsonObject) => EntryWork): EntryClassing => ({
  links: (entry) => {
    const work = workOf(entry);
    return (work.links ??= entryLinks(entry));
  },
  key: (entry) => {
    const id = sharedId(entry);
    // A shared entry's number names its whole content (entryKey reads part of it); never starts with `[`.
    if (id === undefined) return entryKey(entry);
    const work = workOf(entry);
    return (work.key ??= `#${String(id)}`);
  },
});

const softwareSlot = memoSlot('software', () => new WeakMap<Catalog, Map<Platform, SoftwareMemo>>());

const softwareMemo = (memo: RunMemo, catalog: Catalog, platform: Platform): SoftwareMemo => {
  const byCatalog = memo.slot(softwareSlot);
  let byPlatform = byCatalog.get(catalog);
  if (byPlatform === undefined) {
    byPlatform = new Map();
    byCatalog.set(catalog, byPlatform);
  }
  let found = byPlatform.get(platform);
  if (found === undefined) {
    found = {
      answers: matchAnswers(catalog, platform),
      classes: memoTable(),
      web: webMatchers(catalog),
      entries: new WeakMap(),
      cores: memoTable(sharedValueEntries),
    };
    byPlatform.set(platform, found);
  }
  return found;
};

const collectItems = (
  catalog: Catalog,
  platform: Platform,
  installed: JsonObject[],
  activity: Activity,
  byId: Map<string, CatalogApp>,
  byMetadata: Set<string>,
  memo: SoftwareMemo,
): Item[] => {
  const items: Item[] = [];
  const workOf = entryWorks(catalog, platform, memo);
  const matched = installed.map((entry) => {
    const work = workOf(entry);
    if (work.appId !== null) items.push({ kind: 'install', appId: work.appId, user: work.user, evidence: evidenceOf(work, entry) });
    return work.appId;
  });
  // What the catalog does not name, classified from platform metadata: never approved.
  for (const app of classifyByMetadata(installed, matched, memo.classes, classing(workOf))) {
    byId.set(app.id, { id: app.id, name: app.name, categories: app.categories, approved: false });
    byMetadata.add(app.id);
    for (const entry of app.members) {
      const work = workOf(entry);
      items.push({ kind: 'install', appId: app.id, user: work.user, evidence: evidenceOf(work, entry) });
    }
    for (const line of app.evidence) items.push({ kind: 'metadata', appId: app.id, user: null, evidence: line });
  }

  // Electron apps run many processes with the same name: one line per app, name and user.
  const processGroups = new Map<string, { appId: string; name: string; user: string | null; pids: number[] }>();
  for (const p of activity.processes ?? []) {
    const appId = text(p, 'appId');
    if (!appId || !byId.has(appId)) continue;
    const name = text(p, 'name') ?? (text(p, 'exe') ? basename(text(p, 'exe') ?? '') : '?');
    const user = text(p, 'user');
    const key = JSON.stringify([appId, name, user]);
    const group = processGroups.get(key) ?? { appId, name, user, pids: [] };
    if (typeof p.pid === 'number') group.pids.push(p.pid);
    processGroups.set(key, group);
  }
  for (const g of processGroups.values()) {
    const pids = [...g.pids].sort((a, b) => a - b);
    const first = pids[0];
    const more = pids.length > 1 ? ` and ${pids.length - 1} more` : '';
    const pid = first === undefined ? '' : ` pid ${first}${more}`;
    items.push({
      kind: 'process',
      appId: g.appId,
      user: g.user,
      evidence: `process ${g.name}${pid}${g.user ? ` (user ${g.user})` : ''}`,
    });
  }

  for (const d of activity.dataDirs ?? []) {
    const appId = text(d, 'appId');
    const path = text(d, 'path');
    if (!appId || !byId.has(appId) || !path) continue;
    const lastChange = text(d, 'lastChange');
    items.push({
      kind: 'data',
      appId,
      user: text(d, 'user'),
      evidence: `data directory ${path}${lastChange ? ` changed ${lastChange}` : ''}`,
      ...(lastChange && Number.isFinite(Date.parse(lastChange)) ? { lastChange } : {}),
    });
  }

  for (const c of activity.matrixConfigs ?? []) {
    const appId = text(c, 'appId');
    const path = text(c, 'path');
    const app = appId ? byId.get(appId) : undefined;
    if (!app || !path) continue;
    const claim = configClaim(catalog, app, {
      homeserver: text(c, 'homeserver'),
      baseUrlHost: text(c, 'baseUrlHost'),
      brand: text(c, 'brand'),
      linkHosts: Array.isArray(c.linkHosts) ? c.linkHosts.filter((h): h is string => typeof h === 'string') : [],
    });
    const evidence = `${app.name} config ${path} ${claim.evidence}`;
    items.push({
      kind: 'config',
      appId: app.id,
      user: text(c, 'user'),
      evidence,
      ...(claim.app.id !== app.id ? { claimedAppId: claim.app.id } : {}),
      ...(claim.withdraws ? { withdraws: `${claim.withdraws}: ${evidence}` } : {}),
    });
  }
  return items;
};

/**
 * Element-style config reassignment. For app A and user u: if every A config of u belongs to the
 * same other app H (its homeserver's, else its brand's or URLs', config-claim.ts), u's A evidence
 * belongs to H (e.g. element → luxchat4gov). A config always belongs to the app it claims. Evidence without a user (system-wide
 * installs) goes to every app A's users resolve to; to A itself when A has no user evidence.
 */
const reassign = (items: readonly Item[]): { target: string; item: Item }[] => {
  const targetOf = new Map<string, string>(); // JSON [appId, user] → target app id
  const configTargets = new Map<string, Set<string>>();
  for (const item of items) {
    if (item.kind !== 'config' || item.user === null) continue;
    const key = JSON.stringify([item.appId, item.user]);
    const set = configTargets.get(key) ?? new Set<string>();
    set.add(item.claimedAppId ?? item.appId);
    configTargets.set(key, set);
  }
  for (const [key, targets] of configTargets) {
    const [only] = [...targets];
    if (targets.size === 1 && only !== undefined) targetOf.set(key, only);
  }
  const userTarget = (appId: string, user: string): string => targetOf.get(JSON.stringify([appId, user])) ?? appId;

  const usersOf = new Map<string, Set<string>>();
  for (const item of items) {
    if (item.user === null) continue;
    const set = usersOf.get(item.appId) ?? new Set<string>();
    set.add(item.user);
    usersOf.set(item.appId, set);
  }

  return items.flatMap((item) => {
    if (item.kind === 'config') return [{ target: item.claimedAppId ?? item.appId, item }];
    // A browser trace names its app by origin: a desktop client's config does not move it.
    if (item.kind === 'web') return [{ target: item.appId, item }];
    if (item.user !== null) return [{ target: userTarget(item.appId, item.user), item }];
    const users = [...(usersOf.get(item.appId) ?? [])];
    const targets = users.length === 0 ? [item.appId] : [...new Set(users.map((u) => userTarget(item.appId, u)))];
    return targets.map((target) => ({ target, item }));
  });
};

/** The metadata schemes a platform has (Windows declares no app category locally: app-metadata.md §5). */
const schemesOf: Record<Platform, readonly string[]> = { linux: ['freedesktop', 'appstream', 'debtags'], macos: ['macos'], windows: [] };

const schemeNames: Record<string, string> = {
  freedesktop: 'desktop entry categories',
  appstream: 'AppStream categories',
  debtags: 'Debian package tags',
  macos: 'macOS app categories',
};

/**
 * What the metadata sources say about the classification of apps the catalog does not name.
 * A scheme present but unreadable (`error`) makes the app lists incomplete: an app it would have
 * classified may be missing, so a rule over them cannot pass. A scheme that is not on the target
 * (`absent`: e.g. an image without /var/lib/apt/lists) is a note, not a gap: most images have no
 * apt lists and no desktop entries, and failing every such check would bury real findings. The
 * note says what goes unseen (a terminal chat client with neither tags nor a desktop entry).
 */
const metadataCoverage = (sources: Json | undefined, platform: Platform): { gaps: UnknownReason[]; notes: string[] } => {
  if (platform === 'windows') return { gaps: [], notes: ['Windows declares no app category locally: apps the catalog does not name are not classified'] };
  const list = objects(sources)?.filter((s) => schemesOf[platform].includes(text(s, 'scheme') ?? '')) ?? null;
  if (list === null) return { gaps: [], notes: ['installed-apps reported no metadata sources: apps the catalog does not name were not classified'] };
  const gaps: UnknownReason[] = [];
  const notes: string[] = [];
  for (const source of list) {
    const scheme = text(source, 'scheme') ?? '?';
    const what = schemeNames[scheme] ?? scheme;
    const detail = text(source, 'detail');
    const status = text(source, 'status');
    if (status === 'error') {
      gaps.push({
        code: 'unreadable',
        detail: `installed-apps: ${what} could not be read${detail ? ` (${detail})` : ''}, so an app the catalog does not name may be unclassified`,
      });
      notes.push(`${what}: unreadable${detail ? ` (${detail})` : ''}`);
    } else if (status !== 'ok') {
      notes.push(`${what}: not on the target${detail ? ` (${detail})` : ''}; apps the catalog does not name were classified without them`);
    }
  }
  return { gaps, notes };
};

/** One `software.apps` entry. */
export type SoftwareApp = {
  id: string;
  name: string;
  categories: string[];
  approved: boolean;
  /** Why approved or not: the catalog's reason, or why a config withdrew the approval. */
  reason?: string;
  /** `catalog`: a catalog entry matched; `metadata`: classified from what the platform declares. */
  classifiedBy: 'catalog' | 'metadata';
  installed: boolean;
  running: boolean | null;
  dataPresent: boolean | null;
  /** A browser trace (web app, allowed permission, visits) matched; null when browsers could not be read. */
  inBrowser: boolean | null;
  lastUsed: string | null;
  evidence: string[];
};

const kindOrder: readonly ItemKind[] = ['install', 'metadata', 'process', 'data', 'config', 'web'];

const latest = (isoTimes: readonly string[]): string | null => {
  let best: { time: number; iso: string } | null = null;
  for (const iso of isoTimes) {
    const time = Date.parse(iso);
    if (best === null || time > best.time) best = { time, iso: new Date(time).toISOString() };
  }
  return best?.iso ?? null;
};

export const deriveSoftware = (
  catalog: Catalog,
  platform: Platform,
  installedApps: ProbeOutcome | undefined,
  appActivity: ProbeOutcome | undefined,
  now: Date | (() => Date),
  live = true,
  browsers?: ProbeOutcome,
  memo: RunMemo = runMemo(),
): ProbeOutcome => {
  const make = (): SoftwareCore => softwareCore(catalog, platform, installedApps, appActivity, live, browsers, memo);
  const key = memo.sharing ? coreKey(installedApps, appActivity, browsers, live) : undefined;
  const core = key === undefined ? make() : softwareMemo(memo, catalog, platform).cores.get(key, () => share(make()));
  return withCheckTime(core, now);
};

/**
 * The key of a SoftwareCore: its inputs by identity, when each is a value the run shares (frozen,
 * made once per distinct text: the same identity is the same content), and whether the target is
 * live (the catalog and platform choose the memo). Undefined when an input is a host's own value.
 */
const coreKey = (
  installedApps: ProbeOutcome | undefined,
  appActivity: ProbeOutcome | undefined,
  browsers: ProbeOutcome | undefined,
  live: boolean,
): string | undefined => {
  let key = String(live);
  for (const input of [installedApps, appActivity, browsers]) {
    const id = input === undefined ? 0 : sharedId(input);
    if (id === undefined) return undefined;
    key += `\n${String(id)}`;
  }
  return key;
};

/** The outcome of a core at the check time: the core's own when no app runs (the time is not read), else its running apps' lastUsed set to the time. */
const withCheckTime = (core: SoftwareCore, now: Date | (() => Date)): ProbeOutcome => {
  const { outcome, running } = core;
  if (running.length === 0 || (outcome.status !== 'ok' && outcome.status !== 'partial')) return outcome;
  const lastUsed = (typeof now === 'function' ? now() : now).toISOString();
  const apps = [...(outcome.facts.apps as JsonObject[])];
  for (const index of running) apps[index] = { ...apps[index], lastUsed };
  return { ...outcome, facts: { ...outcome.facts, apps } };
};

const softwareCore = (
  catalog: Catalog,
  platform: Platform,
  installedApps: ProbeOutcome | undefined,
  appActivity: ProbeOutcome | undefined,
  live: boolean,
  browsers: ProbeOutcome | undefined,
  memo: RunMemo,
): SoftwareCore => {
  const alone = (outcome: ProbeOutcome): SoftwareCore => ({ outcome, running: [] });
  if (!installedApps) return alone({ status: 'error', code: 'not-collected', message: 'installed-apps was not collected, so installed software is unknown' });
  if (installedApps.status === 'unsupported') return alone(unsupported(`installed-apps: ${installedApps.reason}`));
  if (installedApps.status === 'error')
    return alone({ status: 'error', code: installedApps.code ?? 'probe-failed', message: `installed-apps: ${installedApps.message}` });
  const installed = objects(installedApps.facts.apps);
  if (!installed) return alone(failed('installed-apps.apps is unknown, so installed software is unknown'));

  const byId = new Map(catalog.apps.map((app) => [app.id, app]));
  const activity = activityOf(appActivity, live);
  const web = browserTraces(browsers);
  const gaps = [...activity.gaps, ...web.gaps];
  if (installedApps.status === 'partial') {
    const why = installedApps.unknown.apps;
    if (why !== undefined) gaps.push({ code: why.code, detail: `installed-apps: ${why.detail}` });
  }
  const { gaps: metadataErrors, notes: metadataGaps } = metadataCoverage(installedApps.facts.metadataSources, platform);
  gaps.push(...metadataErrors);
  const byMetadata = new Set<string>();
  const shared = softwareMemo(memo, catalog, platform);
  const webFound: Item[] = webItems(catalog, web, shared.web).map((w) => ({
    kind: 'web',
    appId: w.appId,
    user: w.user,
    evidence: w.evidence,
    webApp: w.webApp,
  }));
  const placed = reassign([...collectItems(catalog, platform, installed, activity, byId, byMetadata, shared), ...webFound]);

  const byApp = new Map<string, Item[]>();
  for (const { target, item } of placed) byApp.set(target, [...(byApp.get(target) ?? []), item]);

  const apps: SoftwareApp[] = [];
  for (const [id, items] of [...byApp].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    const app = byId.get(id);
    if (!app) continue;
    const has = (kind: ItemKind): boolean => items.some((i) => i.kind === kind);
    const installedNow = has('install');
    // app-activity and browser origins look for catalog apps only: whether a metadata-classified
    // app runs, left data or is used in a browser is not known.
    const fromMetadata = byMetadata.has(app.id);
    const running = activity.processes === null || fromMetadata ? null : has('process');
    const dataPresent = has('data') || has('config') ? true : activity.dataDirs === null || fromMetadata ? null : false;
    const inBrowser = has('web') ? true : web.gaps.length > 0 || fromMetadata ? null : false;
    const lastChanges = items.flatMap((i) => (i.lastChange ? [i.lastChange] : []));
    // A running app was last used at the check time: set per host (withCheckTime).
    const lastUsed = running === true ? null : latest(lastChanges);
    const evidence = kindOrder.flatMap((kind) => [...new Set(items.filter((i) => i.kind === kind).map((i) => i.evidence))].sort());
    // An approved app used against a server that is not its own is not approved here (config-claim.ts).
    const withdrawn = [...new Set(items.flatMap((i) => (i.withdraws ? [i.withdraws] : [])))].sort();
    const approved = app.approved && withdrawn.length === 0;
    const reason = approved || withdrawn.length === 0 ? app.reason : withdrawn.join('; ');
    apps.push({
      id: app.id,
      name: app.name,
      categories: [...app.categories],
      approved,
      ...(reason === undefined ? {} : { reason }),
      classifiedBy: fromMetadata ? 'metadata' : 'catalog',
      installed: installedNow,
      running,
      dataPresent,
      inBrowser,
      lastUsed,
      evidence,
    });
  }

  const detected = apps.filter((a) => a.installed || a.running === true || a.dataPresent === true || a.inBrowser === true);
  const running = detected.flatMap((a, index) => (a.running === true ? [index] : []));
  const unapproved = detected.filter((a) => !a.approved).map((a) => a.id);
  const webAppInstalled = new Set(placed.filter(({ item }) => item.webApp === true).map(({ target }) => target));
  const approvedMessengerPresent = detected.some(
    (a) => a.approved && (a.installed || a.running === true || webAppInstalled.has(a.id)) && a.categories.includes('messenger'),
  );
  const [first] = gaps;
  if (first === undefined) return { outcome: ok({ apps: detected, unapproved, approvedMessengerPresent, metadataGaps }), running };
  // Some sources could not be seen: the lists may miss apps, and "no approved messenger" is not known.
  const why: UnknownReason = { code: first.code, detail: [...new Set(gaps.map((g) => g.detail))].join('; ') };
  return {
    outcome: {
      status: 'partial',
      facts: { apps: detected, unapproved, approvedMessengerPresent: approvedMessengerPresent ? true : null, metadataGaps },
      unknown: { apps: why, unapproved: why, ...(approvedMessengerPresent ? {} : { approvedMessengerPresent: why }) },
    },
    running,
  };
};

import type { Platform } from '../model.js';
import type { Catalog, CatalogApp } from '../policy/catalog.js';
import { globPrefilter, regexPrefilter } from '../regex-prefilter.js';
import { safeGlob, safeRegex, type SafeRegex } from '../safe-regex.js';

/**
 * Matching what a machine shows against the app catalog. Pure functions; each catalog's matchers
 * are compiled once per platform and cached by catalog identity.
 *
 * Catalog order wins: for one signal, the first app with a matching identifier is the answer
 * (LuxChat4Gov and Luxchat come before Element). Plain identifiers compare case-insensitively and
 * may contain `*` (any run of characters, within one path segment for paths); namePatterns and
 * Windows uninstallNames are case-insensitive regular expressions in RE2 syntax. Catalogs are input
 * files, so every pattern and glob here matches in linear time (src/safe-regex.ts).
 */

export const signalKinds = [
  /** Linux package name (dpkg, rpm, apk, pacman). */
  'package',
  /** Flatpak application id. */
  'flatpak',
  'snap',
  /** Desktop file id or path (with or without `.desktop`). */
  'desktop-file',
  /** Absolute directory on Linux, e.g. /opt/Signal or a path below it. */
  'install-dir',
  /** A human display name: .desktop Name=, AppImage file name, bundle name. */
  'display-name',
  'bundle-id',
  /** Windows Uninstall DisplayName. */
  'uninstall-name',
  /** Windows Uninstall subkey name. */
  'uninstall-key',
  /** AppX Name, PackageFamilyName or PackageFullName. */
  'appx',
  /** Process name, or an executable path (its basename is used). */
  'process',
  /** Data directory relative to the home directory (profile on Windows). */
  'data-dir',
  /** Element-style config.json path relative to the home directory. */
  'matrix-config',
] as const;
export type SignalKind = (typeof signalKinds)[number];

export interface AppSignal {
  kind: SignalKind;
  value: string;
}

/** `exact`: the tester is `normalise(value) === wanted`, so a lookup in a map can stand for it. */
type Tester = ((value: string) => boolean) & { exact?: { wanted: string; normalise: (s: string) => string } };
type CompiledApp = { app: CatalogApp; testers: Partial<Record<SignalKind, Tester[]>> };

/** Linux /proc/<pid>/comm keeps at most 15 characters. */
const commLength = 15;

/**
 * A pattern compiled when first tested: a check tests a few kinds of signal (processes, packages)
 * against a catalog of many apps, and compiling every app's globs and patterns up front (RE2)
 * costs more than the lookups themselves. With a prefilter (src/regex-prefilter.ts), a text it
 * rules out is answered without RE2, and a pattern no text gets past is never compiled.
 */
const lazily = (compile: () => SafeRegex, mayMatch?: (text: string) => boolean): SafeRegex['test'] => {
  let re: SafeRegex | undefined;
  return (text) => (mayMatch === undefined || mayMatch(text)) && (re ??= compile()).test(text);
};

/** Exact (case-insensitive) or `*`-glob comparison of already normalised strings. */
const identifierTester = (identifier: string, normalise: (s: string) => string): Tester => {
  const wanted = normalise(identifier);
  if (!wanted.includes('*')) return Object.assign((value: string) => normalise(value) === wanted, { exact: { wanted, normalise } });
  const test = lazily(() => safeGlob(wanted, { question: false }), globPrefilter(wanted, false));
  return (value) => test(normalise(value));
};

const lower = (s: string): string => s.trim().toLowerCase();

/** Forward slashes, no leading `./` or `/`, no trailing `/`, no doubled separators, lower case. */
export const normaliseRelativePath = (path: string): string =>
  path
    .trim()
    .replace(/\\/g, '/')
    .replace(/\/{2,}/g, '/')
    .replace(/^(\.\/)+/, '')
    .replace(/^\/+/, '')
    .replace(/\/+$/, '')
    .toLowerCase();

const normaliseAbsolutePath = (path: string): string =>
  path
    .trim()
    .replace(/\/{2,}/g, '/')
    .replace(/(.)\/+$/, '$1')
    .toLowerCase();

/** The path itself or anything below it; `*` stays inside one segment. */
const pathTester = (dir: string, normalise: (s: string) => string): Tester => {
  const glob = normalise(dir);
  const test = lazily(() => safeGlob(glob, { star: 'segment', question: false, suffix: '(?:/(?s:.*))?' }), globPrefilter(glob, false));
  return (value) => test(normalise(value));
};

const basename = (path: string): string => path.split(/[/\\]/).filter(Boolean).pop() ?? '';

const processName = (platform: Platform, value: string): string => {
  const base = lower(basename(value));
  return platform === 'windows' ? base.replace(/\.exe$/, '') : base;
};

const processTester = (platform: Platform, identifier: string): Tester => {
  const wanted = processName(platform, identifier);
  return (value) => {
    const got = processName(platform, value);
    if (got === wanted) return true;
    return platform === 'linux' && got.length === commLength && wanted.length > commLength && wanted.startsWith(got);
  };
};

/** A desktop file id or path, with and without its `.desktop` suffix (ids may themselves end in `.desktop`). */
const desktopIds = (value: string): string[] => {
  const base = lower(basename(value));
  return base.endsWith('.desktop') ? [base, base.slice(0, -'.desktop'.length)] : [base];
};
const desktopTester =
  (test: Tester): Tester =>
  (value) =>
    desktopIds(value).some(test);

/** The package Name part of an AppX Name, PackageFamilyName or PackageFullName. */
const appxName = (value: string): string => lower(value).split('_')[0] ?? '';

const regexTester = (app: CatalogApp, pattern: string): Tester => {
  const test = lazily(
    () => {
      try {
        return safeRegex(pattern, 'i');
      } catch (error) {
        throw new Error(`catalog app '${app.id}': invalid regular expression ${JSON.stringify(pattern)}`, { cause: error });
      }
    },
    regexPrefilter(pattern, 'i'),
  );
  return (value) => test(value.trim());
};

/** Data directories an app leaves per user, including those implied by its Flatpak ids and snap names. */
export const dataDirsOf = (app: CatalogApp, platform: Platform): string[] => {
  const explicit = app[platform]?.dataDirs ?? [];
  if (platform !== 'linux') return [...explicit];
  const implied = [...(app.linux?.flatpak ?? []).map((id) => `.var/app/${id}`), ...(app.linux?.snap ?? []).map((name) => `snap/${name}`)];
  return [...new Set([...explicit, ...implied])];
};

const compileApp = (app: CatalogApp, platform: Platform): CompiledApp => {
  const exact = (ids: readonly string[] | undefined, normalise: (s: string) => string = lower): Tester[] =>
    (ids ?? []).map((id) => identifierTester(id, normalise));
  const names = (app.namePatterns ?? []).map((p) => regexTester(app, p));
  const linux = app.linux ?? {};
  const windows = app.windows ?? {};
  const section = app[platform] ?? {};
  const snapDesktop = (linux.snap ?? []).map((name): Tester => {
    const wanted = lower(name);
    return desktopTester((id) => id === wanted || id.startsWith(`${wanted}_`));
  });
  return {
    app,
    testers: {
      package: exact(linux.packages),
      flatpak: exact(linux.flatpak),
      snap: exact(linux.snap),
      'desktop-file': [...exact(linux.desktopFiles), ...exact(linux.flatpak)].map(desktopTester).concat(snapDesktop),
      'install-dir': (linux.installDirs ?? []).map((dir) => pathTester(dir, normaliseAbsolutePath)),
      'display-name': names,
      'bundle-id': exact(app.macos?.bundleIds),
      'uninstall-name': [...(windows.uninstallNames ?? []).map((p) => regexTester(app, p)), ...names],
      'uninstall-key': exact(windows.uninstallKeys),
      appx: exact(windows.appx, appxName),
      process: (section.processes ?? []).map((p) => processTester(platform, p)),
      'data-dir': dataDirsOf(app, platform).map((dir) => pathTester(dir, normaliseRelativePath)),
      'matrix-config': exact(section.matrixConfigs, normaliseRelativePath),
    },
  };
};

const compiledCatalogs = new WeakMap<Catalog, Map<Platform, CompiledApp[]>>();

const compiled = (catalog: Catalog, platform: Platform): CompiledApp[] => {
  let byPlatform = compiledCatalogs.get(catalog);
  if (!byPlatform) {
    byPlatform = new Map();
    compiledCatalogs.set(catalog, byPlatform);
  }
  let apps = byPlatform.get(platform);
  if (!apps) {
    apps = catalog.apps.map((app) => compileApp(app, platform));
    byPlatform.set(platform, apps);
  }
  return apps;
};

/**
 * One signal kind of a compiled catalog, arranged for lookups: exact identifiers in maps (by
 * normalisation: the first app in catalog order for each normalised identifier), every other
 * tester (globs, patterns) in catalog order. The answer is the same as trying every app's testers
 * in catalog order; only the exact comparisons are done by one lookup instead of one per identifier.
 */
interface KindIndex {
  exact: Map<(s: string) => string, Map<string, number>>;
  rest: { index: number; test: Tester }[];
}

const kindIndexes = new WeakMap<readonly CompiledApp[], Map<SignalKind, KindIndex>>();

const kindIndex = (apps: readonly CompiledApp[], kind: SignalKind): KindIndex => {
  let byKind = kindIndexes.get(apps);
  if (byKind === undefined) {
    byKind = new Map();
    kindIndexes.set(apps, byKind);
  }
  let index = byKind.get(kind);
  if (index !== undefined) return index;
  index = { exact: new Map(), rest: [] };
  apps.forEach(({ testers }, i) => {
    for (const test of testers[kind] ?? []) {
      if (test.exact === undefined) {
        index.rest.push({ index: i, test });
        continue;
      }
      let byValue = index.exact.get(test.exact.normalise);
      if (byValue === undefined) {
        byValue = new Map();
        index.exact.set(test.exact.normalise, byValue);
      }
      if (!byValue.has(test.exact.wanted)) byValue.set(test.exact.wanted, i);
    }
  });
  byKind.set(kind, index);
  return index;
};

/** The index in `apps` of the first app whose testers of `kind` match `value`, or undefined. */
const firstMatching = (apps: readonly CompiledApp[], kind: SignalKind, value: string): number | undefined => {
  const { exact, rest } = kindIndex(apps, kind);
  let best: number | undefined;
  for (const [normalise, byValue] of exact) {
    const at = byValue.get(normalise(value));
    if (at !== undefined && (best === undefined || at < best)) best = at;
  }
  for (const { index, test } of rest) {
    if (best !== undefined && index >= best) break;
    if (test(value)) return index;
  }
  return best;
};

/**
 * Answers already computed for one catalog on one platform, by signal kind and value: a fleet
 * repeats the same package names, desktop files and processes on every host, and each answer is a
 * scan of every app's testers. Made by whoever runs the matching and dropped with it (one host's
 * collection; one audit run, through src/run-memo.ts), never kept by this module. (Two
 * levels of maps: no key string to build for each of the thousands of lookups a host makes.)
 */
export interface MatchAnswers {
  readonly catalog: Catalog;
  readonly platform: Platform;
  size: number;
  readonly byKind: Map<SignalKind, Map<string, CatalogApp | null>>;
}

export const matchAnswers = (catalog: Catalog, platform: Platform): MatchAnswers => ({ catalog, platform, size: 0, byKind: new Map() });

const maxAnswers = 100_000;

const lookUp = (apps: readonly CompiledApp[], signal: AppSignal): CatalogApp | undefined => {
  if (signal.value.trim() === '') return undefined;
  const at = firstMatching(apps, signal.kind, signal.value);
  return at === undefined ? undefined : apps[at]?.app;
};

/**
 * The first catalog app (in catalog order) whose identifiers of the signal's kind match its value;
 * `answers` (of this catalog and platform) keeps each answer for the next host that asks.
 */
export const matchApp = (catalog: Catalog, platform: Platform, signal: AppSignal, answers?: MatchAnswers): CatalogApp | undefined => {
  const apps = compiled(catalog, platform);
  if (answers === undefined || answers.catalog !== catalog || answers.platform !== platform) return lookUp(apps, signal);
  let byValue = answers.byKind.get(signal.kind);
  if (byValue === undefined) {
    byValue = new Map();
    answers.byKind.set(signal.kind, byValue);
  }
  const cached = byValue.get(signal.value);
  if (cached !== undefined) return cached ?? undefined;
  const found = lookUp(apps, signal);
  if (answers.size >= maxAnswers) {
    answers.byKind.clear();
    answers.size = 0;
    byValue = new Map();
    answers.byKind.set(signal.kind, byValue);
  }
  byValue.set(signal.value, found ?? null);
  answers.size += 1;
  return found;
};

/** Tries the signals in order (strongest identifier first); the first signal that matches decides. */
export const matchFirst = (
  catalog: Catalog,
  platform: Platform,
  signals: readonly AppSignal[],
  answers?: MatchAnswers,
): { app: CatalogApp; signal: AppSignal } | undefined => {
  for (const signal of signals) {
    const app = matchApp(catalog, platform, signal, answers);
    if (app) return { app, signal };
  }
  return undefined;
};

export interface CatalogPath {
  appId: string;
  /** As written in the catalog: relative to the home directory (profile on Windows); may contain `*`. */
  path: string;
}

/** Every per-user data directory the catalog knows on a platform, in catalog order (for app-activity). */
export const catalogDataDirs = (catalog: Catalog, platform: Platform): CatalogPath[] =>
  catalog.apps.flatMap((app) => dataDirsOf(app, platform).map((path) => ({ appId: app.id, path })));

/** Every Element-style config.json the catalog knows on a platform, in catalog order (for app-activity). */
export const catalogMatrixConfigs = (catalog: Catalog, platform: Platform): CatalogPath[] =>
  catalog.apps.flatMap((app) => (app[platform]?.matrixConfigs ?? []).map((path) => ({ appId: app.id, path })));

/**
 * The host name in a Matrix homeserver reference: a server name (`luxchat4gov.lu`, `example.org:8448`)
 * or a base URL (`https://matrix.luxchat4gov.lu/`). Lower case, without port or trailing dot.
 */
export const homeserverHost = (homeserver: string): string => {
  const withoutScheme = homeserver.trim().replace(/^[a-z][a-z0-9+.-]*:\/\//i, '');
  const authority = withoutScheme.split(/[/?#]/)[0] ?? '';
  const host = authority.replace(/^.*@/, '').replace(/:\d*$/, '');
  return host.toLowerCase().replace(/\.$/, '');
};

/** `host` is `domain` or below it (label boundary), both lower case. */
const underDomain = (host: string, domain: string): boolean => {
  const d = domain.toLowerCase();
  return host === d || host.endsWith(`.${d}`);
};

/** The first app whose `homeservers` contain the homeserver's domain or a parent domain of it. */
export const homeserverApp = (catalog: Catalog, homeserver: string): CatalogApp | undefined => {
  const host = homeserverHost(homeserver);
  if (host === '') return undefined;
  return catalog.apps.find((app) => (app.homeservers ?? []).some((domain) => underDomain(host, domain)));
};

/** A brand as compared: lower case, no white space ("LuxChat 4 Gov" → "luxchat4gov"). */
const brandKey = (brand: string): string => brand.toLowerCase().replace(/\s+/g, '');

/** The first app whose `matrix.brands` name this config.json `brand`. */
export const brandApp = (catalog: Catalog, brand: string): CatalogApp | undefined => {
  const key = brandKey(brand);
  if (key === '') return undefined;
  return catalog.apps.find((app) => (app.matrix?.brands ?? []).some((b) => brandKey(b) === key));
};

/** The first app (in catalog order) whose `matrix.domains` contain one of the hosts of a config's download, update or link URLs. */
export const linkApp = (catalog: Catalog, hosts: readonly string[]): CatalogApp | undefined => {
  const clean = hosts.map((h) => homeserverHost(h)).filter((h) => h !== '');
  if (clean.length === 0) return undefined;
  return catalog.apps.find((app) => (app.matrix?.domains ?? []).some((domain) => clean.some((host) => underDomain(host, domain))));
};

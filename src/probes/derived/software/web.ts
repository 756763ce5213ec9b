/**
 * Browser traces of catalog apps, for the derived `software` family: the `browsers` probe's
 * installed web apps, allowed site permissions and (when collected) visits, matched against each
 * catalog app's `web.origins`. A blocked or ask permission is not use; an allowed or session one is.
 * Pure: no clock, no I/O.
 */
import { createHash } from 'node:crypto';
import type { Json, JsonObject, ProbeOutcome, UnknownReason } from '../../../model.js';
import type { Catalog, CatalogApp } from '../../../policy/catalog.js';
import { originOf } from '../../browsers/origin.js';
import { memoTable } from '../../../run-memo.js';

export interface WebItem {
  appId: string;
  user: string | null;
  /** An installed web app (counts as installed for an approved messenger). */
  webApp: boolean;
  evidence: string;
}

export interface BrowserTraces {
  webApps: JsonObject[] | null;
  permissions: JsonObject[] | null;
  history: JsonObject[] | null;
  /** What could not be seen: apps used only in a browser may be missing. */
  gaps: UnknownReason[];
}

const isObject = (j: Json | undefined): j is JsonObject => typeof j === 'object' && j !== null && !Array.isArray(j);
const objects = (j: Json | undefined): JsonObject[] | null => (Array.isArray(j) ? j.filter(isObject) : null);
const text = (o: JsonObject, key: string): string | null => {
  const v = o[key];
  return typeof v === 'string' && v !== '' ? v : null;
};

/**
 * The probe's lists and what is missing from them: a missing, failed or unsupported probe, a null
 * list, or a field marked unknown (profiles included: an unlisted profile hides its traces) is a gap. History is a gap only when it was collected (a list or
 * marked unknown); null history means it was not asked for.
 */
export const browserTraces = (outcome: ProbeOutcome | undefined): BrowserTraces => {
  if (outcome === undefined) {
    return {
      webApps: null,
      permissions: null,
      history: null,
      gaps: [{ code: 'not-collected', detail: 'browsers was not collected, so web apps and site permissions are unknown' }],
    };
  }
  if (outcome.status === 'error' || outcome.status === 'unsupported') {
    const detail = `browsers: ${outcome.status === 'error' ? outcome.message : outcome.reason}`;
    const code = outcome.status === 'error' ? (outcome.code ?? 'probe-failed') : 'undetermined';
    return { webApps: null, permissions: null, history: null, gaps: [{ code, detail }] };
  }
  const gaps: UnknownReason[] = [];
  const marked = (field: string): UnknownReason | undefined => (outcome.status === 'partial' ? outcome.unknown[field] : undefined);
  const list = (field: 'webApps' | 'permissions'): JsonObject[] | null => {
    const value = objects(outcome.facts[field]);
    const why = marked(field);
    if (why !== undefined) gaps.push({ code: why.code, detail: `browsers: ${why.detail}` });
    else if (value === null) gaps.push({ code: 'undetermined', detail: `browsers.${field} is unknown` });
    return value;
  };
  // A profile that could not be listed hides its web apps, permissions and visits too.
  const profilesWhy = marked('profiles');
  if (profilesWhy !== undefined) gaps.push({ code: profilesWhy.code, detail: `browsers: ${profilesWhy.detail}` });
  const webApps = list('webApps');
  const permissions = list('permissions');
  const history = objects(outcome.facts.history);
  const historyWhy = marked('history');
  if (historyWhy !== undefined) gaps.push({ code: historyWhy.code, detail: `browsers: ${historyWhy.detail}` });
  return { webApps, permissions, history, gaps };
};

const defaultPorts: Readonly<Record<string, string>> = { http: '80', https: '443' };

interface OriginParts {
  scheme: string;
  /** Lower case; without the `*.` of a wildcard. */
  host: string;
  wildcard: boolean;
  port: string;
}

/** `scheme://[*.]host[:port]` → parts (default port filled in), or null. */
const partsOf = (origin: string): OriginParts | null => {
  const m = /^([a-z][a-z0-9+.-]*):\/\/(\*\.)?([^/:*]+)(?::(\d+))?\/?$/i.exec(origin.trim());
  if (!m) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  const host = (m[3] ?? '').toLowerCase().replace(/\.$/, '');
  if (host === '') return null;
  return { scheme, host, wildcard: m[2] !== undefined, port: m[4] ?? defaultPorts[scheme] ?? '' };
};

const under = (host: string, domain: string): boolean => host.endsWith(`.${domain}`);

/**
 * Does an observed origin fall under a catalog origin? Exact `scheme://host[:port]` (default ports
 * normalised), or a `*.` wildcard host (any subdomain). An observed wildcard (a `[*.]domain`
 * permission pattern) covers the catalog origin when the catalog host is that domain or under it.
 */
export const originMatches = (catalogOrigin: string, observed: string): boolean => {
  const c = partsOf(catalogOrigin);
  const o = partsOf(observed);
  if (c === null || o === null || c.scheme !== o.scheme || c.port !== o.port) return false;
  if (o.wildcard) return c.host === o.host || under(c.host, o.host) || (c.wildcard && under(o.host, c.host));
  if (c.wildcard) return under(o.host, c.host);
  return c.host === o.host;
};

/**
 * Chromium's app id for a manifest id: the a–p encoding of the first 16 bytes of
 * SHA-256(SHA-256(manifest id)) (chromium/chromium chrome/browser/web_applications/web_app_helpers.cc
 * @04163172, components/crx_file/id_util.cc; checked on an id Chromium 156 gave an installed app,
 * fixtures/samples/browsers/chromium-156/README.md).
 */
export const chromiumAppId = (manifestId: string): string => {
  const inner = createHash('sha256').update(manifestId, 'utf8').digest();
  const hex = createHash('sha256').update(inner).digest('hex').slice(0, 32);
  return hex.replace(/[0-9a-f]/g, (c) => String.fromCharCode(97 + parseInt(c, 16)));
};

/** How browser traces are matched to catalog apps; made once per catalog (per run: see webItems). */
export interface WebMatchers {
  byOrigin: (origin: string) => CatalogApp | undefined;
  byAppId: ReadonlyMap<string, { app: CatalogApp; origin: string }>;
}

/**
 * The catalog app of an origin, and the app a bare app id stands for: an app id equal to the id
 * of a catalog origin's root (`https://web.whatsapp.com/`, the manifest id of apps whose start
 * page is their root) identifies it when no trace names the origin. An origin's answer is kept
 * (it depends on the origin and the catalog alone), so a fleet's origins are matched once each.
 */
export const webMatchers = (catalog: Catalog): WebMatchers => {
  const withOrigins = catalog.apps.filter((app) => (app.web?.origins ?? []).length > 0);
  const byAppId = new Map<string, { app: CatalogApp; origin: string }>();
  for (const app of withOrigins) {
    for (const pattern of app.web?.origins ?? []) {
      const exact = pattern.includes('*') ? null : originOf(pattern);
      if (exact === null) continue;
      const id = chromiumAppId(`${exact}/`);
      if (!byAppId.has(id)) byAppId.set(id, { app, origin: exact });
    }
  }
  const answers = memoTable<CatalogApp | null>();
  return {
    byOrigin: (origin) =>
      answers.get(origin, () => withOrigins.find((app) => (app.web?.origins ?? []).some((pattern) => originMatches(pattern, origin))) ?? null) ?? undefined,
    byAppId,
  };
};

const browserNames: Readonly<Record<string, string>> = { chrome: 'Chrome', chromium: 'Chromium', edge: 'Edge', brave: 'Brave', firefox: 'Firefox' };

/** `Chromium profile Default (user agent)` */
const whereOf = (entry: JsonObject): string => {
  const browser = text(entry, 'browser') ?? 'browser';
  const user = text(entry, 'user');
  return `${browserNames[browser] ?? browser} profile ${text(entry, 'profile') ?? '?'}${user ? ` (user ${user})` : ''}`;
};

const traceNames: Readonly<Record<string, (entry: JsonObject) => string>> = {
  registry: () => 'Web Applications registry',
  shortcut: (entry) => `launcher ${text(entry, 'file') ?? '?'}`,
  'manifest-resources': () => 'Manifest Resources icons',
};

const permissionWords: Readonly<Record<string, string>> = { allow: 'allowed', session: 'allowed for the session' };

/** Every browser trace that names a catalog app, with its evidence. */
export const webItems = (catalog: Catalog, traces: BrowserTraces, matchers: WebMatchers = webMatchers(catalog)): WebItem[] => {
  const { byOrigin, byAppId } = matchers;
  const items: WebItem[] = [];
  for (const w of traces.webApps ?? []) {
    const origin = text(w, 'origin');
    const appId = text(w, 'appId');
    const byId = origin === null && appId !== null ? byAppId.get(appId) : undefined;
    const app = origin !== null ? byOrigin(origin) : byId?.app;
    if (!app) continue;
    const trace = traceNames[text(w, 'trace') ?? '']?.(w) ?? text(w, 'trace') ?? 'unknown trace';
    const named = origin ?? `${byId?.origin ?? '?'} (app id ${appId ?? '?'} is that origin's)`;
    items.push({ appId: app.id, user: text(w, 'user'), webApp: true, evidence: `${whereOf(w)}: web app installed for ${named} (${trace})` });
  }
  for (const p of traces.permissions ?? []) {
    const origin = text(p, 'origin');
    const words = permissionWords[text(p, 'setting') ?? ''];
    const app = origin === null || words === undefined ? undefined : byOrigin(origin);
    if (!app || origin === null || words === undefined) continue;
    items.push({
      appId: app.id,
      user: text(p, 'user'),
      webApp: false,
      evidence: `${whereOf(p)}: ${text(p, 'permission') ?? 'permission'} ${words} for ${origin}`,
    });
  }
  for (const h of traces.history ?? []) {
    const origin = text(h, 'origin');
    const visits = typeof h.visits === 'number' ? h.visits : 0;
    const app = origin === null || visits <= 0 ? undefined : byOrigin(origin);
    if (!app || origin === null) continue;
    const last = text(h, 'lastVisit');
    items.push({
      appId: app.id,
      user: text(h, 'user'),
      webApp: false,
      evidence: `${whereOf(h)}: ${visits} visit${visits === 1 ? '' : 's'} to ${origin} in history${last ? `, last ${last}` : ''}`,
    });
  }
  return items;
};

/**
 * Web origins as charter reports them (`scheme://host[:port]`, default port removed, lower case),
 * and the catalog's origins (`web.origins`, a host may start with `*.`) as a matcher. Strings from
 * the target are parsed with WHATWG URL, never evaluated; only http and https count as web origins.
 */
import type { Catalog } from '../../policy/catalog.js';
import { originOf } from './origin.js';

/** `scheme://host[:port]` of an http(s) URL or origin, or null; Firefox suffixes (`^userContextId=2`) cut first. */
export const webOrigin = (raw: string): string | null => originOf(raw.split('^')[0] ?? '');

/** One catalog origin: exact, or any subdomain of `host` when `wildcard`. */
export interface OriginPattern {
  scheme: string;
  host: string;
  /** The port as URL gives it ('' for the scheme's default). */
  port: string;
  wildcard: boolean;
}

const parsePattern = (origin: string): OriginPattern | null => {
  const m = /^(https?):\/\/(\*\.)?([^/:]+)(?::(\d+))?\/?$/i.exec(origin.trim());
  if (!m) return null;
  const scheme = (m[1] ?? '').toLowerCase();
  const normal = webOrigin(`${scheme}://${m[3] ?? ''}${m[4] === undefined ? '' : `:${m[4]}`}`);
  if (normal === null) return null;
  const url = new URL(normal);
  return { scheme, host: url.hostname, port: url.port, wildcard: m[2] !== undefined };
};

/** Parsed once per catalog: an audit checks every host against the same one. */
const parsed = new WeakMap<Catalog, readonly OriginPattern[]>();

/** Every origin the catalog's apps list, parsed; unparsable entries are skipped. */
export const catalogOriginPatterns = (catalog: Catalog): readonly OriginPattern[] => {
  const known = parsed.get(catalog);
  if (known !== undefined) return known;
  const patterns = catalog.apps.flatMap((app) => (app.web?.origins ?? []).map(parsePattern).filter((p): p is OriginPattern => p !== null));
  parsed.set(catalog, patterns);
  return patterns;
};

/** Whether a reported origin (webOrigin's form) is one of `patterns`. */
export const matchesPatterns = (origin: string, patterns: readonly OriginPattern[]): boolean => {
  let url: URL;
  try {
    url = new URL(origin);
  } catch {
    return false;
  }
  const scheme = url.protocol.replace(/:$/, '');
  return patterns.some((p) => p.scheme === scheme && p.port === url.port && (p.wildcard ? url.hostname.endsWith(`.${p.host}`) : url.hostname === p.host));
};

/** Escape `\`, `%` and `_` for an SQL LIKE with `ESCAPE '\'`. */
const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * SQL LIKE patterns that every URL of `patterns`' origins matches (case-insensitive in SQLite for
 * ASCII): a prefilter, so that only candidate URLs leave SQLite; matchesPatterns decides.
 */
export const likePatterns = (patterns: readonly OriginPattern[]): string[] => {
  const likes = new Set<string>();
  for (const p of patterns) {
    const port = p.port === '' ? '' : `:${p.port}`;
    const host = p.wildcard ? `%.${likeEscape(p.host)}` : likeEscape(p.host);
    likes.add(`${p.scheme}://${host}${port}/%`);
    likes.add(`${p.scheme}://${host}${port}`);
  }
  return [...likes].sort();
};

/**
 * Browser history, read only with --include-browser-history: per profile and per origin
 * (`scheme://host[:port]`), the visit count and newest visit, for the origins some catalog app
 * lists in `web.origins` and for no other, so history evidence never shows other browsing. Titles
 * are never selected; URL paths never leave this file (Chromium: only URLs of catalog origins leave
 * SQLite, through a LIKE prefilter, and are cut to their origin at once; Firefox: `moz_origins`
 * holds no paths at all).
 *
 * Tables (app-metadata.md §6.5): Chromium `History` `urls(url, visit_count, last_visit_time)`,
 * times in µs since 1601-01-01 UTC (chromium/chromium components/history/core/browser/
 * url_database.cc); Firefox `places.sqlite` `moz_places(url, visit_count, last_visit_date,
 * origin_id)` with PRTime (µs since 1970) and `moz_origins(id, prefix, host)` (mozilla/gecko-dev
 * toolkit/components/places/nsPlacesTables.h; moz_origins since Firefox 62; observed in the
 * fixture written by firefox-esr 153.8: prefix `http://`, host `127.0.0.1:37839`).
 */
import type { Host } from '../../hosts/host.js';
import type { BrowserGap } from './collector.js';
import { likePatterns, matchesPatterns, webOrigin, type OriginPattern } from './origins.js';
import type { OriginVisits, ProfileRef } from './shapes.js';
import { readSqlite, type SqliteDatabase, type SqliteRead } from './sqlite.js';

/** Microseconds between 1601-01-01 and 1970-01-01 (Windows FILETIME epoch, as Chromium stores times). */
const chromiumEpochOffsetUs = 11_644_473_600_000_000;

const isoFromMs = (ms: number): string | null => (Number.isFinite(ms) && ms > 0 ? new Date(ms).toISOString() : null);

/** One row before aggregation: an origin, its visits, its newest visit in ms since 1970 (0: none). */
interface Tally {
  origin: string;
  visits: number;
  newestMs: number;
}

const aggregate = (tallies: readonly Tally[], patterns: readonly OriginPattern[], ref: ProfileRef, file: string): OriginVisits[] => {
  const byOrigin = new Map<string, Tally>();
  for (const t of tallies) {
    if (t.visits <= 0 || !matchesPatterns(t.origin, patterns)) continue;
    const known = byOrigin.get(t.origin);
    if (known === undefined) byOrigin.set(t.origin, { ...t });
    else {
      known.visits += t.visits;
      known.newestMs = Math.max(known.newestMs, t.newestMs);
    }
  }
  return [...byOrigin.values()].map((t) => ({ ...ref, origin: t.origin, visits: t.visits, lastVisit: isoFromMs(t.newestMs), file }));
};

const num = (value: unknown): number => (typeof value === 'number' && Number.isFinite(value) ? value : 0);

/** URLs of candidate origins with their count and newest time (raw units); the URL is cut to its origin here. */
const urlTallies = (
  db: SqliteDatabase,
  table: string,
  url: string,
  count: string,
  time: string,
  patterns: readonly OriginPattern[],
  toMs: (raw: number) => number,
): Tally[] => {
  const likes = likePatterns(patterns);
  if (likes.length === 0) return [];
  const where = likes.map(() => `${url} LIKE ? ESCAPE '\\'`).join(' OR ');
  return db.all(`SELECT ${url} AS url, ${count} AS visits, ${time} AS newest FROM ${table} WHERE ${count} > 0 AND (${where})`, likes).flatMap((row) => {
    const origin = typeof row.url === 'string' ? webOrigin(row.url) : null;
    return origin === null ? [] : [{ origin, visits: num(row.visits), newestMs: toMs(num(row.newest)) }];
  });
};

/** Firefox places.sqlite: per-origin tallies from moz_origins, or from moz_places URLs before Firefox 62. */
export const firefoxTallies = (db: SqliteDatabase, patterns: readonly OriginPattern[]): Tally[] => {
  if (db.hasTable('moz_origins')) {
    return db
      .all(
        'SELECT o.prefix AS prefix, o.host AS host, sum(p.visit_count) AS visits, max(p.last_visit_date) AS newest FROM moz_places p JOIN moz_origins o ON o.id = p.origin_id WHERE p.visit_count > 0 GROUP BY o.id',
      )
      .flatMap((row) => {
        const origin = typeof row.prefix === 'string' && typeof row.host === 'string' ? webOrigin(`${row.prefix}${row.host}`) : null;
        return origin === null ? [] : [{ origin, visits: num(row.visits), newestMs: num(row.newest) / 1000 }];
      });
  }
  return urlTallies(db, 'moz_places', 'url', 'visit_count', 'last_visit_date', patterns, (us) => us / 1000);
};

/** Chromium History: tallies of the URLs of catalog origins. */
export const chromiumTallies = (db: SqliteDatabase, patterns: readonly OriginPattern[]): Tally[] =>
  urlTallies(db, 'urls', 'url', 'visit_count', 'last_visit_time', patterns, (us) => (us > 0 ? (us - chromiumEpochOffsetUs) / 1000 : 0));

/** Visits and gaps of one history database. */
export interface HistoryRead {
  history: OriginVisits[];
  gaps: BrowserGap[];
}

const fromRead = (read: SqliteRead<Tally[]>, patterns: readonly OriginPattern[], ref: ProfileRef, file: string): HistoryRead => {
  const who = `${ref.browser} profile ${ref.profile}${ref.user === null ? '' : ` of ${ref.user}`}`;
  if (read.status === 'absent') return { history: [], gaps: [] };
  if (read.status === 'gap') return { history: [], gaps: [{ field: 'history', code: read.gap.code, detail: `${who}: ${read.gap.detail}` }] };
  const gaps: BrowserGap[] = read.incomplete === null ? [] : [{ field: 'history', code: read.incomplete.code, detail: `${who}: ${read.incomplete.detail}` }];
  return { history: aggregate(read.value, patterns, ref, file), gaps };
};

/** A Firefox profile's history (`<profile>/places.sqlite`); none when the profile has no places.sqlite. */
export const readFirefoxHistory = async (host: Host, profileDir: string, ref: ProfileRef, patterns: readonly OriginPattern[]): Promise<HistoryRead> => {
  if (patterns.length === 0) return { history: [], gaps: [] };
  const file = `${profileDir}/places.sqlite`;
  return fromRead(await readSqlite(host, file, (db) => firefoxTallies(db, patterns)), patterns, ref, file);
};

/**
 * A Chromium-family profile's history (`<profileDir>/History`), for the Chromium family's collector
 * to call with each profile directory it finds; none when the profile has no History.
 */
export const readChromiumHistory = async (host: Host, profileDir: string, ref: ProfileRef, patterns: readonly OriginPattern[]): Promise<HistoryRead> => {
  if (patterns.length === 0) return { history: [], gaps: [] };
  const file = `${profileDir}/History`;
  return fromRead(await readSqlite(host, file, (db) => chromiumTallies(db, patterns)), patterns, ref, file);
};

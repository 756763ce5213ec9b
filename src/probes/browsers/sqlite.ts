/**
 * Reading a browser's SQLite database (Firefox permissions.sqlite and places.sqlite, Chromium
 * History) from the target, without native code.
 *
 * Why sql.js: SQLite compiled to WebAssembly, with the wasm inlined in one JavaScript file
 * (`sql.js/dist/sql-wasm-inline.js`, present in sql.js 1.17.0), so esbuild bundles it into charter's
 * single executable and nothing is built or loaded per platform (better-sqlite3 and sqlite3 are
 * native addons; node:sqlite needs Node 22.5+). It is loaded lazily, by dynamic import, the first
 * time a database is read: `charter --version` and checks without browser databases never load it.
 *
 * The database is read with Host.readFile, so SQLite works on an in-memory copy: a running
 * browser's lock never matters, and nothing on the target is opened for writing. A `-wal` beside it
 * is applied to the copy (wal.ts); when the pair changed while read, or the WAL could not be applied,
 * the result says its data may be incomplete; so does a hot rollback journal (`-journal` holding a
 * transaction in progress: the file may hold half of it). A file that is not an SQLite database, is
 * truncated, or that SQLite rejects, is a gap (`unsupported-format`), never a crash.
 */
import type { Host } from '../../hosts/host.js';
import { limits } from '../../limits.js';
import type { ReasonCode } from '../../model.js';
import { applyWal, databasePageSize, markRollbackMode } from './wal.js';

/** A value of a result row: sql.js's SqlValue (INTEGER and REAL as number). */
export type SqliteValue = number | string | Uint8Array | null;
export type SqliteRow = Record<string, SqliteValue>;

/** The read-only view of an open database that a query gets. */
export interface SqliteDatabase {
  /** The rows of one SELECT, with `?` parameters bound. */
  all(sql: string, params?: readonly (number | string | null)[]): SqliteRow[];
  /** Whether the table exists. */
  hasTable(name: string): boolean;
}

/** Why a database could not be read; `detail` names the file. */
export interface SqliteGap {
  file: string;
  code: ReasonCode;
  detail: string;
}

export type SqliteRead<T> =
  | { status: 'absent' }
  | { status: 'gap'; gap: SqliteGap }
  /** `incomplete`: the value was read, but committed rows may be missing (why, naming the file). */
  | { status: 'ok'; value: T; walFrames: number; incomplete: SqliteGap | null };

interface SqlJsModule {
  Database: new (data?: ArrayLike<number> | null) => SqlJsDatabase;
}
interface SqlJsStatement {
  bind(values: (number | string | null)[]): boolean;
  step(): boolean;
  getAsObject(): Record<string, SqliteValue>;
  free(): boolean;
}
interface SqlJsDatabase {
  prepare(sql: string): SqlJsStatement;
  close(): void;
}

let loading: Promise<SqlJsModule> | undefined;

/** sql.js, loaded and initialised once, on first use. */
const sqlJs = (): Promise<SqlJsModule> => {
  loading ??= import('sql.js/dist/sql-wasm-inline.js').then(async (module) => (await module.default()) as unknown as SqlJsModule);
  return loading;
};

const header = Buffer.from('SQLite format 3\0', 'latin1');

const isSqlite = (bytes: Uint8Array): boolean => bytes.length >= 100 && Buffer.from(bytes.buffer, bytes.byteOffset, 16).equals(header);

/**
 * Why an image is not a whole database, or null: its length must be a multiple of its page size and
 * cover the page count its header declares when that count is valid (offset 28, valid when the
 * change counter at 24 equals the version-valid-for number at 92; sqlite.org/fileformat2.html §1.3).
 * SQLite reads pages past the end of a truncated file as empty, which would look like no rows.
 */
const truncation = (bytes: Uint8Array): string | null => {
  const pageSize = databasePageSize(bytes);
  if (pageSize === null || pageSize < 512) return 'no valid page size in its header';
  if (bytes.length % pageSize !== 0) return `its ${String(bytes.length)} bytes are not a whole number of ${String(pageSize)}-byte pages (truncated?)`;
  const view = Buffer.from(bytes.buffer, bytes.byteOffset, 100);
  const declared = view.readUInt32BE(28);
  if (view.readUInt32BE(24) === view.readUInt32BE(92) && declared * pageSize > bytes.length) {
    return `its header declares ${String(declared)} pages, the file holds ${String(bytes.length / pageSize)} (truncated?)`;
  }
  return null;
};

/** The first 8 bytes of a rollback journal that holds a transaction to undo (sqlite.org/fileformat2.html §3). */
const journalMagic = Buffer.from([0xd9, 0xd5, 0x05, 0xf9, 0x20, 0xa1, 0x63, 0xd7]);

/** Whether `<path>-journal` holds a transaction in progress: the database may hold half of it. */
const hotJournal = async (host: Host, path: string): Promise<boolean> => {
  const stat = await host.stat(`${path}-journal`);
  if (stat === undefined || stat.type !== 'file' || stat.size < 8) return false;
  if (stat.size > limits.browserDatabaseBytes) return true;
  const bytes = await host.readFile(`${path}-journal`);
  return bytes === undefined || bytes.subarray(0, 8).equals(journalMagic);
};

const sameFile = (a: { size: number; mtimeMs: number } | undefined, b: { size: number; mtimeMs: number } | undefined): boolean =>
  a !== undefined && b !== undefined && a.size === b.size && a.mtimeMs === b.mtimeMs;

/** The gap for a database or WAL over `limits.browserDatabaseBytes` (not read). */
export const tooBig = (file: string, size: number): SqliteGap => ({
  file,
  code: 'unreadable',
  detail: `${file}: file is ${String(size)} bytes; the limit is ${String(limits.browserDatabaseBytes)} bytes`,
});

/** A database's bytes and its WAL's (null: none or empty), as read from the target. */
export interface SqlitePair {
  db: Buffer;
  wal: Buffer | null;
  /** Either file changed while they were read. */
  changed: boolean;
}

/** The database and its WAL, read together; read again once if either changed meanwhile. */
const readPair = async (host: Host, path: string): Promise<{ absent: true } | { gap: SqliteGap } | { pair: SqlitePair }> => {
  for (let attempt = 0; attempt < 2; attempt += 1) {
    const before = await host.stat(path);
    if (before === undefined) return { absent: true };
    if (before.type !== 'file') return { gap: { file: path, code: 'unsupported-format', detail: `${path}: not a regular file` } };
    if (before.size > limits.browserDatabaseBytes) return { gap: tooBig(path, before.size) };
    const db = await host.readFile(path);
    if (db === undefined) return { gap: { file: path, code: 'unreadable', detail: `${path}: could not be read` } };
    const walPath = `${path}-wal`;
    const walBefore = await host.stat(walPath);
    let wal: Buffer | null = null;
    if (walBefore !== undefined && walBefore.type === 'file' && walBefore.size > 0) {
      if (walBefore.size > limits.browserDatabaseBytes) return { gap: tooBig(walPath, walBefore.size) };
      wal = (await host.readFile(walPath)) ?? null;
      if (wal === null) return { gap: { file: walPath, code: 'unreadable', detail: `${walPath}: could not be read` } };
    }
    const [after, walAfter] = await Promise.all([host.stat(path), host.stat(walPath)]);
    const changed = !sameFile(before, after) || db.length !== before.size || (walBefore !== undefined && !sameFile(walBefore, walAfter));
    if (!changed || attempt === 1) return { pair: { db, wal, changed } };
  }
  return { absent: true }; // not reached: the second attempt always returns
};

const errorText = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * Open the database at `path` on `host` (its `-wal` applied) and run `query` on it. Absent → `absent`;
 * over `limits.browserDatabaseBytes`, unreadable, not SQLite, or rejected by SQLite → a gap.
 */
export const readSqlite = async <T>(host: Host, path: string, query: (db: SqliteDatabase) => T): Promise<SqliteRead<T>> => {
  const read = await readPair(host, path);
  if ('absent' in read) return { status: 'absent' };
  if ('gap' in read) return { status: 'gap', gap: read.gap };
  const { wal, changed } = read.pair;
  const journalHot = !changed && wal === null && isSqlite(read.pair.db) && (await hotJournal(host, path));
  return querySqliteBytes(path, read.pair, journalHot, query);
};

/** Whether the first bytes of a `-journal` say it holds a transaction to undo. */
export const isHotJournalHead = (head: Uint8Array): boolean => head.length >= 8 && Buffer.from(head.buffer, head.byteOffset, 8).equals(journalMagic);

/**
 * Open a database already read (from `path`, which gaps name), its WAL applied, and run `query` on
 * it: the part of `readSqlite` shared with targets whose files arrive another way (Windows, through
 * PowerShell). `journalHot`: a `-journal` beside it holds a transaction in progress.
 */
export const querySqliteBytes = async <T>(path: string, pair: SqlitePair, journalHot: boolean, query: (db: SqliteDatabase) => T): Promise<SqliteRead<T>> => {
  const { db, wal, changed } = pair;
  if (!isSqlite(db)) return { status: 'gap', gap: { file: path, code: 'unsupported-format', detail: `${path}: not an SQLite 3 database` } };
  let bytes: Uint8Array = db;
  let walFrames = 0;
  let incomplete: SqliteGap | null = changed ? { file: path, code: 'unreadable', detail: `${path}: changed while it was read; rows may be missing` } : null;
  if (incomplete === null && wal === null && journalHot) {
    incomplete = { file: `${path}-journal`, code: 'unreadable', detail: `${path}-journal: a write was in progress; rows may be missing or half written` };
  }
  if (wal !== null) {
    const applied = applyWal(db, wal);
    bytes = applied.bytes;
    walFrames = applied.frames;
    if (applied.problem !== null)
      incomplete = { file: `${path}-wal`, code: 'unsupported-format', detail: `${path}-wal: ${applied.problem}; committed rows may be missing` };
  }
  // A private copy: hosts may hand the same Buffer to other readers, and the header is rewritten.
  if (bytes === db) bytes = Uint8Array.from(db);
  markRollbackMode(bytes);
  const cut = truncation(bytes);
  if (cut !== null) return { status: 'gap', gap: { file: path, code: 'unsupported-format', detail: `${path}: ${cut}` } };
  let sql: SqlJsModule;
  try {
    sql = await sqlJs();
  } catch (error) {
    return { status: 'gap', gap: { file: path, code: 'probe-failed', detail: `${path}: sql.js could not be loaded (${errorText(error)})` } };
  }
  let database: SqlJsDatabase;
  try {
    database = new sql.Database(bytes);
  } catch (error) {
    return { status: 'gap', gap: { file: path, code: 'unsupported-format', detail: `${path}: SQLite could not open it (${errorText(error)})` } };
  }
  const view: SqliteDatabase = {
    all: (sql, params = []) => {
      const statement = database.prepare(sql);
      try {
        if (params.length > 0) statement.bind([...params]);
        const rows: SqliteRow[] = [];
        while (statement.step()) rows.push(statement.getAsObject());
        return rows;
      } finally {
        statement.free();
      }
    },
    hasTable: (name) => view.all("SELECT 1 AS present FROM sqlite_master WHERE type = 'table' AND name = ?", [name]).length > 0,
  };
  try {
    // SQLite reads some damage as fewer rows; quick_check (b-tree structure, no index cross-check)
    // finds it first, so that a damaged file is a gap, never a short list that looks clean.
    const check = view.all('PRAGMA quick_check(1)');
    const verdict = check[0]?.quick_check;
    if (verdict !== 'ok') {
      return {
        status: 'gap',
        gap: { file: path, code: 'unsupported-format', detail: `${path}: SQLite finds it damaged (${String(verdict ?? 'no answer').slice(0, 200)})` },
      };
    }
    return { status: 'ok', value: query(view), walFrames, incomplete };
  } catch (error) {
    return { status: 'gap', gap: { file: path, code: 'unsupported-format', detail: `${path}: SQLite could not read it (${errorText(error)})` } };
  } finally {
    database.close();
  }
};

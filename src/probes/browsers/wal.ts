/**
 * Applying an SQLite write-ahead log to a copy of its database, in memory: what a checkpoint does,
 * so that rows a running browser has committed to `places.sqlite-wal` (Firefox keeps its databases
 * in WAL mode) are read too.
 *
 * Why here and not in SQLite: sql.js 1.17 does not export its Emscripten FS (checked: the module
 * object has no `FS`), and `new Database(bytes)` writes its file under a random name, so the WAL
 * cannot be put beside the database for SQLite to apply on open.
 *
 * The format, from https://www.sqlite.org/fileformat2.html §4 "The Write-Ahead Log" (sqlite.org,
 * also in sqlite/sqlite `src/wal.c` walDecodeFrame / walChecksumBytes): a 32-byte header (magic
 * 0x377f0682 or 0x377f0683, the low bit choosing big-endian checksums; version; page size;
 * checkpoint sequence; salt-1; salt-2; checksum over the first 24 bytes), then frames of a 24-byte
 * header (page number; database size in pages after commit for a commit frame, else 0; salt-1;
 * salt-2; cumulative checksum over the first 8 header bytes and the page) and one page. A frame is
 * valid when its salts equal the header's and its checksum matches; the log ends at the first
 * invalid frame; only frames up to the last valid commit frame count. Readers recovering a WAL
 * without its `-shm` index do exactly this (wal.c walIndexRecover).
 */

export interface WalApplied {
  /** The database with every committed frame written in; the input itself when nothing applied. */
  bytes: Uint8Array;
  /** Committed frames applied. */
  frames: number;
  /** Why the WAL may hold committed rows that were not applied; null when it was read whole. */
  problem: string | null;
}

const u32 = (b: Uint8Array, at: number): number => (((b[at] ?? 0) << 24) | ((b[at + 1] ?? 0) << 16) | ((b[at + 2] ?? 0) << 8) | (b[at + 3] ?? 0)) >>> 0;
const u32le = (b: Uint8Array, at: number): number => (((b[at + 3] ?? 0) << 24) | ((b[at + 2] ?? 0) << 16) | ((b[at + 1] ?? 0) << 8) | (b[at] ?? 0)) >>> 0;

/** SQLite's WAL checksum (wal.c walChecksumBytes) over `b[from, to)`, continuing from `s`. */
const checksum = (b: Uint8Array, from: number, to: number, bigEndian: boolean, s: [number, number]): [number, number] => {
  let [s0, s1] = s;
  const word = bigEndian ? u32 : u32le;
  for (let i = from; i < to; i += 8) {
    s0 = (s0 + word(b, i) + s1) >>> 0;
    s1 = (s1 + word(b, i + 4) + s0) >>> 0;
  }
  return [s0, s1];
};

/** The page size a database header declares (offset 16, big-endian; 1 means 65536), or null. */
export const databasePageSize = (db: Uint8Array): number | null => {
  if (db.length < 100) return null;
  const raw = ((db[16] ?? 0) << 8) | (db[17] ?? 0);
  return raw === 1 ? 65536 : raw;
};

const isPageSize = (n: number): boolean => n >= 512 && n <= 65536 && (n & (n - 1)) === 0;

/** `db` with the committed frames of `wal` applied (see the file comment). Never throws. */
export const applyWal = (db: Uint8Array, wal: Uint8Array): WalApplied => {
  const unchanged = (problem: string | null): WalApplied => ({ bytes: db, frames: 0, problem });
  if (wal.length === 0) return unchanged(null);
  if (wal.length < 32) return unchanged(`the write-ahead log is ${String(wal.length)} bytes, shorter than its header`);
  const magic = u32(wal, 0);
  if (magic !== 0x377f0682 && magic !== 0x377f0683) return unchanged('the write-ahead log does not start with the WAL magic number');
  const bigEndian = (magic & 1) === 1;
  const pageSize = u32(wal, 8);
  if (!isPageSize(pageSize)) return unchanged(`the write-ahead log declares a page size of ${String(pageSize)}`);
  const [h0, h1] = checksum(wal, 0, 24, bigEndian, [0, 0]);
  if (h0 !== u32(wal, 24) || h1 !== u32(wal, 28)) return unchanged('the write-ahead log header checksum does not match (written while read?)');
  const dbPageSize = databasePageSize(db);
  if (dbPageSize !== null && db.length > 0 && dbPageSize !== pageSize) {
    return unchanged(`the write-ahead log page size ${String(pageSize)} differs from the database's ${String(dbPageSize)}`);
  }
  const salt1 = u32(wal, 16);
  const salt2 = u32(wal, 20);
  let sum: [number, number] = [h0, h1];
  const committed = new Map<number, number>();
  const pending = new Map<number, number>();
  let pages = 0;
  let frames = 0;
  let pendingFrames = 0;
  const frameSize = 24 + pageSize;
  for (let at = 32; at + frameSize <= wal.length; at += frameSize) {
    const pageNumber = u32(wal, at);
    const commitSize = u32(wal, at + 4);
    if (pageNumber === 0 || u32(wal, at + 8) !== salt1 || u32(wal, at + 12) !== salt2) break;
    const next = checksum(wal, at + 24, at + frameSize, bigEndian, checksum(wal, at, at + 8, bigEndian, sum));
    if (next[0] !== u32(wal, at + 16) || next[1] !== u32(wal, at + 20)) break;
    sum = next;
    pending.set(pageNumber, at + 24);
    pendingFrames += 1;
    if (commitSize > 0) {
      for (const [page, offset] of pending) committed.set(page, offset);
      pending.clear();
      frames += pendingFrames;
      pendingFrames = 0;
      pages = commitSize;
    }
  }
  if (frames === 0) return unchanged(null);
  const bytes = new Uint8Array(pages * pageSize);
  bytes.set(db.subarray(0, Math.min(db.length, bytes.length)));
  for (const [page, offset] of committed) {
    if (page <= pages) bytes.set(wal.subarray(offset, offset + pageSize), (page - 1) * pageSize);
  }
  return { bytes, frames, problem: null };
};

/**
 * Mark a database image as rollback-journal mode (header bytes 18 and 19, write and read version,
 * 2 = WAL → 1 = legacy), in place: its WAL is already applied, so SQLite must not look for one.
 */
export const markRollbackMode = (db: Uint8Array): void => {
  if (db.length >= 100 && db[18] === 2 && db[19] === 2) {
    db[18] = 1;
    db[19] = 1;
  }
};

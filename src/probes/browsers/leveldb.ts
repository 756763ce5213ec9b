/**
 * A small read-only LevelDB reader (pure TypeScript, no native addon): enough to list the live
 * entries of a small database such as Chromium's `Sync Data/LevelDB`. Formats from google/leveldb:
 * `doc/log_format.txt` @f67e15e5 (32 KiB blocks of records: crc32c, length, type FULL/FIRST/
 * MIDDLE/LAST), `db/write_batch.cc` (sequence u64, count u32, then value/deletion records),
 * `doc/table_format.md` and `table/format.cc` @068d5ee1 (48-byte footer with the index handle and
 * magic 0xdb4775248b80fb57; blocks of prefix-compressed entries with a restart array, each followed
 * by a 1-byte compression type — 0 none, 1 Snappy, 2 zstd — and a crc32c), and `db/dbformat.h`
 * (internal key = user key + 8-byte tag, sequence << 8 | type; type 1 value, 0 deletion).
 *
 * All `.log` and `.ldb`/`.sst` files of the folder are merged by sequence number: the newest record
 * of a key wins, and a deletion removes it. The MANIFEST is not read, so a table left over from an
 * interrupted compaction could bring back a deleted entry (a false finding, never a missed one).
 * Input is untrusted: every offset is bounds-checked; damage is reported, never thrown past `read*`.
 */
import { snappyUncompress } from './snappy.js';

export interface LevelDbRecord {
  key: Buffer;
  /** null for a deletion. */
  value: Buffer | null;
  sequence: bigint;
}

export interface LevelDbRead {
  records: LevelDbRecord[];
  /** Why part of the file could not be read (bad checksum, unknown compression, truncated block), or null. */
  damage: string | null;
}

// CRC-32C (Castagnoli), as LevelDB masks it (util/crc32c.h: rotate right 15, add 0xa282ead8).
const crcTable = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

export const crc32c = (bytes: Uint8Array): number => {
  let crc = 0xffffffff;
  for (const byte of bytes) crc = (crcTable[(crc ^ byte) & 0xff] as number) ^ (crc >>> 8);
  return (crc ^ 0xffffffff) >>> 0;
};

const unmask = (masked: number): number => {
  const rot = (masked - 0xa282ead8) >>> 0;
  return ((rot >>> 17) | (rot << 15)) >>> 0;
};

class Cursor {
  readonly bytes: Buffer;
  pos: number;
  readonly end: number;
  constructor(bytes: Buffer, pos = 0, end = bytes.length) {
    this.bytes = bytes;
    this.pos = pos;
    this.end = end;
  }
  varint(): number {
    let value = 0;
    for (let shift = 0; shift <= 63; shift += 7) {
      if (this.pos >= this.end) throw new Error('truncated varint');
      const byte = this.bytes[this.pos++] as number;
      value += (byte & 0x7f) * 2 ** shift;
      if (byte < 0x80) {
        if (!Number.isSafeInteger(value)) throw new Error('varint too large');
        return value;
      }
    }
    throw new Error('varint too long');
  }
  take(n: number): Buffer {
    if (n < 0 || this.pos + n > this.end) throw new Error('truncated entry');
    const slice = this.bytes.subarray(this.pos, this.pos + n);
    this.pos += n;
    return slice;
  }
}

const blockSize = 32 * 1024;
const headerSize = 7;

/** The logical records of a log file (each a write batch), in file order. */
const logRecords = (bytes: Buffer): { payloads: Buffer[]; damage: string | null } => {
  const payloads: Buffer[] = [];
  let pending: Buffer[] | null = null;
  let pos = 0;
  while (pos < bytes.length) {
    const left = blockSize - (pos % blockSize);
    if (left < headerSize) {
      pos += left;
      continue;
    }
    if (pos + headerSize > bytes.length) break;
    const length = bytes.readUInt16LE(pos + 4);
    const type = bytes[pos + 6] as number;
    if (type === 0 && length === 0) {
      // Zero padding (preallocated space): the rest of the block is empty.
      pos += left;
      continue;
    }
    if (pos + headerSize + length > bytes.length || headerSize + length > left) {
      // A record cut short at the end of the file: the write was not finished, so it was never committed.
      return { payloads, damage: pos + headerSize + length > bytes.length ? null : `log record at ${pos} crosses its block` };
    }
    const expected = unmask(bytes.readUInt32LE(pos));
    const actual = crc32c(bytes.subarray(pos + 6, pos + headerSize + length));
    if (expected !== actual) return { payloads, damage: `log record at ${pos}: checksum mismatch` };
    const data = bytes.subarray(pos + headerSize, pos + headerSize + length);
    pos += headerSize + length;
    if (type === 1) payloads.push(data);
    else if (type === 2) pending = [data];
    else if (type === 3 && pending) pending.push(data);
    else if (type === 4 && pending) {
      pending.push(data);
      payloads.push(Buffer.concat(pending));
      pending = null;
    } else return { payloads, damage: `log record at ${pos}: unexpected type ${type}` };
  }
  return { payloads, damage: null };
};

/** Records of one write batch (db/write_batch.cc). */
const batchRecords = (batch: Buffer): LevelDbRecord[] => {
  if (batch.length < 12) throw new Error('write batch shorter than its header');
  const base = batch.readBigUInt64LE(0);
  const count = batch.readUInt32LE(8);
  const cursor = new Cursor(batch, 12);
  const records: LevelDbRecord[] = [];
  for (let i = 0; i < count; i++) {
    const tag = cursor.take(1)[0];
    const key = Buffer.from(cursor.take(cursor.varint()));
    if (tag === 1) records.push({ key, value: Buffer.from(cursor.take(cursor.varint())), sequence: base + BigInt(i) });
    else if (tag === 0) records.push({ key, value: null, sequence: base + BigInt(i) });
    else throw new Error(`write batch record of unknown type ${String(tag)}`);
  }
  return records;
};

/** Every record of a `.log` file. */
export const readLevelDbLog = (bytes: Buffer): LevelDbRead => {
  const { payloads, damage } = logRecords(bytes);
  const records: LevelDbRecord[] = [];
  for (const payload of payloads) {
    try {
      records.push(...batchRecords(payload));
    } catch (error) {
      return { records, damage: `write batch: ${error instanceof Error ? error.message : String(error)}` };
    }
  }
  return { records, damage };
};

const trailerSize = 5;
const footerSize = 48;
const tableMagic = 0xdb4775248b80fb57n;

const readBlock = (file: Buffer, offset: number, size: number): Buffer => {
  if (offset + size + trailerSize > file.length) throw new Error('block past the end of the file');
  const data = file.subarray(offset, offset + size);
  const expected = unmask(file.readUInt32LE(offset + size + 1));
  if (crc32c(file.subarray(offset, offset + size + 1)) !== expected) throw new Error(`block at ${offset}: checksum mismatch`);
  const type = file[offset + size];
  if (type === 0) return data;
  if (type === 1) return snappyUncompress(data);
  throw new Error(`block at ${offset}: compression type ${String(type)} is not supported (2 is zstd)`);
};

/** Key/value entries of one block (table/block.cc). */
const blockEntries = (block: Buffer): { key: Buffer; value: Buffer }[] => {
  if (block.length < 4) throw new Error('block shorter than its restart count');
  const restarts = block.readUInt32LE(block.length - 4);
  const entriesEnd = block.length - 4 - restarts * 4;
  if (entriesEnd < 0) throw new Error('bad restart count');
  const cursor = new Cursor(block, 0, entriesEnd);
  const entries: { key: Buffer; value: Buffer }[] = [];
  let previous = Buffer.alloc(0);
  while (cursor.pos < entriesEnd) {
    const shared = cursor.varint();
    const unshared = cursor.varint();
    const valueLength = cursor.varint();
    if (shared > previous.length) throw new Error('entry shares more than the previous key');
    const key = Buffer.concat([previous.subarray(0, shared), cursor.take(unshared)]);
    entries.push({ key, value: Buffer.from(cursor.take(valueLength)) });
    previous = key;
  }
  return entries;
};

const handleOf = (cursor: Cursor): { offset: number; size: number } => ({ offset: cursor.varint(), size: cursor.varint() });

/** Every record of a table file (`.ldb`, `.sst`). */
export const readLevelDbTable = (file: Buffer): LevelDbRead => {
  const records: LevelDbRecord[] = [];
  try {
    if (file.length < footerSize) throw new Error('shorter than a table footer');
    const footer = file.subarray(file.length - footerSize);
    if (footer.readBigUInt64LE(footerSize - 8) !== tableMagic) throw new Error('not a LevelDB table (bad magic number)');
    const cursor = new Cursor(footer);
    handleOf(cursor); // metaindex (filters): not needed
    const index = handleOf(cursor);
    for (const { value } of blockEntries(readBlock(file, index.offset, index.size))) {
      const handle = handleOf(new Cursor(value));
      for (const { key, value: v } of blockEntries(readBlock(file, handle.offset, handle.size))) {
        if (key.length < 8) throw new Error('internal key shorter than its tag');
        const tag = key.readBigUInt64LE(key.length - 8);
        const type = Number(tag & 0xffn);
        const userKey = Buffer.from(key.subarray(0, key.length - 8));
        if (type === 1) records.push({ key: userKey, value: v, sequence: tag >> 8n });
        else if (type === 0) records.push({ key: userKey, value: null, sequence: tag >> 8n });
      }
    }
    return { records, damage: null };
  } catch (error) {
    return { records, damage: error instanceof Error ? error.message : String(error) };
  }
};

/** The live entries: for each key the record with the highest sequence, deletions removed. */
export const liveEntries = (records: readonly LevelDbRecord[]): Map<string, Buffer> => {
  const newest = new Map<string, LevelDbRecord>();
  for (const record of records) {
    const id = record.key.toString('latin1');
    const known = newest.get(id);
    if (known === undefined || record.sequence > known.sequence) newest.set(id, record);
  }
  const live = new Map<string, Buffer>();
  for (const [id, record] of newest) if (record.value !== null) live.set(id, record.value);
  return live;
};

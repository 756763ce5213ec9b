/**
 * Reader for GVDB files (GLib's "GVariant database": dconf's ~/.config/dconf/user and
 * /etc/dconf/db/<name>, GSettings' gschemas.compiled). Layout, from GLib's gvdb-format.h:
 *
 *   header (24 bytes): signature "GVariant" (two 32-bit words; byte-swapped when the file is
 *   big-endian), version (0), options, root pointer {start, end}
 *   hash table: n_bloom_words (low 27 bits; the top 5 bits are the bloom shift), n_buckets,
 *   bloom words, buckets (index of the first item of each bucket), then 24-byte items:
 *   hash (u32), parent item index (u32, 0xffffffff = none), key start (u32), key size (u16),
 *   type ('v' value, 'H' nested table, 'L' child list), unused byte, value pointer {start, end}.
 *
 * An item's key is only the part after its parent's key; the full name is the parent chain joined.
 * Lookups hash the full name (djb hash over signed bytes) exactly like gvdb_table_lookup.
 */
import { deserializeVariant, type GVariant } from './gvariant.js';

export class GvdbError extends Error {}

export interface GvdbItem {
  index: number;
  hash: number;
  parent: number | null;
  /** This item's own key segment (not the full name). */
  segment: string;
  type: string;
  start: number;
  end: number;
}

export interface GvdbTable {
  readonly littleEndian: boolean;
  readonly items: readonly GvdbItem[];
  /** Full name of an item (its parent chain joined). */
  name(item: GvdbItem): string;
  /** Every full name in the table, sorted. */
  names(): string[];
  /** The item for a full name, found through the hash buckets. */
  lookup(key: string): GvdbItem | undefined;
  /** The value stored under a full name ('v' items), decoded. */
  value(key: string): GVariant | undefined;
  /** The nested table stored under a full name ('H' items), e.g. dconf's ".locks". */
  table(key: string): GvdbTable | undefined;
  hasValue(key: string): boolean;
}

const headerSize = 24;
const itemSize = 24;
const noParent = 0xffffffff;

/** GVDB's hash: h = h * 33 + c over the key's bytes taken as signed chars, modulo 2^32. */
export const gvdbHash = (key: string): number => {
  let hash = 5381;
  for (const byte of Buffer.from(key, 'utf8')) {
    const signed = byte > 127 ? byte - 256 : byte;
    hash = (Math.imul(hash, 33) + signed) >>> 0;
  }
  return hash;
};

const openTable = (file: Buffer, start: number, end: number, little: boolean): GvdbTable => {
  if (start > end || end > file.length || end - start < 8) throw new GvdbError(`hash table pointer ${start}..${end} outside the file`);
  const u32 = (at: number): number => (little ? file.readUInt32LE(at) : file.readUInt32BE(at));
  const u16 = (at: number): number => (little ? file.readUInt16LE(at) : file.readUInt16BE(at));
  const bloomHeader = u32(start);
  const bloomShift = bloomHeader >>> 27;
  const bloomWords = bloomHeader & ((1 << 27) - 1);
  const bucketCount = u32(start + 4);
  const bloomStart = start + 8;
  const bucketStart = bloomStart + bloomWords * 4;
  const itemStart = bucketStart + bucketCount * 4;
  if (itemStart > end || (end - itemStart) % itemSize !== 0) throw new GvdbError('hash table sizes do not add up');
  const itemCount = (end - itemStart) / itemSize;

  const items: GvdbItem[] = [];
  for (let index = 0; index < itemCount; index += 1) {
    const at = itemStart + index * itemSize;
    const keyStart = u32(at + 8);
    const keySize = u16(at + 12);
    if (keyStart + keySize > file.length) throw new GvdbError(`item ${index} key outside the file`);
    const parent = u32(at + 4);
    items.push({
      index,
      hash: u32(at),
      parent: parent === noParent ? null : parent,
      segment: file.subarray(keyStart, keyStart + keySize).toString('utf8'),
      type: String.fromCharCode(file[at + 14] ?? 0),
      start: u32(at + 16),
      end: u32(at + 20),
    });
  }

  const nameCache = new Map<number, string>();
  const name = (item: GvdbItem): string => {
    const cached = nameCache.get(item.index);
    if (cached !== undefined) return cached;
    const parts: string[] = [];
    let current: GvdbItem | undefined = item;
    for (let depth = 0; current !== undefined; depth += 1) {
      if (depth > items.length) throw new GvdbError('parent loop in hash table');
      parts.unshift(current.segment);
      current = current.parent === null ? undefined : items[current.parent];
    }
    const full = parts.join('');
    nameCache.set(item.index, full);
    return full;
  };

  const bloomAllows = (hash: number): boolean => {
    if (bloomWords === 0) return true;
    const word = u32(bloomStart + (Math.floor(hash / 32) % bloomWords) * 4);
    const mask = ((1 << (hash & 31)) | (1 << ((hash >>> bloomShift) & 31))) >>> 0;
    return (word & mask) >>> 0 === mask;
  };

  const lookup = (key: string): GvdbItem | undefined => {
    if (bucketCount === 0 || itemCount === 0) return undefined;
    const hash = gvdbHash(key);
    if (!bloomAllows(hash)) return undefined;
    const bucket = hash % bucketCount;
    const first = u32(bucketStart + bucket * 4);
    const last = bucket === bucketCount - 1 ? itemCount : Math.min(u32(bucketStart + (bucket + 1) * 4), itemCount);
    for (let index = first; index < last; index += 1) {
      const item = items[index];
      if (item !== undefined && item.hash === hash && name(item) === key) return item;
    }
    return undefined;
  };

  const value = (key: string): GVariant | undefined => {
    const item = lookup(key);
    if (item?.type !== 'v') return undefined;
    if (item.start > item.end || item.end > file.length) throw new GvdbError(`value of ${key} outside the file`);
    return deserializeVariant(file.subarray(item.start, item.end), little);
  };

  const table = (key: string): GvdbTable | undefined => {
    const item = lookup(key);
    return item?.type === 'H' ? openTable(file, item.start, item.end, little) : undefined;
  };

  return {
    littleEndian: little,
    items,
    name,
    names: () => items.map(name).sort(),
    lookup,
    value,
    table,
    hasValue: (key) => lookup(key)?.type === 'v',
  };
};

/** Open a GVDB file's root table. Throws GvdbError when the bytes are not a GVDB file. */
export const parseGvdb = (file: Buffer): GvdbTable => {
  if (file.length < headerSize) throw new GvdbError('shorter than a GVDB header');
  const signature = file.subarray(0, 8).toString('latin1');
  let little: boolean;
  if (signature === 'GVariant') little = true;
  else if (signature === 'raVGtnai') little = false;
  else throw new GvdbError('no GVariant signature');
  const version = little ? file.readUInt32LE(8) : file.readUInt32BE(8);
  if (version !== 0) throw new GvdbError(`unknown GVDB version ${version}`);
  const start = little ? file.readUInt32LE(16) : file.readUInt32BE(16);
  const end = little ? file.readUInt32LE(20) : file.readUInt32BE(20);
  return openTable(file, start, end, little);
};

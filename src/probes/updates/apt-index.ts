/**
 * Reading apt's Packages indexes for the installed packages, shared by the probes that need them
 * (`updates` for versions, `installed-apps` for package tags): each list of a target is read,
 * decoded and scanned once per check, however many probes ask.
 */
import { gunzipSync } from 'node:zlib';
import type { Host } from '../../hosts/host.js';
import { listsDir, nameHashes, packagesScanner, scanPackagesIndex, type IndexEntry } from './apt-lists.js';
import { decodeLz4, decodeLz4Frames } from '../../platform/codecs/lz4.js';
import { shared, type SharedContext } from '../shared.js';

/**
 * The whole decoded list, for a list asked for again with other packages (see scanRaw).
 * A string is why it cannot be decoded.
 */
const decodeNow = (data: Buffer, compression: string): Buffer | string => {
  try {
    if (compression === 'none') return data;
    if (compression === 'lz4') return decodeLz4Frames(data);
    if (compression === 'gz') return gunzipSync(data);
    return `${compression} compression is not supported`;
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
};

/**
 * Decoded lists and their scans, by the identity of the Buffer read: an audit over ssh hands every
 * host with the same list content the same Buffer (src/hosts/ssh/content-store.ts), which is then
 * decoded once and scanned once per set of packages, not once per host. A list is first scanned
 * as it is decoded (an lz4 list is never held whole: 50 MB for Debian's main list); the whole
 * decoded list is kept only once the same Buffer is asked for with other packages. Other hosts
 * return a fresh Buffer per read: their lists are streamed, and never held decoded.
 */
const decoded = new WeakMap<Buffer, { compression: string; data: Buffer | string }>();
const streamed = new WeakSet<Buffer>();
const scans = new WeakMap<Buffer, { key: string; entries: IndexEntry[] }>();

const decode = (raw: Buffer, compression: string): Buffer | string => {
  const known = decoded.get(raw);
  if (known?.compression === compression) return known.data;
  const data = decodeNow(raw, compression);
  decoded.set(raw, { compression, data });
  return data;
};

/** The entries of `raw` for `wanted`, or why the list cannot be decoded. */
const scanRaw = (raw: Buffer, compression: string, wanted: ReadonlySet<string>, hashes: ReadonlySet<number>): IndexEntry[] | string => {
  if (compression === 'lz4' && !streamed.has(raw)) {
    streamed.add(raw);
    const scanner = packagesScanner(wanted, hashes);
    try {
      decodeLz4(raw, scanner.consume);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return scanner.entries;
  }
  const data = decode(raw, compression);
  return typeof data === 'string' ? data : scanPackagesIndex(data, wanted, hashes);
};

/** One Packages index scanned for the wanted packages, or why it could not be. */
export type IndexScan = { entries: IndexEntry[] } | { problem: string };

const scanNow = async (host: Host, file: string, compression: string, wanted: ReadonlySet<string>, key: string): Promise<IndexScan> => {
  const raw = await host.readFile(`${listsDir}/${file}`);
  if (raw === undefined) return { problem: 'cannot be read' };
  const id = `${compression}\n${key}`;
  const known = scans.get(raw);
  if (known?.key === id) return { entries: known.entries };
  const scanned = scanRaw(raw, compression, wanted, nameHashes(wanted));
  if (typeof scanned === 'string') return { problem: scanned };
  scans.set(raw, { key: id, entries: scanned });
  return { entries: scanned };
};

/**
 * The stanzas of `/var/lib/apt/lists/<file>` for the packages in `wanted` (see scanPackagesIndex).
 * A read error is an answer, not an exception. Scanned once per run by list file and wanted names
 * (the run's shared work, see ../shared.ts): the two probes of a check that read the same list share
 * the read and the decoding. Only the (small) entries are kept, never the list itself. Without a
 * run (`context` without `shared`), scanned for this caller alone.
 */
export const scanPackagesList = (
  host: Host,
  file: string,
  compression: string,
  wanted: ReadonlySet<string>,
  context: SharedContext = {},
): Promise<IndexScan> => {
  const key = [...wanted].sort().join('\n');
  return shared(host, context, {
    key: `apt-list\n${file}\n${compression}\n${key}`,
    run: (reader) =>
      scanNow(reader, file, compression, wanted, key).catch((error: unknown) => ({ problem: error instanceof Error ? error.message : String(error) })),
  });
};

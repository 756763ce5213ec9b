/**
 * Reading apt's Packages indexes for the installed packages, shared by the probes that need them
 * (`updates` for versions, `installed-apps` for package tags): each list of a target is read,
 * decoded and scanned once per check, however many probes ask.
 */
import { gunzipSync } from 'node:zlib';
import type { Host } from '../../hosts/host.js';
import { listsDir, nameHashes, scanPackagesIndex, type IndexEntry } from './apt-lists.js';
import { decodeLz4Frames } from '../../platform/codecs/lz4.js';

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
 * decoded and scanned once, not once per host. Other hosts return a fresh Buffer per read: no effect.
 */
const decoded = new WeakMap<Buffer, { compression: string; data: Buffer | string }>();
const scans = new WeakMap<Buffer, { key: string; entries: IndexEntry[] }>();

const decode = (raw: Buffer, compression: string): Buffer | string => {
  const known = decoded.get(raw);
  if (known?.compression === compression) return known.data;
  const data = decodeNow(raw, compression);
  decoded.set(raw, { compression, data });
  return data;
};

/** One Packages index scanned for the wanted packages, or why it could not be. */
export type IndexScan = { entries: IndexEntry[] } | { problem: string };

/**
 * Scans of one host, by list file and wanted names: the two probes of a check that read the same
 * list share the read. Only the (small) entries are kept, never the list itself.
 */
const perHost = new WeakMap<Host, Map<string, Promise<IndexScan>>>();

const scanNow = async (host: Host, file: string, compression: string, wanted: ReadonlySet<string>, key: string): Promise<IndexScan> => {
  const raw = await host.readFile(`${listsDir}/${file}`);
  if (raw === undefined) return { problem: 'cannot be read' };
  const data = decode(raw, compression);
  if (typeof data === 'string') return { problem: data };
  const known = scans.get(data);
  if (known?.key === key) return { entries: known.entries };
  const entries = scanPackagesIndex(data, wanted, nameHashes(wanted));
  scans.set(data, { key, entries });
  return { entries };
};

/**
 * The stanzas of `/var/lib/apt/lists/<file>` for the packages in `wanted` (see scanPackagesIndex).
 * A read error is an answer, not an exception.
 */
export const scanPackagesList = (host: Host, file: string, compression: string, wanted: ReadonlySet<string>): Promise<IndexScan> => {
  const key = [...wanted].sort().join('\n');
  let cache = perHost.get(host);
  if (cache === undefined) {
    cache = new Map();
    perHost.set(host, cache);
  }
  const id = `${file}\n${compression}\n${key}`;
  const known = cache.get(id);
  if (known !== undefined) return known;
  const scan = scanNow(host, file, compression, wanted, key).catch((error: unknown) => ({ problem: error instanceof Error ? error.message : String(error) }));
  cache.set(id, scan);
  return scan;
};

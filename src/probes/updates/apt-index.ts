/**
 * Reading apt's Packages indexes for the installed packages, shared by the probes that need them
 * (`updates` for versions, `installed-apps` for package tags): each list of a target is read,
 * decoded and scanned once per check, however many probes ask.
 */
import { createGunzip, gunzipSync } from 'node:zlib';
import { readChunks, type Host } from '../../hosts/host.js';
import { listsDir, nameHashes, packagesScanner, scanPackagesIndex, type IndexEntry } from './apt-lists.js';
import { decodeLz4, decodeLz4Frames, lz4Decoder } from '../../platform/codecs/lz4.js';
import { Pieces } from '../../platform/codecs/pieces.js';
import { shared, type SharedContext } from '../../platform/run-shared.js';
import { memoSlot, type RunMemo } from '../../run-memo.js';

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
 * decoded list is kept only once the same Buffer is asked for with other packages. Hosts that read
 * in pieces (local, root:, image:, replay:) never come here: see streamScan.
 *
 * They belong to the run's memo (src/run-memo.ts: one per audit, or per check), never to this
 * module: what an audit decoded goes with it. A probe run without a memo keeps nothing.
 */
interface ListMemo {
  readonly decoded: WeakMap<Buffer, { compression: string; data: Buffer | string }>;
  readonly streamed: WeakSet<Buffer>;
  readonly scans: WeakMap<Buffer, { key: string; entries: IndexEntry[] }>;
  /** The key of each set of wanted packages asked with (its names sorted): made once per set, not once per list. */
  readonly keys: WeakMap<ReadonlySet<string>, string>;
}

const listMemo = (): ListMemo => ({ decoded: new WeakMap(), streamed: new WeakSet(), scans: new WeakMap(), keys: new WeakMap() });

/** The names of `wanted`, sorted, as one string: what tells two sets apart (a set is not changed once asked with). */
const wantedKey = (memo: ListMemo, wanted: ReadonlySet<string>): string => {
  let key = memo.keys.get(wanted);
  if (key === undefined) memo.keys.set(wanted, (key = [...wanted].sort().join('\n')));
  return key;
};
const listSlot = memoSlot('apt lists', listMemo);

const decode = (memo: ListMemo, raw: Buffer, compression: string): Buffer | string => {
  const known = memo.decoded.get(raw);
  if (known?.compression === compression) return known.data;
  const data = decodeNow(raw, compression);
  memo.decoded.set(raw, { compression, data });
  return data;
};

/** The entries of `raw` for `wanted`, or why the list cannot be decoded. */
const scanRaw = (memo: ListMemo, raw: Buffer, compression: string, wanted: ReadonlySet<string>, hashes: ReadonlySet<number>): IndexEntry[] | string => {
  if (compression === 'lz4' && !memo.streamed.has(raw)) {
    memo.streamed.add(raw);
    const scanner = packagesScanner(wanted, hashes);
    try {
      decodeLz4(raw, scanner.consume);
    } catch (error) {
      return error instanceof Error ? error.message : String(error);
    }
    return scanner.entries;
  }
  const data = decode(memo, raw, compression);
  return typeof data === 'string' ? data : scanPackagesIndex(data, wanted, hashes);
};

/** One Packages index scanned for the wanted packages, or why it could not be. */
export type IndexScan = { entries: IndexEntry[] } | { problem: string };

/**
 * The size of the pieces a list is read in and decoded to: the lists of a target are scanned
 * together, each holding a piece read, a piece decoded and the 64 KiB an lz4 match may reach back.
 */
const pieceBytes = 256 << 10;

/** Compressions the lists are streamed in (scanned as they are read and decoded); others are refused as before. */
const streamable = new Set(['none', 'lz4', 'gz']);

/**
 * The entries of the list at `path` for `wanted`, read in pieces (Host.readFileChunks), decoded and
 * scanned as they come: neither the file nor its decoded text is ever held whole. Undefined when
 * it cannot be read; a string when it cannot be decoded.
 */
const streamScan = async (
  host: Host,
  path: string,
  compression: string,
  wanted: ReadonlySet<string>,
  hashes: ReadonlySet<number>,
): Promise<IndexEntry[] | string | undefined> => {
  const scanner = packagesScanner(wanted, hashes);
  /** Text pieces (plain or gunzipped): what the scanner leaves (a stanza a piece cuts) is joined to the next. */
  const text = new Pieces();
  const scanText = (piece: Buffer): void => {
    const data = text.join(piece);
    text.keep(data.subarray(scanner.consume(data, false)));
  };
  const endText = (): void => {
    scanner.consume(text.join(Buffer.alloc(0)), true);
  };
  try {
    if (compression === 'lz4') {
      const decoder = lz4Decoder(scanner.consume, pieceBytes);
      const read = await readChunks(
        host,
        path,
        (piece) => {
          decoder.push(piece);
        },
        pieceBytes,
      );
      if (read === undefined) return undefined;
      decoder.end();
    } else if (compression === 'gz') {
      const gunzip = createGunzip({ chunkSize: 256 << 10 });
      gunzip.on('data', scanText);
      const ended = new Promise<void>((resolve, reject) => {
        gunzip.once('end', resolve);
        gunzip.once('error', reject);
      });
      ended.catch(() => undefined);
      // zlib never calls a write's callback once the stream failed (a corrupt or cut file): the error ends the wait.
      const read = await readChunks(
        host,
        path,
        (piece) =>
          new Promise<void>((resolve, reject) => {
            ended.catch(reject);
            gunzip.write(piece, (error) => {
              if (error) reject(error);
              else resolve();
            });
          }),
        pieceBytes,
      );
      if (read === undefined) {
        gunzip.destroy();
        return undefined;
      }
      gunzip.end();
      await ended;
      endText();
    } else {
      if ((await readChunks(host, path, scanText, pieceBytes)) === undefined) return undefined;
      endText();
    }
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  return scanner.entries;
};

const scanNow = async (host: Host, file: string, compression: string, wanted: ReadonlySet<string>, key: string, memo: ListMemo): Promise<IndexScan> => {
  const path = `${listsDir}/${file}`;
  if (host.readFileChunks !== undefined && streamable.has(compression)) {
    const streamed = await streamScan(host, path, compression, wanted, nameHashes(wanted));
    if (streamed === undefined) return { problem: 'cannot be read' };
    return typeof streamed === 'string' ? { problem: streamed } : { entries: streamed };
  }
  const raw = await host.readFile(path);
  if (raw === undefined) return { problem: 'cannot be read' };
  const id = `${compression}\n${key}`;
  const known = memo.scans.get(raw);
  if (known?.key === id) return { entries: known.entries };
  const scanned = scanRaw(memo, raw, compression, wanted, nameHashes(wanted));
  if (typeof scanned === 'string') return { problem: scanned };
  memo.scans.set(raw, { key: id, entries: scanned });
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
  context: SharedContext & { readonly memo?: RunMemo | undefined } = {},
): Promise<IndexScan> => {
  const memo = context.memo?.slot(listSlot) ?? listMemo();
  const key = wantedKey(memo, wanted);
  return shared(host, context, {
    key: `apt-list\n${file}\n${compression}\n${key}`,
    run: (reader) =>
      scanNow(reader, file, compression, wanted, key, memo).catch((error: unknown) => ({ problem: error instanceof Error ? error.message : String(error) })),
  });
};

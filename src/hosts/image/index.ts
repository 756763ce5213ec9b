/**
 * `image:FILE`: a `docker save` archive or an OCI image layout (directory or tar). The layers are
 * read as streams into one merged, confined, in-memory view (merge.ts); nothing is extracted to
 * disk and nothing from the image is ever executed. Contents a probe is likely to read are kept
 * while indexing; any other file is read back by streaming its layer again.
 */
import { targetKinds } from '../kinds.js';
import { TargetError, UsageError } from '../../errors.js';
import { resolveConfined, SymlinkLoopError, type NodeKind, type TreeAccess } from '../confined-resolve.js';
import { detectPlatform } from '../detect-platform.js';
import { defineHostKind, handInChunks, type FileStat, type Host } from '../host.js';
import { notExecuted } from '../root.js';
import { FileRangeSource, readRange, readRangeChunks } from './file-range.js';
import { limits } from '../../limits.js';
import { noteOversizedRead } from '../denied-reads.js';
import { findLayers, type BlobRange, type ImageLayout } from './layout.js';
import { layerBytes, layerCompression, type ByteBudget } from './layers.js';
import { MergedTree, normaliseEntryName, type ImageNode } from './merge.js';
import { readTar, TarFormatError } from './tar-reader.js';

export interface ImageOptions {
  /** Uncompressed bytes allowed across all layers (default 16 GiB). */
  maxUncompressedBytes?: number;
  /** Entries allowed across all layers (default 2 million). */
  maxEntries?: number;
  /** Content kept in memory for files outside the always-kept trees (default 48 MiB). */
  keepBudgetBytes?: number;
}

export interface ImageHost extends Host {
  readonly layout: ImageLayout;
  /** Entries skipped while reading the layers, with the reason. */
  readonly warnings: readonly string[];
}

/** Trees whose files probes read: always kept (up to a per-file cap), outside the budget. */
const alwaysKept = [
  '/etc/',
  '/var/lib/dpkg/status',
  '/var/lib/dpkg/arch',
  '/var/lib/rpm/',
  '/var/lib/flatpak/',
  '/var/lib/snapd/',
  '/var/log/',
  '/home/',
  '/root/',
  '/opt/',
  '/usr/lib/os-release',
  '/usr/share/applications/',
  '/usr/share/glib-2.0/schemas/',
  '/usr/share/xsessions/',
  '/usr/share/wayland-sessions/',
  '/usr/lib/systemd/',
  '/lib/systemd/',
];
/** Large trees of binaries and data that no probe reads whole. */
const neverKept = [
  '/usr/share/doc/',
  '/usr/share/man/',
  '/usr/share/locale/',
  '/usr/share/icons/',
  '/usr/share/fonts/',
  '/usr/share/zoneinfo/',
  '/usr/include/',
];
/** apt's package indexes and release files (not its translations: no probe reads them). */
const aptIndex = /^\/var\/lib\/apt\/lists\/[^/]+(_Packages(\.lz4|\.gz|\.xz)?|Release)$/;
const alwaysKeptFileCap = 96 << 20;
const otherFileCap = 256 << 10;

const kindOf = (node: ImageNode | undefined): NodeKind => (node === undefined ? 'missing' : node.type);

const fileStat = (node: ImageNode): FileStat => ({
  type: node.type,
  size: node.size,
  mtimeMs: node.mtimeMs,
  mode: node.mode,
  uid: node.uid,
});

const readLayers = async (layout: ImageLayout, options: ImageOptions): Promise<MergedTree> => {
  const tree = new MergedTree();
  const budget: ByteBudget = { remaining: options.maxUncompressedBytes ?? 16 * 2 ** 30, limit: options.maxUncompressedBytes ?? 16 * 2 ** 30 };
  const maxEntries = options.maxEntries ?? 2_000_000;
  let keepBudget = options.keepBudgetBytes ?? 48 << 20;
  const wanted = (name: string, size: number): number => {
    const p = normaliseEntryName(name);
    if (p === undefined) return 0;
    const always = alwaysKept.some((prefix) => p.startsWith(prefix) || `${p}/` === prefix) || aptIndex.test(p);
    if (always) return size <= alwaysKeptFileCap ? size : 0;
    if (neverKept.some((prefix) => p.startsWith(prefix))) return 0;
    if (size > otherFileCap || size > keepBudget) return 0;
    keepBudget -= size;
    return size;
  };
  for (const [layer, blob] of layout.layers.entries()) {
    // An uncompressed layer (what `docker save` writes) is read in place: headers only, bodies on
    // demand. A compressed one is streamed once, keeping what probes are likely to read.
    const plain = (await layerCompression(blob)) === 'none';
    if (plain) {
      budget.remaining -= blob.size;
      if (budget.remaining < 0) throw new TargetError(`layer ${blob.name}: over the uncompressed size limit; refusing`);
    }
    try {
      await readTar(
        plain ? new FileRangeSource(blob.file, blob.start, blob.size) : layerBytes(blob, budget),
        (entry) => (plain ? 0 : wanted(entry.name, entry.size)),
        (entry, kept) => {
          if (tree.entries >= maxEntries) throw new TargetError(`more than ${String(maxEntries)} entries in the image's layers; refusing`);
          tree.apply(entry, layer, kept);
        },
      );
    } catch (error) {
      if (error instanceof TargetError) throw error;
      if (error instanceof TarFormatError) throw new TargetError(`layer ${blob.name}: ${error.message}`, { cause: error });
      throw error;
    }
    if (plain) tree.markInPlace(layer);
  }
  return tree;
};

/** Streams a layer again to fetch one entry's bytes (files not kept while indexing). */
const fetchEntry = async (blob: BlobRange, index: number, size: number): Promise<Buffer | undefined> => {
  let found: Buffer | undefined;
  const stop = new Error('found');
  try {
    await readTar(
      layerBytes(blob, { remaining: Number.POSITIVE_INFINITY, limit: Number.POSITIVE_INFINITY }),
      (entry) => (entry.index === index ? size : 0),
      (entry, kept) => {
        if (entry.index === index) {
          found = kept ?? Buffer.alloc(0);
          throw stop;
        }
      },
    );
  } catch (error) {
    if (error !== stop) throw error;
  }
  return found;
};

export const openImage = async (file: string, options: ImageOptions = {}): Promise<ImageHost> => {
  const layout = await findLayers(file);
  const tree = await readLayers(layout, options);
  const access: TreeAccess = {
    kind: (p) => kindOf(tree.nodes.get(p)),
    readLink: (p) => tree.nodes.get(p)?.linkTarget,
  };
  const resolve = async (requested: string, followLast = true): Promise<ImageNode | undefined> => {
    try {
      const p = await resolveConfined(access, requested, followLast);
      return p === undefined ? undefined : tree.nodes.get(p);
    } catch (error) {
      if (error instanceof SymlinkLoopError) return undefined;
      throw error;
    }
  };
  const pathOf = async (requested: string): Promise<string | undefined> => {
    try {
      return await resolveConfined(access, requested, true);
    } catch (error) {
      if (error instanceof SymlinkLoopError) return undefined;
      throw error;
    }
  };
  /**
   * Where the regular file at `requested` is: its bytes when the index holds them, its place in a
   * layer otherwise; undefined when absent, not a regular file, or over the cap (noted).
   */
  const locate = async (
    requested: string,
  ): Promise<
    Buffer | { inPlace: true; file: string; offset: number; size: number } | { inPlace: false; blob: BlobRange; index: number; size: number } | undefined
  > => {
    const node = await resolve(requested);
    if (node?.type !== 'file') return undefined;
    if (node.content !== undefined) return node.content;
    if (node.source === undefined) return undefined;
    if (node.size > limits.hostFileBytes) {
      noteOversizedRead(requested);
      return undefined;
    }
    const blob = layout.layers[node.source.layer];
    if (blob === undefined) return undefined;
    if (tree.inPlace.has(node.source.layer)) return { inPlace: true, file: blob.file, offset: blob.start + node.source.dataOffset, size: node.size };
    return { inPlace: false, blob, index: node.source.index, size: node.size };
  };
  return {
    kind: 'image',
    name: file,
    layout,
    warnings: tree.warnings,
    capabilities: { read: true, exec: false, live: false },
    platform: async () => {
      const platform = await detectPlatform(async (p) => (await resolve(p)) !== undefined);
      if (platform === undefined) throw new TargetError(`${file}: no operating system found in the image (no /etc/os-release or /bin/sh)`);
      return platform;
    },
    readFile: async (requested) => {
      const found = await locate(requested);
      if (found === undefined || Buffer.isBuffer(found)) return found;
      return found.inPlace ? readRange(found.file, found.offset, found.size) : fetchEntry(found.blob, found.index, found.size);
    },
    readFileChunks: async (requested, consume, chunkBytes) => {
      const found = await locate(requested);
      if (found === undefined) return undefined;
      if (Buffer.isBuffer(found)) return handInChunks(found, consume, chunkBytes);
      if (found.inPlace) return readRangeChunks(found.file, found.offset, found.size, consume, chunkBytes);
      // In a compressed layer: found by decompressing the layer up to it, then handed over in pieces.
      const bytes = await fetchEntry(found.blob, found.index, found.size);
      return bytes === undefined ? undefined : handInChunks(bytes, consume, chunkBytes);
    },
    readDir: async (requested) => {
      const p = await pathOf(requested);
      if (p === undefined || tree.nodes.get(p)?.type !== 'directory') return undefined;
      return [...(tree.children.get(p) ?? [])].sort();
    },
    stat: async (requested) => {
      const node = await resolve(requested);
      return node === undefined ? undefined : fileStat(node);
    },
    readLink: async (requested) => {
      const node = await resolve(requested, false);
      return node?.type === 'symlink' ? node.linkTarget : undefined;
    },
    run: () => Promise.resolve({ ...notExecuted }),
    close: () => Promise.resolve(),
  };
};

export const imageHost = defineHostKind({
  ...targetKinds.image,
  create: (argument) => {
    if (argument === undefined || argument === '') return Promise.reject(new UsageError('the image target needs a file: image:FILE'));
    return openImage(argument);
  },
});

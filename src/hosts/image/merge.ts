/**
 * The merged view of an image's layers, as the container runtime would present it: later layers
 * replace earlier entries, `.wh.<name>` deletes <name> from lower layers, `.wh..wh..opq` hides all
 * lower content of its directory, hard links share their target's bytes. Entry names that would
 * leave the root (`..`) are skipped with a warning; absolute names are taken inside the root.
 */
import type { TarEntry } from './tar-reader.js';

export interface ImageNode {
  type: 'file' | 'directory' | 'symlink' | 'other';
  mode: number;
  uid: number;
  size: number;
  mtimeMs: number;
  linkTarget?: string;
  /** Layer that wrote this node. */
  layer: number;
  /** Where the bytes are (for files): layer and entry index in that layer. */
  source?: { layer: number; index: number; dataOffset: number };
  /** The whole content, when it was kept while indexing. */
  content?: Buffer;
}

const whiteoutPrefix = '.wh.';
const opaqueMarker = '.wh..wh..opq';

/** `/a/b` for any archive spelling (`./a/b`, `/a/b`, `a//b/`); undefined when `..` appears. */
export const normaliseEntryName = (name: string): string | undefined => {
  const parts = name.split('/').filter((part) => part !== '' && part !== '.');
  if (parts.includes('..') || name.includes('\0')) return undefined;
  return `/${parts.join('/')}`;
};

const parentOf = (p: string): string => (p.lastIndexOf('/') <= 0 ? '/' : p.slice(0, p.lastIndexOf('/')));
const baseOf = (p: string): string => p.slice(p.lastIndexOf('/') + 1);

export class MergedTree {
  readonly nodes = new Map<string, ImageNode>([['/', { type: 'directory', mode: 0o40755, uid: 0, size: 0, mtimeMs: 0, layer: -1 }]]);
  readonly children = new Map<string, Set<string>>([['/', new Set()]]);
  readonly warnings: string[] = [];
  /** Layers whose bodies are read in place from the file (uncompressed), not streamed again. */
  readonly inPlace = new Set<number>();
  entries = 0;

  markInPlace(layer: number): void {
    this.inPlace.add(layer);
  }

  private remove(p: string, belowLayer: number): void {
    const node = this.nodes.get(p);
    if (node === undefined) return;
    for (const child of [...(this.children.get(p) ?? [])]) this.remove(p === '/' ? `/${child}` : `${p}/${child}`, belowLayer);
    if (node.layer >= belowLayer && p !== '/') return;
    if (p === '/') return;
    this.nodes.delete(p);
    this.children.delete(p);
    this.children.get(parentOf(p))?.delete(baseOf(p));
  }

  private ensureDirectory(p: string, layer: number): void {
    if (p === '/') return;
    const node = this.nodes.get(p);
    if (node?.type === 'directory') return;
    if (node !== undefined) this.remove(p, Number.POSITIVE_INFINITY);
    this.ensureDirectory(parentOf(p), layer);
    this.nodes.set(p, { type: 'directory', mode: 0o40755, uid: 0, size: 0, mtimeMs: 0, layer });
    this.children.set(p, new Set());
    this.children.get(parentOf(p))?.add(baseOf(p));
  }

  private put(p: string, node: ImageNode): void {
    const existing = this.nodes.get(p);
    if (existing !== undefined && !(existing.type === 'directory' && node.type === 'directory')) {
      this.remove(p, Number.POSITIVE_INFINITY);
    }
    this.ensureDirectory(parentOf(p), node.layer);
    if (existing?.type === 'directory' && node.type === 'directory') {
      this.nodes.set(p, { ...node });
      return;
    }
    this.nodes.set(p, node);
    if (node.type === 'directory') this.children.set(p, new Set());
    this.children.get(parentOf(p))?.add(baseOf(p));
  }

  /** Applies one entry of layer `layer`; `kept` is the content when it was kept. */
  apply(entry: TarEntry, layer: number, kept: Buffer | undefined): void {
    this.entries += 1;
    const p = normaliseEntryName(entry.name);
    if (p === undefined) {
      this.warnings.push(`layer ${String(layer + 1)}: entry '${entry.name}' skipped: its path leaves the image root`);
      return;
    }
    if (p === '/') return;
    const base = baseOf(p);
    if (base === opaqueMarker) {
      const dir = parentOf(p);
      for (const child of [...(this.children.get(dir) ?? [])]) this.remove(dir === '/' ? `/${child}` : `${dir}/${child}`, layer);
      this.ensureDirectory(dir, layer);
      return;
    }
    if (base.startsWith(whiteoutPrefix)) {
      this.remove(`${parentOf(p) === '/' ? '' : parentOf(p)}/${base.slice(whiteoutPrefix.length)}`, layer);
      return;
    }
    const common = { mode: entry.mode, uid: entry.uid, mtimeMs: entry.mtimeMs, layer };
    switch (entry.type) {
      case 'directory':
        this.put(p, { ...common, type: 'directory', size: 0 });
        return;
      case 'symlink':
        this.put(p, { ...common, type: 'symlink', size: entry.linkName.length, linkTarget: entry.linkName });
        return;
      case 'file': {
        const node: ImageNode = { ...common, type: 'file', size: entry.size, source: { layer, index: entry.index, dataOffset: entry.dataOffset } };
        if (kept !== undefined && kept.length === entry.size) node.content = kept;
        this.put(p, node);
        return;
      }
      case 'hardlink': {
        const targetPath = normaliseEntryName(entry.linkName);
        const target = targetPath === undefined ? undefined : this.nodes.get(targetPath);
        if (target?.type !== 'file') {
          this.warnings.push(`layer ${String(layer + 1)}: hard link '${entry.name}' skipped: its target '${entry.linkName}' is not a file in the image`);
          return;
        }
        this.put(p, { ...target, ...common, type: 'file' });
        return;
      }
      case 'other':
        // Devices and FIFOs: listed, never opened.
        this.put(p, { ...common, type: 'other', size: 0 });
    }
  }
}

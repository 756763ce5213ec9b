/**
 * Path resolution inside a scanned root (a root filesystem directory or an image's merged layers),
 * done by hand, component by component, the way the kernel would resolve it if that root were `/`:
 * an absolute symlink target starts again at the root, `..` never climbs above the root, and a
 * chain of more than 40 links is a loop (ELOOP). Nothing outside the root is ever named.
 */

/** What one path (already inside the root, absolute, normalised) is, without following it. */
export type NodeKind = 'directory' | 'file' | 'symlink' | 'other' | 'missing';

export interface TreeAccess {
  kind(path: string): Promise<NodeKind> | NodeKind;
  /** The raw target of a symlink at `path`. */
  readLink(path: string): Promise<string | undefined> | string | undefined;
}

/** Linux's limit on symlinks followed in one resolution (MAXSYMLINKS). */
export const maxSymlinks = 40;

export class SymlinkLoopError extends Error {
  override readonly name = 'SymlinkLoopError';
}

/** Splits an absolute or relative path into components, dropping empty ones and `.`. */
const components = (path: string): string[] => path.split('/').filter((part) => part !== '' && part !== '.');

const join = (parts: readonly string[]): string => `/${parts.join('/')}`;

/**
 * Resolves `requested` (absolute, as the probe would ask on the target) to a path inside the root
 * with no symlink left in it. With `followLast` false the last component is not followed (lstat,
 * readlink). Returns undefined when a component is missing or not a directory; throws
 * SymlinkLoopError on a loop. The result always starts with `/` and contains no `..`.
 */
export const resolveConfined = async (tree: TreeAccess, requested: string, followLast = true): Promise<string | undefined> => {
  if (!requested.startsWith('/') || requested.includes('\0')) return undefined;
  const resolved: string[] = [];
  let pending = components(requested);
  let links = 0;
  while (pending.length > 0) {
    const [part, ...rest] = pending as [string, ...string[]];
    pending = rest;
    if (part === '..') {
      resolved.pop();
      continue;
    }
    const candidate = join([...resolved, part]);
    const kind = await tree.kind(candidate);
    if (kind === 'missing') return undefined;
    const isLast = pending.length === 0;
    if (kind === 'symlink' && (!isLast || followLast)) {
      links += 1;
      if (links > maxSymlinks) throw new SymlinkLoopError(`${requested}: too many levels of symbolic links`);
      const target = await tree.readLink(candidate);
      if (target === undefined || target === '' || target.includes('\0')) return undefined;
      if (target.startsWith('/')) resolved.length = 0;
      pending = [...components(target), ...pending];
      continue;
    }
    if (!isLast && kind !== 'directory') return undefined;
    resolved.push(part);
  }
  return join(resolved);
};

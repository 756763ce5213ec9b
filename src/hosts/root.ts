/**
 * `root:DIR`: a mounted or unpacked root filesystem, read as if DIR were `/`. Every path is
 * resolved by hand inside DIR (confined-resolve.ts): absolute symlinks are re-rooted, `..` stops at
 * DIR, loops end. Only regular files are opened (never a FIFO or a device), with O_NOFOLLOW so
 * that a link swapped in after resolution is not followed. Nothing from DIR is ever executed.
 */
import { targetKinds } from './kinds.js';
import { constants, type Stats } from 'node:fs';
import { lstat, open, readdir, readlink, realpath, stat, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import { TargetError, UsageError } from '../errors.js';
import { resolveConfined, SymlinkLoopError, type NodeKind, type TreeAccess } from './confined-resolve.js';
import { detectPlatform } from './detect-platform.js';
import { defineHostKind, type FileStat, type Host, type RunResult } from './host.js';
import { errorCode, isVanished } from './vanished.js';
import { noteOversizedRead } from './denied-reads.js';
import { limits } from '../limits.js';
import { readHandleChunks } from './read-chunks.js';

const kindOfStats = (stats: Stats): NodeKind => {
  if (stats.isSymbolicLink()) return 'symlink';
  if (stats.isDirectory()) return 'directory';
  if (stats.isFile()) return 'file';
  return 'other';
};

const fileStat = (stats: Stats): FileStat => ({
  type: stats.isFile() ? 'file' : stats.isDirectory() ? 'directory' : stats.isSymbolicLink() ? 'symlink' : 'other',
  size: stats.size,
  mtimeMs: stats.mtimeMs,
  mode: stats.mode,
  uid: stats.uid,
});

/**
 * Errors that mean "not there (for us)": the Host contract answers undefined for them. A path that
 * vanished while it was read (vanished.ts: removed or replaced since it was resolved) is one; so is
 * a /proc/<pid> file of a process that ended, when the scanned root holds a live /proc.
 */
const isAbsence = (error: unknown, inside?: string): boolean =>
  error instanceof SymlinkLoopError || ['EACCES', 'EPERM', 'ELOOP', 'ENAMETOOLONG'].includes(errorCode(error) ?? '') || isVanished(error, inside);

const orUndefined = async <T>(work: () => Promise<T | undefined>, inside?: string): Promise<T | undefined> => {
  try {
    return await work();
  } catch (error) {
    if (isAbsence(error, inside)) return undefined;
    throw error;
  }
};

export const notExecuted: RunResult = {
  exitCode: 127,
  stdout: '',
  stderr: 'nothing is executed from a scanned root filesystem or image',
  timedOut: false,
  spawnError: 'ENOEXEC',
};

/** Opens DIR as a read-only, confined host. Throws TargetError when DIR is not a directory. */
export const openRoot = async (directory: string): Promise<Host> => {
  let top: string;
  try {
    top = await realpath(directory);
  } catch (error) {
    throw new TargetError(`${directory}: ${isAbsence(error) ? 'not found' : String(error)}`, { cause: error });
  }
  if (!(await stat(top)).isDirectory()) throw new TargetError(`${directory}: not a directory (root:DIR wants a root filesystem)`);
  if (top === '/') throw new UsageError('root:/ is this machine: use --target local to check it');

  /** The root does not change while it is scanned: one lstat per path. */
  const kinds = new Map<string, Promise<NodeKind>>();
  const onDisk = (inside: string): string => path.join(top, inside);
  const tree: TreeAccess = {
    kind: (inside) => {
      let known = kinds.get(inside);
      if (known === undefined) {
        known = lstat(onDisk(inside)).then(kindOfStats, (error: unknown) => {
          if (isAbsence(error, inside)) return 'missing' as const;
          throw error;
        });
        kinds.set(inside, known);
      }
      return known;
    },
    readLink: (inside) => orUndefined(() => readlink(onDisk(inside)), inside),
  };

  const resolve = (requested: string, followLast = true): Promise<string | undefined> => orUndefined(() => resolveConfined(tree, requested, followLast));

  /** `use` on the regular file at `requested`, opened and checked (kind, cap); undefined when absent or refused. */
  const withRegular = async <T>(requested: string, use: (handle: FileHandle, size: number) => Promise<T>): Promise<T | undefined> => {
    const inside = await resolve(requested);
    if (inside === undefined || (await tree.kind(inside)) !== 'file') return undefined;
    return orUndefined(async () => {
      const handle = await open(onDisk(inside), constants.O_RDONLY | constants.O_NOFOLLOW | constants.O_NONBLOCK);
      try {
        const stats = await handle.stat();
        if (!stats.isFile()) return undefined;
        // A file over the cap is not read (a sparse 1 GB os-release must not become 1 GB of memory).
        if (stats.size > limits.hostFileBytes) {
          noteOversizedRead(requested);
          return undefined;
        }
        return await use(handle, stats.size);
      } finally {
        await handle.close();
      }
    }, inside);
  };

  const readRegular = (requested: string): Promise<Buffer | undefined> => withRegular(requested, (handle) => handle.readFile());

  const host: Host = {
    kind: 'root',
    name: directory,
    capabilities: { read: true, exec: false, live: false },
    platform: async () => {
      const platform = await detectPlatform(async (p) => (await resolve(p)) !== undefined);
      if (platform === undefined) throw new TargetError(`${directory}: no operating system found (no /etc/os-release, /bin/sh, Windows or macOS markers)`);
      return platform;
    },
    readFile: readRegular,
    readFileChunks: (requested, consume, chunkBytes) => withRegular(requested, (handle, size) => readHandleChunks(handle, consume, chunkBytes, size)),
    readDir: async (requested) => {
      const inside = await resolve(requested);
      if (inside === undefined || (await tree.kind(inside)) !== 'directory') return undefined;
      return orUndefined(async () => (await readdir(onDisk(inside))).sort(), inside);
    },
    stat: async (requested) => {
      const inside = await resolve(requested);
      if (inside === undefined) return undefined;
      return orUndefined(async () => fileStat(await lstat(onDisk(inside))), inside);
    },
    readLink: async (requested) => {
      const inside = await resolve(requested, false);
      if (inside === undefined || (await tree.kind(inside)) !== 'symlink') return undefined;
      return tree.readLink(inside);
    },
    run: () => Promise.resolve({ ...notExecuted }),
    close: () => Promise.resolve(),
  };
  return host;
};

export const rootHost = defineHostKind({
  ...targetKinds.root,
  create: (argument) => {
    if (argument === undefined || argument === '') return Promise.reject(new UsageError('the root target needs a directory: root:DIR'));
    return openRoot(argument);
  },
});

/**
 * Things that vanish while they are read are not failures. A live system changes under a scan: a
 * process exits between the listing of /proc and the read of its files, a file is removed or
 * replaced between a directory listing and its read. Every host answers such a read `undefined`
 * (absent), like a path that was never there, so a probe skips that item instead of failing whole.
 *
 * What the kernel answers for a path that went away:
 * - ENOENT, ENOTDIR: the path (or a directory on it) is gone or was replaced by a file;
 * - ESRCH: a /proc/<pid> file opened before its process was reaped and read after (cmdline,
 *   stat, status, ...);
 * - EINVAL, only below /proc: some per-process files of a dead process (and readlink of a link
 *   that is no longer one). Elsewhere EINVAL is not a vanishing and stays an error.
 *
 * Permission errors (EACCES, EPERM) are not decided here: each host keeps its own mapping.
 */

/** Codes that mean "gone" for any path. */
export const vanishedCodes: ReadonlySet<string> = new Set(['ENOENT', 'ENOTDIR', 'ESRCH']);

/** Codes that mean "gone" for a path below /proc (a process that ended). */
const procVanishedCodes: ReadonlySet<string> = new Set([...vanishedCodes, 'EINVAL']);

/** The `code` of a Node system error, or undefined. */
export const errorCode = (error: unknown): string | undefined =>
  error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;

/** Is `path` in the process file system (/proc, or /proc/...)? */
const inProc = (path: string): boolean => path === '/proc' || path.startsWith('/proc/');

/** Does `error`, met while reading `path` on the target, mean that the thing read went away? */
export const isVanished = (error: unknown, path?: string): boolean => {
  const code = errorCode(error);
  if (code === undefined) return false;
  return (path !== undefined && inProc(path) ? procVanishedCodes : vanishedCodes).has(code);
};

/**
 * One read of a listed item (a process, a directory entry), for code that scans: undefined when it
 * throws because the item vanished, so the scan skips that item. Hosts already answer undefined for
 * these; this guards scans against a host that throws them. Any other error is not a vanishing and
 * goes on: a scan that skipped it would report an incomplete list as complete.
 */
export const unlessVanished = async <T>(read: () => Promise<T | undefined>, path?: string): Promise<T | undefined> => {
  try {
    return await read();
  } catch (error) {
    if (isVanished(error, path)) return undefined;
    throw error;
  }
};

/**
 * Reading a file the user named: only a regular file, and never more than a cap. A FIFO, a device
 * or a directory is refused before any read (opened non-blocking, checked with fstat on the open
 * descriptor, so nothing can swap it in between); a file over the cap is refused, and a file that
 * grows past it while read (`/proc`, a file being written) is refused too.
 */
import { closeSync, constants, fstatSync, openSync, readSync } from 'node:fs';
import type { Stats } from 'node:fs';
import { open } from 'node:fs/promises';

/** A file that is not a regular file, is too big, or cannot be opened; `reason` is one short phrase. */
export class FileRefused extends Error {
  override readonly name = 'FileRefused';
  readonly file: string;
  readonly reason: string;
  readonly code: string | undefined;
  constructor(file: string, reason: string, code?: string) {
    super(`${file}: ${reason}`);
    this.file = file;
    this.reason = reason;
    this.code = code;
  }
}

const flags = constants.O_RDONLY | constants.O_NONBLOCK;

const kindOf = (stats: Stats): string =>
  stats.isDirectory()
    ? 'it is a directory, not a file'
    : stats.isFIFO()
      ? 'it is a FIFO, not a regular file'
      : stats.isCharacterDevice() || stats.isBlockDevice()
        ? 'it is a device, not a regular file'
        : stats.isSocket()
          ? 'it is a socket, not a regular file'
          : 'it is not a regular file';

/** The reason for a file over the cap (code EFBIG): its size as stat gave it, or that it grew past the cap while read. */
const tooBig = (file: string, size: number | undefined, maxBytes: number): FileRefused =>
  new FileRefused(
    file,
    size === undefined ? `file grows past the limit of ${String(maxBytes)} bytes` : `file is ${String(size)} bytes; the limit is ${String(maxBytes)} bytes`,
    'EFBIG',
  );

const openFailure = (file: string, error: unknown): FileRefused => {
  const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
  const reason =
    code === 'ENOENT'
      ? 'no such file'
      : code === 'EISDIR'
        ? 'it is a directory, not a file'
        : code === 'EACCES' || code === 'EPERM'
          ? 'permission denied'
          : (code ?? String(error));
  return new FileRefused(file, reason, code);
};

/** The bytes of the regular file `file`, at most `maxBytes`; throws FileRefused otherwise. */
export const readRegularFile = async (file: string, maxBytes: number): Promise<Buffer> => {
  let handle;
  try {
    handle = await open(file, flags);
  } catch (error) {
    throw openFailure(file, error);
  }
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw new FileRefused(file, kindOf(stats));
    if (stats.size > maxBytes) throw tooBig(file, stats.size, maxBytes);
    const buffer = Buffer.allocUnsafe(Math.min(maxBytes + 1, Math.max(stats.size + 1, 64 * 1024)));
    let length = 0;
    let grown = buffer;
    for (;;) {
      if (length === grown.length) {
        if (length > maxBytes) throw tooBig(file, undefined, maxBytes);
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, grown.length * 2));
        grown.copy(bigger, 0, 0, length);
        grown = bigger;
      }
      const { bytesRead } = await handle.read(grown, length, grown.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > maxBytes) throw tooBig(file, undefined, maxBytes);
    return grown.subarray(0, length);
  } catch (error) {
    if (error instanceof FileRefused) throw error;
    throw openFailure(file, error);
  } finally {
    await handle.close();
  }
};

/** readRegularFile as UTF-8 text. */
export const readRegularText = async (file: string, maxBytes: number): Promise<string> => (await readRegularFile(file, maxBytes)).toString('utf8');

/**
 * readRegularFile without the event loop, into `scratch` (grown as needed, at most maxBytes + 1);
 * returns the bytes read as a view of the (possibly new) scratch buffer.
 */
export const readRegularFileSync = (file: string, maxBytes: number, scratch: Buffer): { bytes: Buffer; scratch: Buffer } => {
  let fd: number;
  try {
    fd = openSync(file, flags);
  } catch (error) {
    throw openFailure(file, error);
  }
  try {
    const stats = fstatSync(fd);
    if (!stats.isFile()) throw new FileRefused(file, kindOf(stats));
    if (stats.size > maxBytes) throw tooBig(file, stats.size, maxBytes);
    let buffer = scratch;
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        if (length > maxBytes) throw tooBig(file, undefined, maxBytes);
        const bigger = Buffer.allocUnsafe(Math.min(maxBytes + 1, buffer.length * 2));
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const read = readSync(fd, buffer, length, buffer.length - length, null);
      if (read === 0) break;
      length += read;
    }
    if (length > maxBytes) throw tooBig(file, undefined, maxBytes);
    return { bytes: buffer.subarray(0, length), scratch: buffer };
  } catch (error) {
    if (error instanceof FileRefused) throw error;
    throw openFailure(file, error);
  } finally {
    closeSync(fd);
  }
};

/** Does `bytes` start like a gzip stream (RFC 1952: 1f 8b)? Decided by content, never by the file's name. */
export const isGzip = (bytes: Uint8Array): boolean => bytes.length >= 2 && bytes[0] === 0x1f && bytes[1] === 0x8b;

/**
 * The bytes of a file read with readRegularFile: as they are, or decompressed when they are gzip,
 * never more than `maxBytes` once decompressed (a small file that inflates past it, a gzip bomb, is
 * refused while decompressing, without the memory). A truncated or corrupt gzip stream is refused
 * too, with zlib's reason. Throws FileRefused.
 */
export const gunzipBounded = (file: string, bytes: Buffer, maxBytes: number): Buffer => {
  if (!isGzip(bytes)) return bytes;
  try {
    // node:zlib only for gzip data: a command that reads none (rules, explain) does not load it.
    return process.getBuiltinModule('node:zlib').gunzipSync(bytes, { maxOutputLength: maxBytes });
  } catch (error) {
    const code = error instanceof Error && 'code' in error && typeof error.code === 'string' ? error.code : undefined;
    if (code === 'ERR_BUFFER_TOO_LARGE' || error instanceof RangeError) {
      throw new FileRefused(file, `gzip data decompresses to more than the limit of ${String(maxBytes)} bytes`, 'EFBIG');
    }
    const reason = error instanceof Error ? error.message : String(error);
    throw new FileRefused(file, `not a complete gzip file (${reason})`, code);
  }
};

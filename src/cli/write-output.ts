/**
 * Where the CLI writes its reports and snapshots. The rules (README, "Output files"):
 * - a regular file or a new path is written whole or not at all: a temporary sibling is written,
 *   every byte checked and flushed, then renamed into place; on any error the temporary file is
 *   removed and the previous file is left as it was;
 * - a character device or a FIFO (`/dev/null`, `/dev/tty`, a named pipe) is written through, never
 *   renamed over: it stays what it is;
 * - a symbolic link is never replaced and never written through to a file (a link planted where a
 *   report goes must not redirect root's writes): it is refused, except a link to a character
 *   device or FIFO, and the process's own descriptors (`/dev/stdout`, `/dev/stderr`, `/dev/fd/N`),
 *   which are written to directly (the descriptor, never reopened or truncated);
 * - a directory, a block device or a socket is refused;
 * - the path is checked before the work (`checkOutputPath`), so a long audit never ends in a
 *   result that cannot be written.
 * Every failure is an OutputError: one line naming the path and the cause, exit 2.
 */
import { randomBytes } from 'node:crypto';
import { constants, fstat, rmSync, write, type Stats } from 'node:fs';
import { access, lstat, open, rename, rm, stat, type FileHandle } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { promisify } from 'node:util';
import { OutputError, fsErrorCode, fsErrorReason } from '../errors.js';

const pending = new Set<string>();

const removePending = (): void => {
  for (const file of pending) rmSync(file, { force: true });
  pending.clear();
};

const onSignal = (signal: NodeJS.Signals): void => {
  removePending();
  process.kill(process.pid, signal);
};

const track = (file: string): void => {
  if (pending.size === 0) {
    process.once('exit', removePending);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  pending.add(file);
};

const untrack = (file: string): void => {
  pending.delete(file);
  if (pending.size === 0) {
    process.removeListener('exit', removePending);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
};

/** How an output path is written: replaced whole (a regular file or nothing yet), written through (a device or FIFO), or to one of the process's own descriptors. */
export type OutputDestination = { kind: 'replace' } | { kind: 'stream'; fifo: boolean } | { kind: 'descriptor'; fd: number };

const failure = (file: string, reason: string): OutputError => new OutputError(`cannot write ${file}: ${reason}`);

/** The links that name the process's own open files: writing through them is writing where the caller redirected. */
const ownDescriptor = (file: string): number | undefined => {
  if (file === '/dev/stdout') return 1;
  if (file === '/dev/stderr') return 2;
  const match = /^\/(?:dev\/fd|proc\/(self|thread-self|\d+)\/fd)\/(\d+)$/.exec(file);
  if (match === null) return undefined;
  const [, pid, fd] = match;
  return pid === undefined || pid === 'self' || pid === 'thread-self' || pid === String(process.pid) ? Number(fd) : undefined;
};

const kindOf = (info: Stats): string =>
  info.isDirectory() ? 'it is a directory' : info.isBlockDevice() ? 'it is a block device' : info.isSocket() ? 'it is a socket' : 'it is not a regular file';

/** The directory a new or replaced file goes into must exist and be writable. */
const checkDirectory = async (file: string): Promise<void> => {
  const dir = dirname(file);
  let info: Stats;
  try {
    info = await stat(dir);
  } catch (error) {
    const code = fsErrorCode(error);
    throw failure(
      file,
      code === 'ENOENT' ? `the directory ${dir} does not exist` : code === 'ENOTDIR' ? `${dir} is not a directory` : `${dir}: ${fsErrorReason(error)}`,
    );
  }
  if (!info.isDirectory()) throw failure(file, `${dir} is not a directory`);
  try {
    await access(dir, constants.W_OK | constants.X_OK);
  } catch (error) {
    throw failure(file, `the directory ${dir} is not writable: ${fsErrorReason(error)}`);
  }
};

/**
 * Check, before any work, that `file` (absolute) can be written, and say how it will be. Throws an
 * OutputError naming the path and the cause.
 */
export const checkOutputPath = async (file: string): Promise<OutputDestination> => {
  // The process's own descriptors are written directly: opening them by path fails for a socket
  // (how Node's child processes get their stdout) and would truncate a file the caller appends to.
  const fd = ownDescriptor(file);
  if (fd !== undefined) {
    let opened: Stats;
    try {
      opened = await promisify(fstat)(fd);
    } catch (error) {
      throw failure(file, fsErrorCode(error) === 'EBADF' ? `descriptor ${String(fd)} is not open` : fsErrorReason(error));
    }
    if (opened.isDirectory()) throw failure(file, 'it is a directory');
    return { kind: 'descriptor', fd };
  }
  let info: Stats;
  try {
    info = await lstat(file);
  } catch (error) {
    if (fsErrorCode(error) !== 'ENOENT') {
      throw failure(file, fsErrorCode(error) === 'ENOTDIR' ? `${dirname(file)} is not a directory` : fsErrorReason(error));
    }
    await checkDirectory(file);
    return { kind: 'replace' };
  }
  if (info.isSymbolicLink()) {
    const target = await stat(file).catch(() => undefined);
    if (target !== undefined && (target.isCharacterDevice() || target.isFIFO())) return { kind: 'stream', fifo: target.isFIFO() };
    throw failure(file, 'it is a symbolic link (charter neither replaces a link nor writes through it to a file): give the path of the file itself');
  }
  if (info.isCharacterDevice() || info.isFIFO()) return { kind: 'stream', fifo: info.isFIFO() };
  if (!info.isFile()) throw failure(file, kindOf(info));
  await checkDirectory(file);
  return { kind: 'replace' };
};

class ShortWrite extends Error {}

/** Write all of `buffer`, however many calls it takes; a write that makes no progress is an error. */
const writeAll = async (handle: FileHandle, buffer: Buffer): Promise<void> => {
  let offset = 0;
  while (offset < buffer.length) {
    const { bytesWritten } = await handle.write(buffer, offset, buffer.length - offset);
    if (bytesWritten <= 0) {
      throw new ShortWrite(`short write: ${String(offset)} of ${String(buffer.length)} bytes written`);
    }
    offset += bytesWritten;
  }
};

/** Write all of `buffer` to an open descriptor, waiting while a non-blocking one is full. */
const writeAllTo = async (fd: number, buffer: Buffer): Promise<void> => {
  let offset = 0;
  while (offset < buffer.length) {
    let bytesWritten: number;
    try {
      bytesWritten = await writeToFd(fd, buffer, offset, buffer.length - offset);
    } catch (error) {
      if (fsErrorCode(error) !== 'EAGAIN') throw error;
      await sleep(10);
      continue;
    }
    if (bytesWritten <= 0) throw new ShortWrite(`short write: ${String(offset)} of ${String(buffer.length)} bytes written`);
    offset += bytesWritten;
  }
};

const writeToFd = (fd: number, buffer: Buffer, offset: number, length: number): Promise<number> =>
  new Promise((resolve, reject) => {
    write(fd, buffer, offset, length, null, (error, written) => {
      if (error === null) resolve(written);
      else reject(error);
    });
  });

/** The size of a batch of pieces written at once. */
const batchBytes = 1 << 20;

/**
 * Pieces of text written in batches of about 1 MiB, so that a fleet report never sits whole in
 * memory. Each piece is copied into one of two batch buffers as it comes (its bytes are not kept),
 * and one batch is written while the other fills: the text of a 30,000-host report (about 500 MB)
 * is made and written at the same time, not in turns. Batches are written in order, one at a time;
 * a failed write fails the whole, and a failed piece waits for the batch being written.
 */
const writeBatched = async (handle: FileHandle | number, chunks: Iterable<string | Buffer>): Promise<void> => {
  const flush = (bytes: Buffer): Promise<void> => (typeof handle === 'number' ? writeAllTo(handle, bytes) : writeAll(handle, bytes));
  let writing: Promise<void> | undefined;
  const send = async (bytes: Buffer): Promise<void> => {
    if (writing !== undefined) await writing;
    writing = flush(bytes);
    // Awaited at the next batch or at the end; not an unhandled rejection meanwhile.
    writing.catch(() => undefined);
  };
  // Two batches: once `send` has returned, the other one is written and free to fill again.
  let batch: Buffer = Buffer.allocUnsafeSlow(batchBytes);
  let spare: Buffer | undefined;
  let used = 0;
  const sendBatch = async (): Promise<void> => {
    const full = batch.subarray(0, used);
    await send(full);
    const next = spare ?? Buffer.allocUnsafeSlow(batchBytes);
    spare = batch;
    batch = next;
    used = 0;
  };
  try {
    for (const chunk of chunks) {
      const length = typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length;
      if (used > 0 && used + length > batchBytes) await sendBatch();
      if (length > batchBytes) {
        // A piece larger than a batch: written from a copy of its own.
        await send(typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk));
        continue;
      }
      used += typeof chunk === 'string' ? batch.write(chunk, used) : chunk.copy(batch, used);
    }
    if (used > 0) await sendBatch();
    await writing;
  } catch (error) {
    // The caller closes or removes the file next: the batch being written ends first.
    await writing?.catch(() => undefined);
    throw error;
  }
};

/** How long a FIFO may stay without a reader before the write is given up (never hang). */
const fifoReaderWaitMs = 10_000;

/** Open a FIFO for writing once some process reads it; an error when none does within fifoReaderWaitMs. */
const openFifo = async (file: string): Promise<FileHandle> => {
  const deadline = Date.now() + fifoReaderWaitMs;
  for (;;) {
    let probe: FileHandle;
    try {
      // Non-blocking: fails at once (ENXIO) while no process has it open for reading.
      probe = await open(file, constants.O_WRONLY | constants.O_NONBLOCK);
    } catch (error) {
      if (fsErrorCode(error) !== 'ENXIO') throw error;
      if (Date.now() >= deadline) throw failure(file, `no process read the FIFO within ${String(fifoReaderWaitMs / 1000)} s`);
      await sleep(50);
      continue;
    }
    // A reader is there; open for blocking writes before closing the probe, or the reader sees the end.
    try {
      return await open(file, constants.O_WRONLY | constants.O_APPEND);
    } finally {
      await probe.close();
    }
  }
};

/** A device or FIFO: written through, appending, never truncated or replaced. */
const writeThrough = async (file: string, fifo: boolean, chunks: Iterable<string | Buffer>): Promise<void> => {
  const handle = fifo ? await openFifo(file) : await open(file, constants.O_WRONLY | constants.O_APPEND | constants.O_NOCTTY);
  try {
    await writeBatched(handle, chunks);
  } finally {
    await handle.close();
  }
};

/** A regular file or a new path: a temporary sibling, every byte checked and flushed, then renamed into place. */
const replaceWhole = async (file: string, chunks: Iterable<string | Buffer>): Promise<void> => {
  const temporary = join(dirname(file), `.${basename(file)}.${String(process.pid)}.${randomBytes(4).toString('hex')}.tmp`);
  track(temporary);
  try {
    const handle = await open(temporary, 'wx');
    try {
      await writeBatched(handle, chunks);
      // A full disk or a failing device can report itself only here (delayed allocation, NFS).
      await handle.sync();
    } finally {
      await handle.close();
    }
    // The path may have become something else during the work: never rename over a non-file.
    const now = await lstat(file).catch((error: unknown) => {
      if (fsErrorCode(error) === 'ENOENT') return undefined;
      throw error;
    });
    if (now !== undefined && !now.isFile())
      throw failure(file, now.isSymbolicLink() ? 'it became a symbolic link during the run' : `${kindOf(now)} (it changed during the run)`);
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    untrack(temporary);
  }
};

const writeOutput = async (file: string, chunks: Iterable<string | Buffer>): Promise<void> => {
  try {
    const destination = await checkOutputPath(file);
    if (destination.kind === 'descriptor') await writeBatched(destination.fd, chunks);
    else if (destination.kind === 'stream') await writeThrough(file, destination.fifo, chunks);
    else await replaceWhole(file, chunks);
  } catch (error) {
    if (error instanceof ShortWrite) throw failure(file, error.message);
    // A reporter that throws while its pieces are written is a bug, not an output problem.
    if (fsErrorCode(error) === undefined) throw error;
    throw failure(file, fsErrorReason(error));
  }
};

/**
 * Write a report or snapshot to `file` (absolute) by the rules above: whole or not at all for a
 * file, written through for a device or FIFO. Throws an OutputError naming the path and the cause.
 */
export const writeFileAtomic = async (file: string, content: string | Buffer): Promise<void> => writeOutput(file, [content]);

/**
 * writeFileAtomic for text produced in pieces (a fleet report of 10,000 hosts): each piece is
 * written as it comes, so the whole text never sits in memory; the file appears only when done.
 */
export const writeChunksAtomic = async (file: string, chunks: Iterable<string | Buffer>): Promise<void> => writeOutput(file, chunks);

/**
 * `record --output DIR`, before the work: a new directory in a writable one, or an existing
 * directory (replaced whole by the recorder); never a link, a file or a device.
 */
export const checkOutputDirectory = async (dir: string): Promise<void> => {
  let info: Stats;
  try {
    info = await lstat(dir);
  } catch (error) {
    if (fsErrorCode(error) !== 'ENOENT') throw failure(dir, fsErrorReason(error));
    await checkDirectory(dir);
    return;
  }
  if (info.isSymbolicLink()) throw failure(dir, 'it is a symbolic link (charter does not replace links): give the path of the directory itself');
  if (!info.isDirectory()) throw failure(dir, 'it exists and is not a directory');
  await checkDirectory(dir);
};

/**
 * Where an audit keeps its hosts' reports while it runs and while its outputs are written: each
 * report as its JSON text (the text the json report prints for it), put once when its host is
 * done and read back by whichever reporter needs it, one host at a time. In memory for a library
 * caller and tests; in a temporary file for `charter audit`, so that memory does not grow with the
 * number of hosts: what stays in memory per host is its row without its report (fleet/model.ts).
 */
import { closeSync, fstatSync, openSync, readSync, rmSync, unlinkSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomBytes } from 'node:crypto';

export interface ReportStore {
  /** Keep one report's text; returns its reader, which reads the text again at every call. */
  put(text: string): () => string;
  /** Frees what the store holds; its readers throw afterwards. Idempotent. */
  close(): void;
  /**
   * Keep a text and say where it is, for a caller that keeps places (two numbers) rather than
   * readers (a function each): the stores of this file can; a store without it keeps rows in memory.
   */
  append?: (text: string) => TextPlace;
  /** The text kept at `place` (by append, or by a worker thread into `shared`), read again at every call. */
  read?: (place: TextPlace) => string;
  /** A file store's file, which worker threads append their hosts' reports to themselves (appendShared). */
  shared?: SharedStoreFile;
}

/** Where a store keeps a text: its offset in the store (a memory store: its number) and its length in bytes. */
export interface TextPlace {
  at: number;
  length: number;
}

/**
 * A store file as worker threads see it: its descriptor (one table for all the process's threads)
 * and its end, shared by every thread, which each moves past the bytes it is about to write.
 */
export interface SharedStoreFile {
  fd: number;
  /** One 64-bit integer: the file's size once every reserved write is done. */
  end: SharedArrayBuffer;
}

/** Write `bytes` at `at` in `fd`, whole. */
const writeAll = (fd: number, bytes: Buffer, at: number): void => {
  let written = 0;
  while (written < bytes.length) {
    const n = writeSync(fd, bytes, written, bytes.length - written, at + written);
    if (n <= 0) throw new Error(`the audit report store could not write (${String(written)} of ${String(bytes.length)} bytes)`);
    written += n;
  }
};

/**
 * Append a text to a shared store file from any thread: its place reserved at the shared end, then
 * written there. The store must stay open until every thread that writes to it has stopped
 * (worker-pool.ts waits for its threads' exit).
 */
export const appendShared = (file: SharedStoreFile, text: string): TextPlace => {
  const bytes = Buffer.from(text, 'utf8');
  const at = Number(Atomics.add(new BigInt64Array(file.end), 0, BigInt(bytes.length)));
  writeAll(file.fd, bytes, at);
  return { at, length: bytes.length };
};

/** The texts kept in memory (a few hosts, tests, a library caller that wants no file). */
export const memoryReportStore = (): ReportStore => {
  let open = true;
  const texts: string[] = [];
  const opened = (): void => {
    if (!open) throw new Error('the audit report store is closed');
  };
  return {
    put: (text) => {
      opened();
      return () => {
        opened();
        return text;
      };
    },
    append: (text) => {
      opened();
      texts.push(text);
      return { at: texts.length - 1, length: text.length };
    },
    read: ({ at }) => {
      opened();
      const text = texts[at];
      if (text === undefined) throw new Error(`the audit report store has no text ${String(at)}`);
      return text;
    },
    close: () => {
      open = false;
      texts.length = 0;
    },
  };
};

/**
 * The texts appended to one temporary file in `dir` (the system's temporary directory by default),
 * read back by offset. The file is removed from its directory as soon as it is open, where the
 * system allows it (POSIX): nothing is left behind, even by a process that is killed. Elsewhere it
 * is removed by close().
 */
export const fileReportStore = (dir: string = tmpdir()): ReportStore => {
  const file = join(dir, `.charter-audit-${String(process.pid)}-${randomBytes(6).toString('hex')}.reports`);
  // Created new (never an existing file or a link), readable and writable by this user only.
  const fd = openSync(file, 'wx+', 0o600);
  let unlinked = false;
  try {
    unlinkSync(file);
    unlinked = true;
  } catch {
    // Windows: an open file cannot be removed; close() removes it.
  }
  let open = true;
  let scratch = Buffer.allocUnsafe(1 << 16);
  const shared: SharedStoreFile = { fd, end: new SharedArrayBuffer(8) };
  const opened = (): void => {
    if (!open) throw new Error('the audit report store is closed');
  };
  const append = (text: string): TextPlace => {
    opened();
    return appendShared(shared, text);
  };
  const read = ({ at, length }: TextPlace): string => {
    opened();
    if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, scratch.length * 2));
    let done = 0;
    while (done < length) {
      const n = readSync(fd, scratch, done, length - done, at + done);
      if (n <= 0) throw new Error(`the audit report store is shorter than written (${String(fstatSync(fd).size)} bytes)`);
      done += n;
    }
    return scratch.toString('utf8', 0, length);
  };
  return {
    put: (text) => {
      const place = append(text);
      return () => read(place);
    },
    append,
    read,
    shared,
    close: () => {
      if (!open) return;
      open = false;
      closeSync(fd);
      if (!unlinked) rmSync(file, { force: true });
    },
  };
};

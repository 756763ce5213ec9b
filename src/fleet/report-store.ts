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
}

/** The texts kept in memory (a few hosts, tests, a library caller that wants no file). */
export const memoryReportStore = (): ReportStore => {
  let open = true;
  return {
    put: (text) => {
      if (!open) throw new Error('the audit report store is closed');
      return () => {
        if (!open) throw new Error('the audit report store is closed');
        return text;
      };
    },
    close: () => {
      open = false;
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
  let size = 0;
  let open = true;
  let scratch = Buffer.allocUnsafe(1 << 16);
  return {
    put: (text) => {
      if (!open) throw new Error('the audit report store is closed');
      const bytes = Buffer.from(text, 'utf8');
      const at = size;
      let written = 0;
      while (written < bytes.length) {
        const n = writeSync(fd, bytes, written, bytes.length - written, at + written);
        if (n <= 0) throw new Error(`the audit report store could not write (${String(written)} of ${String(bytes.length)} bytes)`);
        written += n;
      }
      size += bytes.length;
      const length = bytes.length;
      return () => {
        if (!open) throw new Error('the audit report store is closed');
        if (scratch.length < length) scratch = Buffer.allocUnsafe(Math.max(length, scratch.length * 2));
        let read = 0;
        while (read < length) {
          const n = readSync(fd, scratch, read, length - read, at + read);
          if (n <= 0) throw new Error(`the audit report store is shorter than written (${String(fstatSync(fd).size)} bytes)`);
          read += n;
        }
        return scratch.toString('utf8', 0, length);
      };
    },
    close: () => {
      if (!open) return;
      open = false;
      closeSync(fd);
      if (!unlinked) rmSync(file, { force: true });
    },
  };
};

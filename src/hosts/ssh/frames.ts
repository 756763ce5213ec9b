/**
 * The agent's answer: a stream of netstrings (`<decimal length>:<bytes>,`). A record is one head
 * netstring, its fields joined by NUL (none of them can hold one: paths, link targets, numbers and
 * words), followed by a fixed number of payload netstrings for the bytes that can hold anything:
 *
 *   head                                payloads
 *   H os agent                          -                header (uname -s; 'perl', or '' when the remote has no agent)
 *   A path                              -                nothing at path (lstat failed)
 *   R path                              -                lstat refused for lack of permission (EACCES, EPERM)
 *   M path ltype link type size mtime mode uid
 *                                       -                ltype/type: f d l o ('-' type: dangling link); link: '=' + target or ''
 *   C path status                       bytes            content; status ok | absent | big | same (bytes: the SHA-256
 *                                                        digest of a content the asker already holds)
 *   L path status                       names            listing; names joined by NUL; status ok | absent
 *   X id exit flags                     stdout stderr    a command's result; flags: n not found, t timed out, f no fork
 *   E                                   -                end of an answer
 *
 * One head per record rather than one netstring per field: a host's first answer holds a couple of
 * thousand records, and each netstring costs both sides a little.
 */
import { limits } from '../../limits.js';
import type { FileStat } from '../host.js';

export type AgentRecord =
  | { tag: 'H'; os: string; agent: string }
  | { tag: 'A'; path: string; denied?: true }
  | { tag: 'M'; path: string; lstatType: string; link: string | undefined; stat: FileStat | undefined; linkDenied?: true }
  | { tag: 'C'; path: string; status: 'ok' | 'absent' | 'big' | 'same' | 'denied'; bytes: Buffer }
  | { tag: 'X'; id: number; exitCode: number; stdout: Buffer; stderr: string; flags: string }
  | { tag: 'L'; path: string; names: string[] | undefined; denied?: true }
  | { tag: 'E' };

export class FrameError extends Error {
  override readonly name = 'FrameError';
}

/** Fields in the head (the tag included), and payloads after it. */
const shapes: Record<string, { fields: number; payloads: number }> = {
  H: { fields: 3, payloads: 0 },
  A: { fields: 2, payloads: 0 },
  R: { fields: 2, payloads: 0 },
  M: { fields: 9, payloads: 0 },
  C: { fields: 3, payloads: 1 },
  L: { fields: 3, payloads: 1 },
  X: { fields: 4, payloads: 2 },
  E: { fields: 1, payloads: 0 },
};

const fileTypes: Record<string, FileStat['type']> = { f: 'file', d: 'directory', l: 'symlink', o: 'other' };

const number = (text: string | undefined): number => {
  const value = Number(text);
  if (text === undefined || text === '' || !Number.isFinite(value)) throw new FrameError(`not a number: ${String(text)}`);
  return value;
};

/**
 * Each record is made with all of its kind's fields, in one order, its flags included (undefined
 * when not set): the readers of records (cache.ts) then see one object shape per kind, and their
 * optimised code is not thrown away when a flag first turns up.
 */
const toRecord = (head: readonly string[], payloads: readonly Buffer[]): AgentRecord => {
  const field = (i: number): string => head[i] ?? '';
  const payload = (i: number): Buffer => payloads[i] ?? Buffer.alloc(0);
  switch (head[0] ?? '') {
    case 'H':
      return { tag: 'H', os: field(1), agent: field(2) };
    case 'A':
      return { tag: 'A', path: field(1), denied: undefined };
    case 'R':
      // The lookup itself was refused (a directory above it not searchable): unknown, not absent.
      return { tag: 'A', path: field(1), denied: true };
    case 'M': {
      const type = fileTypes[field(4)];
      const link = field(3);
      return {
        tag: 'M',
        path: field(1),
        lstatType: field(2),
        link: link.startsWith('=') ? link.slice(1) : undefined,
        stat: type === undefined ? undefined : { type, size: number(head[5]), mtimeMs: number(head[6]) * 1000, mode: number(head[7]), uid: number(head[8]) },
        linkDenied: link === '!' ? true : undefined,
      };
    }
    case 'C': {
      const status = field(2);
      if (status !== 'ok' && status !== 'absent' && status !== 'big' && status !== 'same' && status !== 'denied')
        throw new FrameError(`bad content status ${status}`);
      return { tag: 'C', path: field(1), status, bytes: payload(0) };
    }
    case 'X':
      return { tag: 'X', id: number(head[1]), exitCode: number(head[2]), flags: field(3), stdout: payload(0), stderr: payload(1).toString('utf8') };
    case 'L': {
      const names = payload(0);
      return {
        tag: 'L',
        path: field(1),
        names: field(2) === 'ok' ? (names.length === 0 ? [] : names.toString('utf8').split('\0')) : undefined,
        denied: field(2) === 'denied' ? true : undefined,
      };
    }
    case 'E':
      return { tag: 'E' };
    default:
      throw new FrameError(`unknown record ${JSON.stringify(field(0).slice(0, 20))}`);
  }
};

/** The payloads of a record that has none. */
const noPayloads: readonly Buffer[] = [];

/** Most digits a netstring length may have. */
const maxLengthDigits = 12;

/**
 * Splits a session's output stream into answers: each answer is the records up to and including an
 * `E` record (the first one also holds the `H` header). Bytes are joined only when a whole frame
 * has arrived, so a big content costs one copy, not one per chunk.
 */
export class AnswerReader {
  /** The biggest frame accepted: one announced bigger is refused before anything waits for it. */
  private readonly maxFrameBytes: number;
  constructor(maxFrameBytes: number = limits.sshFrameBytes) {
    this.maxFrameBytes = maxFrameBytes;
  }

  private chunks: Buffer[] = [];
  private length = 0;
  private records: AgentRecord[] = [];
  /** The record being read: its head fields, and the payloads so far. */
  private head: string[] | undefined;
  private payloadCount = 0;
  private payloads: Buffer[] = [];
  /** Bytes needed before the next frame can be complete (0: unknown, try). */
  private needed = 0;

  /** Adds a chunk; returns the answers it completed (usually none or one). */
  push(chunk: Buffer): AgentRecord[][] {
    this.chunks.push(chunk);
    this.length += chunk.length;
    const answers: AgentRecord[][] = [];
    if (this.length < this.needed) return answers;
    const buffer = this.chunks.length === 1 ? (this.chunks[0] ?? Buffer.alloc(0)) : Buffer.concat(this.chunks, this.length);
    let offset = 0;
    for (;;) {
      // The length: 1 to 12 ASCII digits, then a colon (read here, byte by byte: a head is short).
      let colon = offset;
      let size = 0;
      for (; colon < buffer.length; colon += 1) {
        const digit = (buffer[colon] ?? 0) - 0x30;
        if (digit < 0 || digit > 9) break;
        if (colon - offset === maxLengthDigits) throw new FrameError(`bad frame length at byte ${offset}`);
        size = size * 10 + digit;
      }
      if (colon === buffer.length) {
        // The length goes on in the next chunk.
        this.needed = 0;
        break;
      }
      if (colon === offset || buffer[colon] !== 0x3a) throw new FrameError(`bad frame length at byte ${offset}`);
      if (size > this.maxFrameBytes) throw new FrameError(`a frame of ${String(size)} bytes announced; the limit is ${String(this.maxFrameBytes)} bytes`);
      const end = colon + 1 + size;
      if (end >= buffer.length) {
        this.needed = end + 1 - offset;
        break;
      }
      if (buffer[end] !== 0x2c) throw new FrameError(`bad frame end at byte ${end}`);
      offset = end + 1;
      if (this.head === undefined) {
        const head = buffer.toString('utf8', colon + 1, end).split('\0');
        const shape = shapes[head[0] ?? ''];
        if (shape === undefined) throw new FrameError(`unknown record ${JSON.stringify((head[0] ?? '').slice(0, 20))}`);
        if (head.length !== shape.fields) throw new FrameError(`record ${head[0] ?? ''} has ${String(head.length)} fields, not ${String(shape.fields)}`);
        if (shape.payloads === 0) {
          this.complete(toRecord(head, noPayloads), answers);
          continue;
        }
        this.head = head;
        this.payloadCount = shape.payloads;
        this.payloads = [];
        continue;
      }
      // A payload that is most of this buffer is kept as a view; a small one is copied, so that
      // it does not hold a whole chunk in memory.
      let payload: Buffer;
      if (size * 2 >= buffer.length) payload = buffer.subarray(colon + 1, end);
      else {
        payload = Buffer.allocUnsafe(size);
        buffer.copy(payload, 0, colon + 1, end);
      }
      this.payloads.push(payload);
      if (this.payloads.length === this.payloadCount) {
        const record = toRecord(this.head, this.payloads);
        this.head = undefined;
        this.payloads = [];
        this.complete(record, answers);
      }
    }
    const rest = buffer.subarray(offset);
    // Keep only the unread tail (copied when small, so a big buffer is not held by a few bytes).
    this.chunks = rest.length === 0 ? [] : [rest.length < 65536 ? Buffer.from(rest) : rest];
    this.length = rest.length;
    return answers;
  }

  /** A record read whole: kept, and with an `E` the answer it ends is done. */
  private complete(record: AgentRecord, answers: AgentRecord[][]): void {
    this.records.push(record);
    if (record.tag === 'E') {
      answers.push(this.records);
      this.records = [];
    }
  }
}

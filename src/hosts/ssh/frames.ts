/**
 * The agent's answer: a stream of netstrings (`<decimal length>:<bytes>,`). A record is a tag
 * netstring followed by a fixed number of fields:
 *
 *   H os agent                          header (uname -s; 'perl', or '' when the remote has no agent)
 *   A path                              nothing at path (lstat failed)
 *   M path ltype link type size mtime mode uid
 *                                       ltype/type: f d l o ('-' type: dangling link); link: '=' + target or ''
 *   C path status bytes                 content; status ok | absent | big | same (bytes: the SHA-256
 *                                       digest of a content the asker already holds)
 *   X id exit stdout stderr flags       a command's result; flags: n not found, t timed out, f no fork
 *   L path status names                 listing; names joined by NUL; status ok | absent
 *   E                                   end (a stream without it was cut short)
 */
import type { FileStat } from '../host.js';

export type AgentRecord =
  | { tag: 'H'; os: string; agent: string }
  | { tag: 'A'; path: string }
  | { tag: 'M'; path: string; lstatType: string; link: string | undefined; stat: FileStat | undefined }
  | { tag: 'C'; path: string; status: 'ok' | 'absent' | 'big' | 'same'; bytes: Buffer }
  | { tag: 'X'; id: number; exitCode: number; stdout: Buffer; stderr: string; flags: string }
  | { tag: 'L'; path: string; names: string[] | undefined }
  | { tag: 'E' };

export class FrameError extends Error {
  override readonly name = 'FrameError';
}

const fieldCounts: Record<string, number> = { H: 2, A: 1, M: 8, C: 3, L: 3, X: 5, E: 0 };

const fileTypes: Record<string, FileStat['type']> = { f: 'file', d: 'directory', l: 'symlink', o: 'other' };

/** Split a buffer into netstrings; throws FrameError on a malformed or truncated one. */
export function* netstrings(buffer: Buffer): Generator<Buffer> {
  let offset = 0;
  while (offset < buffer.length) {
    const colon = buffer.indexOf(0x3a, offset);
    const lengthText = colon === -1 ? '' : buffer.toString('latin1', offset, colon);
    if (!/^\d{1,12}$/.test(lengthText)) throw new FrameError(`bad frame length at byte ${offset}`);
    const start = colon + 1;
    const end = start + Number(lengthText);
    if (end >= buffer.length || buffer[end] !== 0x2c) throw new FrameError(`truncated frame at byte ${offset}`);
    yield buffer.subarray(start, end);
    offset = end + 1;
  }
}

const number = (field: Buffer): number => {
  const value = Number(field.toString('latin1'));
  if (!Number.isFinite(value)) throw new FrameError(`not a number: ${field.toString('latin1')}`);
  return value;
};

const toRecord = (tag: string, fields: Buffer[]): AgentRecord => {
  const text = (i: number): string => fields[i]?.toString('utf8') ?? '';
  const field = (i: number): Buffer => fields[i] ?? Buffer.alloc(0);
  switch (tag) {
    case 'H':
      return { tag, os: text(0), agent: text(1) };
    case 'A':
      return { tag, path: text(0) };
    case 'M': {
      const type = fileTypes[text(3)];
      const link = text(2);
      return {
        tag,
        path: text(0),
        lstatType: text(1),
        link: link.startsWith('=') ? link.slice(1) : undefined,
        stat:
          type === undefined
            ? undefined
            : { type, size: number(field(4)), mtimeMs: number(field(5)) * 1000, mode: number(field(6)), uid: number(field(7)) },
      };
    }
    case 'C': {
      const status = text(1);
      if (status !== 'ok' && status !== 'absent' && status !== 'big' && status !== 'same') throw new FrameError(`bad content status ${status}`);
      return { tag, path: text(0), status, bytes: Buffer.from(field(2)) };
    }
    case 'X':
      return { tag, id: number(field(0)), exitCode: number(field(1)), stdout: Buffer.from(field(2)), stderr: text(3), flags: text(4) };
    case 'L':
      return { tag, path: text(0), names: text(1) === 'ok' ? (text(2) === '' ? [] : text(2).split('\0')) : undefined };
    case 'E':
      return { tag };
    default:
      throw new FrameError(`unknown record ${tag}`);
  }
};

/** Parse a whole answer. Throws FrameError when it is malformed or has no end record. */
export const parseAgentOutput = (buffer: Buffer): AgentRecord[] => {
  const records: AgentRecord[] = [];
  const iterator = netstrings(buffer);
  let ended = false;
  for (let next = iterator.next(); !next.done; next = iterator.next()) {
    if (ended) throw new FrameError('data after the end record');
    const tag = next.value.toString('latin1');
    const count = fieldCounts[tag];
    if (count === undefined) throw new FrameError(`unknown record ${JSON.stringify(tag.slice(0, 20))}`);
    const fields: Buffer[] = [];
    for (let i = 0; i < count; i += 1) {
      const field = iterator.next();
      if (field.done === true) throw new FrameError(`record ${tag} cut short`);
      fields.push(field.value);
    }
    const record = toRecord(tag, fields);
    records.push(record);
    if (record.tag === 'E') ended = true;
  }
  if (!ended) throw new FrameError('the answer was cut short (no end record)');
  return records;
};

/**
 * Splits a session's output stream into answers: each answer is the records up to and including an
 * `E` record (the first one also holds the `H` header). Bytes are joined only when a whole frame
 * has arrived, so a big content costs one copy, not one per chunk.
 */
export class AnswerReader {
  private chunks: Buffer[] = [];
  private length = 0;
  private records: AgentRecord[] = [];
  /** The record being read: its tag and the fields so far. */
  private tag: string | undefined;
  private fields: Buffer[] = [];
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
      const colon = buffer.indexOf(0x3a, offset);
      if (colon === -1) {
        if (buffer.length - offset > 13) throw new FrameError(`bad frame length at byte ${offset}`);
        this.needed = 0;
        break;
      }
      const lengthText = buffer.toString('latin1', offset, colon);
      if (!/^\d{1,12}$/.test(lengthText)) throw new FrameError(`bad frame length at byte ${offset}`);
      const end = colon + 1 + Number(lengthText);
      if (end >= buffer.length) {
        this.needed = end + 1 - offset;
        break;
      }
      if (buffer[end] !== 0x2c) throw new FrameError(`bad frame end at byte ${end}`);
      const frame = buffer.subarray(colon + 1, end);
      offset = end + 1;
      if (this.tag === undefined) {
        const tag = frame.toString('latin1');
        if (fieldCounts[tag] === undefined) throw new FrameError(`unknown record ${JSON.stringify(tag.slice(0, 20))}`);
        this.tag = tag;
        this.fields = [];
      } else {
        this.fields.push(frame);
      }
      if (this.fields.length === fieldCounts[this.tag]) {
        const record = toRecord(this.tag, this.fields);
        this.tag = undefined;
        this.fields = [];
        this.records.push(record);
        if (record.tag === 'E') {
          answers.push(this.records);
          this.records = [];
        }
      }
    }
    const rest = buffer.subarray(offset);
    // Keep only the unread tail (copied when small, so a big buffer is not held by a few bytes).
    this.chunks = rest.length === 0 ? [] : [rest.length < 65536 ? Buffer.from(rest) : rest];
    this.length = rest.length;
    return answers;
  }
}

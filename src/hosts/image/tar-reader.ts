/**
 * A streaming tar reader (POSIX ustar, pax extended headers, GNU long names, base-256 sizes) that
 * never holds more than one entry's kept bytes. The caller says, per entry, how many bytes of the
 * body it wants; the rest is skipped as it streams past. Checksums are verified; a stream that
 * ends inside an entry is a truncated archive, never a hang or a huge allocation.
 */

export type TarEntryType = 'file' | 'hardlink' | 'symlink' | 'directory' | 'other';

export interface TarEntry {
  /** Path as written in the archive (pax `path` or GNU long name applied), not normalised. */
  name: string;
  type: TarEntryType;
  size: number;
  mode: number;
  uid: number;
  mtimeMs: number;
  /** Link target for symlinks and hard links. */
  linkName: string;
  /** Byte offset of the header in the (uncompressed) stream. */
  offset: number;
  /** Byte offset of the entry's body in the (uncompressed) stream. */
  dataOffset: number;
  /** Position of the entry among the archive's entries (extended headers not counted). */
  index: number;
}

export class TarFormatError extends Error {
  override readonly name = 'TarFormatError';
}

const block = 512;

/** Where tar bytes come from: a stream (read in order) or a file range (skips are seeks). */
export interface ByteSource {
  /** Bytes taken or skipped so far. */
  consumed: number;
  take(n: number): Promise<Buffer | undefined>;
  skip(n: number): Promise<boolean>;
  close(): Promise<void>;
}

/** Collects a stream into fixed-size reads without copying more than needed. */
class ByteQueue implements ByteSource {
  private chunks: Buffer[] = [];
  private length = 0;
  private done = false;
  private readonly iterator: AsyncIterator<Buffer | string>;
  consumed = 0;

  constructor(source: AsyncIterable<Buffer | string>) {
    this.iterator = source[Symbol.asyncIterator]();
  }

  /** Ensures `n` bytes are buffered; false when the stream ended first. */
  private async fill(n: number): Promise<boolean> {
    while (this.length < n && !this.done) {
      const next = await this.iterator.next();
      if (next.done === true) {
        this.done = true;
        break;
      }
      const chunk = typeof next.value === 'string' ? Buffer.from(next.value) : next.value;
      this.chunks.push(chunk);
      this.length += chunk.length;
    }
    return this.length >= n;
  }

  /** Exactly `n` bytes, or undefined at the end of the stream (or a short tail). */
  async take(n: number): Promise<Buffer | undefined> {
    if (!(await this.fill(n))) return undefined;
    const out = Buffer.allocUnsafe(n);
    let written = 0;
    while (written < n) {
      const head = this.chunks[0] as Buffer;
      const need = n - written;
      if (head.length <= need) {
        head.copy(out, written);
        written += head.length;
        this.chunks.shift();
      } else {
        head.copy(out, written, 0, need);
        this.chunks[0] = head.subarray(need);
        written += need;
      }
    }
    this.length -= n;
    this.consumed += n;
    return out;
  }

  /** Drops `n` bytes as they stream past; false when the stream ended first. */
  async skip(n: number): Promise<boolean> {
    let left = n;
    while (left > 0) {
      if (this.length === 0 && !(await this.fill(1))) return false;
      const head = this.chunks[0] as Buffer;
      if (head.length <= left) {
        left -= head.length;
        this.length -= head.length;
        this.consumed += head.length;
        this.chunks.shift();
      } else {
        this.chunks[0] = head.subarray(left);
        this.length -= left;
        this.consumed += left;
        left = 0;
      }
    }
    return true;
  }

  async close(): Promise<void> {
    await this.iterator.return?.();
  }
}

const text = (header: Buffer, start: number, length: number): string => {
  const field = header.subarray(start, start + length);
  const end = field.indexOf(0);
  return field.subarray(0, end === -1 ? field.length : end).toString('utf8');
};

/** Octal number field, or GNU base-256 when the top bit of the first byte is set. */
const numeric = (header: Buffer, start: number, length: number, what: string): number => {
  const field = header.subarray(start, start + length);
  if (((field[0] ?? 0) & 0x80) !== 0) {
    if (((field[0] ?? 0) & 0x40) !== 0) throw new TarFormatError(`negative ${what} in a tar header`);
    let value = (field[0] ?? 0) & 0x3f;
    for (let i = 1; i < field.length; i += 1) {
      value = value * 256 + (field[i] ?? 0);
      if (!Number.isSafeInteger(value)) throw new TarFormatError(`${what} too large in a tar header`);
    }
    return value;
  }
  const digits = text(header, start, length).trim();
  if (digits === '') return 0;
  if (!/^[0-7]+$/.test(digits)) throw new TarFormatError(`bad ${what} field '${digits}' in a tar header`);
  return parseInt(digits, 8);
};

const checksumOk = (header: Buffer): boolean => {
  const stored = numeric(header, 148, 8, 'checksum');
  let unsigned = 0;
  for (let i = 0; i < block; i += 1) unsigned += i >= 148 && i < 156 ? 32 : (header[i] ?? 0);
  return stored === unsigned;
};

/** pax records: "<len> key=value\n" repeated. */
const parsePax = (body: Buffer): Map<string, string> => {
  const records = new Map<string, string>();
  let pos = 0;
  while (pos < body.length) {
    const space = body.indexOf(0x20, pos);
    if (space === -1) break;
    const length = Number(body.subarray(pos, space).toString('ascii'));
    if (!Number.isInteger(length) || length <= 0 || pos + length > body.length) throw new TarFormatError('bad pax extended header record');
    const record = body.subarray(space + 1, pos + length - 1).toString('utf8');
    const equals = record.indexOf('=');
    if (equals > 0) records.set(record.slice(0, equals), record.slice(equals + 1));
    pos += length;
  }
  return records;
};

const typeOf = (flag: string): TarEntryType | 'skip' => {
  switch (flag) {
    case '0':
    case '\0':
    case '':
    case '7':
      return 'file';
    case '1':
      return 'hardlink';
    case '2':
      return 'symlink';
    case '5':
      return 'directory';
    case '3':
    case '4':
    case '6':
      return 'other';
    default:
      return 'skip';
  }
};

export interface TarReadOptions {
  /** Refuse extended headers larger than this (pax/GNU long names). */
  maxMetaBytes?: number;
}

/**
 * Reads every entry of a tar stream. `onEntry` returns how many leading body bytes to keep (0 for
 * none); `onEntry` then receives the entry with those bytes.
 */
export const readTar = async (
  source: AsyncIterable<Buffer | string> | ByteSource,
  wantBytes: (entry: TarEntry) => number,
  onEntry: (entry: TarEntry, kept: Buffer | undefined) => void,
  options: TarReadOptions = {},
): Promise<void> => {
  const maxMeta = options.maxMetaBytes ?? 1 << 20;
  const queue: ByteSource = Symbol.asyncIterator in source ? new ByteQueue(source) : source;
  let globalPax = new Map<string, string>();
  let nextPax: Map<string, string> | undefined;
  let longName: string | undefined;
  let longLink: string | undefined;
  let index = 0;
  try {
    for (;;) {
      const offset = queue.consumed;
      const header = await queue.take(block);
      if (header === undefined) return; // some writers omit the two zero blocks
      if (header.every((byte) => byte === 0)) return;
      if (!checksumOk(header)) throw new TarFormatError(`bad tar header checksum at byte ${String(offset)}`);
      const flag = String.fromCharCode(header[156] ?? 0).replace('\0', '');
      const size = numeric(header, 124, 12, 'size');
      const padded = Math.ceil(size / block) * block;
      const readMeta = async (): Promise<Buffer> => {
        if (size > maxMeta) throw new TarFormatError(`extended header of ${String(size)} bytes at byte ${String(offset)} is too large`);
        const body = await queue.take(padded);
        if (body === undefined) throw new TarFormatError(`truncated archive: extended header at byte ${String(offset)} ends early`);
        return body.subarray(0, size);
      };
      if (flag === 'x') {
        nextPax = parsePax(await readMeta());
        continue;
      }
      if (flag === 'g') {
        globalPax = new Map([...globalPax, ...parsePax(await readMeta())]);
        continue;
      }
      if (flag === 'L' || flag === 'K') {
        const value = text(await readMeta(), 0, size);
        if (flag === 'L') longName = value;
        else longLink = value;
        continue;
      }
      const pax = new Map([...globalPax, ...(nextPax ?? [])]);
      const prefix = text(header, 345, 155);
      const baseName = text(header, 0, 100);
      const magic = text(header, 257, 6);
      const name = pax.get('path') ?? longName ?? (magic.startsWith('ustar') && prefix !== '' ? `${prefix}/${baseName}` : baseName);
      const linkName = pax.get('linkpath') ?? longLink ?? text(header, 157, 100);
      const paxSize = pax.get('size');
      const realSize = paxSize !== undefined && /^\d+$/.test(paxSize) ? Number(paxSize) : size;
      const realPadded = Math.ceil(realSize / block) * block;
      const mtime = pax.get('mtime');
      nextPax = undefined;
      longName = undefined;
      longLink = undefined;
      const type = typeOf(flag);
      const entry: TarEntry = {
        name,
        type: type === 'skip' ? 'other' : type,
        size: type === 'file' ? realSize : 0,
        mode: numeric(header, 100, 8, 'mode'),
        uid: pax.has('uid') ? Number(pax.get('uid')) : numeric(header, 108, 8, 'uid'),
        mtimeMs: (mtime !== undefined && Number.isFinite(Number(mtime)) ? Number(mtime) : numeric(header, 136, 12, 'mtime')) * 1000,
        linkName,
        offset,
        dataOffset: offset + block,
        index,
      };
      index += 1;
      const want = type === 'file' ? Math.min(wantBytes(entry), realSize) : 0;
      let kept: Buffer | undefined;
      if (want > 0) {
        kept = await queue.take(want);
        if (kept === undefined) throw new TarFormatError(`truncated archive: ${name} declares ${String(realSize)} bytes but the stream ends`);
      }
      if (!(await queue.skip(realPadded - want))) {
        throw new TarFormatError(`truncated archive: ${name} declares ${String(realSize)} bytes but the stream ends`);
      }
      if (type !== 'skip') onEntry(entry, kept);
    }
  } finally {
    await queue.close();
  }
};

/**
 * Random access to an uncompressed tar inside a file (a `docker save` layer or an OCI blob): the
 * tar reader's skips become seeks, so indexing reads headers only, and file bodies are read later
 * on demand with positional reads.
 */
import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from './tar-reader.js';
import type { ChunkConsumer } from '../host.js';

const windowBytes = 64 << 10;

export class FileRangeSource implements ByteSource {
  consumed = 0;
  private window = Buffer.alloc(0);
  private windowStart = 0;
  private handle: FileHandle | undefined;
  private readonly file: string;
  private readonly start: number;
  private readonly size: number;

  constructor(file: string, start: number, size: number) {
    this.file = file;
    this.start = start;
    this.size = size;
  }

  private async fileHandle(): Promise<FileHandle> {
    this.handle ??= await open(this.file, 'r');
    return this.handle;
  }

  async take(n: number): Promise<Buffer | undefined> {
    if (this.consumed + n > this.size) return undefined;
    const from = this.consumed - this.windowStart;
    if (from < 0 || from + n > this.window.length) {
      const length = Math.min(Math.max(n, windowBytes), this.size - this.consumed);
      const buffer = Buffer.allocUnsafe(length);
      const { bytesRead } = await (await this.fileHandle()).read(buffer, 0, length, this.start + this.consumed);
      if (bytesRead < n) return undefined;
      this.window = buffer.subarray(0, bytesRead);
      this.windowStart = this.consumed;
    }
    const at = this.consumed - this.windowStart;
    const out = Buffer.from(this.window.subarray(at, at + n));
    this.consumed += n;
    return out;
  }

  skip(n: number): Promise<boolean> {
    this.consumed += n;
    return Promise.resolve(this.consumed <= this.size);
  }

  async close(): Promise<void> {
    await this.handle?.close();
    this.handle = undefined;
  }
}

/** Reads `size` bytes at `offset` of a file range. */
export const readRange = async (file: string, offset: number, size: number): Promise<Buffer> => {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.alloc(size);
    const { bytesRead } = await handle.read(buffer, 0, size, offset);
    return bytesRead === size ? buffer : buffer.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
};

/**
 * `size` bytes at `offset` of a file range, handed to `consume` in pieces of at most `chunkBytes`
 * (one buffer, filled again after each piece); answers the bytes handed over (fewer when the file
 * ends early, as readRange).
 */
export const readRangeChunks = async (file: string, offset: number, size: number, consume: ChunkConsumer, chunkBytes: number): Promise<number> => {
  const handle = await open(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(Math.max(1, Math.min(size, Math.floor(chunkBytes))));
    let done = 0;
    while (done < size) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, size - done), offset + done);
      if (bytesRead === 0) break;
      done += bytesRead;
      await consume(buffer.subarray(0, bytesRead));
    }
    return done;
  } finally {
    await handle.close();
  }
};

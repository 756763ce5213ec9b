/**
 * A file read in pieces (Host.readFileChunks): one buffer of at most `chunkBytes` is filled from the
 * open file, handed to the consumer, and filled again once the consumer is done with it, so a big
 * file (an apt list of 19 MB) is never held whole.
 */
import type { FileHandle } from 'node:fs/promises';
import type { ChunkConsumer } from './host.js';

/**
 * Reads `handle` from its start to its end, `chunkBytes` at most at a time (fewer for a file that
 * stat says is smaller), each piece handed to `consume` and awaited before the next read. Answers
 * the number of bytes handed over. What `consume` throws ends the read and is thrown.
 */
export const readHandleChunks = async (handle: FileHandle, consume: ChunkConsumer, chunkBytes: number, sizeHint: number): Promise<number> => {
  const step = Math.max(1, Math.floor(chunkBytes));
  const buffer = Buffer.allocUnsafe(Math.min(step, Math.max(sizeHint, 4096)));
  let total = 0;
  for (;;) {
    let length = 0;
    // Fill the buffer: a short read is not the end of the file, only a read of nothing is.
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length === 0) return total;
    total += length;
    await consume(buffer.subarray(0, length));
    if (length < buffer.length) return total;
  }
};

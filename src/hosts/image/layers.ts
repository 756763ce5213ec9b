/** A layer blob as a stream of tar bytes: gzip or plain by magic bytes, with a size cap. */
import { createGunzip } from 'node:zlib';
import { TargetError } from '../../errors.js';
import { openBlob, readMagic, type BlobRange } from './layout.js';

export interface ByteBudget {
  /** Uncompressed bytes still allowed across all layers (decompression-bomb guard). */
  remaining: number;
  limit: number;
}

export const layerCompression = async (blob: BlobRange): Promise<'gzip' | 'none'> => {
  const magic = await readMagic(blob);
  if (magic[0] === 0x1f && magic[1] === 0x8b) return 'gzip';
  if (magic[0] === 0x28 && magic[1] === 0xb5 && magic[2] === 0x2f && magic[3] === 0xfd) {
    throw new TargetError(`layer ${blob.name}: zstd-compressed layers are not supported yet`);
  }
  return 'none';
};

/** The uncompressed tar bytes of a layer; throws TargetError on corrupt data or past the budget. */
export async function* layerBytes(blob: BlobRange, budget: ByteBudget): AsyncGenerator<Buffer> {
  const compression = await layerCompression(blob);
  const raw = openBlob(blob);
  const stream = compression === 'gzip' ? raw.pipe(createGunzip({ chunkSize: 1 << 20 })) : raw;
  if (compression === 'gzip') raw.on('error', (error) => stream.destroy(error));
  try {
    for await (const chunk of stream as AsyncIterable<Buffer>) {
      budget.remaining -= chunk.length;
      if (budget.remaining < 0) {
        throw new TargetError(`layer ${blob.name}: more than ${String(Math.round(budget.limit / 2 ** 30))} GiB uncompressed; refusing (decompression bomb?)`);
      }
      yield chunk;
    }
  } catch (error) {
    if (error instanceof TargetError) throw error;
    const message = error instanceof Error ? error.message : String(error);
    throw new TargetError(`layer ${blob.name}: cannot be read (${compression === 'gzip' ? 'corrupt gzip stream: ' : ''}${message})`, { cause: error });
  } finally {
    raw.destroy();
    stream.destroy();
  }
}

import type { ChunkConsumer, Host } from '../hosts/host.js';

/**
 * `host` with a chunked read that hands each file over in pieces cut at `cuts` (byte offsets, in
 * any order; the asked piece size is ignored), through one buffer that is overwritten after each
 * piece: a reader that keeps a piece past its turn sees garbage, as it could with a real host.
 * `pieces` records the lengths handed over, per path.
 */
export const chunkedHost = (host: Host, cuts: (path: string, size: number) => readonly number[]): Host & { pieces: Map<string, number[]> } => {
  const pieces = new Map<string, number[]>();
  return {
    ...host,
    pieces,
    readFileChunks: async (path: string, consume: ChunkConsumer): Promise<number | undefined> => {
      const bytes = await host.readFile(path);
      if (bytes === undefined) return undefined;
      const ends = [...new Set([...cuts(path, bytes.length).filter((at) => at > 0 && at < bytes.length), bytes.length])].sort((a, b) => a - b);
      const scratch = Buffer.alloc(bytes.length);
      const lengths: number[] = [];
      let start = 0;
      for (const end of ends) {
        bytes.copy(scratch, 0, start, end);
        lengths.push(end - start);
        await consume(scratch.subarray(0, end - start));
        scratch.fill(0x5a);
        start = end;
      }
      pieces.set(path, lengths);
      return bytes.length;
    },
  };
};

/**
 * A whole file, as fs.readFile reads it, but without its cost for files whose size stat does not
 * give (/proc, /sys): fs.readFile gives each of those a 64 KiB buffer of its own and returns a view
 * of it, so the few hundred /proc files a check reads hold megabytes outside the heap until a
 * collection. Those are read here in small steps into one buffer the size of their content.
 */
import { open } from 'node:fs/promises';

const firstStep = 4096;

export const readWholeFile = async (path: string): Promise<Buffer> => {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (stats.isFile() && stats.size > 0) return await handle.readFile();
    let buffer = Buffer.allocUnsafe(firstStep);
    let length = 0;
    for (;;) {
      if (length === buffer.length) {
        const bigger = Buffer.allocUnsafe(buffer.length * 2);
        buffer.copy(bigger, 0, 0, length);
        buffer = bigger;
      }
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, null);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    return buffer.subarray(0, length);
  } finally {
    await handle.close();
  }
};

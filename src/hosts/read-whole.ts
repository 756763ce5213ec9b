/**
 * A whole file, as fs.readFile reads it, but without its cost for files whose size stat does not
 * give (/proc, /sys): fs.readFile gives each of those a 64 KiB buffer of its own and returns a view
 * of it, so the few hundred /proc files a check reads hold megabytes outside the heap until a
 * collection. Those are read here in small steps into one buffer the size of their content.
 *
 * Open, stat, reads and close are chained through fs callbacks under one promise: a check reads
 * some 600 files, and a FileHandle (an object with a finalizer, a promise per call) made each of
 * those reads cost about half again as much CPU.
 */
import { close, fstat, open, read } from 'node:fs';

const firstStep = 4096;
/** The most one read asks for (fs.readFile's step). */
const readStep = 512 << 10;

export const readWholeFile = (path: string): Promise<Buffer> =>
  new Promise((resolve, reject) => {
    open(path, 'r', (openError, fd) => {
      if (openError !== null) {
        reject(openError);
        return;
      }
      const finish = (error: Error | null, content?: Buffer): void => {
        close(fd, (closeError) => {
          const failure = error ?? closeError;
          if (failure !== null) reject(failure);
          else resolve(content ?? Buffer.alloc(0));
        });
      };
      fstat(fd, (statError, stats) => {
        if (statError !== null) {
          finish(statError);
          return;
        }
        // A regular file of known size: read up to that size, in one buffer of that size.
        const known = stats.isFile() && stats.size > 0 ? stats.size : undefined;
        let buffer = known === undefined ? Buffer.allocUnsafe(firstStep) : Buffer.allocUnsafeSlow(known);
        let length = 0;
        const next = (): void => {
          if (known !== undefined && length === known) {
            finish(null, buffer);
            return;
          }
          if (known === undefined && length === buffer.length) {
            const bigger = Buffer.allocUnsafe(buffer.length * 2);
            buffer.copy(bigger, 0, 0, length);
            buffer = bigger;
          }
          read(fd, buffer, length, Math.min(buffer.length - length, readStep), null, (readError, bytesRead) => {
            if (readError !== null) {
              finish(readError);
              return;
            }
            if (bytesRead === 0) {
              finish(null, buffer.subarray(0, length));
              return;
            }
            length += bytesRead;
            next();
          });
        };
        next();
      });
    });
  });

import { randomBytes } from 'node:crypto';
import { rmSync } from 'node:fs';
import { open, rename, rm, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

const pending = new Set<string>();

const removePending = (): void => {
  for (const file of pending) rmSync(file, { force: true });
  pending.clear();
};

const onSignal = (signal: NodeJS.Signals): void => {
  removePending();
  process.kill(process.pid, signal);
};

const track = (file: string): void => {
  if (pending.size === 0) {
    process.once('exit', removePending);
    process.once('SIGINT', onSignal);
    process.once('SIGTERM', onSignal);
  }
  pending.add(file);
};

const untrack = (file: string): void => {
  pending.delete(file);
  if (pending.size === 0) {
    process.removeListener('exit', removePending);
    process.removeListener('SIGINT', onSignal);
    process.removeListener('SIGTERM', onSignal);
  }
};

/**
 * Write a whole file or nothing: write a temporary sibling, then rename it over the target. An
 * interrupted run leaves the previous file (or none), never a half-written report.
 */
export const writeFileAtomic = async (file: string, content: string | Buffer): Promise<void> => {
  const temporary = join(dirname(file), `.${basename(file)}.${String(process.pid)}.${randomBytes(4).toString('hex')}.tmp`);
  track(temporary);
  try {
    await writeFile(temporary, content, { flag: 'wx' });
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    untrack(temporary);
  }
};

/**
 * writeFileAtomic for text produced in pieces (a fleet report of 10,000 hosts): each piece is
 * written as it comes, so the whole text never sits in memory; the file appears only when done.
 */
export const writeChunksAtomic = async (file: string, chunks: Iterable<string>): Promise<void> => {
  const temporary = join(dirname(file), `.${basename(file)}.${String(process.pid)}.${randomBytes(4).toString('hex')}.tmp`);
  track(temporary);
  try {
    const handle = await open(temporary, 'wx');
    try {
      let buffered: string[] = [];
      let size = 0;
      for (const chunk of chunks) {
        buffered.push(chunk);
        size += chunk.length;
        if (size >= 1 << 20) {
          await handle.write(buffered.join(''));
          buffered = [];
          size = 0;
        }
      }
      if (buffered.length > 0) await handle.write(buffered.join(''));
    } finally {
      await handle.close();
    }
    await rename(temporary, file);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  } finally {
    untrack(temporary);
  }
};

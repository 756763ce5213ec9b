/**
 * Partial and short writes, with a file handle that writes at most 1,000 bytes a call and then
 * nothing once `capacity` bytes are in: partial writes are continued, a short write is an error
 * that leaves no temporary file.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import type * as FsPromises from 'node:fs/promises';
import type { FileHandle } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { OutputError } from '../errors.js';
import { writeFileAtomic } from './write-output.js';

const limits = vi.hoisted(() => ({ capacity: Infinity }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof FsPromises>();
  /** The calls write-output makes of a handle: write, sync, close. */
  const open = async (...args: Parameters<typeof actual.open>): Promise<FileHandle> => {
    const handle = await actual.open(...args);
    let total = 0;
    const limited = {
      write: async (buffer: Buffer, offset = 0, length = buffer.length - offset) => {
        const room = Math.max(0, Math.min(1000, length, limits.capacity - total));
        if (room === 0) return { bytesWritten: 0, buffer };
        const result = await handle.write(buffer, offset, room);
        total += result.bytesWritten;
        return result;
      },
      sync: () => handle.sync(),
      close: () => handle.close(),
    };
    return limited as unknown as FileHandle;
  };
  return { ...actual, open, default: { ...actual, open } };
});

const dir = mkdtempSync(join(tmpdir(), 'charter-partial-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('writeFileAtomic over a handle that writes little at a time', () => {
  it('continues partial writes until every byte is written', async () => {
    limits.capacity = Infinity;
    const file = join(dir, 'whole.json');
    await writeFileAtomic(file, 'x'.repeat(25_000));
    expect(readFileSync(file, 'utf8')).toBe('x'.repeat(25_000));
  });

  it('fails on a short write, naming the path and the bytes written, and leaves nothing', async () => {
    limits.capacity = 24_576;
    const file = join(dir, 'cut.json');
    const error: unknown = await writeFileAtomic(file, 'y'.repeat(39_839)).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputError);
    expect((error as Error).message).toBe(`cannot write ${file}: short write: 24576 of 39839 bytes written`);
    expect(readdirSync(dir)).toEqual(['whole.json']);
  });
});

import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileRefused, readRegularFile, readRegularFileSync } from './bounded-read.js';

const dir = mkdtempSync(join(tmpdir(), 'charter-bounded-'));
const fifo = join(dir, 'fifo');
execFileSync('mkfifo', [fifo]);
const small = join(dir, 'small.txt');
writeFileSync(small, 'hello');
const big = join(dir, 'big.txt');
writeFileSync(big, 'x'.repeat(2000));

const refusal = async (promise: Promise<unknown>): Promise<string> => {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(FileRefused);
  return (error as FileRefused).reason;
};

describe('readRegularFile', () => {
  it('reads a regular file under the cap', async () => {
    expect((await readRegularFile(small, 100)).toString()).toBe('hello');
    expect(readRegularFileSync(small, 100, Buffer.alloc(2)).bytes.toString()).toBe('hello');
  });

  it('refuses a FIFO, a device and a directory at once, without reading', async () => {
    expect(await refusal(readRegularFile(fifo, 100))).toMatch(/FIFO/);
    expect(await refusal(readRegularFile('/dev/zero', 100))).toMatch(/device/);
    expect(await refusal(readRegularFile(dir, 100))).toMatch(/directory/);
    expect(() => readRegularFileSync(fifo, 100, Buffer.alloc(8))).toThrow(/FIFO/);
    expect(() => readRegularFileSync('/dev/urandom', 100, Buffer.alloc(8))).toThrow(/device/);
  });

  it('refuses a file over the cap, and a missing one', async () => {
    expect(await refusal(readRegularFile(big, 1000))).toMatch(/limit is 1000 bytes/);
    expect(() => readRegularFileSync(big, 1000, Buffer.alloc(8))).toThrow(/limit is 1000/);
    expect(await refusal(readRegularFile(join(dir, 'none'), 10))).toBe('no such file');
  });

  it('refuses a file that reports a small size but grows past the cap (like /proc)', async () => {
    expect(await refusal(readRegularFile('/proc/self/maps', 10))).toMatch(/grows past the limit of 10 bytes/);
  });
});

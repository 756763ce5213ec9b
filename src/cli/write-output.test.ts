import { lstatSync, mkdirSync, mkdtempSync, readFileSync, readdirSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { execa } from 'execa';
import { afterAll, describe, expect, it } from 'vitest';
import { OutputError } from '../errors.js';
import { checkOutputDirectory, checkOutputPath, writeChunksAtomic, writeFileAtomic } from './write-output.js';

const dir = mkdtempSync(join(tmpdir(), 'charter-write-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const isRoot = process.getuid?.() === 0;
if (!isRoot) console.warn('skipped: writing onto a device node made with mknod needs root');

/** The OutputError a write or check ends with (its one line). */
const refusal = async (promise: Promise<unknown>): Promise<string> => {
  const error: unknown = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(OutputError);
  const message = (error as OutputError).message;
  expect(message).not.toContain('\n');
  return message;
};

describe('writeFileAtomic', () => {
  it('writes a new file and replaces a regular one whole, leaving no temporary file', async () => {
    const sub = join(dir, 'files');
    mkdirSync(sub);
    const file = join(sub, 'report.json');
    await writeFileAtomic(file, 'first');
    await writeChunksAtomic(file, ['se', 'cond']);
    expect(readFileSync(file, 'utf8')).toBe('second');
    expect(readdirSync(sub)).toEqual(['report.json']);
  });

  it.skipIf(!isRoot)('writes through a character device without replacing it', async () => {
    const device = join(dir, 'null-device');
    await execa('mknod', ['-m', '666', device, 'c', '1', '3']);
    expect(await checkOutputPath(device)).toEqual({ kind: 'stream', fifo: false });
    await writeFileAtomic(device, 'x'.repeat(100_000));
    expect(lstatSync(device).isCharacterDevice()).toBe(true);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes through a FIFO to the process that reads it, and leaves it a FIFO', async () => {
    const fifo = join(dir, 'pipe');
    await execa('mkfifo', [fifo]);
    const read = readFile(fifo, 'utf8');
    await writeChunksAtomic(fifo, ['a'.repeat(200_000), 'b']);
    expect(await read).toBe(`${'a'.repeat(200_000)}b`);
    expect(lstatSync(fifo).isFIFO()).toBe(true);
  });

  it('refuses a symbolic link, a directory and a missing directory, in one line naming the path, and changes nothing', async () => {
    const target = join(dir, 'target.json');
    const link = join(dir, 'link.json');
    writeFileSync(target, 'old');
    symlinkSync('target.json', link);
    expect(await refusal(writeFileAtomic(link, 'new'))).toBe(
      `cannot write ${link}: it is a symbolic link (charter neither replaces a link nor writes through it to a file): give the path of the file itself`,
    );
    expect(readlinkSync(link)).toBe('target.json');
    expect(readFileSync(target, 'utf8')).toBe('old');
    const dangling = join(dir, 'dangling.json');
    symlinkSync('nowhere.json', dangling);
    expect(await refusal(checkOutputPath(dangling))).toContain('symbolic link');
    expect(await refusal(writeFileAtomic(dir, 'new'))).toBe(`cannot write ${dir}: it is a directory`);
    const missing = join(dir, 'no-such-dir', 'r.json');
    expect(await refusal(writeFileAtomic(missing, 'new'))).toBe(`cannot write ${missing}: the directory ${join(dir, 'no-such-dir')} does not exist`);
    expect(await refusal(checkOutputPath(join(target, 'r.json')))).toBe(`cannot write ${join(target, 'r.json')}: ${target} is not a directory`);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  it('writes to the process own descriptors (/dev/stdout, /dev/fd/N) directly, and refuses one that is not open', async () => {
    expect(await checkOutputPath('/dev/stdout')).toEqual({ kind: 'descriptor', fd: 1 });
    expect(await checkOutputPath('/proc/self/fd/2')).toEqual({ kind: 'descriptor', fd: 2 });
    expect(await refusal(checkOutputPath('/dev/fd/987'))).toBe('cannot write /dev/fd/987: descriptor 987 is not open');
    expect(await checkOutputPath('/dev/null')).toEqual({ kind: 'stream', fifo: false });
  });
});

describe('writeChunksAtomic', () => {
  it('writes pieces of text and bytes of every size, across batch boundaries, exactly in order', async () => {
    const mib = 1 << 20;
    // A piece of bytes that its maker fills again after it is taken: what is written is what it held then.
    const reused = Buffer.alloc(5000);
    const expected: Buffer[] = [];
    function* pieces(): Generator<string | Buffer> {
      for (let i = 0; i < 700; i++) {
        // Multi-byte characters (é: 2 bytes, €: 3, 𝄞: 4) so that pieces end at every byte of a batch.
        const text = `${String(i)}:${'é€𝄞x'.repeat(i % 97)}\n`;
        expected.push(Buffer.from(text));
        yield text;
        reused.fill(i % 256);
        expected.push(Buffer.from(reused));
        yield reused;
      }
      // Pieces larger than a batch, text and bytes, then one exactly a batch.
      const big = 'ü'.repeat(mib + 7);
      expected.push(Buffer.from(big));
      yield big;
      const bigBytes = Buffer.alloc(2 * mib + 3, 7);
      expected.push(bigBytes);
      yield bigBytes;
      const exact = 'a'.repeat(mib);
      expected.push(Buffer.from(exact));
      yield exact;
      expected.push(Buffer.from('end\n'));
      yield 'end\n';
    }
    const file = join(dir, 'pieces.json');
    await writeChunksAtomic(file, pieces());
    expect(readFileSync(file).equals(Buffer.concat(expected))).toBe(true);
  });

  it('writes nothing when a piece cannot be made, and leaves no temporary file', async () => {
    const file = join(dir, 'failed.json');
    function* failing(): Generator<string> {
      yield 'x'.repeat(3 << 20);
      throw new Error('the reporter failed');
    }
    await expect(writeChunksAtomic(file, failing())).rejects.toThrow('the reporter failed');
    expect(readdirSync(dir).filter((name) => name.includes('failed'))).toEqual([]);
  });
});

describe('checkOutputDirectory (record --output)', () => {
  it('accepts a new or existing directory, refuses a file, a link and a missing parent', async () => {
    await checkOutputDirectory(join(dir, 'new-replay'));
    await checkOutputDirectory(dir);
    const file = join(dir, 'plain');
    writeFileSync(file, '');
    expect(await refusal(checkOutputDirectory(file))).toBe(`cannot write ${file}: it exists and is not a directory`);
    const link = join(dir, 'dir-link');
    symlinkSync(dir, link);
    expect(await refusal(checkOutputDirectory(link))).toContain('it is a symbolic link');
    expect(await refusal(checkOutputDirectory(join(dir, 'a', 'b')))).toContain(`the directory ${join(dir, 'a')} does not exist`);
  });
});

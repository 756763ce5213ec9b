/**
 * Fuzzing the tar reader and the image layout reader: any bytes give entries or a typed error
 * (TarFormatError from the reader, TargetError from findLayers), never a crash or a hang.
 * Inputs are well-formed archives (src/testing/tar-writer.ts) with random byte mutations, headers
 * re-checksummed so that mutations reach past the checksum test, truncations, and random bytes.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Readable } from 'node:stream';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetError } from '../../errors.js';
import { fuzzSeed } from '../../testing/fuzz.js';
import { dockerSaveArchive } from '../../testing/image-builder.js';
import { tarBytes, type TarSpec } from '../../testing/tar-writer.js';
import { findLayers } from './layout.js';
import { readTar, TarFormatError } from './tar-reader.js';

const seed = fuzzSeed;
const numRuns = 500;

const checksumAt = (buffer: Buffer, offset: number): void => {
  buffer.write('        ', offset + 148, 'ascii');
  let sum = 0;
  for (let i = offset; i < offset + 512; i += 1) sum += buffer[i] ?? 0;
  buffer.write(`${sum.toString(8).padStart(6, '0')}\0 `, offset + 148, 'ascii');
};

const looksLikeHeader = (buffer: Buffer, offset: number): boolean => buffer.toString('ascii', offset + 257, offset + 262) === 'ustar';

const name = fc.oneof(
  fc.constantFrom('etc/os-release', './a', '../escape', '/abs/path', 'dir/', 'a'.repeat(150), 'x\0y', 'PaxHeader'),
  fc.string({ maxLength: 120, unit: 'binary' }),
);
const spec: fc.Arbitrary<TarSpec> = fc.record(
  {
    name,
    type: fc.constantFrom('file', 'directory', 'symlink', 'hardlink', 'char', 'fifo'),
    content: fc.oneof(
      fc.string({ maxLength: 700 }),
      fc.uint8Array({ maxLength: 1100 }).map((a) => Buffer.from(a)),
    ),
    linkName: fc.string({ maxLength: 110 }),
    declaredSize: fc.oneof(fc.nat({ max: 4096 }), fc.constantFrom(0o77777777777, 2 ** 40, Number.MAX_SAFE_INTEGER)),
  },
  { requiredKeys: ['name'] },
);

/** A byte position (relative to the archive size) and a new byte; fields of headers are likelier. */
const mutation = fc.record({
  at: fc.oneof(
    fc.double({ min: 0, max: 1, noNaN: true }),
    fc.integer({ min: 0, max: 511 }).map((n) => -n - 1),
  ),
  byte: fc.oneof(fc.integer({ min: 0, max: 255 }), fc.constantFrom(0x00, 0x20, 0x30, 0x37, 0x38, 0x78, 0x67, 0x4c, 0x4b, 0x80, 0xc0, 0xff)),
});

const archive = fc
  .record({
    entries: fc.array(spec, { maxLength: 5 }),
    mutations: fc.array(mutation, { maxLength: 12 }),
    rechecksum: fc.boolean(),
    cut: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
    truncate: fc.boolean(),
  })
  .map(({ entries, mutations, rechecksum, cut, truncate }) => {
    const bytes = Buffer.from(tarBytes(entries, { truncate }));
    const headers: number[] = [];
    for (let offset = 0; offset + 512 <= bytes.length; offset += 512) if (looksLikeHeader(bytes, offset)) headers.push(offset);
    for (const { at, byte } of mutations) {
      if (bytes.length === 0) break;
      // Negative positions land inside a header, where the parser has the most to do.
      const header = headers[Math.abs(Math.floor(at * 7)) % Math.max(1, headers.length)] ?? 0;
      const index = at < 0 ? header + (-at - 1) : Math.floor(at * (bytes.length - 1));
      if (index < bytes.length) bytes[index] = byte;
    }
    if (rechecksum) for (const offset of headers) checksumAt(bytes, offset);
    return cut === null ? bytes : bytes.subarray(0, Math.floor(cut * bytes.length));
  });

const anyBytes = fc.oneof(
  archive,
  archive,
  fc.uint8Array({ maxLength: 2048 }).map((a) => Buffer.from(a)),
);

/** Chunks of random sizes, as a stream delivers them. */
const chunked = (bytes: Buffer, size: number): Readable => {
  const chunks: Buffer[] = [];
  for (let i = 0; i < bytes.length; i += size) chunks.push(bytes.subarray(i, i + size));
  return Readable.from(chunks);
};

const readAll = async (bytes: Buffer, chunk: number): Promise<number> => {
  let count = 0;
  await readTar(
    chunked(bytes, chunk),
    (entry) => Math.min(entry.size, 4096),
    (entry, kept) => {
      count += 1;
      expect(typeof entry.name).toBe('string');
      expect(Number.isSafeInteger(entry.size) && entry.size >= 0).toBe(true);
      if (kept !== undefined) expect(kept.length).toBeLessThanOrEqual(4096);
    },
    { maxMetaBytes: 64 * 1024 },
  );
  return count;
};

describe('readTar (fuzz)', () => {
  it(`gives entries or a TarFormatError for any bytes (${String(numRuns)} runs, seed ${String(seed)})`, async () => {
    await fc.assert(
      fc.asyncProperty(anyBytes, fc.integer({ min: 1, max: 1500 }), async (bytes, chunk) => {
        try {
          await readAll(bytes, chunk);
        } catch (error) {
          if (!(error instanceof TarFormatError)) throw error;
        }
      }),
      { seed, numRuns, interruptAfterTimeLimit: 20_000 },
    );
  });
});

describe('findLayers (fuzz)', () => {
  let dir: string;
  beforeAll(async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'charter-fuzz-layout-'));
  });
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const manifest = fc.oneof(
    fc.constant(undefined),
    fc.jsonValue({ maxDepth: 4 }),
    fc
      .record({
        Config: fc.string(),
        RepoTags: fc.array(fc.string(), { maxLength: 2 }),
        Layers: fc.array(fc.oneof(fc.constantFrom('0/layer.tar', '../x', '/etc/passwd', 'missing.tar'), fc.string()), { maxLength: 3 }),
      })
      .map((m) => [m]),
  );
  const saveArchive = fc
    .record({ layers: fc.array(archive, { maxLength: 2 }), manifest, mutations: fc.array(mutation, { maxLength: 4 }) })
    .map(({ layers, manifest: m, mutations }) => {
      const bytes = Buffer.from(dockerSaveArchive(layers, m));
      for (const { at, byte } of mutations) if (at >= 0 && bytes.length > 0) bytes[Math.floor(at * (bytes.length - 1))] = byte;
      return bytes;
    });

  it(`gives a layout or a TargetError for any docker save archive (${String(numRuns / 2)} runs, seed ${String(seed)})`, async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.oneof(saveArchive, saveArchive, anyBytes), async (bytes) => {
        n += 1;
        const file = path.join(dir, `image-${String(n)}.tar`);
        await writeFile(file, bytes);
        try {
          const layout = await findLayers(file);
          for (const layer of layout.layers) {
            expect(layer.start).toBeGreaterThanOrEqual(0);
            expect(layer.start + layer.size).toBeLessThanOrEqual(bytes.length);
          }
        } catch (error) {
          if (!(error instanceof TargetError)) throw error;
        } finally {
          await rm(file, { force: true });
        }
      }),
      { seed, numRuns: numRuns / 2, interruptAfterTimeLimit: 20_000 },
    );
  });
});

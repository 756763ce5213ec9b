import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readWholeFile } from './read-whole.js';

const dir = mkdtempSync(join(tmpdir(), 'charter-read-whole-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const codeOf = (promise: Promise<unknown>): Promise<unknown> =>
  promise.then(
    () => 'no error',
    (error: unknown) => (error as { code?: unknown }).code,
  );

describe('readWholeFile', () => {
  it('reads what fs.readFile reads: regular files of any size, and /proc files stat gives no size', async () => {
    for (const [name, size] of [
      ['empty', 0],
      ['small', 10],
      ['steps', 4096 * 3 + 7],
      ['big', 3 << 20],
    ] as const) {
      const file = join(dir, name);
      writeFileSync(file, Buffer.alloc(size, name));
      expect((await readWholeFile(file)).equals(readFileSync(file))).toBe(true);
    }
    // Size 0 in stat, content when read; /proc/self/maps is longer than the first read step.
    for (const file of ['/proc/self/status', '/proc/self/maps', '/proc/self/cmdline']) {
      const [ours, node] = [await readWholeFile(file), await readFile(file)];
      expect(ours.length, file).toBeGreaterThan(0);
      if (file.endsWith('maps')) expect(ours.length).toBeGreaterThan(4096);
      // The same lines, up to what changed between the two reads (memory counters).
      expect(ours.toString().split('\n')[0], file).toBe(node.toString().split('\n')[0]);
    }
    expect((await readWholeFile('/proc/self/cmdline')).equals(readFileSync('/proc/self/cmdline'))).toBe(true);
  });

  it('fails as fs.readFile fails: a directory, a missing file', async () => {
    expect(await codeOf(readWholeFile(dir))).toBe(await codeOf(readFile(dir)));
    expect(await codeOf(readWholeFile(join(dir, 'missing')))).toBe('ENOENT');
  });

  it('closes what it opened, whether the read succeeds or fails', async () => {
    const file = join(dir, 'closed');
    writeFileSync(file, 'content');
    const open = (): number => readdirSync('/proc/self/fd').length;
    const before = open();
    for (let i = 0; i < 50; i++) {
      expect((await readWholeFile(file)).toString()).toBe('content');
      expect(await codeOf(readWholeFile(dir))).toBe('EISDIR');
      expect((await readWholeFile('/proc/self/stat')).length).toBeGreaterThan(0);
    }
    expect(open()).toBe(before);
  });
});

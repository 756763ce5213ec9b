import { mkdir, mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { limits } from '../limits.js';
import { noticingDeniedReads, oversizedMark } from './denied-reads.js';
import { openRoot } from './root.js';

let dir = '';
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

describe('root: reads are capped per file', () => {
  it('does not read a (sparse) file over the cap, and notes why', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'charter-root-bounded-'));
    await mkdir(path.join(dir, 'etc'));
    await writeFile(path.join(dir, 'etc', 'hostname'), 'box\n');
    await writeFile(path.join(dir, 'etc', 'os-release'), 'ID=debian\n');
    await truncate(path.join(dir, 'etc', 'os-release'), limits.hostFileBytes + 1);
    const host = await openRoot(dir);
    const noted = new Set<string>();
    const [big, small] = await noticingDeniedReads(noted, () => Promise.all([host.readFile('/etc/os-release'), host.readFile('/etc/hostname')]));
    expect(big).toBeUndefined();
    expect(small?.toString()).toBe('box\n');
    expect([...noted]).toEqual([`/etc/os-release${oversizedMark}`]);
  });
});

import { chmodSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { notOnPath } from './not-on-path.js';

const dir = mkdtempSync(join(tmpdir(), 'charter-not-on-path-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe('notOnPath', () => {
  const bin = join(dir, 'bin');
  const empty = join(dir, 'empty');
  const notADir = join(dir, 'file');
  mkdirSync(bin);
  mkdirSync(empty);
  writeFileSync(notADir, '');
  writeFileSync(join(bin, 'tool'), '#!/bin/sh\n');
  chmodSync(join(bin, 'tool'), 0o755);
  // Present but not executable: execve says EACCES, not ENOENT; the spawn must say so.
  writeFileSync(join(bin, 'plain'), '');

  it('is true only when no PATH directory holds the name (absent directories and files in the way included)', async () => {
    expect(await notOnPath('missing-tool', `${empty}:${bin}:${join(dir, 'absent')}:${notADir}`)).toBe(true);
    expect(await notOnPath('tool', `${empty}:${bin}`)).toBe(false);
    expect(await notOnPath('plain', `${empty}:${bin}`)).toBe(false);
  });

  it('leaves to the spawn a path, an empty or relative PATH entry, and a missing PATH', async () => {
    expect(await notOnPath('/nonexistent/tool', bin)).toBe(false);
    expect(await notOnPath('missing-tool', `${empty}:`)).toBe(false);
    expect(await notOnPath('missing-tool', `${empty}::${bin}`)).toBe(false);
    expect(await notOnPath('missing-tool', `relative/bin:${bin}`)).toBe(false);
    expect(await notOnPath('missing-tool', undefined)).toBe(false);
    expect(await notOnPath('missing-tool', '')).toBe(false);
    expect(await notOnPath('', bin)).toBe(false);
  });
});

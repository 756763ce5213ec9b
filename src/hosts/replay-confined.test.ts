import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execFileSync } from 'node:child_process';
import { afterAll, describe, expect, it } from 'vitest';
import { TargetError } from '../errors.js';
import { openReplay } from './replay.js';

let base = '';
afterAll(async () => {
  if (base !== '') await rm(base, { recursive: true, force: true });
});

describe('a replay directory is confined', () => {
  it('refuses files/ when it is a symlink out of the recording (to this machine)', async () => {
    base = await mkdtemp(path.join(tmpdir(), 'charter-replay-confined-'));
    const dir = path.join(base, 'rec');
    await mkdir(dir);
    await writeFile(path.join(dir, 'host.json'), JSON.stringify({ platform: 'linux' }));
    await symlink('/', path.join(dir, 'files'));
    await expect(openReplay(dir)).rejects.toBeInstanceOf(TargetError);
    await expect(openReplay(dir)).rejects.toThrow(/files: not a directory of the recording/);
  });

  it('refuses a FIFO as host.json at once', async () => {
    const dir = path.join(base, 'fifo');
    await mkdir(dir);
    execFileSync('mkfifo', [path.join(dir, 'host.json')]);
    await expect(openReplay(dir)).rejects.toThrow(/FIFO/);
  });

  it('still opens a recording whose files/ is a plain directory', async () => {
    const dir = path.join(base, 'plain');
    await mkdir(path.join(dir, 'files', 'etc'), { recursive: true });
    await writeFile(path.join(dir, 'host.json'), JSON.stringify({ platform: 'linux' }));
    await writeFile(path.join(dir, 'files', 'etc', 'hostname'), 'box\n');
    const host = await openReplay(dir);
    expect((await host.readFile('/etc/hostname'))?.toString()).toBe('box\n');
  });
});

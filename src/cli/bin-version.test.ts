/**
 * bin/charter.js answers `--version` alone before loading anything (dist/ is not even needed),
 * with what dist/cli.js would print; as CommonJS (bin/package.json) and as an ES module (a copy
 * without it), and through a symlink as npm installs it. Anything else goes to dist/cli.js.
 */
import { execa } from 'execa';
import { copyFileSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './index.js';

const repo = fileURLToPath(new URL('../..', import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'charter-bin-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** A package with bin/charter.js and no dist/: only the fast path can answer. */
const bare = (name: string, pkg: object, commonJs: boolean): string => {
  const dir = join(work, name);
  mkdirSync(join(dir, 'bin'), { recursive: true });
  copyFileSync(join(repo, 'bin', 'charter.js'), join(dir, 'bin', 'charter.js'));
  if (commonJs) copyFileSync(join(repo, 'bin', 'package.json'), join(dir, 'bin', 'package.json'));
  writeFileSync(join(dir, 'package.json'), JSON.stringify({ type: 'module', ...pkg }));
  return join(dir, 'bin', 'charter.js');
};

const node = (...args: string[]) => execa(process.execPath, args, { reject: false, env: { ...process.env, NO_COLOR: '1' } });

describe('bin/charter.js --version', () => {
  it.each([
    ['CommonJS', true],
    ['an ES module', false],
  ])('prints the package version without dist/, as %s', async (_, commonJs) => {
    const bin = bare(`pkg-${String(commonJs)}`, { name: 'charter', version: '9.8.7-test' }, commonJs);
    for (const flag of ['--version', '-V']) {
      const result = await node(bin, flag);
      expect({ code: result.exitCode, out: result.stdout, err: result.stderr }).toEqual({ code: 0, out: '9.8.7-test', err: '' });
    }
  });

  it('finds the package through a symlink to the bin file (node_modules/.bin)', async () => {
    const bin = bare('linked', { name: 'charter', version: '1.2.3-linked' }, true);
    mkdirSync(join(work, 'dotbin'));
    symlinkSync(bin, join(work, 'dotbin', 'charter'));
    const result = await node(join(work, 'dotbin', 'charter'), '--version');
    expect(result.stdout).toBe('1.2.3-linked');
  });

  it('does not answer for a package.json of another name, nor for more words: dist/cli.js does', async () => {
    const foreign = await node(bare('foreign', { name: 'not-charter', version: '6.6.6' }, true), '--version');
    expect(foreign.stdout).toBe('');
    expect(foreign.stderr).toContain('dist/cli.js');
    const more = await node(bare('more', { name: 'charter', version: '6.6.6' }, true), '--version', '--help');
    expect(more.stdout).toBe('');
    expect(more.stderr).toContain('dist/cli.js');
  });

  it('prints what dist/cli.js prints, in this repository', async () => {
    const io = memoryIo();
    expect(await run(['--version'], io)).toBe(0);
    const fast = await node(join(repo, 'bin', 'charter.js'), '--version');
    expect(`${fast.stdout}\n`).toBe(io.out());
    expect(fast.exitCode).toBe(0);
  });
});

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { snapshotTargets, type FleetTarget } from './targets.js';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A directory of snapshot files (and files that are not), as `charter audit` is given. */
const fleetDir = (): string => {
  const root = mkdtempSync(join(tmpdir(), 'charter-targets-'));
  dirs.push(root);
  const dir = join(root, 'fleet');
  mkdirSync(join(dir, 'MinFin', 'Treasury'), { recursive: true });
  mkdirSync(join(dir, '.hidden'));
  for (const file of ['b.json', 'a.json.gz', 'notes.txt', '.draft.json', 'MinFin/c.json', 'MinFin/Treasury/d.JSON', 'MinFin/Treasury/e.json', '.hidden/f.json'])
    writeFileSync(join(dir, file), '{}');
  return dir;
};

/** What a target says of itself, read through its fields (getters or not). */
const seen = (t: FleetTarget) => ({ source: t.source, name: t.name, file: t.snapshotFile, folder: t.folder, openFailure: t.openFailure });

describe('snapshot targets of a directory', () => {
  it('lists each folder’s snapshot files sorted, before its subfolders, each with its path as given, its name and its folder', async () => {
    const dir = fleetDir();
    const root = join(dir, '..');
    const targets = await snapshotTargets(['fleet'], root);
    expect(targets.map(seen)).toEqual([
      { source: join('fleet', 'a.json.gz'), name: 'a', file: join(dir, 'a.json.gz'), folder: undefined, openFailure: 'invalid' },
      { source: join('fleet', 'b.json'), name: 'b', file: join(dir, 'b.json'), folder: undefined, openFailure: 'invalid' },
      { source: join('fleet', 'MinFin', 'c.json'), name: 'c', file: join(dir, 'MinFin', 'c.json'), folder: 'MinFin', openFailure: 'invalid' },
      {
        source: join('fleet', 'MinFin', 'Treasury', 'e.json'),
        name: 'e',
        file: join(dir, 'MinFin', 'Treasury', 'e.json'),
        folder: 'MinFin/Treasury',
        openFailure: 'invalid',
      },
    ]);
    // Given as an absolute path: shown as it is.
    expect((await snapshotTargets([dir], '/')).map((t) => t.source)).toEqual(targets.map((t) => t.snapshotFile));
  });

  it('leaves out the files excluded, and a file found twice through two paths given', async () => {
    const dir = fleetDir();
    const targets = await snapshotTargets([dir, join(dir, 'b.json'), join(dir, 'MinFin')], '/', [join(dir, 'a.json.gz')]);
    expect(targets.map((t) => t.snapshotFile)).toEqual([join(dir, 'b.json'), join(dir, 'MinFin', 'c.json'), join(dir, 'MinFin', 'Treasury', 'e.json')]);
  });

  it('opens the snapshot it names (a file that is not one is refused as invalid)', async () => {
    const [target] = await snapshotTargets([fleetDir()], '/');
    await expect(target?.open()).rejects.toThrow(/a\.json\.gz/);
  });
});

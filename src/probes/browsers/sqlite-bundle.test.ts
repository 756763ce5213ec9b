import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { buildPrivateCli } from '../../testing/private-cli.js';
import { parseSnapshot } from '../../hosts/snapshot-format.js';

const dir = mkdtempSync(join(tmpdir(), 'charter-sqljs-bundle-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const filesUnder = (path: string): string[] =>
  readdirSync(path, { withFileTypes: true }).flatMap((e) => (e.isDirectory() ? filesUnder(join(path, e.name)) : [join(path, e.name)]));

describe('sql.js in the built CLI', () => {
  it('is bundled as JavaScript (no .wasm file), imported only lazily, and reads a database in the real process', async () => {
    const bin = await buildPrivateCli(join(dir, 'cli'));
    const files = filesUnder(join(dir, 'cli', 'dist')).filter((f) => f.endsWith('.js'));
    expect(filesUnder(join(dir, 'cli', 'dist')).filter((f) => f.endsWith('.wasm'))).toEqual([]);
    const sqlChunks = files.filter((f) => readFileSync(f, 'utf8').includes('sqlite3_open'));
    expect(sqlChunks).toHaveLength(1);
    const name = sqlChunks[0]?.split('/').at(-1) ?? '';
    // Every mention of the chunk elsewhere is a dynamic import(): --version and --help never load it.
    let dynamicImports = 0;
    for (const file of files.filter((f) => f !== sqlChunks[0])) {
      const text = readFileSync(file, 'utf8');
      const mentions = text.split(name).length - 1;
      const dynamic = text.split(`import("./${name}")`).length - 1 + text.split(`import("./chunks/${name}")`).length - 1;
      expect([file, mentions]).toEqual([file, dynamic]);
      dynamicImports += dynamic;
    }
    expect(dynamicImports).toBeGreaterThan(0);
    expect(execFileSync(process.execPath, [bin, '--version'], { encoding: 'utf8' })).toMatch(/^\d+\.\d+\.\d+\n$/);

    // A root with one real Firefox profile (firefox-esr 153.8, fixtures/samples/browsers/firefox).
    const root = join(dir, 'root');
    const profile = join(root, 'home/ana/.mozilla/firefox/p');
    mkdirSync(profile, { recursive: true });
    mkdirSync(join(root, 'etc'));
    writeFileSync(join(root, 'etc/os-release'), 'ID=debian\n');
    writeFileSync(join(root, 'etc/passwd'), 'ana:x:1000:1000::/home/ana:/bin/sh\n');
    writeFileSync(join(root, 'home/ana/.mozilla/firefox/profiles.ini'), '[Profile0]\nName=p\nIsRelative=1\nPath=p\n');
    writeFileSync(join(profile, 'prefs.js'), '');
    writeFileSync(
      join(profile, 'permissions.sqlite'),
      gunzipSync(readFileSync(new URL('../../../fixtures/samples/browsers/firefox/permissions.sqlite.gz', import.meta.url))),
    );
    const snapshot = join(dir, 'snap.json');
    try {
      execFileSync(process.execPath, [bin, 'collect', '--target', `root:${root}`, '--output', snapshot], { stdio: 'pipe' });
    } catch {
      // Exit 3 (some probe incomplete) still writes the snapshot.
    }
    // Read as charter reads it (lists of records are packed since snapshotVersion 2).
    const { facts } = parseSnapshot(readFileSync(snapshot, 'utf8'), snapshot);
    const browsers = facts.browsers;
    expect(browsers?.status === 'ok' || browsers?.status === 'partial' ? browsers.facts.permissions : undefined).toContainEqual(
      expect.objectContaining({ origin: 'https://web.whatsapp.com', permission: 'notifications' }),
    );
  }, 120_000);
});

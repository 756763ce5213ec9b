import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { limits } from '../../limits.js';
import { readSqlite } from './sqlite.js';
import { applyWal } from './wal.js';

const fixture = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/samples/browsers/${name}`, import.meta.url));

// Real files: SQLite 3.40.1 (Python's sqlite3) wrote them; see fixtures/samples/browsers/sqlite/produce.py.
const db = fixture('sqlite/wal-pending.db');
const wal = fixture('sqlite/wal-pending.db-wal');

const countByOrigin = (host: ReturnType<typeof fakeHost>) =>
  readSqlite(host, '/p/x.db', (d) => ({
    visits: d.all('SELECT origin, count(*) AS n FROM visits GROUP BY origin ORDER BY origin'),
    later: d.hasTable('later') ? d.all('SELECT x FROM later') : null,
  }));

describe('readSqlite', () => {
  it('reads rows committed only in the WAL, and none of the uncommitted frames after them', async () => {
    const result = await countByOrigin(fakeHost({ files: { '/p/x.db': db, '/p/x.db-wal': wal } }));
    expect(result.status).toBe('ok');
    if (result.status !== 'ok') return;
    expect(result.value.visits).toEqual([
      { origin: 'https://checkpointed.example', n: 1 },
      { origin: 'https://in-wal.example', n: 3 },
    ]);
    expect(result.value.later).toEqual([{ x: 'committed in the WAL only' }]);
    expect(result.walFrames).toBeGreaterThan(0);
    expect(result.incomplete).toBeNull();
  });

  it('without its WAL, reads only what was checkpointed', async () => {
    const result = await countByOrigin(fakeHost({ files: { '/p/x.db': db } }));
    expect(result).toMatchObject({ status: 'ok', walFrames: 0, value: { visits: [{ origin: 'https://checkpointed.example', n: 1 }], later: null } });
  });

  it('never changes the Buffer the host gave (hosts share them)', async () => {
    const copy = Buffer.from(db);
    const host = fakeHost({ files: { '/p/x.db': copy, '/p/x.db-wal': wal } });
    await countByOrigin(host);
    expect(copy.equals(db)).toBe(true);
  });

  it('a damaged WAL header: the checkpointed rows, marked possibly incomplete', async () => {
    const broken = Buffer.from(wal);
    broken[25] = (broken[25] ?? 0) ^ 0xff;
    const result = await countByOrigin(fakeHost({ files: { '/p/x.db': db, '/p/x.db-wal': broken } }));
    expect(result).toMatchObject({ status: 'ok', walFrames: 0, incomplete: { file: '/p/x.db-wal', code: 'unsupported-format' } });
  });

  it('a frame with a bad checksum ends the log: later commits are not applied', () => {
    const broken = Buffer.from(wal);
    broken[32 + 24 + 100] = (broken[32 + 24 + 100] ?? 0) ^ 0xff; // inside the first frame's page
    expect(applyWal(db, broken)).toMatchObject({ frames: 0, problem: null });
    expect(applyWal(db, wal).frames).toBeGreaterThan(0);
  });

  it('absent file → absent; not SQLite, truncated or too big → a gap, never a throw', async () => {
    expect(await countByOrigin(fakeHost())).toEqual({ status: 'absent' });
    const notSqlite = await countByOrigin(fakeHost({ files: { '/p/x.db': '{"json": true}' } }));
    expect(notSqlite).toMatchObject({ status: 'gap', gap: { code: 'unsupported-format', file: '/p/x.db' } });
    const truncated = await countByOrigin(fakeHost({ files: { '/p/x.db': db.subarray(0, 4096 + 10) } }));
    expect(truncated).toMatchObject({ status: 'gap', gap: { code: 'unsupported-format' } });
    const big = await countByOrigin(fakeHost({ files: { '/p/x.db': db }, stats: { '/p/x.db': { size: limits.browserDatabaseBytes + 1 } } }));
    expect(big).toMatchObject({ status: 'gap', gap: { code: 'unreadable' } });
  });

  it('a query SQLite rejects (no such table) is a gap', async () => {
    const result = await readSqlite(fakeHost({ files: { '/p/x.db': db } }), '/p/x.db', (d) => d.all('SELECT * FROM moz_perms'));
    expect(result).toMatchObject({ status: 'gap', gap: { code: 'unsupported-format' } });
    if (result.status === 'gap') expect(result.gap.detail).toContain('no such table');
  });

  it('reads a real Chromium History (Chromium 156) as written, journal mode', async () => {
    const history = gunzipSync(fixture('chromium/History.gz'));
    const result = await readSqlite(fakeHost({ files: { '/h/History': history } }), '/h/History', (d) => d.all('SELECT count(*) AS n FROM urls'));
    expect(result).toMatchObject({ status: 'ok', value: [{ n: 3 }] });
  });
});

describe('damage SQLite would read as fewer rows', () => {
  it('a table page that lists fewer cells than it holds: a gap (quick_check), never a shorter answer', async () => {
    // The real Chromium History: `urls` has its root (a leaf, 3 rows) on page 4 (page size 4096).
    // With the cell count cut to 1, SQLite answers queries without complaint (without quick_check
    // this test fails: `ok`); quick_check sees the unaccounted bytes ("Fragmentation of 152 bytes
    // reported as 0 on page 4", SQLite 3.40 via Python).
    const broken = Buffer.from(gunzipSync(fixture('chromium/History.gz')));
    const page = 3 * 4096;
    expect(broken[page]).toBe(13);
    expect(broken.readUInt16BE(page + 3)).toBe(3);
    broken.writeUInt16BE(1, page + 3);
    const result = await readSqlite(fakeHost({ files: { '/h/History': broken } }), '/h/History', (d) => d.all('SELECT url FROM urls'));
    expect(result).toMatchObject({ status: 'gap', gap: { code: 'unsupported-format' } });
    if (result.status === 'gap') expect(result.gap.detail).toContain('damaged');
  });
});

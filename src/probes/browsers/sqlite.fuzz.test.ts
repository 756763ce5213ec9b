import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { fuzzSeed } from '../../testing/fuzz.js';
import { readFirefoxHistory } from './history.js';
import { catalogOriginPatterns } from './origins.js';
import { readSqlite } from './sqlite.js';

// Real files (fixtures/samples/browsers/README.md): a WAL pair from SQLite 3.40.1 and a Firefox 153 permissions.sqlite.
const samples = new URL('../../../fixtures/samples/browsers/', import.meta.url);
const db = readFileSync(new URL('sqlite/wal-pending.db', samples));
const wal = readFileSync(new URL('sqlite/wal-pending.db-wal', samples));
const permissions = gunzipSync(readFileSync(new URL('firefox/permissions.sqlite.gz', samples)));

/** `bytes` with some bytes overwritten (offset, value pairs), and maybe cut short. */
const damaged = (bytes: Buffer) =>
  fc
    .record({
      edits: fc.array(fc.tuple(fc.nat({ max: bytes.length - 1 }), fc.integer({ min: 0, max: 255 })), { minLength: 1, maxLength: 8 }),
      cut: fc.option(fc.nat({ max: bytes.length })),
    })
    .map(({ edits, cut }) => {
      const copy = Buffer.from(bytes);
      for (const [at, value] of edits) copy[at] = value;
      return cut === null ? copy : copy.subarray(0, cut);
    });

const statuses = ['ok', 'gap', 'absent'];
const numRuns = 40;

describe('damaged databases and write-ahead logs', () => {
  it(`never throw: an answer or a gap (${String(numRuns)} runs, seed ${String(fuzzSeed)})`, async () => {
    await fc.assert(
      fc.asyncProperty(damaged(db), damaged(wal), damaged(permissions), async (d, w, p) => {
        const pair = await readSqlite(fakeHost({ files: { '/x.db': d, '/x.db-wal': w } }), '/x.db', (q) => q.all('SELECT count(*) AS n FROM visits'));
        expect(statuses).toContain(pair.status);
        const perms = await readSqlite(fakeHost({ files: { '/p.sqlite': p } }), '/p.sqlite', (q) => q.all('SELECT origin, type FROM moz_perms'));
        expect(statuses).toContain(perms.status);
        const history = await readFirefoxHistory(
          fakeHost({ files: { '/f/places.sqlite': d } }),
          '/f',
          { browser: 'firefox', user: null, profile: 'p' },
          catalogOriginPatterns({ apps: [{ id: 'a', name: 'A', categories: [], approved: false, web: { origins: ['https://a.example'] } }] }),
        );
        expect(Array.isArray(history.history)).toBe(true);
      }),
      { numRuns, seed: fuzzSeed },
    );
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { crc32c, liveEntries, readLevelDbLog, readLevelDbTable } from './leveldb.js';
import { readRegistry } from './chromium-registry.js';
import { snappyUncompress } from './snappy.js';

/** Real files written by Chromium 156 (fixtures/samples/browsers/chromium-156/README.md). */
const fixture = (path: string): Buffer => readFileSync(new URL(`../../../fixtures/samples/browsers/chromium-156/${path}`, import.meta.url));
const registryLog = fixture('user-data/Default/Sync Data/LevelDB/000003.log');

describe('the LevelDB reader on files Chromium wrote', () => {
  it('reads a table whose blocks are Snappy-compressed, keys and sequence numbers included', () => {
    const read = readLevelDbTable(fixture('leveldb-table/000003.ldb'));
    expect(read.damage).toBeNull();
    const keys = read.records.map((r) => r.key.toString('latin1'));
    expect(keys).toContain('VERSION');
    expect(keys.filter((k) => k.startsWith('_http://127.0.0.1:'))).toHaveLength(40);
    const written = read.records.find((r) => r.key.toString('latin1').endsWith('k7'));
    // localStorage values are a format byte then UTF-16LE or Latin-1 text: the page wrote 2000 repeats.
    expect(written?.value?.toString('latin1')).toContain('chat message text 7');
    expect(written?.value?.length ?? 0).toBeGreaterThan(40_000);
  });

  it('reads the write batches of a log, and the newest record of a key wins', () => {
    const log = readLevelDbLog(fixture('registry-after-uninstall/000003.log'));
    expect(log.damage).toBeNull();
    const appKey = 'web_apps-dt-jjnbacokndalpmngakphpoeoilkhjcgn';
    const forApp = log.records.filter((r) => r.key.toString('latin1') === appKey);
    expect(forApp.some((r) => r.value !== null)).toBe(true);
    expect(forApp.at(-1)?.value).toBeNull();
    expect(liveEntries(log.records).has(appKey)).toBe(false);
  });

  it('reports a damaged log record instead of reading past it', () => {
    const damaged = Buffer.from(registryLog);
    damaged[200] = (damaged[200] ?? 0) ^ 0xff;
    const read = readLevelDbLog(damaged);
    expect(read.damage).toMatch(/checksum mismatch/);
    expect(readRegistry([{ name: '000003.log', bytes: damaged }]).damage[0]).toMatch(/^000003\.log: /);
  });

  it('takes a record cut short at the end of a log for an unfinished write, not damage', () => {
    const read = readLevelDbLog(registryLog.subarray(0, registryLog.length - 10));
    expect(read.damage).toBeNull();
    expect(read.records.length).toBeLessThan(readLevelDbLog(registryLog).records.length);
  });

  it('reports a truncated table and a table of another format', () => {
    const table = fixture('leveldb-table/000003.ldb');
    expect(readLevelDbTable(table.subarray(0, table.length - 100)).damage).toMatch(/magic/);
    expect(readLevelDbTable(Buffer.alloc(20)).damage).toMatch(/footer/);
  });

  it('computes CRC-32C like LevelDB (RFC 3720 check value)', () => {
    expect(crc32c(Buffer.from('123456789'))).toBe(0xe3069283);
  });

  it('refuses Snappy input whose copies point before the output', () => {
    // length 4, then a 1-byte-offset copy of 4 bytes at offset 1 with nothing written yet
    expect(() => snappyUncompress(Uint8Array.from([4, 0x01, 0x01]))).toThrow(/offset/);
    // a literal longer than the input
    expect(() => snappyUncompress(Uint8Array.from([4, 0x0c, 0x61]))).toThrow(/truncated/);
  });
});

describe('the web-app registry', () => {
  it('gives the app id, start-URL origin and name of an app Chromium installed', () => {
    expect(readRegistry([{ name: '000003.log', bytes: registryLog }])).toEqual({
      apps: [{ appId: 'malpepeabkkcmbacpmjlhcjchgdlcmbg', origin: 'http://127.0.0.1:47613', name: 'Test Chat' }],
      damage: [],
    });
  });

  it('lists nothing for an app installed then uninstalled', () => {
    expect(readRegistry([{ name: '000003.log', bytes: fixture('registry-after-uninstall/000003.log') }])).toEqual({ apps: [], damage: [] });
  });
});

import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { listMacHomes } from './homes.js';
import { boolValue, dateValue, numberValue, parsePlist, readPlist, stringValue } from './plist.js';
import { runTool } from './run.js';

const root = new URL('../../..', import.meta.url).pathname;
/** Binary and XML plists of the macOS fixtures (src/testing/macos-fixtures.ts: bplist.ts and the plist package). */
const fixtureFile = (path: string): Buffer => readFileSync(join(root, 'fixtures', 'hosts', 'macos14-compliant', 'files', path));

describe('parsePlist', () => {
  it('reads a binary plist (bplist00) with dates as ISO strings', async () => {
    const bytes = fixtureFile('Library/Preferences/com.apple.SoftwareUpdate.plist');
    expect(bytes.subarray(0, 8).toString('latin1')).toBe('bplist00');
    const value = await parsePlist(bytes);
    expect(value).toMatchObject({ AutomaticCheckEnabled: true, LastSuccessfulDate: '2026-11-19T22:14:05.000Z', RecommendedUpdates: [] });
  });

  it('reads an XML plist, also with a UTF-8 BOM, CRLF line ends or as UTF-16LE with BOM', async () => {
    const xml = fixtureFile('System/Library/CoreServices/SystemVersion.plist').toString('utf8');
    expect(await parsePlist(Buffer.from(xml))).toMatchObject({ ProductVersion: '15.7.2', ProductBuildVersion: '24G325' });
    expect(await parsePlist(Buffer.from(`\uFEFF${xml.replace(/\n/g, '\r\n')}`))).toMatchObject({ ProductVersion: '15.7.2' });
    expect(await parsePlist(Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(xml.replace('UTF-8', 'UTF-16'), 'utf16le')]))).toMatchObject({
      ProductName: 'macOS',
    });
  });

  it('readPlist says absent, error or ok', async () => {
    const host = fakeHost({ files: { '/bad.plist': 'bplist00garbage', '/list.plist': '<plist><array><string>x</string></array></plist>' } });
    expect(await readPlist(host, '/none.plist')).toEqual({ status: 'absent' });
    expect((await readPlist(host, '/bad.plist')).status).toBe('error');
    expect((await readPlist(host, '/list.plist')).status).toBe('error');
  });

  it('value helpers accept what `defaults write` stores: booleans, integers and strings', () => {
    const dict = { a: true, b: 0, c: 'YES', d: '300', e: 2.5, f: '2026-01-02T03:04:05Z', g: '  ' };
    expect([boolValue(dict, 'a'), boolValue(dict, 'b'), boolValue(dict, 'c'), boolValue(dict, 'x')]).toEqual([true, false, true, null]);
    expect([numberValue(dict, 'd'), numberValue(dict, 'e'), numberValue(dict, 'c')]).toEqual([300, 2.5, null]);
    expect([stringValue(dict, 'g'), stringValue(dict, 'd')]).toEqual([null, '300']);
    expect(dateValue(dict, 'f')).toBe('2026-01-02T03:04:05.000Z');
  });
});

describe('listMacHomes', () => {
  it('lists /Users folders except Shared, Guest and hidden entries, with their owners', async () => {
    const host = fakeHost({
      dirs: { '/Users': ['.localized', 'Shared', 'Guest', 'bob', 'alice'] },
      stats: { '/Users/alice': { type: 'directory', uid: 501 }, '/Users/bob': { type: 'directory', uid: 502 }, '/Users/Shared': { type: 'directory' } },
    });
    expect(await listMacHomes(host)).toEqual([
      { user: 'alice', uid: 501, home: '/Users/alice' },
      { user: 'bob', uid: 502, home: '/Users/bob' },
    ]);
  });
});

describe('runTool', () => {
  it('turns a thrown error (an unrecorded replay command) into a failed run', async () => {
    const host = { ...fakeHost(), run: () => Promise.reject(new Error('command ["x"] is not recorded')) };
    const result = await runTool(host, 'x', []);
    expect(result).toMatchObject({ exitCode: 127, spawnError: 'command ["x"] is not recorded' });
  });
});

import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { limits } from '../../limits.js';
import type { Json } from '../../model.js';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectChromiumWindows, windowsBrowsersScript } from './chromium-windows.js';
import { collectFirefoxWindows, windowsFirefoxCollection } from './firefox-windows.js';
import { firefoxWindowsFunctions } from './firefox-windows-script.js';

/*
 * The answer shape is the one firefox-windows-script.ts builds (no Windows machine here: only
 * replays); the bytes inside are real files firefox-esr 153.8 wrote on Debian 12
 * (fixtures/samples/browsers/firefox/README.md). profiles.ini is the fixture's, with the Windows
 * layout's Path (profiles under `Profiles/`, firefox-profiles.ts).
 */
const dir = new URL('../../../fixtures/samples/browsers/firefox/', import.meta.url);
const permissions = gunzipSync(readFileSync(new URL('permissions.sqlite.gz', dir)));
const ini = readFileSync(new URL('profiles.ini', dir), 'utf8')
  .replace('Path=vto0jbur.charter-fixture', 'Path=Profiles/vto0jbur.charter-fixture')
  .replace(/\n/g, '\r\n');
const root = 'C:\\Users\\ana\\AppData\\Roaming\\Mozilla\\Firefox';
const profile = `${root}\\Profiles\\vto0jbur.charter-fixture`;
const file = (bytes: Buffer) => ({ size: bytes.length, b64: bytes.toString('base64'), error: null, changed: false });
const home = (firefox: Json): Json => ({ user: 'ana', home: 'C:\\Users\\ana', homeError: null, dirs: [], shortcuts: [], firefox });
const present = (folders: Json[], extra: Record<string, Json> = {}): Json => ({
  root,
  homeError: null,
  present: true,
  ini: { size: ini.length, text: ini, error: null, changed: false },
  listError: null,
  truncated: false,
  folders,
  ...extra,
});
const now = new Date('2026-12-07T08:00:00Z');

describe('browsers: Firefox on Windows', () => {
  it('reads the profile profiles.ini names and its real permissions.sqlite', async () => {
    const other = `${root}\\Profiles\\x1y2z3.prefs-only`;
    const c = await windowsFirefoxCollection(
      [
        home(
          present([
            { path: profile, db: file(permissions), wal: { size: 0, b64: '', error: null, changed: false }, journal: null },
            { path: other, db: null, wal: null, journal: null },
          ]),
        ),
      ],
      { now },
    );
    expect(c.gaps).toEqual([]);
    expect(c.profiles).toEqual([
      { browser: 'firefox', user: 'ana', profile: 'vto0jbur.charter-fixture', path: profile, displayName: 'charter-fixture' },
      { browser: 'firefox', user: 'ana', profile: 'x1y2z3.prefs-only', path: other, displayName: null },
    ]);
    expect(c.permissions).toContainEqual({
      browser: 'firefox',
      user: 'ana',
      profile: 'vto0jbur.charter-fixture',
      origin: 'https://web.whatsapp.com',
      permission: 'notifications',
      setting: 'allow',
      file: `${profile}\\permissions.sqlite`,
    });
    expect(c.permissions).toContainEqual(expect.objectContaining({ origin: 'https://discord.com', setting: 'block' }));
  });

  it("makes what was not read a gap: oversize, unreadable, damaged, a hot journal, another user's AppData, no answer", async () => {
    const big = { size: limits.browserDatabaseBytes + 1, error: null, changed: false };
    const cases: [Json, string][] = [
      [{ path: profile, db: big, wal: null, journal: null }, 'the limit is'],
      [{ path: profile, db: file(permissions), wal: big, journal: null }, 'permissions.sqlite-wal: file is'],
      [{ path: profile, db: { size: null, error: 'The process cannot access the file', changed: false }, wal: null, journal: null }, 'cannot access'],
      [{ path: profile, db: file(permissions.subarray(0, 4096)), wal: null, journal: null }, 'truncated'],
      [{ path: profile, db: file(permissions), wal: null, journal: { head: '2dUF+SChY9c=', error: null } }, 'write was in progress'],
      [{ path: profile, db: { ...file(permissions), changed: true }, wal: null, journal: null }, 'changed while it was read'],
    ];
    for (const [folder, text] of cases) {
      const c = await windowsFirefoxCollection([home(present([folder]))], { now });
      expect(
        c.gaps.map((g) => g.field),
        text,
      ).toEqual(['permissions']);
      expect(c.gaps[0]?.detail, text).toContain(text);
    }
    const denied = await windowsFirefoxCollection([home({ root, homeError: 'Access to the path is denied.', present: false })], {
      now,
      includeBrowserHistory: true,
    });
    expect(denied.gaps.map((g) => [g.field, g.code])).toEqual([
      ['profiles', 'permission'],
      ['permissions', 'permission'],
      ['history', 'permission'],
    ]);
    const unlisted = await windowsFirefoxCollection(
      [home(present([], { ini: { size: null, error: 'denied', changed: false }, listError: 'denied', truncated: true }))],
      { now },
    );
    expect(unlisted.gaps.map((g) => [g.field, g.code])).toEqual([
      ['profiles', 'unreadable'],
      ['profiles', 'permission'],
      ['profiles', 'unreadable'],
    ]);
    const none = await windowsFirefoxCollection([{ user: 'ana', home: 'C:\\Users\\ana', dirs: [], shortcuts: [] }], { now });
    expect(none.gaps.map((g) => g.code)).toEqual(['probe-failed', 'probe-failed']);
    const absent = await windowsFirefoxCollection([home({ root, homeError: null, present: false })], { now, includeBrowserHistory: true });
    expect(absent).toMatchObject({ profiles: [], permissions: [], gaps: [], history: [] });
  });

  it('shares one PowerShell run with the Chromium family, and a run that failed is a gap on every field', async () => {
    const key = [powershellProgram, ...psArgs(windowsBrowsersScript)].join(' ');
    const stdout = JSON.stringify([home(present([{ path: profile, db: file(permissions), wal: null, journal: null }]))]);
    const host = fakeHost({ platform: 'windows', commands: { [key]: { exitCode: 0, stdout } } });
    const context: ProbeContext = { platform: 'windows', now, catalog: { apps: [] }, capabilities: { read: true, exec: true, live: true } };
    const [chromium, firefox] = await Promise.all([collectChromiumWindows(host, context), collectFirefoxWindows(host, context)]);
    expect(host.ran).toHaveLength(1);
    expect(chromium.gaps).toEqual([]);
    expect(firefox.permissions.length).toBeGreaterThan(0);
    expect(windowsBrowsersScript).toContain(`$ffMax = ${String(limits.browserDatabaseBytes)}`);
    const failed = await collectFirefoxWindows(fakeHost({ platform: 'windows', commands: { [key]: { exitCode: 1, stderr: 'Access denied' } } }), context);
    expect(failed.gaps.map((g) => [g.field, g.code])).toEqual([
      ['profiles', 'probe-failed'],
      ['permissions', 'probe-failed'],
    ]);
    const noExec = await collectFirefoxWindows(host, { ...context, capabilities: { read: true, exec: false, live: false } });
    expect(noExec.gaps[0]?.detail).toContain('PowerShell');
  });

  it('has a script that only reads, balances its brackets and does not assign the read-only $HOME (no PowerShell here to parse it)', () => {
    const code = firefoxWindowsFunctions.replace(/'(?:[^']|'')*'/g, "''").replace(/"[^"]*"/g, '""');
    for (const [open, close] of [
      ['{', '}'],
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      expect(code.split(open).length, `${open}${close}`).toBe(code.split(close).length);
    }
    expect(firefoxWindowsFunctions).not.toMatch(
      /\b(Set|Remove|Move|Copy|Rename|Clear)-|Out-File|New-Item|\.Save\(|FileAccess\]::(Write|ReadWrite)|FileMode\]::(Create|Append|Truncate|OpenOrCreate)/,
    );
    expect(firefoxWindowsFunctions).not.toMatch(/\$home\b/i);
    expect(windowsBrowsersScript).toContain('firefox = (FirefoxOf $h.home)');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import { collectChromiumWindows, windowsBrowsersScript, windowsCollection } from './chromium-windows.js';

/*
 * The script's answer shape is built from the script itself and WScript.Shell's documented
 * shortcut fields (no Windows machine here); the file contents inside it are real files Chromium 156
 * wrote (fixtures/samples/browsers/chromium-156/README.md).
 */
const fixture = (path: string): Buffer => readFileSync(new URL(`../../../fixtures/samples/browsers/chromium-156/${path}`, import.meta.url));
const root = 'C:\\Users\\agent\\AppData\\Local\\Chromium\\User Data';
const answer = (prefs: string | null, prefsError: string | null = null) => [
  {
    user: 'agent',
    home: 'C:\\Users\\agent',
    dirs: [
      {
        browser: 'chromium',
        root,
        localState: fixture('user-data/Local State').toString('utf8'),
        localStateError: null,
        listError: null,
        profiles: [
          {
            dir: 'Default',
            prefs,
            prefsError,
            icons: 'malpepeabkkcmbacpmjlhcjchgdlcmbg',
            iconsError: null,
            registry: [{ name: '000003.log', b64: fixture('user-data/Default/Sync Data/LevelDB/000003.log').toString('base64') }],
            registryError: null,
          },
        ],
      },
    ],
    shortcuts: {
      path: 'C:\\Users\\agent\\AppData\\Roaming\\Microsoft\\Windows\\Start Menu\\Programs\\Chromium Apps\\Test Chat.lnk',
      target: 'C:\\Users\\agent\\AppData\\Local\\Chromium\\Application\\chrome_proxy.exe',
      args: '--profile-directory=Default --app-id=malpepeabkkcmbacpmjlhcjchgdlcmbg',
      name: 'Test Chat',
    },
  },
];

describe('browsers: the Chromium family on Windows', () => {
  it('reads profiles, permissions, the registry and Start-menu shortcuts from the script answer', () => {
    const collection = windowsCollection(answer(fixture('user-data/Default/Preferences').toString('utf8')), {});
    expect(collection.gaps).toEqual([]);
    expect(collection.profiles).toEqual([{ browser: 'chromium', user: 'agent', profile: 'Default', path: `${root}\\Default`, displayName: 'Your Chromium' }]);
    expect(collection.permissions).toContainEqual(
      expect.objectContaining({ origin: 'https://web.telegram.org', permission: 'notifications', setting: 'allow' }),
    );
    expect(collection.webApps.map((w) => [w.trace, w.origin])).toEqual([
      ['registry', 'http://127.0.0.1:47613'],
      ['shortcut', 'http://127.0.0.1:47613'],
    ]);
  });

  it('makes an unreadable Preferences a gap, and a script that did not run a gap on every field', async () => {
    const collection = windowsCollection(answer(null, 'The process cannot access the file'), { includeBrowserHistory: true });
    expect(collection.gaps.map((g) => [g.field, g.code])).toEqual([
      ['permissions', 'unreadable'],
      ['history', 'not-collected'],
    ]);
    const denied = windowsCollection([{ user: 'bob', home: 'C:\\Users\\bob', homeError: 'Access to the path is denied.', dirs: [], shortcuts: [] }], {});
    expect(denied.gaps.map((g) => [g.field, g.code])).toEqual([
      ['profiles', 'permission'],
      ['webApps', 'permission'],
      ['permissions', 'permission'],
    ]);
    const host = fakeHost({
      platform: 'windows',
      commands: { [[powershellProgram, ...psArgs(windowsBrowsersScript)].join(' ')]: { exitCode: 1, stderr: 'Access denied' } },
    });
    const context = { platform: 'windows' as const, now: new Date(), catalog: { apps: [] }, capabilities: { read: true, exec: true, live: true } };
    const failed = await collectChromiumWindows(host, context);
    expect(failed.gaps.map((g) => g.field)).toEqual(['profiles', 'webApps', 'permissions']);
    expect(failed.gaps[0]?.detail).toContain('Access denied');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseLocalState, parsePreferencesPermissions } from './chromium-parse.js';
import { originOf, originOfPattern } from './origin.js';
import { execArguments, parseWebAppDesktopEntry } from './chromium-shortcuts.js';

/** Real files written by Chromium 156 (fixtures/samples/browsers/chromium-156/README.md). */
const fixture = (path: string): string => readFileSync(new URL(`../../../fixtures/samples/browsers/chromium-156/${path}`, import.meta.url), 'utf8');

describe('Chromium profile files', () => {
  it('lists the profiles of Local State with the names the browser shows', () => {
    const parsed = parseLocalState(fixture('user-data/Local State'));
    expect(parsed).toEqual({
      ok: true,
      value: new Map([
        ['Default', 'Your Chromium'],
        ['Profile 1', 'Person 1'],
      ]),
    });
  });

  it('reads allowed and blocked notifications, camera and microphone with origins normalised', () => {
    const defaultProfile = parsePreferencesPermissions(fixture('user-data/Default/Preferences'));
    expect(defaultProfile.ok && [...defaultProfile.value].sort((a, b) => (a.origin + a.permission < b.origin + b.permission ? -1 : 1))).toEqual([
      { origin: 'http://127.0.0.1:47613', permission: 'camera', setting: 'block' },
      { origin: 'http://127.0.0.1:47613', permission: 'notifications', setting: 'allow' },
      { origin: 'https://web.telegram.org', permission: 'notifications', setting: 'allow' },
      { origin: 'https://web.whatsapp.com', permission: 'notifications', setting: 'block' },
    ]);
    const second = parsePreferencesPermissions(fixture('user-data/Profile 1/Preferences'));
    expect(second.ok && second.value.map((p) => `${p.permission} ${p.setting} ${p.origin}`).sort()).toEqual([
      'microphone allow https://discord.com',
      'notifications allow https://discord.com',
    ]);
  });

  it('says a Preferences cut off mid-rewrite is unreadable, never that it holds no permission', () => {
    const text = fixture('user-data/Default/Preferences');
    const cut = parsePreferencesPermissions(text.slice(0, Math.floor(text.length / 2)));
    expect(cut).toMatchObject({ ok: false, reason: expect.stringMatching(/not JSON/) as unknown });
    expect(parseLocalState('[]')).toMatchObject({ ok: false });
  });

  it('takes Chromium content-setting patterns to origins, and leaves out what is not a web origin', () => {
    expect(originOfPattern('https://chat.example.org:443')).toBe('https://chat.example.org');
    expect(originOfPattern('http://intranet.example:8080')).toBe('http://intranet.example:8080');
    expect(originOfPattern('https://[*.]example.net:443')).toBe('https://*.example.net');
    expect(originOfPattern('[*.]example.net')).toBe('https://*.example.net');
    for (const notOrigin of ['*', 'file:///home/a/x.html', 'chrome-extension://abc', 'https://*:443']) expect(originOfPattern(notOrigin)).toBeNull();
    expect(originOf('HTTPS://Chat.Example.ORG:443/some/path?q=1')).toBe('https://chat.example.org');
  });
});

describe('web-app launchers', () => {
  it('reads the app id, profile and program of the .desktop file Chromium wrote', () => {
    expect(parseWebAppDesktopEntry(fixture('applications/chrome-malpepeabkkcmbacpmjlhcjchgdlcmbg-Default.desktop'))).toEqual({
      appId: 'malpepeabkkcmbacpmjlhcjchgdlcmbg',
      name: 'Test Chat',
      program: '/usr/bin/chromium',
      profileDir: 'Default',
      userDataDir: '/tmp/cx/ud4',
      url: null,
    });
  });

  it('splits quoted Exec arguments, and ignores launchers without a valid app id', () => {
    expect(execArguments('"/opt/brave.com/brave/brave-browser" "--profile-directory=Profile 2" --app-id=x')).toEqual([
      '/opt/brave.com/brave/brave-browser',
      '--profile-directory=Profile 2',
      '--app-id=x',
    ]);
    expect(parseWebAppDesktopEntry('[Desktop Entry]\nExec=brave --app-id=notanappid\n')).toBeNull();
    expect(parseWebAppDesktopEntry('[Desktop Action x]\nExec=chromium --app-id=aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa\n')).toBeNull();
  });
});

import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsAppxScript, windowsUninstallScript } from './windows.js';
import { appxApps, uninstallApps } from './windows-parse.js';

const context: ProbeContext = {
  platform: 'windows',
  now: new Date('2026-11-20T10:00:00Z'),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true },
};
const key = (script: string): string => [powershellProgram, ...psArgs(script)].join(' ');

const telegram = {
  root: 'HKU',
  sid: 'S-1-5-21-1-2-3-1001',
  user: 'bob',
  key: '{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1',
  DisplayName: 'Telegram Desktop',
  DisplayVersion: '6.2.4',
  InstallLocation: 'C:\\Users\\bob\\AppData\\Roaming\\Telegram Desktop\\',
};

describe('windows Uninstall entries', () => {
  it('keeps named, visible, top-level entries; per-user ones carry their user', () => {
    const apps = uninstallApps([
      telegram,
      { root: 'HKLM', key: 'AddressBook' },
      { root: 'HKLM', key: 'X', DisplayName: 'Hidden', SystemComponent: 1 },
      { root: 'HKLM', key: 'KB1', DisplayName: 'Update for Y', ParentKeyName: 'Y' },
      { root: 'HKLM-WOW6432Node', key: 'Dropbox', DisplayName: 'Dropbox', DisplayVersion: '236.4.6110' },
    ]);
    expect(apps).toEqual([
      {
        name: 'Telegram Desktop',
        version: '6.2.4',
        source: 'windows-uninstall',
        scope: 'user',
        user: 'bob',
        path: 'C:\\Users\\bob\\AppData\\Roaming\\Telegram Desktop\\',
        id: '{53F49750-6209-4FBF-9CA8-7A333C87D1ED}_is1',
      },
      { name: 'Dropbox', version: '236.4.6110', source: 'windows-uninstall', scope: 'system', user: null, path: null, id: 'Dropbox' },
    ]);
  });

  it('takes a single object as a one-entry list', () => {
    expect(uninstallApps(telegram)).toHaveLength(1);
  });
});

describe('windows AppX packages', () => {
  const whatsapp = { Name: '5319275A.WhatsAppDesktop', PackageFamilyName: '5319275A.WhatsAppDesktop_cv1g1gvanyjgm', Version: '2.2546.3.0', IsFramework: false };
  it('gives one entry per installed user, leaves frameworks and staged users out', () => {
    const apps = appxApps(
      [
        {
          ...whatsapp,
          Users: [
            { user: 'PC\\bob', state: 'Installed' },
            { user: 'PC\\carol', state: 'Staged' },
            { user: 'PC\\alice', state: 'Installed' },
          ],
        },
        { Name: 'Microsoft.VCLibs.140.00', PackageFamilyName: 'Microsoft.VCLibs.140.00_8wekyb3d8bbwe', IsFramework: true, Users: [] },
      ],
      null,
    );
    expect(apps.map((a) => [a.id, a.scope, a.user])).toEqual([
      ['5319275A.WhatsAppDesktop_cv1g1gvanyjgm', 'user', 'bob'],
      ['5319275A.WhatsAppDesktop_cv1g1gvanyjgm', 'user', 'alice'],
    ]);
  });

  it('gives the current user every package of a plain Get-AppxPackage listing, and system scope to unassigned ones', () => {
    expect(appxApps(whatsapp, 'bob').map((a) => a.user)).toEqual(['bob']);
    expect(appxApps({ ...whatsapp, Users: [] }, null).map((a) => a.scope)).toEqual(['system']);
  });
});

describe('collectWindows (installed-apps)', () => {
  it('joins both sources and reports each one', async () => {
    const host = fakeHost({
      platform: 'windows',
      commands: {
        [key(windowsUninstallScript)]: { stdout: `${JSON.stringify(telegram)}\r\n` },
        [key(windowsAppxScript)]: {
          stdout: JSON.stringify({
            allUsers: false,
            currentUser: 'bob',
            note: 'Access is denied.',
            packages: {
              Name: 'TelegramMessengerLLP.TelegramDesktop',
              PackageFamilyName: 'TelegramMessengerLLP.TelegramDesktop_t4vj0pshhgkwm',
              Version: '6.2.4.0',
              IsFramework: false,
              Users: [],
            },
          }),
        },
      },
    });
    const outcome = await collectWindows(host, context);
    expect(outcome.status).toBe('ok');
    if (outcome.status !== 'ok') return;
    expect(outcome.facts.count).toBe(2);
    expect(JSON.stringify(outcome.facts.sources)).toContain('for bob only (-AllUsers needs an administrator: Access is denied.)');
    // Nothing on Windows declares a category: every scheme says so, none pretends to have been read.
    const schemes = outcome.facts.metadataSources as { scheme: string; status: string; detail: string }[];
    expect(schemes.map((m) => [m.scheme, m.status])).toEqual([
      ['freedesktop', 'absent'],
      ['appstream', 'absent'],
      ['debtags', 'absent'],
      ['macos', 'absent'],
    ]);
    expect(schemes[0]?.detail).toMatch(/cannot be classified from local metadata/);
    expect(JSON.stringify(outcome.facts.apps)).not.toContain('metadata');
  });

  it('reports one failing source and keeps the other; fails when none answers', async () => {
    const host = fakeHost({ platform: 'windows', commands: { [key(windowsUninstallScript)]: { stdout: '[]' } } });
    const outcome = await collectWindows(host, context);
    expect(outcome).toMatchObject({
      status: 'ok',
      facts: {
        count: 0,
        sources: [
          { source: 'windows-uninstall', status: 'ok' },
          { source: 'appx', status: 'error' },
        ],
      },
    });
    expect((await collectWindows(fakeHost(), context)).status).toBe('error');
  });
});

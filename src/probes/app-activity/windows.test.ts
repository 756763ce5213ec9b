import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../policy/catalog.js';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsActivityScript, windowsCatalogPaths } from './windows.js';
import { windowsProcesses } from './windows-parse.js';

const catalog: Catalog = {
  apps: [
    {
      id: 'luxchat4gov',
      name: 'LuxChat4Gov',
      categories: ['messenger'],
      approved: true,
      homeservers: ['luxchat4gov.lu'],
      windows: { processes: ['Luxchat4Gov.exe'], dataDirs: ['AppData\\Roaming\\Luxchat4Gov'], matrixConfigs: ['AppData\\Roaming\\Luxchat4Gov\\config.json'] },
    },
    {
      id: 'element',
      name: 'Element',
      categories: ['messenger'],
      approved: false,
      windows: { processes: ['Element.exe'], dataDirs: ['AppData\\Roaming\\Element'], matrixConfigs: ['AppData\\Roaming\\Element\\config.json'] },
    },
    {
      id: 'whatsapp',
      name: 'WhatsApp',
      categories: ['messenger'],
      approved: false,
      windows: { processes: ['WhatsApp.exe'], dataDirs: ['AppData\\Local\\Packages\\5319275A.WhatsAppDesktop_cv1g1gvanyjgm', "AppData\\Roaming\\O'Dd"] },
    },
  ],
};
const context: ProbeContext = { platform: 'windows', now: new Date('2026-11-20T10:00:00Z'), catalog, capabilities: { read: true, exec: true, live: true } };

describe('windows app-activity script', () => {
  it('carries the catalog paths in its text, quoted for PowerShell, and is the same every time', () => {
    const script = windowsActivityScript(catalog, true);
    expect(script).toContain(
      "$dirs = @('AppData\\Roaming\\Luxchat4Gov', 'AppData\\Roaming\\Element', 'AppData\\Local\\Packages\\5319275A.WhatsAppDesktop_cv1g1gvanyjgm', 'AppData\\Roaming\\O''Dd')",
    );
    expect(script).toContain("$configs = @('AppData\\Roaming\\Luxchat4Gov\\config.json', 'AppData\\Roaming\\Element\\config.json')");
    expect(windowsActivityScript(catalog, true)).toBe(script);
    expect(windowsActivityScript(catalog, false)).not.toContain('Win32_Process');
  });

  it('groups Electron helper processes per app, user and executable', () => {
    const { processes, total } = windowsProcesses(catalog, [
      { pid: 12, name: 'WhatsApp.exe', exe: 'C:\\Program Files\\WindowsApps\\x\\WhatsApp.exe', user: 'PC\\bob' },
      { pid: 10, name: 'WhatsApp.exe', exe: 'C:\\Program Files\\WindowsApps\\x\\WhatsApp.exe', user: 'PC\\bob' },
      { pid: 4, name: 'System', exe: null, user: null },
      { pid: 30, name: 'element.EXE', exe: null, user: null },
    ]);
    expect(total).toBe(4);
    expect(processes).toEqual([
      { appId: 'element', pid: 30, name: 'element.EXE', exe: null, user: null, count: 1, matchedBy: 'name' },
      { appId: 'whatsapp', pid: 10, name: 'WhatsApp.exe', exe: 'C:\\Program Files\\WindowsApps\\x\\WhatsApp.exe', user: 'bob', count: 2, matchedBy: 'exe' },
    ]);
  });
});

describe('collectWindows (app-activity)', () => {
  const key = [powershellProgram, ...psArgs(windowsActivityScript(catalog, true))].join(' ');
  const elementConfig = JSON.stringify({ default_server_config: { 'm.homeserver': { base_url: 'https://matrix.luxchat4gov.lu' } }, brand: 'Element' });

  it('reports processes, data directories and Element-style configs (an Element client pointing at LuxChat4Gov)', async () => {
    const answer = {
      processes: { pid: 7, name: 'Element.exe', exe: 'C:\\Users\\ann\\AppData\\Local\\element-desktop\\app-1.11.0\\Element.exe', user: 'PC\\ann' },
      ownerNote: null,
      dirs: [
        {
          user: 'ann',
          rel: 'AppData\\Roaming\\Element',
          path: 'C:\\Users\\ann\\AppData\\Roaming\\Element',
          lastChange: '2026-11-19T08:00:00.000Z',
          lastChangePath: 'C:\\Users\\ann\\AppData\\Roaming\\Element\\Local Storage',
        },
      ],
      configs: [
        {
          user: 'ann',
          rel: 'AppData\\Roaming\\Element\\config.json',
          path: 'C:\\Users\\ann\\AppData\\Roaming\\Element\\config.json',
          content: `\uFEFF${elementConfig}`,
          error: null,
        },
        {
          user: 'bob',
          rel: 'AppData\\Roaming\\Element\\config.json',
          path: 'C:\\Users\\bob\\AppData\\Roaming\\Element\\config.json',
          content: null,
          error: 'Access is denied.',
        },
      ],
    };
    const host = fakeHost({ platform: 'windows', commands: { [key]: { stdout: JSON.stringify(answer) } } });
    const outcome = await collectWindows(host, context);
    expect(outcome).toMatchObject({
      status: 'ok',
      facts: {
        processes: [{ appId: 'element', pid: 7, user: 'ann', matchedBy: 'exe' }],
        processCount: 1,
        dataDirs: [{ appId: 'element', user: 'ann', lastChange: '2026-11-19T08:00:00.000Z' }],
        matrixConfigs: [
          { appId: 'element', user: 'ann', homeserver: 'matrix.luxchat4gov.lu', brand: 'Element' },
          { appId: 'element', user: 'bob', homeserver: null, error: 'Access is denied.' },
        ],
        notes: [],
      },
    });
  });

  it('says when owners are unknown, and fails when PowerShell does not answer', async () => {
    const host = fakeHost({
      platform: 'windows',
      commands: { [key]: { stdout: JSON.stringify({ processes: [], ownerNote: 'requires elevated user rights', dirs: [], configs: [] }) } },
    });
    const outcome = await collectWindows(host, context);
    expect(outcome).toMatchObject({ status: 'ok', facts: { notes: [expect.stringContaining('needs an administrator')] } });
    expect((await collectWindows(fakeHost(), context)).status).toBe('error');
    expect(windowsCatalogPaths(catalog).dirs).toHaveLength(4);
  });
});

import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsLoginScript } from './windows.js';
import { windowsLoginFacts } from './windows-parse.js';

const context: ProbeContext = {
  platform: 'windows',
  now: new Date('2026-11-20T10:00:00Z'),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true },
};

describe('windows login facts', () => {
  it('finds automatic logon and an enabled guest account (localised name)', () => {
    const facts = windowsLoginFacts({
      winlogonRead: true,
      AutoAdminLogon: '1',
      DefaultUserName: 'bob',
      DefaultDomainName: 'PC',
      HasDefaultPassword: true,
      guest: { name: 'Invité', enabled: true, via: 'Get-LocalUser' },
    });
    expect(facts).toMatchObject({ autologin: true, autologinUsers: ['PC\\bob'], guestLogin: true });
    expect(JSON.stringify(facts.evidence)).toContain('DefaultPassword set (value not read)');
  });

  it('is off with AutoAdminLogon 0 or AutoLogonCount used up, and a disabled guest', () => {
    expect(windowsLoginFacts({ winlogonRead: true, AutoAdminLogon: '0', guest: { name: 'Guest', enabled: false } })).toMatchObject({
      autologin: false,
      guestLogin: false,
    });
    expect(windowsLoginFacts({ winlogonRead: true, AutoAdminLogon: '1', AutoLogonCount: 0, guest: null })).toMatchObject({
      autologin: false,
      guestLogin: false,
    });
  });

  it('is unknown when Winlogon or the accounts cannot be read', () => {
    expect(windowsLoginFacts({ winlogonRead: false, guest: null, guestError: 'Access denied' })).toMatchObject({ autologin: null, guestLogin: null });
  });

  it('collects through PowerShell', async () => {
    const key = [powershellProgram, ...psArgs(windowsLoginScript)].join(' ');
    const host = fakeHost({
      platform: 'windows',
      commands: { [key]: { stdout: '{"winlogonRead":true,"AutoAdminLogon":"0","guest":{"name":"Guest","enabled":false}}' } },
    });
    expect(await collectWindows(host, context)).toMatchObject({ status: 'ok', facts: { autologin: false, guestLogin: false } });
  });
});

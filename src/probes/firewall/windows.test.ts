import { describe, expect, it } from 'vitest';
import type { Json, JsonObject } from '../../model.js';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsFirewallScript } from './windows.js';
import { windowsFirewallFacts } from './windows-parse.js';

const context: ProbeContext = {
  platform: 'windows',
  now: new Date('2026-11-20T10:00:00Z'),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true },
};
type Three = [Json, Json, Json];
const profiles = (enabled: Three, inbound: Three): JsonObject[] =>
  ['Domain', 'Private', 'Public'].map((Name, i) => ({ Name, Enabled: enabled[i] ?? null, DefaultInboundAction: inbound[i] ?? null, DefaultOutboundAction: 2 }));

describe('windows firewall facts', () => {
  it('is enabled and denies inbound when all three profiles are on and block (NotConfigured = Block)', () => {
    expect(windowsFirewallFacts({ active: profiles([1, 1, 1], [4, 0, 4]), service: 'Running' })).toMatchObject({
      enabled: true,
      defaultInbound: 'deny',
      backend: 'windows-firewall',
    });
    expect(windowsFirewallFacts({ active: profiles(['True', 'True', 'True'], ['Block', 'NotConfigured', 'Block']) })).toMatchObject({
      enabled: true,
      defaultInbound: 'deny',
    });
  });

  it('is off when one profile is off, or the service is stopped; allows when one profile allows', () => {
    expect(windowsFirewallFacts({ active: profiles([1, 0, 1], [4, 2, 4]), service: 'Running' })).toMatchObject({ enabled: false, defaultInbound: 'allow' });
    const stopped = windowsFirewallFacts({ active: profiles([1, 1, 1], [4, 4, 4]), service: 'Stopped' });
    expect(stopped).toMatchObject({ enabled: false, reasons: ['the MpsSvc service is not running: no profile is enforced'] });
  });

  it('is unknown when a profile is missing or the cmdlet failed', () => {
    expect(windowsFirewallFacts({ active: profiles([1, 1, 1], [4, 4, 4]).slice(0, 2) })).toMatchObject({
      enabled: null,
      defaultInbound: null,
      reasons: ['no Public profile in the answer'],
    });
    expect(windowsFirewallFacts({ active: null, activeError: 'Access denied' })).toMatchObject({ enabled: null, defaultInbound: null });
  });

  it('collects through PowerShell', async () => {
    const key = [powershellProgram, ...psArgs(windowsFirewallScript)].join(' ');
    const host = fakeHost({
      platform: 'windows',
      commands: { [key]: { stdout: JSON.stringify({ active: profiles([1, 1, 1], [4, 4, 4]), local: null, service: 'Running' }) } },
    });
    expect(await collectWindows(host, context)).toMatchObject({ status: 'ok', facts: { enabled: true, defaultInbound: 'deny' } });
  });
});

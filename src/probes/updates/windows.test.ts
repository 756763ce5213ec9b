import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsPendingUpdatesScript, windowsUpdatesScript } from './windows.js';
import { windowsUpdateFacts } from './windows-parse.js';

const now = new Date('2026-11-20T10:00:00Z');
const context: ProbeContext = { platform: 'windows', now, catalog: { apps: [] }, capabilities: { read: true, exec: true, live: true } };

describe('windows update facts', () => {
  it('is automatic with AUOptions 4, or with no policy and NotificationLevel 0 or 4', () => {
    expect(windowsUpdateFacts({ au: { AUOptions: 4 } }, now)).toMatchObject({ automatic: true, mechanism: 'windows-update' });
    expect(windowsUpdateFacts({ au: {}, notificationLevel: 0 }, now).automatic).toBe(true);
    expect(windowsUpdateFacts({ au: { UseWUServer: 1 }, wu: { WUServer: 'https://wsus.example.lu:8531' }, notificationLevel: 4 }, now)).toMatchObject({
      automatic: true,
      mechanism: 'wsus',
    });
  });

  it('is not automatic when turned off, notify-only, paused or with the service disabled', () => {
    expect(windowsUpdateFacts({ au: { NoAutoUpdate: 1 }, notificationLevel: 4 }, now).automatic).toBe(false);
    expect(windowsUpdateFacts({ au: { AUOptions: 3 } }, now).automatic).toBe(false);
    expect(windowsUpdateFacts({ au: {}, ux: { PauseUpdatesExpiryTime: '2026-12-01T09:59:52Z' }, notificationLevel: 0 }, now).automatic).toBe(false);
    expect(windowsUpdateFacts({ au: {}, ux: { PauseUpdatesExpiryTime: '2026-11-01T09:59:52Z' }, notificationLevel: 0 }, now).automatic).toBe(true);
    expect(windowsUpdateFacts({ au: { AUOptions: 4 }, serviceStartType: 'Disabled' }, now).automatic).toBe(false);
    expect(windowsUpdateFacts({}, now).automatic).toBeNull();
  });

  it('takes the last installation from the results, the history (successful installs only) or the hotfixes', () => {
    const facts = windowsUpdateFacts(
      {
        results: { lastSearch: '2026-11-19T06:00:00.000Z', lastInstall: null },
        history: [
          { date: '2026-11-18T03:00:00.000Z', title: 'failed one', operation: 1, resultCode: 4 },
          { date: '2026-11-12T03:00:00.000Z', title: '2026-11 Cumulative Update', operation: 1, resultCode: 2 },
        ],
        hotfixes: { id: 'KB1', installedOn: '/Date(1762300800000)/' },
      },
      now,
    );
    expect(facts).toMatchObject({
      listsUpdatedAt: '2026-11-19T06:00:00.000Z',
      lastUpgradeAt: '2026-11-12T03:00:00.000Z',
      lastUpgradeCommand: '2026-11 Cumulative Update',
      upToDateSince: '2026-11-12T03:00:00.000Z',
      pendingSecurityUpdates: null,
    });
  });

  it('dates a required reboot from the first installation after the last boot', () => {
    const facts = windowsUpdateFacts(
      {
        lastBoot: '2026-11-01T08:00:00.000Z',
        history: [
          { date: '2026-10-20T03:00:00.000Z', operation: 1, resultCode: 2 },
          { date: '2026-11-05T03:00:00.000Z', operation: 1, resultCode: 2 },
          { date: '2026-11-12T03:00:00.000Z', operation: 1, resultCode: 2 },
        ],
        reboot: { windowsUpdate: false, componentServicing: true },
      },
      now,
    );
    expect(facts).toMatchObject({ rebootRequired: true, rebootRequiredSince: '2026-11-05T03:00:00.000Z' });
    expect(windowsUpdateFacts({ reboot: { windowsUpdate: true, componentServicing: false } }, now)).toMatchObject({
      rebootRequired: true,
      rebootRequiredSince: null,
    });
    expect(windowsUpdateFacts({ reboot: { windowsUpdate: false, componentServicing: false } }, now).rebootRequired).toBe(false);
  });

  it('collects through PowerShell, the offline search in its own script', async () => {
    const key = [powershellProgram, ...psArgs(windowsUpdatesScript)].join(' ');
    const pendingKey = [powershellProgram, ...psArgs(windowsPendingUpdatesScript)].join(' ');
    const settings = { stdout: JSON.stringify({ au: { AUOptions: 4 }, reboot: { windowsUpdate: false, componentServicing: false } }) };
    const host = fakeHost({ platform: 'windows', commands: { [key]: settings, [pendingKey]: { stdout: JSON.stringify({ pending: [], error: null }) } } });
    expect(await collectWindows(host, context)).toMatchObject({
      status: 'ok',
      facts: { automatic: true, rebootRequired: false, packageManager: 'windows-update', pendingSecurityUpdates: 0 },
    });
    // The search failing (here: not answered) leaves the pending counts unknown, the rest read.
    const without = fakeHost({ platform: 'windows', commands: { [key]: settings } });
    expect(await collectWindows(without, context)).toMatchObject({ status: 'ok', facts: { automatic: true, pendingSecurityUpdates: null } });
  });
});

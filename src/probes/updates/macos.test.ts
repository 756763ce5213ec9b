import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import { parsePlist } from '../../platform/macos/plist.js';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';
import { judgeAutomatic, lastSystemUpdate, parseInstallHistory } from './macos-parse.js';

const root = new URL('../../..', import.meta.url).pathname;
/** Binary plists of fixtures/hosts/macos14-* (written by src/testing/macos-fixtures.ts). */
const fixture = (host: string, path: string): Buffer => readFileSync(join(root, 'fixtures/hosts', host, 'files', path));

describe('judgeAutomatic', () => {
  it('needs checks, macOS updates and security responses on; a profile wins; unset is unknown', () => {
    expect(judgeAutomatic({ AutomaticCheckEnabled: true, AutomaticallyInstallMacOSUpdates: true, CriticalUpdateInstall: 1 }, undefined).automatic).toBe(true);
    expect(judgeAutomatic({ AutomaticCheckEnabled: true, AutomaticallyInstallMacOSUpdates: false, CriticalUpdateInstall: true }, undefined).automatic).toBe(
      false,
    );
    expect(
      judgeAutomatic(
        { AutomaticCheckEnabled: true, AutomaticallyInstallMacOSUpdates: false, CriticalUpdateInstall: true },
        { AutomaticallyInstallMacOSUpdates: true },
      ).automatic,
    ).toBe(true);
    expect(judgeAutomatic({ AutomaticCheckEnabled: true }, undefined).automatic).toBeNull();
  });
  it('InstallHistory: the newest install by the software updater', async () => {
    const installs = parseInstallHistory(await parsePlist(fixture('macos14-compliant', 'Library/Receipts/InstallHistory.plist')));
    expect(installs).toHaveLength(5);
    expect(lastSystemUpdate(installs)).toMatchObject({
      date: '2026-11-12T03:10:00.000Z',
      displayName: 'XProtectPlistConfigData',
      processName: 'softwareupdated',
    });
  });
});

describe('collectMacos (updates)', () => {
  it('pending recommended update, automatic install of macOS updates off', async () => {
    const host = fakeHost({
      platform: 'macos',
      files: {
        '/Library/Preferences/com.apple.SoftwareUpdate.plist': fixture('macos14-noncompliant', 'Library/Preferences/com.apple.SoftwareUpdate.plist'),
        '/Library/Receipts/InstallHistory.plist': fixture('macos14-noncompliant', 'Library/Receipts/InstallHistory.plist'),
      },
    });
    const outcome = await collectMacos(host);
    expect(outcome).toMatchObject({
      status: 'ok',
      facts: {
        automatic: false,
        pendingUpdates: 1,
        pendingSecurityUpdates: 1,
        pending: [{ package: 'macOS Sonoma 14.7.1', candidate: '14.7.1', security: true }],
        listsUpdatedAt: '2026-11-18T21:03:44.000Z',
        lastUpgradeAt: '2026-06-02T07:30:00.000Z',
        upToDateSince: '2026-06-02T07:30:00.000Z',
        rebootRequired: null,
      },
    });
  });

  it('nothing pending: no restart waits; a managed profile counts', async () => {
    const host = fakeHost({
      platform: 'macos',
      files: {
        '/Library/Preferences/com.apple.SoftwareUpdate.plist': build({
          AutomaticCheckEnabled: true,
          RecommendedUpdates: [],
          LastSuccessfulDate: new Date('2026-11-19T22:14:05Z'),
        }),
        '/Library/Managed Preferences/com.apple.SoftwareUpdate.plist': build({ AutomaticallyInstallMacOSUpdates: true, CriticalUpdateInstall: true }),
      },
    });
    expect(await collectMacos(host)).toMatchObject({
      status: 'ok',
      facts: {
        automatic: true,
        mechanism: 'softwareupdate',
        pendingUpdates: 0,
        rebootRequired: false,
        listsUpdatedAt: '2026-11-19T22:14:05.000Z',
        lastUpgradeAt: null,
      },
    });
  });

  it('softwareupdate --list --no-scan decides over a stale RecommendedUpdates; a failed run falls back to the plist', async () => {
    const files = { '/Library/Preferences/com.apple.SoftwareUpdate.plist': fixture('macos14-compliant', 'Library/Preferences/com.apple.SoftwareUpdate.plist') };
    const listed = readFileSync(join(root, 'src/probes/updates/testdata/softwareupdate/salt-catalina.txt'), 'utf8');
    const withList = await collectMacos(fakeHost({ platform: 'macos', files, commands: { 'softwareupdate --list --no-scan': { stdout: listed } } }));
    expect(withList).toMatchObject({ facts: { pendingUpdates: 4, pendingSecurityUpdates: 3 } });
    expect(JSON.stringify(withList)).toContain('softwareupdate --list --no-scan: 4 update(s)');
    const denied = await collectMacos(
      fakeHost({
        platform: 'macos',
        files,
        commands: { 'softwareupdate --list --no-scan': { exitCode: 1, stderr: 'softwareupdate: operation not permitted' } },
      }),
    );
    expect(denied).toMatchObject({ facts: { pendingUpdates: 0 } });
    expect(JSON.stringify(denied)).toContain('softwareupdate --list --no-scan: exit code 1 (softwareupdate: operation not permitted)');
    // Unrecognised output is no answer: with no plist either, pending stays unknown.
    const garbled = await collectMacos(fakeHost({ platform: 'macos', commands: { 'softwareupdate --list --no-scan': { stdout: 'Logiciel introuvable.' } } }));
    expect(garbled).toMatchObject({ facts: { pendingUpdates: null, pendingSecurityUpdates: null } });
    // Not a running Mac: the command is not run at all.
    const atRest = fakeHost({ platform: 'macos', files, capabilities: { live: false, exec: false } });
    await collectMacos(atRest);
    expect(atRest.ran).toEqual([]);
  });

  it('no preferences at all: unknown', async () => {
    expect(await collectMacos(fakeHost({ platform: 'macos' }))).toMatchObject({
      status: 'ok',
      facts: { automatic: null, pendingUpdates: null, listsUpdatedAt: null },
    });
  });
});

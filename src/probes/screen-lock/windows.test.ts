import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../model.js';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsScreenLockScript } from './windows.js';
import { windowsLockFacts } from './windows-parse.js';

const context: ProbeContext = {
  platform: 'windows',
  now: new Date('2026-11-20T10:00:00Z'),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true },
};
const sample = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
/** Real captures: CONSOLELOCK 1/1 (Hyper-V) and STANDBYIDLE 1800/900 s (DTrace sample). */
const sleepLocks = { text: `${sample('powercfg-query-hyperv.txt')}\n${sample('powercfg-qh-standbyidle.txt')}`, error: null };
/** The same machine with no password on wake-up. */
const sleepOpen = {
  text: sleepLocks.text.replace(/(CONSOLELOCK[\s\S]*?Index: )0x00000001(\s+\S.*Index: )0x00000001/, '$10x00000000$20x00000000'),
  error: null,
};
const user = (desktop: JsonObject, policy: JsonObject = {}, system: JsonObject = {}): JsonObject => ({
  sid: 'S-1-5-21-1-2-3-1001',
  user: 'ann',
  desktop,
  policy,
  system,
});

describe('windows screen-lock facts', () => {
  it('locks with a secure screen saver after its timeout plus the grace period', () => {
    const facts = windowsLockFacts({
      machine: {},
      winlogon: { ScreenSaverGracePeriod: '0' },
      users: [user({ ScreenSaveActive: '1', ScreenSaverIsSecure: '1', ScreenSaveTimeOut: '600' })],
    });
    expect(facts).toMatchObject({ graphical: true, lockEnabled: true, idleSeconds: 600, lockDelaySeconds: 0, secondsToLock: 600, enforced: false });
  });

  it('lets Group Policy values win over the user\u2019s and counts them as enforced', () => {
    const facts = windowsLockFacts({
      machine: {},
      users: [user({ ScreenSaveActive: '0', ScreenSaveTimeOut: '3600' }, { ScreenSaveActive: '1', ScreenSaverIsSecure: '1', ScreenSaveTimeOut: '300' })],
    });
    expect(facts).toMatchObject({ lockEnabled: true, secondsToLock: 305, lockDelaySeconds: 5, enforced: true });
  });

  it('uses the machine inactivity limit, for users without a secure screen saver too', () => {
    const facts = windowsLockFacts({
      machine: { InactivityTimeoutSecs: 900 },
      users: [user({ ScreenSaveActive: '1', ScreenSaverIsSecure: '0', ScreenSaveTimeOut: '60' })],
    });
    expect(facts).toMatchObject({ lockEnabled: true, secondsToLock: 900, lockDelaySeconds: 0, enforced: true });
    expect(windowsLockFacts({ machine: { InactivityTimeoutSecs: 900 }, users: [] })).toMatchObject({ lockEnabled: true, secondsToLock: 900 });
  });

  it('is off when a user has no secure screen saver and sleep does not lock, or locking is disabled; unknown with nobody logged in and no limit', () => {
    const insecure = user({ ScreenSaveActive: '1', ScreenSaverIsSecure: '0', ScreenSaveTimeOut: '1800' });
    expect(windowsLockFacts({ power: sleepOpen, users: [insecure] })).toMatchObject({ lockEnabled: false, secondsToLock: null });
    expect(
      windowsLockFacts({ power: sleepLocks, machine: { InactivityTimeoutSecs: 600 }, users: [user({}, {}, { DisableLockWorkstation: 1 })] }),
    ).toMatchObject({ lockEnabled: false });
    expect(windowsLockFacts({ power: sleepOpen, users: [] })).toMatchObject({ lockEnabled: null, secondsToLock: null });
    // The power settings unknown: a user with no other way of locking is unknown, not off and not on.
    expect(windowsLockFacts({ users: [insecure] })).toMatchObject({ lockEnabled: null, secondsToLock: null });
    expect(windowsLockFacts({ power: { text: null, error: 'powercfg.exe: not found' }, users: [insecure] })).toMatchObject({ lockEnabled: null });
  });

  it('locks by sleeping with a password on wake-up (powercfg), for every user and with nobody logged in', () => {
    const insecure = user({ ScreenSaveActive: '1', ScreenSaverIsSecure: '0', ScreenSaveTimeOut: '60' });
    const facts = windowsLockFacts({ power: sleepLocks, users: [insecure] });
    expect(facts).toMatchObject({ lockEnabled: true, idleSeconds: 1800, lockDelaySeconds: 0, secondsToLock: 1800, enforced: false });
    expect(JSON.stringify(facts.evidence)).toContain('STANDBYIDLE): AC 1800 s, DC 900 s');
    expect(windowsLockFacts({ power: sleepLocks, users: [] })).toMatchObject({ lockEnabled: true, secondsToLock: 1800 });
    // The fastest way wins: a secure screen saver at 300 s + 5 s grace beats sleeping at 1800 s.
    expect(windowsLockFacts({ power: sleepLocks, users: [user({ ScreenSaveActive: '1', ScreenSaverIsSecure: '1', ScreenSaveTimeOut: '300' })] })).toMatchObject(
      { secondsToLock: 305 },
    );
    // Group Policy power values make it enforced.
    const policy = { consoleLock: { ACSettingIndex: 1, DCSettingIndex: 1 }, standbyIdle: { ACSettingIndex: 600, DCSettingIndex: 600 } };
    expect(windowsLockFacts({ power: sleepLocks, powerPolicy: policy, users: [insecure] })).toMatchObject({
      lockEnabled: true,
      secondsToLock: 600,
      enforced: true,
    });
  });

  it('takes the worst user', () => {
    const facts = windowsLockFacts({
      machine: {},
      winlogon: { ScreenSaverGracePeriod: '0' },
      users: [
        user({ ScreenSaveActive: '1', ScreenSaverIsSecure: '1', ScreenSaveTimeOut: '300' }),
        { ...user({ ScreenSaveActive: '1', ScreenSaverIsSecure: '1', ScreenSaveTimeOut: '1200' }), user: 'bob' },
      ],
    });
    expect(facts).toMatchObject({ lockEnabled: true, secondsToLock: 1200 });
  });

  it('collects through PowerShell', async () => {
    const key = [powershellProgram, ...psArgs(windowsScreenLockScript)].join(' ');
    const host = fakeHost({
      platform: 'windows',
      commands: { [key]: { stdout: JSON.stringify({ machine: { InactivityTimeoutSecs: 600 }, winlogon: {}, users: [] }) } },
    });
    expect(await collectWindows(host, context)).toMatchObject({ status: 'ok', facts: { lockEnabled: true, secondsToLock: 600 } });
  });
});

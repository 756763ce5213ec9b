import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';

const context = (host: Host) => ({ platform: 'macos' as const, now: new Date(), catalog: { apps: [] }, capabilities: host.capabilities });
const byHost = '/Users/alice/Library/Preferences/ByHost/com.apple.screensaver.8C2F5A1E-1D5B-5E3C-9A77-0F3B2C4D5E6F.plist';

describe('collectMacos (screen-lock)', () => {
  it('a configuration profile sets everything: enforced', async () => {
    const host = fakeHost({
      platform: 'macos',
      capabilities: { live: false, exec: false },
      files: {
        '/Library/Managed Preferences/com.apple.screensaver.plist': build({ idleTime: 600, askForPassword: 1, askForPasswordDelay: 0 }),
        [byHost]: build({ idleTime: 3600 }),
      },
      stats: { '/Users/alice': { type: 'directory', uid: 501 } },
    });
    expect(await collectMacos(host, context(host))).toMatchObject({
      status: 'ok',
      facts: { graphical: true, lockEnabled: true, idleSeconds: 600, lockDelaySeconds: 0, secondsToLock: 600, enforced: true },
    });
  });

  it('live: sysadminctl answers for the console user; the worst user wins; idle 0 means never', async () => {
    const host = fakeHost({
      platform: 'macos',
      files: {
        [byHost]: build({ idleTime: 300 }),
        '/Users/bob/Library/Preferences/ByHost/com.apple.screensaver.X.plist': build({ idleTime: 0 }),
      },
      stats: { '/Users/alice': { type: 'directory', uid: 501 }, '/Users/bob': { type: 'directory', uid: 502 }, '/dev/console': { type: 'other', uid: 501 } },
      commands: { 'sysadminctl -screenLock status': { stderr: '2024-05-14 10:00:00.123 sysadminctl[812:5123] screenLock delay is 5 seconds\n' } },
    });
    const outcome = await collectMacos(host, context(host));
    if (outcome.status !== 'ok') throw new Error('not ok');
    expect(outcome.facts).toMatchObject({ lockEnabled: false, enforced: false });
    expect(outcome.facts.users).toEqual([
      expect.objectContaining({ user: 'alice', source: 'sysadminctl', lockEnabled: true, idleSeconds: 300, lockDelaySeconds: 5, secondsToLock: 305 }),
      expect.objectContaining({ user: 'bob', lockEnabled: false, idleSeconds: null }),
    ]);
  });

  it('nothing known: lockEnabled null', async () => {
    const host = fakeHost({ platform: 'macos', stats: { '/Users/alice': { type: 'directory', uid: 501 } } });
    expect(await collectMacos(host, context(host))).toMatchObject({ status: 'ok', facts: { lockEnabled: null, secondsToLock: null } });
  });
});

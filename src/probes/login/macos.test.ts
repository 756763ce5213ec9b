import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';

const loginwindow = '/Library/Preferences/com.apple.loginwindow.plist';

describe('collectMacos (login)', () => {
  it('autoLoginUser and GuestEnabled', async () => {
    const host = fakeHost({ platform: 'macos', files: { [loginwindow]: build({ autoLoginUser: 'alice', GuestEnabled: true }), '/etc/kcpassword': 'x' } });
    expect(await collectMacos(host)).toMatchObject({ status: 'ok', facts: { autologin: true, autologinUsers: ['alice'], guestLogin: true } });
  });
  it('neither set: off (GuestEnabled defaults to off)', async () => {
    const host = fakeHost({ platform: 'macos', files: { [loginwindow]: build({ lastUserName: 'alice' }) } });
    expect(await collectMacos(host)).toMatchObject({ status: 'ok', facts: { autologin: false, autologinUsers: [], guestLogin: false } });
  });
  it('a profile disables the guest account; no loginwindow file means unknown', async () => {
    const managed = fakeHost({
      platform: 'macos',
      files: { [loginwindow]: build({ GuestEnabled: 1 }), '/Library/Managed Preferences/com.apple.loginwindow.plist': build({ DisableGuestAccount: true }) },
    });
    expect(await collectMacos(managed)).toMatchObject({ status: 'ok', facts: { guestLogin: false } });
    expect(await collectMacos(fakeHost({ platform: 'macos' }))).toMatchObject({ status: 'ok', facts: { autologin: null, guestLogin: null } });
  });
});

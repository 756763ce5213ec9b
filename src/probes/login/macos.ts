/**
 * login on macOS: /Library/Preferences/com.apple.loginwindow.plist
 * - autoLoginUser: the account logged in without a password at startup (System Settings > Users &
 *   Groups > Automatically log in as). The stored password is /etc/kcpassword; its presence is
 *   reported as evidence.
 * - GuestEnabled: the Guest User can log in. macOS ships with it off, so a missing key is false.
 * A configuration profile (payload com.apple.loginwindow, written to /Library/Managed Preferences/
 * com.apple.loginwindow.plist) wins: DisableGuestAccount, and DisableAutoLoginClient (autologin off).
 */
import type { Host } from '../../hosts/host.js';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { readManaged } from '../../platform/macos/managed.js';
import { boolValue, readPlist, stringValue } from '../../platform/macos/plist.js';
import { ok } from '../probe.js';

export const loginwindowPath = '/Library/Preferences/com.apple.loginwindow.plist';

export const collectMacos = async (host: Host): Promise<ProbeOutcome> => {
  const evidence: string[] = [];
  const [read, managed, kcpassword] = await Promise.all([
    readPlist(host, loginwindowPath),
    readManaged(host, 'com.apple.loginwindow'),
    host.stat('/etc/kcpassword'),
  ]);
  let autologin: boolean | null = null;
  let guestLogin: boolean | null = null;
  const autologinUsers: string[] = [];
  if (read.status === 'ok') {
    const user = stringValue(read.dict, 'autoLoginUser');
    autologin = user !== null;
    if (user !== null) {
      autologinUsers.push(user);
      evidence.push(`${loginwindowPath}: autoLoginUser = ${user}${kcpassword ? ' (/etc/kcpassword present)' : ' (/etc/kcpassword absent)'}`);
    } else evidence.push(`${loginwindowPath}: no autoLoginUser`);
    const guest = boolValue(read.dict, 'GuestEnabled');
    guestLogin = guest ?? false;
    evidence.push(`${loginwindowPath}: GuestEnabled = ${guest ?? 'not set (macOS default: off)'}`);
  } else {
    evidence.push(read.status === 'absent' ? `${loginwindowPath}: absent` : read.message);
  }
  if (managed) {
    const disableGuest = boolValue(managed.dict, 'DisableGuestAccount');
    const disableAutologin = boolValue(managed.dict, 'DisableAutoLoginClient');
    if (disableGuest === true) {
      guestLogin = false;
      evidence.push(`${managed.paths.join(', ')}: DisableGuestAccount = true`);
    }
    if (disableAutologin === true) {
      autologin = false;
      autologinUsers.length = 0;
      evidence.push(`${managed.paths.join(', ')}: DisableAutoLoginClient = true`);
    }
  }
  const facts: JsonObject = {
    displayManagers: ['loginwindow'],
    displayManager: 'loginwindow',
    autologin,
    autologinUsers,
    guestLogin,
    evidence,
  };
  return ok(facts);
};

/**
 * Pure interpretation of the Windows login script's answer. Automatic logon: Winlogon
 * AutoAdminLogon = "1" with DefaultUserName (Microsoft Learn, "Turn on automatic logon in Windows";
 * the password may be in the registry as DefaultPassword or an LSA secret, so its absence proves
 * nothing and is never read). Guest: the built-in account with the well-known RID 501 (its name is
 * localised: Guest, Invité, Gast), enabled or not (Get-LocalUser, or Win32_UserAccount).
 */
import type { Json, JsonObject } from '../../model.js';
import { booleanOf, isObject, stringOf } from '../../platform/windows/json.js';
import { regFlag, regNumber } from '../../platform/windows/registry.js';

export const windowsLoginFacts = (value: Json): JsonObject => {
  const o = isObject(value) ? value : {};
  const evidence: string[] = [];
  const autoAdmin = stringOf(o.AutoAdminLogon);
  const userName = stringOf(o.DefaultUserName);
  const domain = stringOf(o.DefaultDomainName);
  const count = regNumber(o.AutoLogonCount);
  let autologin: boolean | null = null;
  if (o.winlogonRead === false) evidence.push('HKLM\\SOFTWARE\\Microsoft\\Windows NT\\CurrentVersion\\Winlogon could not be read');
  else {
    autologin = regFlag(o.AutoAdminLogon) === true && count !== 0;
    evidence.push(
      `Winlogon AutoAdminLogon = ${autoAdmin ?? 'unset'}${userName === null ? '' : `, DefaultUserName = ${userName}`}` +
        `${count === null ? '' : `, AutoLogonCount = ${count}`}${booleanOf(o.HasDefaultPassword ?? null) === true ? ', DefaultPassword set (value not read)' : ''}`,
    );
  }
  const autologinUsers = autologin === true && userName !== null ? [domain === null ? userName : `${domain}\\${userName}`] : [];

  let guestLogin: boolean | null = null;
  const guest = isObject(o.guest) ? o.guest : null;
  if (guest !== null) {
    const enabled = booleanOf(guest.enabled ?? null);
    guestLogin = enabled;
    evidence.push(
      `built-in guest account ${stringOf(guest.name) ?? '(RID 501)'}: ${enabled === null ? 'state unknown' : enabled ? 'enabled' : 'disabled'} (${stringOf(guest.via) ?? 'Get-LocalUser'})`,
    );
  } else if (o.guest === null && stringOf(o.guestError) === null) {
    guestLogin = false;
    evidence.push('no built-in guest account (RID 501)');
  } else {
    evidence.push(`guest account unknown: ${stringOf(o.guestError) ?? 'no answer'}`);
  }
  return {
    displayManagers: [],
    enabledDisplayManager: 'winlogon',
    autologin,
    autologinUsers,
    guestLogin,
    evidence,
  };
};

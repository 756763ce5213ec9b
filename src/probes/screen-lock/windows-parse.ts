/**
 * Pure interpretation of the Windows screen-lock script's answer. Sources (Microsoft Learn):
 * - "Interactive logon: Machine inactivity limit": HKLM\SOFTWARE\Microsoft\Windows\CurrentVersion\
 *   Policies\System\InactivityTimeoutSecs (DWORD seconds) locks every session after that idle time;
 * - per user, HKEY_USERS\<SID>\Control Panel\Desktop ScreenSaveActive ("1"), ScreenSaverIsSecure
 *   ("1" = password on resume), ScreenSaveTimeOut (seconds, REG_SZ), overridden by the Group Policy
 *   values of the same names under HKEY_USERS\<SID>\Software\Policies\Microsoft\Windows\Control Panel\Desktop;
 * - HKEY_USERS\<SID>\Software\Microsoft\Windows\CurrentVersion\Policies\System\DisableLockWorkstation = 1
 *   removes locking altogether;
 * - HKLM\SOFTWARE\Microsoft\Windows NT\CurrentVersion\Winlogon ScreenSaverGracePeriod: seconds after the
 *   screen saver starts during which no password is asked. When unset, 5 s is assumed (the historic
 *   default), the worst case;
 * - the power settings, machine-wide: sleep after idle with a password on wake-up (power-lock.ts).
 * A user whose every known way of locking is off, while the power settings are unknown, is unknown.
 */
import type { Json, JsonObject } from '../../model.js';
import { isObject, objectsOf, stringOf } from '../../platform/windows/json.js';
import { regFlag, regNumber } from '../../platform/windows/registry.js';
import { powerLock } from './power-lock.js';

const defaultGraceSeconds = 5;

export type WindowsLockUser = {
  user: string;
  sid: string | null;
  lockEnabled: boolean | null;
  idleSeconds: number | null;
  lockDelaySeconds: number | null;
  secondsToLock: number | null;
  enforced: boolean;
  via: string;
};

const valuesOf = (value: Json | undefined): JsonObject => (isObject(value) ? value : {});

/** The policy value when set, else the user's; `fromPolicy` says which. */
const effective = (policy: JsonObject, user: JsonObject, name: string): { value: Json | undefined; fromPolicy: boolean } =>
  policy[name] !== undefined && policy[name] !== null ? { value: policy[name], fromPolicy: true } : { value: user[name], fromPolicy: false };

export const windowsLockFacts = (value: Json): JsonObject => {
  const o = valuesOf(value);
  const machine = valuesOf(o.machine);
  const inactivity = regNumber(machine.InactivityTimeoutSecs);
  const machineLock = inactivity !== null && inactivity > 0 ? inactivity : null;
  const graceSetting = regNumber(valuesOf(o.winlogon).ScreenSaverGracePeriod);
  const grace = graceSetting ?? defaultGraceSeconds;
  const evidence: string[] = [
    machineLock === null
      ? 'InactivityTimeoutSecs (machine inactivity limit) not set'
      : `InactivityTimeoutSecs = ${machineLock} (machine inactivity limit, Group Policy): every session locks after ${machineLock} s idle`,
    graceSetting === null ? `ScreenSaverGracePeriod not set: ${defaultGraceSeconds} s assumed` : `ScreenSaverGracePeriod = ${graceSetting}`,
  ];
  const power = powerLock(o.power, o.powerPolicy);
  evidence.push(...power.evidence);
  const powerOption = power.locks === true && power.idleSeconds !== null ? { idle: power.idleSeconds, delay: 0 } : null;
  const machineOptions = [...(machineLock !== null ? [{ idle: machineLock, delay: 0 }] : []), ...(powerOption ? [powerOption] : [])];
  const fastest = (options: { idle: number; delay: number }[]): { idle: number; delay: number } | undefined =>
    [...options].sort((a, b) => a.idle + a.delay - (b.idle + b.delay))[0];
  const users: WindowsLockUser[] = [];
  for (const u of objectsOf(o.users)) {
    const name = stringOf(u.user) ?? stringOf(u.sid) ?? '?';
    const desktop = valuesOf(u.desktop);
    const policy = valuesOf(u.policy);
    const disabled = regFlag(valuesOf(u.system).DisableLockWorkstation) === true;
    const active = effective(policy, desktop, 'ScreenSaveActive');
    const secure = effective(policy, desktop, 'ScreenSaverIsSecure');
    const timeout = effective(policy, desktop, 'ScreenSaveTimeOut');
    const seconds = regNumber(timeout.value);
    const saverLocks = regFlag(active.value) === true && regFlag(secure.value) === true && seconds !== null && seconds > 0;
    const saver = saverLocks ? { idle: seconds, delay: grace } : null;
    const best = fastest([...(saver ? [saver] : []), ...machineOptions]);
    const lockEnabled = disabled ? false : best !== undefined ? true : power.locks === null ? null : false;
    const saverEnforced = active.fromPolicy && secure.fromPolicy && timeout.fromPolicy;
    const via = [
      `ScreenSaveActive ${stringOf(active.value) ?? 'unset'}${active.fromPolicy ? ' (policy)' : ''}`,
      `ScreenSaverIsSecure ${stringOf(secure.value) ?? 'unset'}${secure.fromPolicy ? ' (policy)' : ''}`,
      `ScreenSaveTimeOut ${stringOf(timeout.value) ?? 'unset'}${timeout.fromPolicy ? ' (policy)' : ''}`,
      ...(disabled ? ['DisableLockWorkstation = 1'] : []),
    ].join(', ');
    users.push({
      user: name,
      sid: stringOf(u.sid),
      lockEnabled,
      idleSeconds: lockEnabled === true && best ? best.idle : null,
      lockDelaySeconds: lockEnabled === true && best ? best.delay : null,
      secondsToLock: lockEnabled === true && best ? best.idle + best.delay : null,
      enforced: !disabled && (machineLock !== null || saverEnforced || (powerOption !== null && power.enforced)),
      via,
    });
    evidence.push(`user ${name}: ${via}`);
  }
  users.sort((a, b) => (a.user < b.user ? -1 : a.user > b.user ? 1 : 0));
  const worst = (key: 'idleSeconds' | 'lockDelaySeconds' | 'secondsToLock'): number | null => {
    const values = users.map((u) => u[key]);
    if (values.some((v) => v === null)) return null;
    return values.length === 0 ? null : Math.max(...values.filter((v): v is number => v !== null));
  };
  let lockEnabled: boolean | null;
  let secondsToLock: number | null;
  let idleSeconds: number | null;
  let lockDelaySeconds: number | null;
  const machineBest = fastest(machineOptions);
  if (users.length === 0) {
    evidence.push('no user hive loaded (nobody logged in): only the machine-wide settings are known');
    lockEnabled = machineBest !== undefined ? true : null;
    secondsToLock = machineBest === undefined ? null : machineBest.idle + machineBest.delay;
    idleSeconds = machineBest?.idle ?? null;
    lockDelaySeconds = machineBest?.delay ?? null;
  } else {
    lockEnabled = users.some((u) => u.lockEnabled === false) ? false : users.every((u) => u.lockEnabled === true) ? true : null;
    secondsToLock = worst('secondsToLock');
    idleSeconds = worst('idleSeconds');
    lockDelaySeconds = worst('lockDelaySeconds');
  }
  return {
    graphical: true,
    desktops: ['windows'],
    users: users.map((u) => ({ ...u })),
    lockEnabled,
    secondsToLock,
    idleSeconds,
    lockDelaySeconds,
    enforced: users.length === 0 ? machineLock !== null || (powerOption !== null && power.enforced) : users.every((u) => u.enforced),
    evidence,
  };
};

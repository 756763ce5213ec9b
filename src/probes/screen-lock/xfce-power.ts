/**
 * XFCE without xfce4-screensaver: xfce4-power-manager blanks the screen (the X screen saver,
 * `blank-on-ac` / `blank-on-battery` minutes, 0 = never) and light-locker locks the session
 * `lock-after-screensaver` seconds after the screen saver starts (0 = it does not lock then: the
 * "Lock on screen timeout" switch of light-locker's settings is on only when the value is above 0).
 * DPMS sleep and off do not start the X screen saver, so they do not lock.
 */
import type { ConfigLayer, UserLock } from './user-lock.js';
import type { XfconfChannel } from './xfce.js';

export interface XfcePowerSetting<T> {
  value: T | null;
  file: string | null;
}

export interface XfcePower {
  blankOnAc: XfcePowerSetting<number>;
  blankOnBattery: XfcePowerSetting<number>;
  /** Presentation mode keeps the screen from blanking at all. */
  presentationMode: XfcePowerSetting<boolean>;
  /** Lock the screen before suspend or hibernate (evidence only: it is not an idle lock). */
  lockOnSuspend: XfcePowerSetting<boolean>;
}

const prefix = '/xfce4-power-manager';

/** The value of one property: the user's file over the system default, unless the default is locked for everyone. */
const pick = (layers: readonly ConfigLayer<XfconfChannel>[], key: string): { raw: string | null; file: string } | undefined => {
  let found: { raw: string | null; file: string } | undefined;
  for (const layer of layers) {
    const property = layer.config.properties.get(`${prefix}/${key}`);
    if (property === undefined) continue;
    found = { raw: property.value, file: layer.file };
    if (
      layer.system &&
      property.locked !== null &&
      property.locked
        .split(/[,;]/)
        .map((e) => e.trim())
        .includes('*')
    )
      break;
  }
  return found;
};

const minutes = (layers: readonly ConfigLayer<XfconfChannel>[], key: string): XfcePowerSetting<number> => {
  const found = pick(layers, key);
  if (found === undefined) return { value: null, file: null };
  return { value: found.raw !== null && /^\d+$/.test(found.raw) ? Number(found.raw) : null, file: found.file };
};

const flag = (layers: readonly ConfigLayer<XfconfChannel>[], key: string): XfcePowerSetting<boolean> => {
  const found = pick(layers, key);
  if (found === undefined) return { value: null, file: null };
  return { value: found.raw === 'true' ? true : found.raw === 'false' ? false : null, file: found.file };
};

/** xfce4-power-manager's channel layers (system defaults first, the user's file last). */
export const readXfcePower = (layers: readonly ConfigLayer<XfconfChannel>[]): XfcePower => ({
  blankOnAc: minutes(layers, 'blank-on-ac'),
  blankOnBattery: minutes(layers, 'blank-on-battery'),
  presentationMode: flag(layers, 'presentation-mode'),
  lockOnSuspend: flag(layers, 'lock-screen-suspend-hibernate'),
});

const describe = <T>(name: string, setting: XfcePowerSetting<T>): string =>
  `xfce4-power-manager ${name}=${setting.value === null ? (setting.file === null ? 'not set' : 'unreadable value') : String(setting.value)}${setting.file === null ? '' : ` from ${setting.file}`}`;

export const powerEvidence = (power: XfcePower): string[] => [
  describe('blank-on-ac', power.blankOnAc),
  describe('blank-on-battery', power.blankOnBattery),
  describe('presentation-mode', power.presentationMode),
  describe('lock-screen-suspend-hibernate', power.lockOnSuspend),
];

export interface LightLockerSetting {
  /** Seconds after the screen saver starts; null when unknown. */
  lockAfterSeconds: number | null;
  evidence: string[];
}

/**
 * The lock of an XFCE session whose locker is light-locker. Locks on idle only when the screen
 * blanks on both power sources (a setting of 0 there, or presentation mode, means it never blanks
 * and so never locks) and light-locker locks after the screen saver. Unknown stays unknown.
 */
export const judgeLightLocker = (user: string, power: XfcePower, locker: LightLockerSetting): UserLock => {
  const evidence = [...powerEvidence(power), ...locker.evidence];
  const blanks = [power.blankOnAc.value, power.blankOnBattery.value];
  const neverBlanks = power.presentationMode.value === true || blanks.includes(0);
  if (power.presentationMode.value === true) evidence.push('presentation mode is on: the screen does not blank, so light-locker does not lock on idle');
  else if (blanks.includes(0)) evidence.push('the screen never blanks on one power source (0 minutes), so light-locker does not lock on idle there');
  if (locker.lockAfterSeconds === 0) evidence.push('light-locker lock-after-screensaver is 0: it does not lock when the screen blanks');
  const lockEnabled =
    neverBlanks || locker.lockAfterSeconds === 0
      ? false
      : blanks.includes(null) || power.presentationMode.value === null || locker.lockAfterSeconds === null
        ? null
        : true;
  const worst = blanks.includes(null) ? null : Math.max(...(blanks as number[]));
  const idleSeconds = worst !== null && worst > 0 ? worst * 60 : null;
  const lockDelaySeconds = locker.lockAfterSeconds !== null && locker.lockAfterSeconds > 0 ? locker.lockAfterSeconds : null;
  if (lockEnabled === null) evidence.push('whether light-locker locks this session on idle is unknown');
  return {
    user,
    desktop: 'xfce',
    source: 'xfce4-power-manager+light-locker',
    lockEnabled,
    idleSeconds,
    lockDelaySeconds,
    secondsToLock: lockEnabled === true && idleSeconds !== null && lockDelaySeconds !== null ? idleSeconds + lockDelaySeconds : null,
    // Enforcement through xfconf kiosk locks and dconf locks is not assessed for this pair.
    enforced: null,
    evidence,
  };
};

/** `--lock-after-screensaver=N` or `--lock-after-screensaver N` on a light-locker command line (an autostart Exec=). */
export const commandLineLockAfter = (exec: string): number | null | undefined => {
  const match = /--lock-after-screensaver(?:=|\s+)(\S+)/.exec(exec);
  if (!match) return undefined;
  return /^\d+$/.test(match[1] ?? '') ? Number(match[1]) : null;
};

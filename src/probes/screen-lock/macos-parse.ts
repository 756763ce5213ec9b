/** Pure parts of the macOS screen-lock probe: one user's verdict and the summary. */

export interface MacosLockInputs {
  /** Seconds before the screen saver starts; 0 = never. */
  idleSeconds: number | null;
  askForPassword: boolean | null;
  delaySeconds: number | null;
  /** Which of the three a configuration profile sets. */
  managedKeys: readonly string[];
}

export interface MacosUserLock {
  user: string;
  desktop: 'macos';
  source: string | null;
  lockEnabled: boolean | null;
  idleSeconds: number | null;
  lockDelaySeconds: number | null;
  secondsToLock: number | null;
  enforced: boolean;
  evidence: string[];
}

export const judgeMacosUser = (user: string, inputs: MacosLockInputs, source: string | null, evidence: string[]): MacosUserLock => {
  const { idleSeconds, askForPassword, delaySeconds } = inputs;
  const lockEnabled = idleSeconds === 0 || askForPassword === false ? false : idleSeconds !== null && askForPassword === true ? true : null;
  const idle = idleSeconds === 0 ? null : idleSeconds;
  const delay = askForPassword === true ? delaySeconds : null;
  return {
    user,
    desktop: 'macos',
    source,
    lockEnabled,
    idleSeconds: idle,
    lockDelaySeconds: delay,
    secondsToLock: lockEnabled === true && idle !== null && delay !== null ? idle + delay : null,
    enforced: ['idleTime', 'askForPassword', 'askForPasswordDelay'].every((key) => inputs.managedKeys.includes(key)),
    evidence,
  };
};

const worst = (values: readonly (number | null)[]): number | null => (values.length === 0 || values.includes(null) ? null : Math.max(...(values as number[])));

const allOf = (values: readonly (boolean | null)[]): boolean | null => (values.includes(false) ? false : values.includes(null) ? null : true);

/** The weakest user's values (same rules as on Linux). */
export const summarizeMacos = (users: readonly MacosUserLock[]) => {
  if (users.length === 0) return { lockEnabled: null, secondsToLock: null, idleSeconds: null, lockDelaySeconds: null, enforced: null };
  return {
    lockEnabled: allOf(users.map((u) => u.lockEnabled)),
    secondsToLock: worst(users.map((u) => u.secondsToLock)),
    idleSeconds: worst(users.map((u) => u.idleSeconds)),
    lockDelaySeconds: worst(users.map((u) => u.lockDelaySeconds)),
    enforced: users.every((u) => u.enforced),
  };
};

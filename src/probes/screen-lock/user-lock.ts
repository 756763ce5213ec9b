/**
 * What the screen-lock probe says of each person on a Linux desktop (UserLock), whatever the
 * desktop, and how the weakest of them sums up the machine.
 */

export const desktopFamilies = ['gnome', 'cinnamon', 'mate', 'kde', 'xfce', 'other'] as const;
export type Desktop = (typeof desktopFamilies)[number];

export interface UserLock {
  /** Account name, or '*' for the system defaults any new user gets. */
  user: string;
  desktop: Desktop;
  /** Where the deciding values came from (dconf-user-db, dconf-system-db, schema-default, kscreenlockerrc, xfconf, ...). */
  source: string | null;
  lockEnabled: boolean | null;
  idleSeconds: number | null;
  lockDelaySeconds: number | null;
  secondsToLock: number | null;
  enforced: boolean | null;
  evidence: string[];
}

export interface ConfigLayer<T> {
  file: string;
  /** A system-wide file (administrator defaults); only these can enforce a value. */
  system: boolean;
  config: T;
}

/** All true: true; any false: false; otherwise unknown. */
export const allOf = (values: readonly (boolean | null)[]): boolean | null => (values.includes(false) ? false : values.includes(null) ? null : true);

/** A desktop whose screen locker is not assessed (i3, sway, LXQt, ...): everything unknown. */
export const judgeOther = (user: string, sessions: readonly string[]): UserLock => ({
  user,
  desktop: 'other',
  source: null,
  lockEnabled: null,
  idleSeconds: null,
  lockDelaySeconds: null,
  secondsToLock: null,
  enforced: null,
  evidence: [`session${sessions.length === 1 ? '' : 's'} ${sessions.join(', ')}: screen locking of this desktop is not assessed`],
});

export interface LockSummary {
  lockEnabled: boolean | null;
  secondsToLock: number | null;
  idleSeconds: number | null;
  lockDelaySeconds: number | null;
  enforced: boolean | null;
}

const worst = (values: readonly (number | null)[]): number | null => (values.length === 0 || values.includes(null) ? null : Math.max(...(values as number[])));

/** The weakest user's values: false/null win over true, the largest delays win. */
export const summarize = (users: readonly UserLock[]): LockSummary => {
  if (users.length === 0) return { lockEnabled: null, secondsToLock: null, idleSeconds: null, lockDelaySeconds: null, enforced: null };
  return {
    lockEnabled: allOf(users.map((u) => u.lockEnabled)),
    secondsToLock: worst(users.map((u) => u.secondsToLock)),
    idleSeconds: worst(users.map((u) => u.idleSeconds)),
    lockDelaySeconds: worst(users.map((u) => u.lockDelaySeconds)),
    enforced: allOf(users.map((u) => u.enforced)),
  };
};

/** GNOME, Cinnamon and MATE: their screen-lock keys in dconf, and the lock facts their effective settings give. */
import type { EffectiveSetting, SettingSource } from '../../platform/linux/dconf/reader.js';
import { allOf, type UserLock } from './user-lock.js';

export type DconfRole = 'lockEnabled' | 'lockDelay' | 'idleDelay' | 'lockdown' | 'idleActivation';

export interface DconfKeyRef {
  schema: string;
  key: string;
  /** dconf path of the schema, used when its XML is not installed on the target. */
  path: string;
}

export interface DconfDesktop {
  family: 'gnome' | 'cinnamon' | 'mate';
  /** Seconds per unit of idle-delay and lock-delay (MATE counts minutes). */
  unitSeconds: number;
  keys: Partial<Record<DconfRole, DconfKeyRef>> & Record<'lockEnabled' | 'lockDelay' | 'idleDelay' | 'lockdown', DconfKeyRef>;
}

export const dconfDesktops: readonly DconfDesktop[] = [
  {
    family: 'gnome',
    unitSeconds: 1,
    keys: {
      lockEnabled: { schema: 'org.gnome.desktop.screensaver', key: 'lock-enabled', path: '/org/gnome/desktop/screensaver/' },
      lockDelay: { schema: 'org.gnome.desktop.screensaver', key: 'lock-delay', path: '/org/gnome/desktop/screensaver/' },
      idleDelay: { schema: 'org.gnome.desktop.session', key: 'idle-delay', path: '/org/gnome/desktop/session/' },
      lockdown: { schema: 'org.gnome.desktop.lockdown', key: 'disable-lock-screen', path: '/org/gnome/desktop/lockdown/' },
    },
  },
  {
    family: 'cinnamon',
    unitSeconds: 1,
    keys: {
      lockEnabled: { schema: 'org.cinnamon.desktop.screensaver', key: 'lock-enabled', path: '/org/cinnamon/desktop/screensaver/' },
      lockDelay: { schema: 'org.cinnamon.desktop.screensaver', key: 'lock-delay', path: '/org/cinnamon/desktop/screensaver/' },
      idleDelay: { schema: 'org.cinnamon.desktop.session', key: 'idle-delay', path: '/org/cinnamon/desktop/session/' },
      lockdown: { schema: 'org.cinnamon.desktop.lockdown', key: 'disable-lock-screen', path: '/org/cinnamon/desktop/lockdown/' },
    },
  },
  {
    family: 'mate',
    unitSeconds: 60,
    keys: {
      lockEnabled: { schema: 'org.mate.screensaver', key: 'lock-enabled', path: '/org/mate/screensaver/' },
      lockDelay: { schema: 'org.mate.screensaver', key: 'lock-delay', path: '/org/mate/screensaver/' },
      idleActivation: { schema: 'org.mate.screensaver', key: 'idle-activation-enabled', path: '/org/mate/screensaver/' },
      idleDelay: { schema: 'org.mate.session', key: 'idle-delay', path: '/org/mate/desktop/session/' },
      lockdown: { schema: 'org.mate.lockdown', key: 'disable-lock-screen', path: '/desktop/mate/lockdown/' },
    },
  },
];

const sourceRank: readonly SettingSource[] = ['dconf-user-db', 'dconf-system-db', 'dconf-keyfile', 'schema-override', 'schema-default'];

const booleanOf = (setting: EffectiveSetting | undefined): boolean | null =>
  setting?.value !== null && typeof setting?.value.value === 'boolean' ? setting.value.value : null;

const numberOf = (setting: EffectiveSetting | undefined): number | null =>
  setting?.value !== null && typeof setting?.value.value === 'number' ? setting.value.value : null;

const unique = (items: readonly string[]): string[] => [...new Set(items)];

/** Lock facts for a GNOME-family desktop from its effective settings. */
export const judgeDconfDesktop = (user: string, desktop: DconfDesktop, settings: Partial<Record<DconfRole, EffectiveSetting>>): UserLock => {
  const evidence: string[] = [];
  const lockEnabledKey = booleanOf(settings.lockEnabled);
  const idle = numberOf(settings.idleDelay);
  const delay = numberOf(settings.lockDelay);
  // The lockdown key only exists where its schema is installed; without the schema nothing reads it.
  const lockdownSetting = settings.lockdown;
  const disabled =
    booleanOf(lockdownSetting) ?? (lockdownSetting !== undefined && !lockdownSetting.schemaInstalled && lockdownSetting.locked !== null ? false : null);
  const idleActivation = desktop.keys.idleActivation === undefined ? true : booleanOf(settings.idleActivation);

  const reasons: (boolean | null)[] = [lockEnabledKey, disabled === null ? null : !disabled, idle === null ? null : idle > 0, idleActivation];
  if (lockEnabledKey === false) evidence.push(`${desktop.keys.lockEnabled.schema} lock-enabled is false: the screen does not lock`);
  if (disabled === true) evidence.push(`${desktop.keys.lockdown.schema} disable-lock-screen is true: locking is disabled`);
  if (idle === 0) evidence.push(`${desktop.keys.idleDelay.schema} idle-delay is 0: the session never goes idle`);
  if (idleActivation === false)
    evidence.push(`${desktop.keys.idleActivation?.schema ?? ''} idle-activation-enabled is false: the screensaver never starts on idle`);
  const lockEnabled = allOf(reasons);
  const idleSeconds = idle !== null && idle > 0 ? idle * desktop.unitSeconds : null;
  const lockDelaySeconds = delay !== null && delay >= 0 ? delay * desktop.unitSeconds : null;
  const used = (Object.keys(desktop.keys) as DconfRole[]).map((role) => settings[role]);
  const enforced = allOf(used.map((s) => (s === undefined ? null : s.locked)));
  const sources = used.map((s) => s?.source).filter((s): s is SettingSource => s !== null && s !== undefined);
  const source = sourceRank.find((s) => sources.includes(s)) ?? null;
  for (const setting of used) if (setting !== undefined) evidence.push(...setting.evidence);
  return {
    user,
    desktop: desktop.family,
    source,
    lockEnabled,
    idleSeconds,
    lockDelaySeconds,
    secondsToLock: lockEnabled === true && idleSeconds !== null && lockDelaySeconds !== null ? idleSeconds + lockDelaySeconds : null,
    enforced,
    evidence: unique(evidence),
  };
};

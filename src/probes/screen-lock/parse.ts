/**
 * Pure parts of the screen-lock probe: session files, KDE and XFCE configuration files, and the
 * rules that turn each desktop's settings into lock facts.
 */
import type { EffectiveSetting, SettingSource } from '../../platform/linux/dconf/reader.js';
import { xmlTokens } from '../../platform/linux/dconf/xml.js';

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

// ---------------------------------------------------------------- sessions and desktops

const desktopNameFamilies: Readonly<Record<string, Desktop>> = {
  gnome: 'gnome',
  'gnome-classic': 'gnome',
  'gnome-flashback': 'gnome',
  ubuntu: 'gnome',
  budgie: 'gnome',
  unity: 'gnome',
  pop: 'gnome',
  kde: 'kde',
  plasma: 'kde',
  xfce: 'xfce',
  'x-cinnamon': 'cinnamon',
  cinnamon: 'cinnamon',
  mate: 'mate',
};

/** Family of an XDG desktop name list such as `ubuntu:GNOME` or `X-Cinnamon`; null when none is known. */
export const familyOfDesktopNames = (names: string): Desktop | null => {
  for (const name of names.split(/[:;]/)) {
    const family = desktopNameFamilies[name.trim().toLowerCase()];
    if (family !== undefined) return family;
  }
  return null;
};

/** Session entries that only start "the default session" rather than a desktop of their own. */
const genericSessions = new Set(['lightdm-xsession', 'default', 'xsession', 'custom', 'user-xsession']);

/**
 * The desktop family a session file (`/usr/share/xsessions/*.desktop`, `wayland-sessions/*.desktop`)
 * starts: from DesktopNames=, else from its file name; null for generic "default session" entries.
 */
export const sessionFamily = (fileName: string, text: string): Desktop | null => {
  const base = fileName.replace(/\.desktop$/, '');
  if (genericSessions.has(base)) return null;
  if (/^\s*Hidden\s*=\s*true\s*$/m.test(text)) return null;
  const names = /^\s*DesktopNames\s*=\s*(.+)$/m.exec(text)?.[1];
  const fromNames = names === undefined ? null : familyOfDesktopNames(names);
  if (fromNames !== null) return fromNames;
  const fromFile = familyOfDesktopNames(base.split(/[-_.]/)[0] ?? '');
  return fromFile ?? 'other';
};

/** XDG desktop names declared by a session file (for per-desktop schema overrides). */
export const sessionDesktopNames = (text: string): string[] =>
  (/^\s*DesktopNames\s*=\s*(.+)$/m.exec(text)?.[1] ?? '')
    .split(/[:;]/)
    .map((n) => n.trim())
    .filter((n) => n !== '');

export interface LogindSession {
  id: string;
  uid: number | null;
  user: string | null;
  type: string | null;
  sessionClass: string | null;
  desktop: string | null;
  state: string | null;
}

/** A systemd-logind session file (/run/systemd/sessions/<id>): KEY=VALUE lines. */
export const parseLogindSession = (id: string, text: string): LogindSession => {
  const values = new Map<string, string>();
  for (const line of text.split('\n')) {
    const eq = line.indexOf('=');
    if (eq > 0) values.set(line.slice(0, eq), line.slice(eq + 1));
  }
  const uid = values.get('UID');
  return {
    id,
    uid: uid !== undefined && /^\d+$/.test(uid) ? Number(uid) : null,
    user: values.get('USER') ?? null,
    type: values.get('TYPE') ?? null,
    sessionClass: values.get('CLASS') ?? null,
    desktop: values.get('DESKTOP') ?? null,
    state: values.get('STATE') ?? null,
  };
};

/** A logind session is a person's graphical desktop (not a greeter, not a tty or ssh login). */
export const isGraphicalUserSession = (session: LogindSession): boolean =>
  (session.type === 'x11' || session.type === 'wayland' || session.type === 'mir') &&
  (session.sessionClass === null || session.sessionClass === 'user') &&
  session.state !== 'closing';

// ---------------------------------------------------------------- GNOME, Cinnamon, MATE (dconf)

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

const allOf = (values: readonly (boolean | null)[]): boolean | null => (values.includes(false) ? false : values.includes(null) ? null : true);

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

// ---------------------------------------------------------------- KDE Plasma (KConfig)

export interface KconfigEntry {
  value: string;
  /** `Key[$i]=`, or inside an immutable group or file. */
  immutable: boolean;
}

export interface Kconfig {
  groups: Map<string, Map<string, KconfigEntry>>;
  immutableGroups: Set<string>;
  /** A `[$i]` line before the first group: the whole file is immutable. */
  immutableFile: boolean;
}

/** KConfig INI files (kscreenlockerrc, kdeglobals): `[Group][Sub]`, `[$i]` markers, `Key[$i]=value`. */
export const parseKconfig = (text: string): Kconfig => {
  const config: Kconfig = { groups: new Map(), immutableGroups: new Set(), immutableFile: false };
  let group: string | undefined;
  for (const raw of text.split(/\r?\n/)) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    if (line.startsWith('[')) {
      const parts = [...line.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
      const immutable = parts.includes('$i');
      const names = parts.filter((p) => !p.startsWith('$'));
      if (names.length === 0) {
        if (immutable && group === undefined) config.immutableFile = true;
        continue;
      }
      group = names.join('][');
      if (immutable) config.immutableGroups.add(group);
      continue;
    }
    const eq = line.indexOf('=');
    if (eq <= 0 || group === undefined) continue;
    const keyPart = line.slice(0, eq).trim();
    const options = [...keyPart.matchAll(/\[([^\]]*)\]/g)].map((m) => m[1] ?? '');
    if (options.some((o) => !o.startsWith('$'))) continue; // localised entry
    const key = keyPart.replace(/\[.*$/, '').trim();
    const flags = options.join('');
    let entries = config.groups.get(group);
    if (entries === undefined) {
      entries = new Map();
      config.groups.set(group, entries);
    }
    entries.set(key, { value: line.slice(eq + 1).trim(), immutable: flags.includes('i') || config.immutableGroups.has(group) || config.immutableFile });
  }
  return config;
};

export interface ConfigLayer<T> {
  file: string;
  /** A system-wide file (administrator defaults); only these can enforce a value. */
  system: boolean;
  config: T;
}

interface Resolved {
  value: string | undefined;
  file: string | null;
  immutable: boolean;
}

/** KConfig cascade for one key: system files first (lowest priority), the user's last, stopping at an immutable entry. */
export const resolveKconfig = (layers: readonly ConfigLayer<Kconfig>[], group: string, keys: readonly string[]): Resolved => {
  let resolved: Resolved = { value: undefined, file: null, immutable: false };
  for (const layer of layers) {
    const entries = layer.config.groups.get(group);
    const key = keys.find((k) => entries?.has(k));
    const entry = key === undefined ? undefined : entries?.get(key);
    if (entry !== undefined) resolved = { value: entry.value, file: layer.file, immutable: false };
    const immutable = layer.config.immutableFile || layer.config.immutableGroups.has(group) || entry?.immutable === true;
    if (immutable && layer.system) return { ...resolved, immutable: true };
  }
  return resolved;
};

const kdeBoolean = (text: string | undefined, fallback: boolean): boolean | null => {
  if (text === undefined) return fallback;
  const value = text.toLowerCase();
  if (['true', 'on', 'yes', '1'].includes(value)) return true;
  if (['false', 'off', 'no', '0'].includes(value)) return false;
  return null;
};

const kdeNumber = (text: string | undefined, fallback: number): number | null => {
  if (text === undefined) return fallback;
  const value = Number(text);
  return text.trim() === '' || !Number.isFinite(value) ? null : value;
};

/**
 * KDE Plasma screen locker ([Daemon] of kscreenlockerrc, kscreenlocker's kscreenlockersettings.kcfg):
 * Autolock (default true), Timeout in minutes (default 5), LockGrace in seconds (default 5, 0–300;
 * LockGracePeriod is accepted as an alias).
 */
export const judgeKde = (user: string, layers: readonly ConfigLayer<Kconfig>[]): UserLock => {
  const evidence: string[] = [];
  const autolock = resolveKconfig(layers, 'Daemon', ['Autolock']);
  const timeout = resolveKconfig(layers, 'Daemon', ['Timeout']);
  const grace = resolveKconfig(layers, 'Daemon', ['LockGrace', 'LockGracePeriod']);
  const describe = (name: string, r: Resolved, unit: string, fallback: string): void => {
    evidence.push(
      r.value === undefined
        ? `kscreenlockerrc [Daemon] ${name} not set: KDE default ${fallback}${r.immutable ? ' (immutable)' : ''}`
        : `kscreenlockerrc [Daemon] ${name}=${r.value}${unit} from ${r.file ?? ''}${r.immutable ? ' (immutable)' : ''}`,
    );
  };
  describe('Autolock', autolock, '', 'true');
  describe('Timeout', timeout, ' min', '5 min');
  describe('LockGrace', grace, ' s', '5 s');
  const auto = kdeBoolean(autolock.value, true);
  const minutes = kdeNumber(timeout.value, 5);
  const graceValue = kdeNumber(grace.value, 5);
  let idleSeconds: number | null = null;
  if (minutes !== null && minutes > 0) idleSeconds = Math.round(minutes * 60);
  else if (minutes !== null) evidence.push(`Timeout=${String(minutes)}: older kscreenlocker never locks, current versions lock after 1 minute; unknown`);
  const lockDelaySeconds = graceValue === null ? null : Math.min(Math.max(graceValue, 0), 300);
  if (auto === false) evidence.push('Autolock=false: the screen does not lock automatically');
  const lockEnabled = auto === false ? false : auto === null || idleSeconds === null ? null : true;
  const sourceFile = [autolock, timeout, grace].some((r) => r.file !== null);
  return {
    user,
    desktop: 'kde',
    source: sourceFile ? 'kscreenlockerrc' : 'kde-default',
    lockEnabled,
    idleSeconds,
    lockDelaySeconds,
    secondsToLock: lockEnabled === true && idleSeconds !== null && lockDelaySeconds !== null ? idleSeconds + lockDelaySeconds : null,
    enforced: autolock.immutable && timeout.immutable && grace.immutable,
    evidence,
  };
};

// ---------------------------------------------------------------- XFCE (xfconf)

export interface XfconfProperty {
  type: string;
  value: string | null;
  /** The xfconf kiosk `locked` attribute of the property or an ancestor/channel (user list, '*' = all). */
  locked: string | null;
}

export interface XfconfChannel {
  name: string | null;
  properties: Map<string, XfconfProperty>;
}

/** An xfconf per-channel XML file: nested `<property name type value>` elements become '/a/b' paths. */
export const parseXfconf = (xml: string): XfconfChannel => {
  const channel: XfconfChannel = { name: null, properties: new Map() };
  const stack: { name: string; locked: string | null }[] = [];
  let channelLocked: string | null = null;
  for (const token of xmlTokens(xml)) {
    if (token.kind === 'open' && token.name === 'channel') {
      channel.name = token.attributes.name ?? null;
      channelLocked = token.attributes.locked ?? null;
    } else if (token.kind === 'open' && token.name === 'property') {
      const name = token.attributes.name ?? '';
      const inherited = stack.length > 0 ? (stack[stack.length - 1]?.locked ?? null) : channelLocked;
      const locked = token.attributes.locked ?? inherited;
      const path = `/${[...stack.map((s) => s.name), name].join('/')}`;
      const type = token.attributes.type ?? 'empty';
      if (type !== 'empty') channel.properties.set(path, { type, value: token.attributes.value ?? null, locked });
      if (!token.selfClosing) stack.push({ name, locked });
    } else if (token.kind === 'close' && token.name === 'property') {
      stack.pop();
    }
  }
  return channel;
};

/** Whether an xfconf `locked` list applies to a user: '*' or the name; '@group' entries cannot be told here. */
const lockApplies = (locked: string | null, user: string): boolean | null => {
  if (locked === null) return false;
  const entries = locked
    .split(/[,;]/)
    .map((e) => e.trim())
    .filter((e) => e !== '');
  if (entries.includes('*') || entries.includes(user)) return true;
  return entries.some((e) => e.startsWith('@')) ? null : false;
};

interface XfceKey {
  path: string;
  kind: 'bool' | 'minutes';
  fallback: boolean | number;
}

/** xfce4-screensaver's keys and defaults (xfce4-screensaver src/gs-prefs.h). */
const xfceKeys: readonly XfceKey[] = [
  { path: '/saver/enabled', kind: 'bool', fallback: true },
  { path: '/saver/idle-activation/enabled', kind: 'bool', fallback: true },
  { path: '/saver/idle-activation/delay', kind: 'minutes', fallback: 5 },
  { path: '/lock/enabled', kind: 'bool', fallback: true },
  { path: '/lock/saver-activation/enabled', kind: 'bool', fallback: true },
  { path: '/lock/saver-activation/delay', kind: 'minutes', fallback: 0 },
];

/** XFCE with xfce4-screensaver: the user's channel file over the system default, unless the default is locked. */
export const judgeXfce = (user: string, layers: readonly ConfigLayer<XfconfChannel>[], screensaverInstalled: boolean): UserLock => {
  const evidence: string[] = [];
  const values = new Map<string, boolean | number | null>();
  const enforcedParts: (boolean | null)[] = [];
  let fromFile = false;
  for (const key of xfceKeys) {
    let raw: string | null | undefined;
    let file: string | null = null;
    let locked: boolean | null = false;
    for (const layer of layers) {
      const property = layer.config.properties.get(key.path);
      if (property === undefined) continue;
      raw = property.value;
      file = layer.file;
      if (layer.system) {
        locked = lockApplies(property.locked, user);
        if (locked === true) break;
      }
    }
    enforcedParts.push(locked);
    let value: boolean | number | null = key.fallback;
    if (raw !== undefined) {
      fromFile = true;
      if (key.kind === 'bool') value = raw === 'true' ? true : raw === 'false' ? false : null;
      else value = raw !== null && /^-?\d+$/.test(raw) ? Number(raw) : null;
      evidence.push(`xfce4-screensaver ${key.path}=${raw ?? ''} from ${file ?? ''}${locked === true ? ' (locked)' : ''}`);
    }
    values.set(key.path, value);
  }
  const flag = (path: string): boolean | null => {
    const v = values.get(path);
    return typeof v === 'boolean' ? v : null;
  };
  const minutes = (path: string): number | null => {
    const v = values.get(path);
    return typeof v === 'number' ? v : null;
  };
  const idle = minutes('/saver/idle-activation/delay');
  const delay = minutes('/lock/saver-activation/delay');
  for (const path of ['/saver/enabled', '/saver/idle-activation/enabled', '/lock/enabled', '/lock/saver-activation/enabled']) {
    if (flag(path) === false) evidence.push(`xfce4-screensaver ${path} is false: the screen does not lock on idle`);
  }
  let lockEnabled = allOf([
    flag('/saver/enabled'),
    flag('/saver/idle-activation/enabled'),
    flag('/lock/enabled'),
    flag('/lock/saver-activation/enabled'),
    idle === null ? null : idle > 0,
  ]);
  if (!screensaverInstalled) {
    evidence.push('xfce4-screensaver is not installed: XFCE may lock through light-locker or xscreensaver, which are not assessed');
    if (lockEnabled === true) lockEnabled = null;
  }
  const idleSeconds = idle !== null && idle > 0 ? idle * 60 : null;
  const lockDelaySeconds = delay !== null && delay >= 0 ? delay * 60 : null;
  return {
    user,
    desktop: 'xfce',
    source: fromFile ? 'xfconf' : 'xfce-default',
    lockEnabled,
    idleSeconds,
    lockDelaySeconds,
    secondsToLock: lockEnabled === true && idleSeconds !== null && lockDelaySeconds !== null ? idleSeconds + lockDelaySeconds : null,
    enforced: allOf(enforcedParts),
    evidence,
  };
};

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

// ---------------------------------------------------------------- summary

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

/** XFCE: xfconf channel files (xfce4-screensaver) and the lock facts they give. */
import { xmlTokens } from '../../platform/linux/dconf/xml.js';
import { allOf, type ConfigLayer, type UserLock } from './user-lock.js';

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

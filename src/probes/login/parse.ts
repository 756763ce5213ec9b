/**
 * Pure readers for the configuration of display managers (GDM, LightDM, SDDM, LXDM) and of console
 * gettys, answering one question: does anything log a user in without a password?
 */
import { readIni } from '../../platform/codecs/ini.js';

/** One `key=value` line of an INI-style file (GLib key files, Qt settings, systemd units). */
export interface IniEntry {
  section: string;
  key: string;
  value: string;
  /** 1-based line number. */
  line: number;
}

/**
 * INI lines in file order. Whitespace around keys and values is dropped (GLib does the same, and GDM's
 * own examples write `AutomaticLoginEnable = true`); `#` and `;` start comment lines; lines before any
 * section header get section ''.
 */
export const parseIni = (text: string): IniEntry[] => readIni(text).entries.map(({ section, key, value, line }) => ({ section, key, value, line }));

/** A setting together with the file and line it came from. */
export interface Located {
  value: string;
  at: string;
}

/** The key-file boolean forms GLib accepts; anything else is not a boolean (GLib reports an error). */
export const keyFileBoolean = (value: string): boolean | null => {
  const lower = value.toLowerCase();
  if (lower === 'true' || lower === '1') return true;
  if (lower === 'false' || lower === '0') return false;
  return null;
};

/** Merges files in load order: a later value of the same section and key replaces an earlier one. */
export const mergeIni = (files: readonly { path: string; text: string }[]): Map<string, Map<string, Located>> => {
  const merged = new Map<string, Map<string, Located>>();
  for (const { path, text } of files) {
    for (const entry of parseIni(text)) {
      const section = merged.get(entry.section) ?? new Map<string, Located>();
      section.set(entry.key, { value: entry.value, at: `${path}:${entry.line}` });
      merged.set(entry.section, section);
    }
  }
  return merged;
};

/** What one login mechanism does without a password. */
export interface AutologinFinding {
  /** Users logged in without a password (may be empty). */
  users: string[];
  /** Logs in the guest account without a password (LightDM autologin-guest). */
  guest: boolean;
  /** file:line of every setting that mattered, enabling or not. */
  evidence: string[];
}

const none = (): AutologinFinding => ({ users: [], guest: false, evidence: [] });

/**
 * GDM (`[daemon]` of custom.conf, or daemon.conf on Debian): AutomaticLoginEnable + AutomaticLogin,
 * TimedLoginEnable + TimedLogin. An enable flag without a user name logs nobody in.
 */
export const gdmAutologin = (path: string, text: string): AutologinFinding => {
  const daemon = mergeIni([{ path, text }]).get('daemon');
  const result = none();
  for (const [flag, userKey] of [
    ['AutomaticLoginEnable', 'AutomaticLogin'],
    ['TimedLoginEnable', 'TimedLogin'],
  ] as const) {
    const enable = daemon?.get(flag);
    const user = daemon?.get(userKey);
    if (enable !== undefined) result.evidence.push(`${enable.at}: ${flag}=${enable.value}`);
    if (user !== undefined) result.evidence.push(`${user.at}: ${userKey}=${user.value}`);
    if (enable !== undefined && keyFileBoolean(enable.value) === true && user !== undefined && user.value !== '') {
      result.users.push(user.value);
    }
  }
  return result;
};

/** LightDM's effective seat settings and what they mean. */
export interface LightdmSeats {
  autologin: AutologinFinding;
  /** allow-guest as configured (LightDM's default is true), with where it was set. */
  allowGuest: { value: boolean; at: string | null };
  /** guest-account-script as configured (default `guest-account`, looked up in PATH). */
  guestScript: string;
}

/**
 * LightDM: files merged in load order (see index.ts). `[SeatDefaults]` is the old name of `[Seat:*]`;
 * `[Seat:NAME]` sections override it for one seat, so each is judged on top of the defaults.
 */
export const lightdmSeats = (files: readonly { path: string; text: string }[]): LightdmSeats => {
  const merged = mergeIni(files);
  const defaults = new Map<string, Located>([...(merged.get('SeatDefaults') ?? []), ...(merged.get('Seat:*') ?? [])]);
  const seats = [defaults];
  for (const [name, section] of merged) {
    if (name.startsWith('Seat:') && name !== 'Seat:*') seats.push(new Map([...defaults, ...section]));
  }
  const autologin = none();
  let allowGuest: { value: boolean; at: string | null } = { value: false, at: null };
  for (const seat of seats) {
    const user = seat.get('autologin-user');
    const guest = seat.get('autologin-guest');
    if (user !== undefined) autologin.evidence.push(`${user.at}: autologin-user=${user.value}`);
    if (guest !== undefined) autologin.evidence.push(`${guest.at}: autologin-guest=${guest.value}`);
    // autologin-user overrides autologin-guest (lightdm.conf).
    if (user !== undefined && user.value !== '') autologin.users.push(user.value);
    else if (guest !== undefined && keyFileBoolean(guest.value) === true) autologin.guest = true;
    const allow = seat.get('allow-guest');
    const seatAllows = allow === undefined ? true : keyFileBoolean(allow.value) === true;
    if (seatAllows && !allowGuest.value) allowGuest = { value: true, at: allow === undefined ? null : allow.at };
  }
  if (!allowGuest.value) {
    const allow = defaults.get('allow-guest');
    allowGuest = { value: false, at: allow?.at ?? null };
  }
  const script = merged.get('LightDM')?.get('guest-account-script')?.value ?? 'guest-account';
  return { autologin: { ...autologin, users: [...new Set(autologin.users)] }, allowGuest, guestScript: script === '' ? 'guest-account' : script };
};

/** SDDM: `[Autologin] User=` after merging its files in load order (later wins); empty means off. */
export const sddmAutologin = (files: readonly { path: string; text: string }[]): AutologinFinding => {
  const user = mergeIni(files).get('Autologin')?.get('User');
  const result = none();
  if (user === undefined) return result;
  result.evidence.push(`${user.at}: User=${user.value}`);
  if (user.value !== '') result.users.push(user.value);
  return result;
};

/** LXDM: `[base] autologin=USER`. */
export const lxdmAutologin = (path: string, text: string): AutologinFinding => {
  const user = mergeIni([{ path, text }]).get('base')?.get('autologin');
  const result = none();
  if (user === undefined) return result;
  result.evidence.push(`${user.at}: autologin=${user.value}`);
  if (user.value !== '') result.users.push(user.value);
  return result;
};

/**
 * The user a getty command line logs in: agetty `--autologin USER`, `--autologin=USER` or `-a USER`
 * (mingetty spells it `--autologin USER` too). Undefined when there is none.
 */
export const gettyAutologinUser = (command: string): string | undefined => {
  const words = command.trim().split(/\s+/);
  for (const [i, word] of words.entries()) {
    if (word.startsWith('--autologin=')) return word.slice('--autologin='.length) || undefined;
    if (word === '--autologin' || word === '-a') {
      const user = words[i + 1];
      return user === undefined || user.startsWith('-') ? undefined : user;
    }
  }
  return undefined;
};

/**
 * The ExecStart= that wins across a service's unit file and drop-ins given in systemd's order: an empty
 * `ExecStart=` clears the list, a later value replaces it (a simple service has one).
 */
export const effectiveExecStart = (files: readonly { path: string; text: string }[]): Located | undefined => {
  let current: Located | undefined;
  for (const { path, text } of files) {
    for (const entry of parseIni(text)) {
      if (entry.section !== 'Service' || entry.key !== 'ExecStart') continue;
      current = entry.value === '' ? undefined : { value: entry.value, at: `${path}:${entry.line}` };
    }
  }
  return current;
};

/** sysvinit: getty lines of /etc/inittab (`id:runlevels:respawn:/sbin/getty ...`) that log a user in. */
export const inittabAutologins = (path: string, text: string): { user: string; at: string }[] => {
  const found: { user: string; at: string }[] = [];
  for (const [index, raw] of text.split('\n').entries()) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) continue;
    const fields = line.split(':');
    if (fields.length < 4) continue;
    const command = fields.slice(3).join(':');
    if (!/getty/.test(command)) continue;
    const user = gettyAutologinUser(command);
    if (user !== undefined) found.push({ user, at: `${path}:${index + 1}` });
  }
  return found;
};

/** Display manager name from the target of the display-manager.service alias (`/lib/systemd/system/gdm.service` → gdm). */
export const displayManagerFromUnit = (target: string): string | null => {
  const base = target.slice(target.lastIndexOf('/') + 1);
  const match = /^(.+)\.service$/.exec(base);
  if (!match?.[1]) return null;
  return match[1] === 'gdm3' ? 'gdm' : match[1];
};

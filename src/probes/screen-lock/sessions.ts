/** Which desktop a person's session runs: XDG desktop names, session files, systemd-logind sessions. */
import type { Desktop } from './user-lock.js';

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

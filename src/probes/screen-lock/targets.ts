/**
 * What the screen-lock probe looks at: which desktops are installed, and whose settings count.
 * Reads files only (session files, binaries, logind session files, /proc on a live host).
 */
import { readText, type Host } from '../../hosts/host.js';
import { processesNamed } from '../../platform/linux/processes.js';
import type { SharedContext } from '../../platform/run-shared.js';
import { listHomes, type Home } from '../../platform/linux/homes.js';
import { familyOfDesktopNames, isGraphicalUserSession, parseLogindSession, sessionDesktopNames, sessionFamily } from './sessions.js';
import type { Desktop } from './user-lock.js';

export interface InstalledDesktops {
  families: Set<Desktop>;
  /** XDG desktop names per family, from session files (for per-desktop schema overrides). */
  xdgNames: Map<Desktop, Set<string>>;
  /** Session files of desktops this probe does not assess. */
  otherSessions: string[];
  evidence: string[];
}

const binaries: readonly [string, Desktop][] = [
  ['gnome-shell', 'gnome'],
  ['budgie-desktop', 'gnome'],
  ['plasmashell', 'kde'],
  ['xfce4-session', 'xfce'],
  ['cinnamon-session', 'cinnamon'],
  ['mate-session', 'mate'],
];

const defaultXdgNames: Readonly<Record<Desktop, string[]>> = {
  gnome: ['GNOME'],
  cinnamon: ['X-Cinnamon'],
  mate: ['MATE'],
  kde: ['KDE'],
  xfce: ['XFCE'],
  other: [],
};

export const installedDesktops = async (host: Host): Promise<InstalledDesktops> => {
  const result: InstalledDesktops = { families: new Set(), xdgNames: new Map(), otherSessions: [], evidence: [] };
  const addNames = (family: Desktop, names: readonly string[]): void => {
    const set = result.xdgNames.get(family) ?? new Set<string>();
    for (const name of names) set.add(name);
    result.xdgNames.set(family, set);
  };
  const found = await Promise.all(
    binaries.map(async ([name, family]) => {
      for (const dir of ['/usr/bin', '/bin', '/usr/local/bin']) {
        const stat = await host.stat(`${dir}/${name}`);
        if (stat?.type === 'file') return { family, path: `${dir}/${name}` };
      }
      return undefined;
    }),
  );
  for (const hit of found) {
    if (hit === undefined) continue;
    result.families.add(hit.family);
    addNames(hit.family, defaultXdgNames[hit.family]);
    result.evidence.push(`${hit.path} is installed (${hit.family})`);
  }
  for (const dir of ['/usr/share/xsessions', '/usr/share/wayland-sessions']) {
    const names = (await host.readDir(dir)) ?? [];
    for (const name of names.filter((n) => n.endsWith('.desktop')).sort()) {
      const text = (await readText(host, `${dir}/${name}`)) ?? '';
      const family = sessionFamily(name, text);
      if (family === null) continue;
      result.evidence.push(`session ${dir}/${name} (${family})`);
      if (family === 'other') {
        result.otherSessions.push(`${dir}/${name}`);
        result.families.add('other');
        continue;
      }
      result.families.add(family);
      addNames(family, sessionDesktopNames(text).length > 0 ? sessionDesktopNames(text) : defaultXdgNames[family]);
    }
  }
  return result;
};

export interface TargetUser {
  /** Account name, or '*' for the system defaults any new user gets. */
  user: string;
  uid: number | null;
  home: string | null;
  /** Desktop of the user's running session, when known. */
  desktop: Desktop | null;
  why: string;
}

const desktopConfigFiles = ['.config/dconf/user', '.config/kscreenlockerrc', '.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml'];

const hasDesktopConfig = async (host: Host, home: Home): Promise<boolean> => {
  const found = await Promise.all(desktopConfigFiles.map((file) => host.stat(`${home.home}/${file}`)));
  return found.some((stat) => stat !== undefined);
};

const sessionProcesses = ['gnome-shell', 'plasmashell', 'xfce4-session', 'cinnamon-session', 'cinnamon', 'mate-session', 'budgie-panel'];
const processFamilies: Readonly<Record<string, Desktop>> = {
  'gnome-shell': 'gnome',
  plasmashell: 'kde',
  'xfce4-session': 'xfce',
  'cinnamon-session': 'cinnamon',
  cinnamon: 'cinnamon',
  'mate-session': 'mate',
  'budgie-panel': 'gnome',
};

/** Users with a graphical session now: logind session files, else desktop shell processes. */
const sessionUsers = async (host: Host, context: SharedContext, homes: readonly Home[], evidence: string[]): Promise<TargetUser[]> => {
  const byUid = new Map(homes.map((h) => [h.uid, h]));
  const users = new Map<string, TargetUser>();
  const ids = await host.readDir('/run/systemd/sessions');
  if (ids !== undefined) {
    for (const id of ids.filter((n) => !n.includes('.')).sort()) {
      const text = await readText(host, `/run/systemd/sessions/${id}`);
      if (text === undefined) continue;
      const session = parseLogindSession(id, text);
      if (!isGraphicalUserSession(session) || session.uid === null) continue;
      const home = byUid.get(session.uid);
      const user = session.user ?? home?.user ?? String(session.uid);
      const desktop = session.desktop === null ? null : (familyOfDesktopNames(session.desktop) ?? 'other');
      evidence.push(`logind session ${id}: ${user} on ${session.type ?? '?'}${session.desktop === null ? '' : ` (${session.desktop})`}`);
      if (!users.has(user)) users.set(user, { user, uid: session.uid, home: home?.home ?? null, desktop, why: `graphical session ${id}` });
    }
    return [...users.values()];
  }
  const processes = await processesNamed(host, context, sessionProcesses);
  for (const process of processes ?? []) {
    const stat = await host.stat(`/proc/${process.pid}`);
    const home = stat === undefined ? undefined : byUid.get(stat.uid);
    if (home === undefined) continue; // greeters (gdm, lightdm) and unknown owners
    const name = sessionProcesses.find((n) => n === process.comm || n === process.argv0) ?? process.comm;
    evidence.push(`process ${name} (pid ${process.pid}) runs as ${home.user}`);
    if (!users.has(home.user)) {
      users.set(home.user, { user: home.user, uid: home.uid, home: home.home, desktop: processFamilies[name] ?? null, why: `${name} is running` });
    }
  }
  return [...users.values()];
};

const anyNewUser: TargetUser = { user: '*', uid: null, home: null, desktop: null, why: 'system defaults for any new user' };

/**
 * Live: users with a graphical session, else every person whose home holds desktop settings (else '*').
 * At rest: every home with desktop settings, plus '*' for the system defaults.
 */
export const targetUsers = async (host: Host, context: SharedContext, live: boolean, evidence: string[]): Promise<TargetUser[]> => {
  const homes = await listHomes(host, context);
  if (live) {
    const running = await sessionUsers(host, context, homes, evidence);
    if (running.length > 0) return running;
  }
  const configured = (await Promise.all(homes.map(async (h) => ((await hasDesktopConfig(host, h)) ? h : undefined)))).filter((h): h is Home => h !== undefined);
  const users: TargetUser[] = configured.map((h) => ({ user: h.user, uid: h.uid, home: h.home, desktop: null, why: 'home holds desktop settings' }));
  if (!live || users.length === 0) users.push(anyNewUser);
  return users;
};

import { dconfReader, readFileState } from '../../platform/linux/dconf/reader.js';
import type { Host } from '../../hosts/host.js';
import type { JsonObject } from '../../model.js';
import { defineProbe, macosAndWindows, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { dconfDesktops, judgeDconfDesktop, type DconfDesktop, type DconfRole } from './dconf-desktops.js';
import { judgeKde, parseKconfig } from './kde.js';
import { desktopFamilies, judgeOther, summarize, type ConfigLayer, type Desktop, type UserLock } from './user-lock.js';
import { parseXfconf } from './xfce.js';
import { judgeXfceSession } from './xfce-session.js';
import { installedDesktops, targetUsers, type InstalledDesktops, type TargetUser } from './targets.js';

const facts: Record<string, FactSpec> = {
  graphical: {
    type: 'boolean',
    description: 'A graphical desktop is installed or a graphical session is running; false means screen-lock rules do not apply.',
  },
  desktops: { type: 'array', description: 'Desktops found: gnome (also Ubuntu, Budgie), cinnamon, mate, kde, xfce, other.' },
  users: {
    type: 'array',
    description:
      "Per user and desktop ('*' = system defaults for any new user): user, desktop, source, lockEnabled, idleSeconds, " +
      'lockDelaySeconds, secondsToLock, enforced, evidence.',
  },
  lockEnabled: {
    type: 'boolean',
    description: "Every user's desktop locks automatically with a password; false when any has locking disabled or idle = never.",
  },
  secondsToLock: {
    type: 'number',
    description: 'Worst case across users of idle seconds + lock delay before the password is required; null when unknown or never.',
  },
  idleSeconds: { type: 'number', description: 'Worst-case idle time before the screen blanks or locks; null when unknown or never.' },
  lockDelaySeconds: { type: 'number', description: 'Worst-case delay between blanking and the password being required.' },
  enforced: { type: 'boolean', description: 'Every value above is locked by system policy (dconf locks, KDE [$i], xfconf locked="*").' },
  evidence: { type: 'array', description: 'How the desktops and users were found.' },
};

const readConfigLayers = async <T>(
  host: Host,
  systemFiles: readonly string[],
  userFile: string | null,
  parse: (text: string) => T,
): Promise<{ layers: ConfigLayer<T>[]; unreadable: string | null }> => {
  const layers: ConfigLayer<T>[] = [];
  for (const file of systemFiles) {
    const text = (await host.readFile(file))?.toString('utf8');
    if (text !== undefined) layers.push({ file, system: true, config: parse(text) });
  }
  if (userFile === null) return { layers, unreadable: null };
  const state = await readFileState(host, userFile);
  if (state.state === 'present') layers.push({ file: userFile, system: false, config: parse(state.data.toString('utf8')) });
  return { layers, unreadable: state.state === 'unreadable' ? userFile : null };
};

/** Values cannot be known when the user's own file exists but cannot be read. */
const unknownBecause = (lock: UserLock, file: string): UserLock => ({
  ...lock,
  source: null,
  lockEnabled: null,
  idleSeconds: null,
  lockDelaySeconds: null,
  secondsToLock: null,
  evidence: [...lock.evidence, `${file} exists but cannot be read (not permitted?): the user's values are unknown`],
});

const kdeSystemFiles = ['/usr/share/kde-settings/kde-profile/default/xdg/kscreenlockerrc', '/etc/xdg/kscreenlockerrc'];
const xfceChannel = 'xfce4/xfconf/xfce-perchannel-xml/xfce4-screensaver.xml';

const judgeUser = async (host: Host, target: TargetUser, desktop: Desktop, installed: InstalledDesktops): Promise<UserLock> => {
  const family = dconfDesktops.find((d) => d.family === desktop);
  if (family !== undefined) return judgeDconf(host, target, family, installed);
  if (desktop === 'kde') {
    const { layers, unreadable } = await readConfigLayers(
      host,
      kdeSystemFiles,
      target.home === null ? null : `${target.home}/.config/kscreenlockerrc`,
      parseKconfig,
    );
    const lock = judgeKde(target.user, layers);
    return unreadable === null ? lock : unknownBecause(lock, unreadable);
  }
  if (desktop === 'xfce') {
    const { layers, unreadable } = await readConfigLayers(
      host,
      [`/etc/xdg/${xfceChannel}`],
      target.home === null ? null : `${target.home}/.config/${xfceChannel}`,
      parseXfconf,
    );
    const saver = await host.stat('/usr/bin/xfce4-screensaver');
    const lock = await judgeXfceSession(host, target, layers, saver !== undefined);
    return unreadable === null ? lock : unknownBecause(lock, unreadable);
  }
  return judgeOther(target.user, installed.otherSessions.length > 0 ? installed.otherSessions : ['(unknown desktop)']);
};

const judgeDconf = async (host: Host, target: TargetUser, desktop: DconfDesktop, installed: InstalledDesktops): Promise<UserLock> => {
  const reader = dconfReader(host, { home: target.home, uid: target.uid });
  const desktops = [...(installed.xdgNames.get(desktop.family) ?? [])];
  const roles = Object.entries(desktop.keys) as [DconfRole, { schema: string; key: string; path: string }][];
  const settings = Object.fromEntries(
    await Promise.all(roles.map(async ([role, ref]) => [role, await reader.read(ref.schema, ref.key, { fallbackPath: ref.path, desktops })] as const)),
  );
  return judgeDconfDesktop(target.user, desktop, settings);
};

const userJson = (lock: UserLock): JsonObject => ({
  user: lock.user,
  desktop: lock.desktop,
  source: lock.source,
  lockEnabled: lock.lockEnabled,
  idleSeconds: lock.idleSeconds,
  lockDelaySeconds: lock.lockDelaySeconds,
  secondsToLock: lock.secondsToLock,
  enforced: lock.enforced,
  evidence: lock.evidence,
});

const collectLinux = async (host: Host, context: ProbeContext): Promise<JsonObject> => {
  const live = context.capabilities.live;
  const evidence: string[] = [];
  const installed = await installedDesktops(host);
  evidence.push(...installed.evidence);
  const targets = await targetUsers(host, context, live, evidence);
  const running = targets.filter((t) => t.desktop !== null);
  for (const t of running) if (t.desktop !== null) installed.families.add(t.desktop);
  const families = desktopFamilies.filter((d) => installed.families.has(d));
  if (families.length === 0) {
    evidence.push('no desktop environment installed and no graphical session running');
    return {
      graphical: false,
      desktops: [],
      users: [],
      lockEnabled: null,
      secondsToLock: null,
      idleSeconds: null,
      lockDelaySeconds: null,
      enforced: null,
      evidence,
    };
  }
  for (const t of targets) evidence.push(`${t.user === '*' ? "'*' (any new user)" : t.user}: ${t.why}`);
  const users: UserLock[] = [];
  for (const target of targets) {
    const desktops = target.desktop !== null ? [target.desktop] : families;
    for (const desktop of desktops) users.push(await judgeUser(host, target, desktop, installed));
  }
  return { graphical: true, desktops: families, users: users.map(userJson), ...summarize(users), evidence };
};

export const screenLock = defineProbe({
  id: 'screen-lock',
  title: 'Screen lock',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => ok(await collectLinux(host, context)),
    ...macosAndWindows(
      () => import('./macos.js'),
      () => import('./windows.js'),
    ),
  },
});

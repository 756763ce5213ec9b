/**
 * An XFCE user's lock: xfce4-screensaver when it is installed (src/probes/screen-lock/xfce.ts,
 * judgeXfce), else light-locker driven by xfce4-power-manager's screen blanking (./xfce-power.ts).
 * Reads the xfce4-power-manager channel (system default and the user's file), light-locker's
 * GSettings (apps.light-locker, through the dconf reader) and its autostart command lines.
 */
import { dconfReader, readFileState } from '../../platform/linux/dconf/reader.js';
import type { Host } from '../../hosts/host.js';
import type { ConfigLayer, UserLock } from './user-lock.js';
import { judgeXfce, parseXfconf, type XfconfChannel } from './xfce.js';
import type { TargetUser } from './targets.js';
import { commandLineLockAfter, judgeLightLocker, powerEvidence, readXfcePower, type LightLockerSetting } from './xfce-power.js';

const powerChannel = 'xfce4/xfconf/xfce-perchannel-xml/xfce4-power-manager.xml';
const lightLockerBinaries = ['/usr/bin/light-locker', '/usr/local/bin/light-locker'];
const autostart = 'autostart/light-locker.desktop';

/** The channel's layers, and the file that exists but cannot be read, if any. */
const powerLayers = async (host: Host, home: string | null): Promise<{ layers: ConfigLayer<XfconfChannel>[]; unreadable: string[] }> => {
  const files = [{ file: `/etc/xdg/${powerChannel}`, system: true }, ...(home === null ? [] : [{ file: `${home}/.config/${powerChannel}`, system: false }])];
  const layers: ConfigLayer<XfconfChannel>[] = [];
  const unreadable: string[] = [];
  for (const { file, system } of files) {
    const state = await readFileState(host, file);
    if (state.state === 'present') layers.push({ file, system, config: parseXfconf(state.data.toString('utf8')) });
    else if (state.state === 'unreadable') unreadable.push(file);
  }
  return { layers, unreadable };
};

/** light-locker's lock-after-screensaver: an autostart command line wins over GSettings. */
const lightLocker = async (host: Host, target: TargetUser): Promise<LightLockerSetting> => {
  const evidence: string[] = [];
  const entries = [...(target.home === null ? [] : [`${target.home}/.config/${autostart}`]), `/etc/xdg/${autostart}`];
  for (const file of entries) {
    const state = await readFileState(host, file);
    if (state.state === 'unreadable') return { lockAfterSeconds: null, evidence: [`${file} exists but cannot be read: light-locker's options are unknown`] };
    if (state.state !== 'present') continue;
    const exec = /^Exec\s*=\s*(.*)$/m.exec(state.data.toString('utf8'))?.[1]?.trim() ?? '';
    const fromCommand = commandLineLockAfter(exec);
    if (fromCommand !== undefined) return { lockAfterSeconds: fromCommand, evidence: [`${file}: Exec=${exec}`] };
    evidence.push(`${file}: Exec=${exec}`);
    // The user's own entry replaces the system one.
    break;
  }
  const setting = await dconfReader(host, { home: target.home, uid: target.uid }).read('apps.light-locker', 'lock-after-screensaver', {
    fallbackPath: '/apps/light-locker/',
  });
  const value = setting.value !== null && typeof setting.value.value === 'number' ? setting.value.value : null;
  evidence.push(`apps.light-locker lock-after-screensaver=${value ?? 'unknown'}${setting.file === null ? '' : ` from ${setting.file}`}`, ...setting.evidence);
  return { lockAfterSeconds: value, evidence };
};

const anyExists = async (host: Host, paths: readonly string[]): Promise<boolean> =>
  (await Promise.all(paths.map((path) => host.stat(path)))).some((s) => s !== undefined);

export const judgeXfceSession = async (
  host: Host,
  target: TargetUser,
  saverLayers: readonly ConfigLayer<XfconfChannel>[],
  saverInstalled: boolean,
): Promise<UserLock> => {
  const power = await powerLayers(host, target.home);
  const unreadable = power.unreadable.map((file) => `${file} exists but cannot be read: xfce4-power-manager's values are unknown`);
  if (saverInstalled || !(await anyExists(host, lightLockerBinaries))) {
    const lock = judgeXfce(target.user, saverLayers, saverInstalled);
    return { ...lock, evidence: [...lock.evidence, ...powerEvidence(readXfcePower(power.layers)), ...unreadable] };
  }
  const locker = await lightLocker(host, target);
  const lock = judgeLightLocker(target.user, readXfcePower(power.layers), locker);
  if (power.unreadable.length === 0) return lock;
  // A power-manager file that cannot be read may say anything: only light-locker's own "never" still decides.
  return {
    ...lock,
    lockEnabled: locker.lockAfterSeconds === 0 ? false : null,
    idleSeconds: null,
    secondsToLock: null,
    evidence: [...lock.evidence, ...unreadable],
  };
};

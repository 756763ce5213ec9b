/** KDE Plasma: KConfig files (kscreenlockerrc), their cascade and immutable markers, and the lock facts they give. */
import type { ConfigLayer, UserLock } from './user-lock.js';

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

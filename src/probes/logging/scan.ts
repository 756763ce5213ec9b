import { readText, type Host } from '../../hosts/host.js';
import { processesNamed } from '../../platform/linux/processes.js';
import type { RunShared } from '../../platform/run-shared.js';
import { unitActive, unitState } from '../../platform/linux/units.js';
import { dropInOrder } from './parse.js';

/** What the logging probe's parts share: the host, what it can do, the run's shared work, and the notes they add to. */
export interface Scan {
  host: Host;
  shared?: RunShared;
  live: boolean;
  exec: boolean;
  evidence: string[];
  reasons: string[];
}

export const exists = async (host: Host, path: string): Promise<boolean> => (await host.stat(path)) !== undefined;

export const firstExisting = async (host: Host, paths: readonly string[]): Promise<string | undefined> => {
  for (const path of paths) if (await exists(host, path)) return path;
  return undefined;
};

/**
 * Live only: whether the service runs — asked of systemd when it is the running init (cheap), else
 * of the process list. Null on a target at rest or without /proc.
 */
export const running = async (scan: Scan, names: readonly string[], units: readonly string[] = []): Promise<boolean | null> => {
  if (!scan.live) return null;
  const states = await Promise.all(units.map((unit) => unitActive(scan.host, unit)));
  if (states.includes(true)) return true;
  if (states.length > 0 && !states.includes(null)) return false;
  const found = await processesNamed(scan.host, scan, names);
  return found === undefined ? null : found.length > 0;
};

/** Whether any of the units is enabled (and not masked); the evidence names the first. */
export const anyUnitEnabled = async (scan: Scan, units: readonly string[]): Promise<{ installed: boolean; enabled: boolean; unit: string }> => {
  let installed = false;
  for (const unit of units) {
    const state = await unitState(scan.host, unit, scan);
    installed ||= state.installed;
    if (state.enabled) return { installed: true, enabled: true, unit };
  }
  return { installed, enabled: false, unit: units[0] ?? '' };
};

/** Texts of the files matching `*.suffix` in a directory, sorted by name. */
export const readDirFiles = async (host: Host, dir: string, suffix: string): Promise<{ path: string; text: string }[]> => {
  const names = ((await host.readDir(dir)) ?? []).filter((name) => name.endsWith(suffix)).sort();
  const texts = await Promise.all(names.map(async (name) => ({ path: `${dir}/${name}`, text: await readText(host, `${dir}/${name}`) })));
  return texts.flatMap(({ path, text }) => (text === undefined ? [] : [{ path, text }]));
};

/** A systemd config file with drop-ins: the main file (first of /etc, /run, /usr/local/lib, /usr/lib) then the drop-ins in order. */
export const systemdConfig = async (host: Host, name: string): Promise<{ path: string; text: string }[]> => {
  const bases = ['/etc/systemd', '/run/systemd', '/usr/local/lib/systemd', '/usr/lib/systemd'];
  const result: { path: string; text: string }[] = [];
  for (const base of bases) {
    const text = await readText(host, `${base}/${name}`);
    if (text !== undefined) {
      result.push({ path: `${base}/${name}`, text });
      break;
    }
  }
  const listings = await Promise.all(bases.map(async (dir) => ({ dir: `${dir}/${name}.d`, names: (await host.readDir(`${dir}/${name}.d`)) ?? [] })));
  for (const path of dropInOrder(listings)) {
    const text = await readText(host, path);
    if (text !== undefined) result.push({ path, text });
  }
  return result;
};

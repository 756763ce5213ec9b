import { systemdRunning } from '../../platform/linux/units.js';
import { journalStorage, type JournalStorage } from './parse.js';
import { firstExisting, running, systemdConfig, type Scan } from './scan.js';

export interface JournalFacts {
  /** Storage= in effect; null when systemd-journald is not installed. */
  storage: JournalStorage | null;
  /** journald keeps logs on disk (and, live, is running). */
  persistent: boolean;
}

/** systemd-journald: Storage= with drop-ins; `auto` persists only when /var/log/journal exists. */
export const journal = async (scan: Scan): Promise<JournalFacts> => {
  const { host, evidence, reasons } = scan;
  const binary = await firstExisting(host, ['/lib/systemd/systemd-journald', '/usr/lib/systemd/systemd-journald']);
  if (binary === undefined) {
    reasons.push('systemd-journald is not installed');
    return { storage: null, persistent: false };
  }
  const files = await systemdConfig(host, 'journald.conf');
  const storage = journalStorage(files.map((file) => file.text));
  const directory = (await host.stat('/var/log/journal'))?.type === 'directory';
  evidence.push(
    `journald Storage=${storage} (from ${files.length > 0 ? files.map((file) => file.path).join(', ') : 'the default'}); ` +
      `/var/log/journal ${directory ? 'exists' : 'absent'}`,
  );
  let persistent = storage === 'persistent' || (storage === 'auto' && directory);
  if (!persistent) reasons.push(`the journal is not kept on disk (Storage=${storage}${storage === 'auto' ? ', no /var/log/journal' : ''})`);
  if (persistent && scan.live && !(await systemdRunning(host))) {
    const active = await running(scan, ['systemd-journald']);
    if (active !== true) {
      persistent = false;
      reasons.push('systemd-journald is not running (systemd is not the init of this system)');
    }
  }
  return { storage, persistent };
};

import { readText } from '../../hosts/host.js';
import { logAgents } from './agents.js';
import { iniValues, parseRsyslog, parseSyslogNg, type SyslogConfig } from './parse.js';
import { anyUnitEnabled, exists, firstExisting, readDirFiles, running, systemdConfig, type Scan } from './scan.js';

export interface SyslogFacts {
  /** The syslog daemon that is enabled (at rest) or running (live). */
  daemon: 'rsyslog' | 'syslog-ng' | null;
  writesFiles: boolean;
  forwardTargets: string[];
}

interface Daemon {
  name: 'rsyslog' | 'syslog-ng';
  binaries: readonly string[];
  units: readonly string[];
  processes: readonly string[];
  config: (scan: Scan) => Promise<SyslogConfig>;
}

const merge = (configs: readonly SyslogConfig[]): SyslogConfig => ({
  forwardTargets: configs.flatMap((config) => config.forwardTargets),
  writesFiles: configs.some((config) => config.writesFiles),
});

const daemons: readonly Daemon[] = [
  {
    name: 'rsyslog',
    binaries: ['/usr/sbin/rsyslogd', '/sbin/rsyslogd'],
    units: ['rsyslog.service'],
    processes: ['rsyslogd'],
    config: async ({ host }) => {
      const main = await readText(host, '/etc/rsyslog.conf');
      const parts = await readDirFiles(host, '/etc/rsyslog.d', '.conf');
      return merge([...(main === undefined ? [] : [main]), ...parts.map((part) => part.text)].map(parseRsyslog));
    },
  },
  {
    name: 'syslog-ng',
    binaries: ['/usr/sbin/syslog-ng', '/sbin/syslog-ng'],
    units: ['syslog-ng.service'],
    processes: ['syslog-ng'],
    config: async ({ host }) => {
      const main = await readText(host, '/etc/syslog-ng/syslog-ng.conf');
      const parts = await readDirFiles(host, '/etc/syslog-ng/conf.d', '.conf');
      // Log paths may name destinations declared in another file: parse everything as one text.
      return parseSyslogNg([main ?? '', ...parts.map((part) => part.text)].join('\n'));
    },
  },
];

/** Whether a daemon is in use: running (live) or enabled at boot (at rest). */
const inUse = async (scan: Scan, daemon: Daemon): Promise<boolean> => {
  const binary = await firstExisting(scan.host, daemon.binaries);
  const unit = await anyUnitEnabled(scan, daemon.units);
  if (binary === undefined && !unit.installed) return false;
  if (scan.live) {
    const active = await running(scan, daemon.processes, daemon.units);
    if (active === true) {
      scan.evidence.push(`${daemon.name} is running`);
      return true;
    }
    scan.reasons.push(`${daemon.name} is installed but not running${unit.enabled ? ` (${unit.unit} is enabled)` : ''}`);
    return false;
  }
  if (unit.enabled) scan.evidence.push(`${daemon.name} installed and ${unit.unit} enabled`);
  else scan.reasons.push(`${daemon.name} is installed but ${unit.unit} is not enabled`);
  return unit.enabled;
};

export const syslog = async (scan: Scan): Promise<SyslogFacts> => {
  for (const daemon of daemons) {
    if (!(await inUse(scan, daemon))) continue;
    const config = await daemon.config(scan);
    scan.evidence.push(
      `${daemon.name}: ${config.writesFiles ? 'writes log files' : 'writes no log file'}` +
        (config.forwardTargets.length > 0 ? `, forwards to ${config.forwardTargets.join(', ')}` : ', forwards nowhere'),
    );
    return { daemon: daemon.name, writesFiles: config.writesFiles, forwardTargets: config.forwardTargets };
  }
  return { daemon: null, writesFiles: false, forwardTargets: [] };
};

/** systemd-journal-upload: URL= in journal-upload.conf (+ drop-ins) and the unit enabled (at rest) or running (live). */
export const journalUpload = async (scan: Scan): Promise<string[]> => {
  const files = await systemdConfig(scan.host, 'journal-upload.conf');
  let url = '';
  for (const file of files) for (const value of iniValues(file.text, 'Upload', 'URL')) url = value;
  if (url === '') return [];
  const unit = await anyUnitEnabled(scan, ['systemd-journal-upload.service']);
  const active = scan.live ? await running(scan, ['systemd-journal-upload'], ['systemd-journal-upload.service']) : unit.enabled;
  if (active !== true) {
    scan.reasons.push(`journal-upload.conf names ${url} but systemd-journal-upload is not ${scan.live ? 'running' : 'enabled'}`);
    return [];
  }
  scan.evidence.push(`systemd-journal-upload ${scan.live ? 'running' : 'enabled'}, URL=${url}`);
  return [url];
};

/** Log-shipping agents found by their files. */
export const agents = async (scan: Scan): Promise<string[]> => {
  const found: string[] = [];
  for (const agent of logAgents) {
    for (const path of agent.paths) {
      if (await exists(scan.host, path)) {
        found.push(agent.name);
        scan.evidence.push(`log agent ${agent.name}: ${path}`);
        break;
      }
    }
  }
  return found;
};

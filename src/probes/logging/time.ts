import { readText } from '../../hosts/host.js';
import { systemdRunning } from '../../platform/linux/units.js';
import { parseChrony, parseNtpConf, parseOpenNtpd, parseTimesyncd } from './parse.js';
import { anyUnitEnabled, firstExisting, readDirFiles, running, systemdConfig, type Scan } from './scan.js';

export interface TimeFacts {
  timeSync: boolean | null;
  timeSyncService: string | null;
  timeServers: string[];
  timeSynchronized: boolean | null;
}

interface TimeService {
  name: string;
  binaries: readonly string[];
  units: readonly string[];
  processes: readonly string[];
  servers: (scan: Scan) => Promise<string[]>;
}

const chronyServers = async ({ host }: Scan): Promise<string[]> => {
  const path = await firstExisting(host, ['/etc/chrony/chrony.conf', '/etc/chrony.conf']);
  const text = path === undefined ? undefined : await readText(host, path);
  if (text === undefined) return [];
  const main = parseChrony(text);
  const sources = [...main.sources];
  for (const dir of main.includeDirs.filter((dir) => !dir.startsWith('/run/'))) {
    for (const part of [...(await readDirFiles(host, dir, '.sources')), ...(await readDirFiles(host, dir, '.conf'))]) {
      sources.push(...parseChrony(part.text).sources);
    }
  }
  return sources;
};

const ntpServers = async ({ host }: Scan, paths: readonly string[]): Promise<string[]> => {
  const path = await firstExisting(host, paths);
  const text = path === undefined ? undefined : await readText(host, path);
  return text === undefined ? [] : parseNtpConf(text);
};

const services: readonly TimeService[] = [
  {
    name: 'systemd-timesyncd',
    binaries: ['/lib/systemd/systemd-timesyncd', '/usr/lib/systemd/systemd-timesyncd'],
    units: ['systemd-timesyncd.service'],
    processes: ['systemd-timesyncd'],
    servers: async ({ host }) => {
      const { ntp, fallback } = parseTimesyncd((await systemdConfig(host, 'timesyncd.conf')).map((file) => file.text));
      return ntp.length > 0 ? ntp : (fallback ?? ['(compiled-in fallback servers)']);
    },
  },
  {
    name: 'chrony',
    binaries: ['/usr/sbin/chronyd', '/sbin/chronyd'],
    units: ['chrony.service', 'chronyd.service'],
    processes: ['chronyd'],
    servers: chronyServers,
  },
  {
    name: 'ntpsec',
    binaries: ['/usr/sbin/ntpd'],
    units: ['ntpsec.service'],
    processes: ['ntpd'],
    servers: (scan) => ntpServers(scan, ['/etc/ntpsec/ntp.conf']),
  },
  {
    name: 'ntp',
    binaries: ['/usr/sbin/ntpd'],
    units: ['ntp.service', 'ntpd.service'],
    processes: ['ntpd'],
    servers: (scan) => ntpServers(scan, ['/etc/ntp.conf']),
  },
  {
    name: 'openntpd',
    binaries: ['/usr/sbin/ntpd'],
    units: ['openntpd.service'],
    processes: ['ntpd'],
    servers: async ({ host }) => {
      const text = await readText(host, '/etc/openntpd/ntpd.conf');
      return text === undefined ? [] : parseOpenNtpd(text);
    },
  },
];

/** Live: whether the kernel clock is synchronised, when something can tell. */
const synchronized = async (scan: Scan, service: string | null): Promise<boolean | null> => {
  if (!scan.live) return null;
  const { host, evidence, reasons } = scan;
  if (scan.exec && (await systemdRunning(host))) {
    const result = await host.run('timedatectl', ['show', '-p', 'NTPSynchronized', '--value'], { timeoutMs: 3_000 });
    const value = result.stdout.trim();
    if (result.exitCode === 0 && (value === 'yes' || value === 'no')) {
      evidence.push(`timedatectl NTPSynchronized=${value}`);
      return value === 'yes';
    }
    reasons.push(`timedatectl show failed (${result.spawnError ?? `exit ${result.exitCode}`})`);
  }
  if (service === 'systemd-timesyncd' && (await host.stat('/run/systemd/timesync/synchronized')) !== undefined) {
    evidence.push('/run/systemd/timesync/synchronized exists');
    return true;
  }
  reasons.push('whether the clock is synchronised is unknown (no running systemd to ask)');
  return null;
};

/** Time synchronisation: a service enabled at boot (at rest) or running (live), its servers, and (live) sync state. */
export const timeSync = async (scan: Scan): Promise<TimeFacts> => {
  let chosen: { service: TimeService; state: boolean } | undefined;
  for (const service of services) {
    const unit = await anyUnitEnabled(scan, service.units);
    const binary = await firstExisting(scan.host, service.binaries);
    if (!unit.installed && (binary === undefined || service.binaries.includes('/usr/sbin/ntpd'))) continue;
    if (scan.live) {
      const active = await running(scan, service.processes, service.units);
      if (active === true) {
        chosen = { service, state: true };
        scan.evidence.push(`${service.name} is running`);
        break;
      }
      scan.reasons.push(`${service.name} is installed${unit.enabled ? ` and ${unit.unit} enabled` : ''} but not running`);
    } else if (unit.enabled) {
      chosen = { service, state: true };
      scan.evidence.push(`${service.name}: ${unit.unit} enabled`);
      break;
    } else {
      scan.reasons.push(`${service.name} is installed but ${unit.unit} is not enabled`);
    }
  }
  if (chosen === undefined) {
    scan.reasons.push(`no time synchronisation service is ${scan.live ? 'running' : 'enabled'}`);
    return { timeSync: false, timeSyncService: null, timeServers: [], timeSynchronized: await synchronized(scan, null) };
  }
  const servers = await chosen.service.servers(scan);
  scan.evidence.push(`${chosen.service.name} servers: ${servers.length > 0 ? servers.join(', ') : 'none configured'}`);
  return {
    timeSync: true,
    timeSyncService: chosen.service.name,
    timeServers: servers,
    timeSynchronized: await synchronized(scan, chosen.service.name),
  };
};

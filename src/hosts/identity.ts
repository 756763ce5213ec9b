/**
 * Who a machine is, as it names itself: its host name and machine id, read from the machine (never
 * from how it was reached: a local check is named `local`, an ssh target by its address).
 */
import type { Host } from './host.js';
import { readText } from './host.js';

export interface MachineIdentity {
  /** The kernel's host name, else the configured one (/etc/hostname); null when neither is readable. */
  hostName: string | null;
  /** systemd's machine id (32 hex digits, lower case); null when absent, empty or all zeros. */
  machineId: string | null;
  /** Every name the machine gives itself (the kernel's and the configured one, which may be the full DNS name). */
  names: string[];
}

const firstLine = (text: string | undefined): string | null => {
  const line = (text ?? '').split('\n')[0]?.trim() ?? '';
  return line === '' ? null : line;
};

export const readHostName = async (host: Host): Promise<string | null> =>
  firstLine(await readText(host, '/proc/sys/kernel/hostname')) ?? firstLine(await readText(host, '/etc/hostname'));

export const readMachineId = async (host: Host): Promise<string | null> => {
  for (const file of ['/etc/machine-id', '/var/lib/dbus/machine-id']) {
    const id = firstLine(await readText(host, file))?.toLowerCase() ?? null;
    if (id !== null && /^[0-9a-f]{32}$/.test(id) && !/^0+$/.test(id)) return id;
  }
  return null;
};

export const readMachineIdentity = async (host: Host): Promise<MachineIdentity> => {
  const kernel = firstLine(await readText(host, '/proc/sys/kernel/hostname'));
  const configured = firstLine(await readText(host, '/etc/hostname'));
  return {
    hostName: kernel ?? configured,
    machineId: await readMachineId(host),
    names: [...new Set([kernel, configured].filter((n): n is string => n !== null))],
  };
};

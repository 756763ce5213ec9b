/**
 * Pure interpretation of the Windows listening-services answer: Get-NetTCPConnection -State Listen
 * and Get-NetUDPEndpoint (LocalAddress, LocalPort, OwningProcess; Microsoft Learn, NetTCPIP module),
 * with the owning process's name from Get-Process (no `.exe`; PID 4 is `System`, the kernel, which
 * owns SMB on 445/139 and HTTP.sys). Services and categories come from the same table as on Linux
 * (services.ts), by process name (without `.exe`) and then by port.
 */
import type { Json } from '../../model.js';
import { numberOf, objectsOf, stringOf } from '../../platform/windows/json.js';
import { isExposed } from './parse.js';
import { classifyService } from './services.js';

type Row = { protocol: 'tcp' | 'udp'; rows: Json };

/** Canonical address text: lower case, no IPv6 zone index, IPv4-mapped kept as ::ffff:a.b.c.d. */
const canonical = (address: string): string => address.trim().toLowerCase().replace(/%.*$/, '');

const processName = (name: string | null): string | null => (name === null ? null : name.replace(/\.exe$/i, ''));

const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

/** Same shape as the Linux sockets (a type alias, so it is a JsonObject); socketUid/socketUser are Linux-only. */
export type WindowsSocket = {
  protocol: 'tcp' | 'udp';
  family: 'ipv4' | 'ipv6';
  address: string;
  port: number;
  exposed: boolean;
  process: string | null;
  pid: number | null;
  user: string | null;
  service: string | null;
  category: string | null;
  socketUid: null;
  socketUser: null;
};

export const windowsSockets = (tables: readonly Row[]): WindowsSocket[] => {
  const seen = new Set<string>();
  const sockets: WindowsSocket[] = [];
  for (const { protocol, rows } of tables) {
    for (const r of objectsOf(rows)) {
      const addressText = stringOf(r.LocalAddress);
      const port = numberOf(r.LocalPort ?? null);
      if (addressText === null || port === null) continue;
      const address = canonical(addressText);
      const pid = numberOf(r.OwningProcess ?? null);
      const process = processName(stringOf(r.process));
      const { service, category } = classifyService(process, port);
      const socket: WindowsSocket = {
        protocol,
        family: address.includes(':') && !address.startsWith('::ffff:') ? 'ipv6' : 'ipv4',
        address,
        port,
        exposed: isExposed(address),
        process,
        pid,
        user: stringOf(r.user),
        service,
        category,
        socketUid: null,
        socketUser: null,
      };
      const key = JSON.stringify(socket);
      if (seen.has(key)) continue;
      seen.add(key);
      sockets.push(socket);
    }
  }
  return sockets.sort((a, b) => byText(a.protocol, b.protocol) || a.port - b.port || byText(a.address, b.address) || (a.pid ?? -1) - (b.pid ?? -1));
};

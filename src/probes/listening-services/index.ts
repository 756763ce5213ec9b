import { readText, type Host } from '../../hosts/host.js';
import { unlessVanished } from '../../hosts/vanished.js';
import type { JsonObject } from '../../model.js';
import { parsePasswd } from '../../platform/codecs/passwd.js';
import { defineProbe, macosAndWindows, ok, unsupported, type FactSpec } from '../probe.js';
import { linuxReads } from './reads.js';
import { findSocketOwners } from './owners.js';
import { isExposed, isListening, parseProcNet, statusEffectiveUid, type Family, type Protocol, type SocketRow } from './parse.js';
import { classifyService, serviceCategories, type ServiceCategory } from './services.js';

const socketShape =
  'protocol (tcp, udp), family (ipv4, ipv6), address (canonical text: 0.0.0.0, ::, 127.0.0.1, ::1, ::ffff:127.0.0.1), port, ' +
  'exposed, process (/proc/<pid>/comm), pid, user (the process\u2019s effective user), service (e.g. postgresql, ssh), ' +
  `category (${serviceCategories.join(', ')}; null when the owning process could not be identified and the port names no service: ` +
  'it could be a database on a moved port), socketUid and socketUser (the socket\u2019s owner as the kernel\u2019s socket table reports it, known even without root)';

const facts: Record<string, FactSpec> = {
  sockets: {
    type: 'array',
    description:
      `Listening sockets: TCP in LISTEN and bound, unconnected UDP, from /proc/net/{tcp,tcp6,udp,udp6}. Each: ${socketShape}. ` +
      'process, pid and user are null when the owner could not be read (other users\u2019 processes need root). ' +
      'Sorted by protocol, port, address; a service bound on both 0.0.0.0 and :: has two rows. ' +
      'These tables show the network namespace of the reading process only: sockets of containers in their own namespace are not listed.',
  },
  exposed: {
    type: 'array',
    description:
      'The sockets reachable from other machines (same shape as sockets): bound to 0.0.0.0, :: or a non-loopback address; ' +
      'loopback (127.0.0.0/8, ::1, ::ffff:127.x.x.x) is not exposed. Host firewall rules are not taken into account.',
  },
  processesResolved: {
    type: 'boolean',
    description:
      'Every listening socket was mapped to its process; false when some processes\u2019 open files could not be read ' +
      '(run as root to see other users\u2019 processes). Kernel sockets without an inode (nfsd, lockd) have no process and do not count.',
  },
  reasons: { type: 'array', description: 'How the facts were obtained and what could not be determined.' },
};

const tables: readonly { path: string; protocol: Protocol; family: Family }[] = [
  { path: '/proc/net/tcp', protocol: 'tcp', family: 'ipv4' },
  { path: '/proc/net/tcp6', protocol: 'tcp', family: 'ipv6' },
  { path: '/proc/net/udp', protocol: 'udp', family: 'ipv4' },
  { path: '/proc/net/udp6', protocol: 'udp', family: 'ipv6' },
];

interface Owner {
  pid: number;
  process: string | null;
  uid: number | null;
}

const readOwner = async (host: Host, pid: number): Promise<Owner> => {
  const [comm, status] = await Promise.all([`/proc/${pid}/comm`, `/proc/${pid}/status`].map((path) => unlessVanished(() => readText(host, path), path)));
  return {
    pid,
    process: comm === undefined ? null : comm.replace(/\n$/, ''),
    uid: (status === undefined ? undefined : statusEffectiveUid(status)) ?? null,
  };
};

const endpoint = (row: SocketRow): string => `${row.protocol} ${row.family === 'ipv6' ? `[${row.address}]` : row.address}:${row.port}`;

/** One listening socket as the facts show it (a type alias, so it is a JsonObject). */
type ListeningSocket = {
  protocol: Protocol;
  family: Family;
  address: string;
  port: number;
  exposed: boolean;
  process: string | null;
  pid: number | null;
  user: string | null;
  service: string | null;
  category: ServiceCategory | null;
  socketUid: number;
  socketUser: string | null;
};

/** Code-point order: the same on every machine, whatever its locale. */
const byText = (x: string, y: string): number => (x < y ? -1 : x > y ? 1 : 0);

type Sortable = Pick<ListeningSocket, 'protocol' | 'port' | 'address' | 'family'> & { pid?: number | null };

const compareSockets = (a: Sortable, b: Sortable): number =>
  byText(a.protocol, b.protocol) || a.port - b.port || byText(a.address, b.address) || byText(a.family, b.family) || (a.pid ?? -1) - (b.pid ?? -1);

const plural = (count: number, one: string, many: string): string => `${count} ${count === 1 ? one : many}`;

const unknownFacts = (reasons: string[]): JsonObject => ({ sockets: null, exposed: null, processesResolved: null, reasons });

const collectLinux = async (host: Host): Promise<JsonObject> => {
  const texts = await Promise.all(tables.map((table) => readText(host, table.path)));
  const rows: SocketRow[] = [];
  tables.forEach((table, index) => {
    const text = texts[index];
    if (text === undefined) return;
    rows.push(...parseProcNet(text, table.protocol, table.family).filter(isListening));
  });
  const missing = tables.filter((_, index) => texts[index] === undefined).map((table) => table.path);
  if (texts[0] === undefined || texts[2] === undefined) {
    return unknownFacts([`cannot read ${missing.join(', ')}: the sockets of this system are unknown`]);
  }
  const reasons: string[] = [];
  const read = tables.filter((_, index) => texts[index] !== undefined).map((table) => table.path);
  reasons.push(`${plural(rows.length, 'listening socket', 'listening sockets')} in ${read.join(', ')} (the network namespace of the reading process)`);
  if (missing.length > 0) reasons.push(`${missing.join(' and ')} absent: IPv6 is disabled in this kernel, IPv4 sockets only`);

  const kernelRows = rows.filter((row) => row.inode === 0);
  const inodes = new Set(rows.filter((row) => row.inode !== 0).map((row) => row.inode));
  const scan = await findSocketOwners(host, inodes, new Set(rows.map((row) => row.uid)));
  const ownerPids = [...new Set(scan.owners.values())];
  const [ownerList, passwdText] = await Promise.all([Promise.all(ownerPids.map((pid) => readOwner(host, pid))), readText(host, '/etc/passwd')]);
  const owners = new Map(ownerList.map((owner) => [owner.pid, owner]));
  const userNames = new Map(parsePasswd(passwdText ?? '').map((entry) => [entry.uid, entry.name]));
  const userName = (uid: number | null): string | null => (uid === null ? null : (userNames.get(uid) ?? null));

  const unmapped: SocketRow[] = [];
  const seen = new Set<string>();
  const sockets: ListeningSocket[] = [];
  for (const row of rows.sort(compareSockets)) {
    const ownerPid = scan.owners.get(row.inode);
    const owner = ownerPid === undefined ? undefined : owners.get(ownerPid);
    const process = owner?.process ?? null;
    if (row.inode !== 0 && process === null) unmapped.push(row);
    // Kernel sockets (no inode) have no process, and are known not to be a user-space database.
    const { service, category } = classifyService(process, row.port, process !== null || row.inode === 0);
    const socket: ListeningSocket = {
      protocol: row.protocol,
      family: row.family,
      address: row.address,
      port: row.port,
      exposed: isExposed(row.address),
      process,
      pid: owner?.pid ?? null,
      user: userName(owner?.uid ?? null),
      service,
      category,
      socketUid: row.uid,
      socketUser: userName(row.uid),
    };
    // SO_REUSEPORT groups of one process give identical rows: keep one.
    const key = JSON.stringify(socket);
    if (seen.has(key)) continue;
    seen.add(key);
    sockets.push(socket);
  }
  sockets.sort(compareSockets);

  if (!scan.listed) reasons.push('cannot list /proc: the processes behind the sockets are unknown');
  else if (unmapped.length > 0) {
    const why =
      scan.unreadable.length > 0
        ? `the open files of ${plural(scan.unreadable.length, 'process', 'processes')} could not be read ${
            scan.readerUid === 0 ? 'even as root (the kernel refused access)' : '(other users\u2019 processes need root)'
          }`
        : 'no process holds them (gone, or in another PID namespace)';
    reasons.push(`${plural(unmapped.length, 'listening socket', 'listening sockets')} not mapped to a process (${unmapped.map(endpoint).join(', ')}): ${why}`);
  }
  if (kernelRows.length > 0) {
    reasons.push(`${kernelRows.map(endpoint).join(', ')}: kernel sockets (no inode, e.g. nfsd, lockd), no process`);
  }
  return {
    sockets,
    exposed: sockets.filter((socket) => socket.exposed),
    processesResolved: scan.listed && unmapped.length === 0,
    reasons,
  };
};

export const listeningServices = defineProbe({
  id: 'listening-services',
  title: 'Listening network services',
  needs: ['read', 'live'],
  facts,
  // Sockets come from the kernel's tables (/proc/net/*, readable by everyone): a refused read of a
  // process's file descriptors leaves only that socket's process unknown (and says so in
  // processesResolved), never a socket missing from the lists.
  completeWithoutPermission: ['sockets', 'exposed'],
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => {
      if (!context.capabilities.live) return unsupported('listening sockets exist only on a running system');
      return ok(await collectLinux(host));
    },
    ...macosAndWindows(
      () => import('./macos.js'),
      () => import('./windows.js'),
    ),
  },
});

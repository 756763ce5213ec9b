/**
 * Pure parsers for the listening-services probe: the socket tables of /proc/net/{tcp,tcp6,udp,udp6}
 * (proc(5)), fd link targets (`socket:[inode]`) and the Uid: line of /proc/<pid>/status.
 */

export type Protocol = 'tcp' | 'udp';
export type Family = 'ipv4' | 'ipv6';

/** One row of a /proc/net socket table. */
export interface SocketRow {
  protocol: Protocol;
  family: Family;
  /** Local address in canonical text form (dotted quad; RFC 5952 for IPv6). */
  address: string;
  port: number;
  remoteAddress: string;
  remotePort: number;
  /** Kernel socket state (TCP_* numbering): 0x0A = LISTEN, 0x07 = CLOSE (unconnected UDP), 0x01 = ESTABLISHED. */
  state: number;
  /** Owner of the socket (fsuid of the process that created it). */
  uid: number;
  /** Socket inode, the key to `socket:[inode]` fd links; 0 for sockets without one (kernel sockets, TIME_WAIT). */
  inode: number;
}

export const tcpListen = 0x0a;
export const udpUnconnected = 0x07;

const hexWord = /^[0-9A-Fa-f]{8}$/;
const ipv4Part = /^[0-9A-Fa-f]{8}:[0-9A-Fa-f]{4}$/;
const ipv6Part = /^[0-9A-Fa-f]{32}:[0-9A-Fa-f]{4}$/;
const decimal = /^\d+$/;

/**
 * The four bytes of one 32-bit word as /proc prints it: the word in host byte order. Every
 * platform charter supports is little-endian (x86-64, arm64), so the bytes come reversed.
 */
const wordBytes = (hex: string): number[] => {
  const value = Number.parseInt(hex, 16);
  return [value & 0xff, (value >>> 8) & 0xff, (value >>> 16) & 0xff, (value >>> 24) & 0xff];
};

/** `0100007F` → `127.0.0.1`. Undefined when the text is not 8 hex digits. */
export const decodeIpv4 = (hex: string): string | undefined => (hexWord.test(hex) ? wordBytes(hex).join('.') : undefined);

/** IPv6 text per RFC 5952: lower case, the longest run (≥ 2) of zero groups as `::`, IPv4-mapped as `::ffff:a.b.c.d`. */
export const formatIpv6 = (bytes: readonly number[]): string => {
  const groups: number[] = [];
  for (let i = 0; i < 16; i += 2) groups.push(((bytes[i] ?? 0) << 8) | (bytes[i + 1] ?? 0));
  if (groups.slice(0, 5).every((g) => g === 0) && groups[5] === 0xffff) {
    return `::ffff:${bytes.slice(12, 16).join('.')}`;
  }
  let bestStart = -1;
  let bestLength = 1;
  for (let i = 0; i < 8;) {
    if (groups[i] !== 0) {
      i += 1;
      continue;
    }
    let end = i;
    while (end < 8 && groups[end] === 0) end += 1;
    if (end - i > bestLength) {
      bestStart = i;
      bestLength = end - i;
    }
    i = end;
  }
  const hex = (part: number[]): string => part.map((g) => g.toString(16)).join(':');
  if (bestStart === -1) return hex(groups);
  return `${hex(groups.slice(0, bestStart))}::${hex(groups.slice(bestStart + bestLength))}`;
};

/** 32 hex digits as /proc/net/tcp6 prints them (four host-order words) → canonical IPv6 text. */
export const decodeIpv6 = (hex: string): string | undefined => {
  if (!/^[0-9A-Fa-f]{32}$/.test(hex)) return undefined;
  const bytes: number[] = [];
  for (let i = 0; i < 32; i += 8) bytes.push(...wordBytes(hex.slice(i, i + 8)));
  return formatIpv6(bytes);
};

const decodeEndpoint = (text: string, family: Family): { address: string; port: number } | undefined => {
  if (!(family === 'ipv4' ? ipv4Part : ipv6Part).test(text)) return undefined;
  const [hexAddress = '', hexPort = ''] = text.split(':');
  const address = family === 'ipv4' ? decodeIpv4(hexAddress) : decodeIpv6(hexAddress);
  return address === undefined ? undefined : { address, port: Number.parseInt(hexPort, 16) };
};

/**
 * Parse one of /proc/net/tcp, tcp6, udp, udp6. Columns (proc(5)): sl, local_address, rem_address, st,
 * tx_queue:rx_queue, tr:tm->when, retrnsmt, uid, timeout, inode, ... The header and malformed lines
 * are skipped.
 */
export const parseProcNet = (text: string, protocol: Protocol, family: Family): SocketRow[] => {
  const rows: SocketRow[] = [];
  for (const line of text.split('\n')) {
    const fields = line.trim().split(/\s+/);
    const [sl = '', local = '', remote = '', state = '', , , , uid = '', , inode = ''] = fields;
    if (!/^\d+:$/.test(sl) || !/^[0-9A-Fa-f]{2}$/.test(state) || !decimal.test(uid) || !decimal.test(inode)) continue;
    const localEnd = decodeEndpoint(local, family);
    const remoteEnd = decodeEndpoint(remote, family);
    if (localEnd === undefined || remoteEnd === undefined) continue;
    rows.push({
      protocol,
      family,
      address: localEnd.address,
      port: localEnd.port,
      remoteAddress: remoteEnd.address,
      remotePort: remoteEnd.port,
      state: Number.parseInt(state, 16),
      uid: Number(uid),
      inode: Number(inode),
    });
  }
  return rows;
};

const unspecified = (address: string): boolean => address === '0.0.0.0' || address === '::';

/**
 * A socket that accepts traffic from others: TCP in LISTEN; UDP unconnected (state 07, no remote
 * peer) and bound to a port.
 */
export const isListening = (row: SocketRow): boolean => {
  if (row.protocol === 'tcp') return row.state === tcpListen;
  return row.state === udpUnconnected && row.port !== 0 && row.remotePort === 0 && unspecified(row.remoteAddress);
};

/**
 * Reachable from other machines: bound to a wildcard (0.0.0.0, ::) or any non-loopback address.
 * Loopback is 127.0.0.0/8, ::1 and IPv4-mapped ::ffff:127.x.x.x.
 */
export const isExposed = (address: string): boolean => {
  if (address === '::1') return false;
  const v4 = address.startsWith('::ffff:') ? address.slice('::ffff:'.length) : address;
  if (/^\d+\.\d+\.\d+\.\d+$/.test(v4)) return !v4.startsWith('127.');
  return true;
};

/** `socket:[12345]` → 12345; undefined for any other link target (files, pipes, anon inodes). */
export const socketInode = (link: string): number | undefined => {
  const match = /^socket:\[(\d+)\]$/.exec(link);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

/** Effective uid from /proc/<pid>/status (`Uid:` real, effective, saved, filesystem). */
export const statusEffectiveUid = (status: string): number | undefined => {
  const match = /^Uid:\s+\d+\s+(\d+)/m.exec(status);
  return match?.[1] === undefined ? undefined : Number(match[1]);
};

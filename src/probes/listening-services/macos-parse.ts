/**
 * `lsof -F` field output (lsof(8), "OUTPUT FOR OTHER PROGRAMS"): one field per line, the first
 * character names it. A `p` line starts a process (then `c` command, `u` uid, `L` login name);
 * each open file follows with `f` (when asked), `t` type (IPv4, IPv6), `P` protocol (TCP, UDP) and
 * `n` name (`*:5432`, `127.0.0.1:631`, `[::1]:6379`, `10.0.0.2:5353->10.0.0.1:5353`).
 * The field format is the same on every system lsof runs on (recorded samples: Linux lsof 4.95).
 */
export interface LsofSocket {
  pid: number;
  command: string | null;
  uid: number | null;
  login: string | null;
  protocol: 'tcp' | 'udp';
  family: 'ipv4' | 'ipv6';
  address: string;
  port: number;
  /** A UDP socket with a peer (`->`): connected, not listening. */
  connected: boolean;
}

/** `*:5432` / `127.0.0.1:631` / `[::1]:6379` / `[fe80::1%lo0]:123` → address and port. */
export const parseEndpoint = (name: string, family: 'ipv4' | 'ipv6'): { address: string; port: number } | undefined => {
  const local = (name.split('->')[0] ?? '').replace(/\s*\([A-Z_]+\)\s*$/, '').trim();
  const match = /^(?:\[([^\]]+)\]|([^:\s]*|\*)):(\d+|\*)$/.exec(local);
  if (!match) return undefined;
  const port = match[3] === '*' ? 0 : Number(match[3]);
  const raw = match[1] ?? match[2] ?? '';
  const address = raw === '*' || raw === '' ? (family === 'ipv6' ? '::' : '0.0.0.0') : raw.toLowerCase();
  return { address, port };
};

export const parseLsofFields = (text: string): LsofSocket[] => {
  const sockets: LsofSocket[] = [];
  let process: { pid: number; command: string | null; uid: number | null; login: string | null } | undefined;
  let type: string | null = null;
  let protocol: string | null = null;
  for (const raw of text.replace(/^\uFEFF/, '').split(/\r?\n/)) {
    const line = raw.replace(/\0/g, '');
    if (line === '') continue;
    const field = line.charAt(0);
    const value = line.slice(1);
    switch (field) {
      case 'p':
        process = { pid: Number(value), command: null, uid: null, login: null };
        type = null;
        protocol = null;
        break;
      case 'c':
        if (process) process.command = value;
        break;
      case 'u':
        if (process && /^\d+$/.test(value)) process.uid = Number(value);
        break;
      case 'L':
        if (process) process.login = value;
        break;
      case 'f':
        type = null;
        protocol = null;
        break;
      case 't':
        type = value;
        break;
      case 'P':
        protocol = value;
        break;
      case 'n': {
        const family = type === 'IPv6' ? 'ipv6' : type === 'IPv4' ? 'ipv4' : null;
        const proto = protocol?.toUpperCase() === 'TCP' ? 'tcp' : protocol?.toUpperCase() === 'UDP' ? 'udp' : null;
        const endpoint = family === null ? undefined : parseEndpoint(value, family);
        if (process && family !== null && proto !== null && endpoint) {
          sockets.push({ ...process, protocol: proto, family, ...endpoint, connected: value.includes('->') });
        }
        break;
      }
      default:
        break;
    }
  }
  return sockets;
};

import { describe, expect, it } from 'vitest';
import {
  decodeIpv4,
  decodeIpv6,
  formatIpv6,
  isExposed,
  isListening,
  parseProcNet,
  socketInode,
  statusEffectiveUid,
  type Family,
  type Protocol,
  type SocketRow,
} from './parse.js';
import { sample, scenarios, type Scenario } from '../../testing/listening-services-samples.js';

const tables: readonly [string, Protocol, Family][] = [
  ['proc-net-tcp', 'tcp', 'ipv4'],
  ['proc-net-tcp6', 'tcp', 'ipv6'],
  ['proc-net-udp', 'udp', 'ipv4'],
  ['proc-net-udp6', 'udp', 'ipv6'],
];

const allRows = (scenario: Scenario): SocketRow[] => tables.flatMap(([file, protocol, family]) => parseProcNet(sample(scenario, file), protocol, family));

/** `ss -Htanupe` recorded at the same moment: its listening sockets as "protocol port inode". */
const ssListening = (scenario: Scenario): string[] =>
  sample(scenario, 'ss-tanupe')
    .split('\n')
    .filter((line) => /^(tcp +LISTEN|udp +UNCONN) /.test(line))
    .map((line) => {
      const [netid = '', , , , local = ''] = line.split(/\s+/);
      const inode = /\bino:(\d+)/.exec(line)?.[1] ?? '?';
      return `${netid} ${local.slice(local.lastIndexOf(':') + 1)} ${inode}`;
    })
    .sort();

describe('decodeIpv4', () => {
  it('reads the little-endian word of /proc/net/tcp', () => {
    expect(decodeIpv4('0100007F')).toBe('127.0.0.1');
    expect(decodeIpv4('00000000')).toBe('0.0.0.0');
    expect(decodeIpv4('020200C0')).toBe('192.0.2.2'); // this VM's address, as recorded
    expect(decodeIpv4('FFFFFFFF')).toBe('255.255.255.255');
    expect(decodeIpv4('0100007')).toBeUndefined();
    expect(decodeIpv4('0100007G')).toBeUndefined();
  });
});

describe('decodeIpv6', () => {
  it('reads the four little-endian words of /proc/net/tcp6 (values seen in the recordings)', () => {
    expect(decodeIpv6('00000000000000000000000000000000')).toBe('::');
    expect(decodeIpv6('00000000000000000000000001000000')).toBe('::1');
    expect(decodeIpv6('0000000000000000FFFF00000100007F')).toBe('::ffff:127.0.0.1');
  });

  it('decodes global and link-local addresses (built from the documented format: four host-order words)', () => {
    // 2001:db8::1 → words 20010db8 00000000 00000000 00000001, each written byte-reversed.
    expect(decodeIpv6('B80D0120000000000000000001000000')).toBe('2001:db8::1');
    // fe80::5054:ff:fe12:3456
    expect(decodeIpv6('000080FE00000000FF005450563412FE')).toBe('fe80::5054:ff:fe12:3456');
    expect(decodeIpv6('0000000000000000FFFF0000')).toBeUndefined();
  });
});

describe('formatIpv6 (RFC 5952)', () => {
  const bytes = (groups: number[]): number[] => groups.flatMap((g) => [g >> 8, g & 0xff]);
  it('compresses the longest run of two or more zero groups, the first on a tie, in lower case', () => {
    expect(formatIpv6(bytes([0x2001, 0xdb8, 0, 0, 0, 0, 0, 1]))).toBe('2001:db8::1');
    expect(formatIpv6(bytes([0x2001, 0xdb8, 0, 1, 1, 1, 1, 1]))).toBe('2001:db8:0:1:1:1:1:1');
    expect(formatIpv6(bytes([0x2001, 0, 0, 1, 0, 0, 0, 1]))).toBe('2001:0:0:1::1');
    expect(formatIpv6(bytes([0x2001, 0xdb8, 0, 0, 1, 0, 0, 1]))).toBe('2001:db8::1:0:0:1');
    expect(formatIpv6(bytes([0xfe80, 0, 0, 0, 0, 0, 0, 0]))).toBe('fe80::');
    expect(formatIpv6(bytes([0xabcd, 0xef01, 0x2345, 0x6789, 0xabcd, 0xef01, 0x2345, 0x6789]))).toBe('abcd:ef01:2345:6789:abcd:ef01:2345:6789');
  });

  it('writes IPv4-mapped addresses with a dotted quad', () => {
    expect(formatIpv6(bytes([0, 0, 0, 0, 0, 0xffff, 0xc000, 0x0202]))).toBe('::ffff:192.0.2.2');
  });
});

describe('parseProcNet', () => {
  it('reads every row of the recorded tables and skips the header', () => {
    const tcp = parseProcNet(sample('exposed-root', 'proc-net-tcp'), 'tcp', 'ipv4');
    expect(tcp).toHaveLength(sample('exposed-root', 'proc-net-tcp').trim().split('\n').length - 1);
    expect(tcp.find((row) => row.port === 5433)).toEqual({
      protocol: 'tcp',
      family: 'ipv4',
      address: '0.0.0.0',
      port: 5433,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 0x0a,
      uid: 101,
      inode: 345591,
    });
    // A client connection to redis: ESTABLISHED both ways.
    expect(tcp.filter((row) => row.state === 0x01).map((row) => [row.address, row.port, row.remotePort].join(' '))).toEqual(
      expect.arrayContaining([expect.stringMatching(/^127\.0\.0\.1 6379 \d+$/)]),
    );
  });

  it('decodes IPv6, IPv4-mapped and loopback rows of tcp6 and udp6', () => {
    const tcp6 = parseProcNet(sample('exposed-root', 'proc-net-tcp6'), 'tcp', 'ipv6');
    expect(tcp6.map((row) => `${row.address} ${row.port}`).sort()).toEqual([':: 18080', ':: 6379', '::1 18081', '::ffff:127.0.0.1 18082']);
    const udp6 = parseProcNet(sample('exposed-root', 'proc-net-udp6'), 'udp', 'ipv6');
    expect(udp6.map((row) => `${row.address} ${row.port} ${row.state}`).sort()).toEqual([':: 15355 7', '::1 15356 7']);
  });

  it('skips malformed lines', () => {
    const text = [
      '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode',
      '   0: 00000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1594 1 0 100 0 0 10 0',
      '   1: 00000000:07E8 00000000:0000 0A',
      '   2: 0000000:07E8 00000000:0000 0A 00000000:00000000 00:00000000 00000000     0        0 1595 1 0',
      '',
    ].join('\n');
    expect(parseProcNet(text, 'tcp', 'ipv4').map((row) => row.inode)).toEqual([1594]);
    // An IPv4 table read as IPv6 gives nothing rather than nonsense.
    expect(parseProcNet(text, 'tcp', 'ipv6')).toEqual([]);
  });
});

describe('isListening', () => {
  it.each(scenarios.filter((s) => s.endsWith('-root')))('finds the listening sockets ss finds (%s)', (scenario) => {
    const ours = allRows(scenario)
      .filter(isListening)
      .map((row) => `${row.protocol} ${row.port} ${row.inode}`)
      .sort();
    expect(ours).toEqual(ssListening(scenario));
  });

  it('leaves out connected UDP sockets (state 01) and TCP connections', () => {
    const rows = allRows('exposed-root');
    const connectedUdp = rows.filter((row) => row.protocol === 'udp' && row.state === 0x01);
    expect(connectedUdp).toHaveLength(1);
    expect(connectedUdp.some(isListening)).toBe(false);
    expect(rows.filter((row) => row.protocol === 'tcp' && row.state !== 0x0a).some(isListening)).toBe(false);
  });

  it('needs an unconnected UDP socket bound to a port', () => {
    const udp: SocketRow = {
      protocol: 'udp',
      family: 'ipv4',
      address: '0.0.0.0',
      port: 0,
      remoteAddress: '0.0.0.0',
      remotePort: 0,
      state: 0x07,
      uid: 0,
      inode: 1,
    };
    expect(isListening(udp)).toBe(false);
    expect(isListening({ ...udp, port: 53 })).toBe(true);
  });
});

describe('isExposed', () => {
  it('calls wildcard and non-loopback binds exposed', () => {
    for (const address of ['0.0.0.0', '::', '192.0.2.2', '10.0.0.5', '169.254.1.1', 'fe80::1', '2001:db8::1', '::ffff:192.0.2.2']) {
      expect(isExposed(address), address).toBe(true);
    }
  });

  it('calls loopback binds not exposed', () => {
    for (const address of ['127.0.0.1', '127.0.0.53', '127.255.255.254', '::1', '::ffff:127.0.0.1']) {
      expect(isExposed(address), address).toBe(false);
    }
  });
});

describe('socketInode and statusEffectiveUid', () => {
  it('reads socket links and nothing else', () => {
    expect(socketInode('socket:[340180]')).toBe(340180);
    expect(socketInode('pipe:[293076]')).toBeUndefined();
    expect(socketInode('/dev/null')).toBeUndefined();
    expect(socketInode('anon_inode:[eventpoll]')).toBeUndefined();
  });

  it('reads the effective uid of recorded status files', () => {
    expect(statusEffectiveUid(sample('exposed-root', 'proc/1659/status'))).toBe(101); // postgres
    expect(statusEffectiveUid(sample('exposed-root', 'proc/1658/status'))).toBe(103); // redis
    expect(statusEffectiveUid(sample('exposed-nonroot', 'self-status'))).toBe(101);
    expect(statusEffectiveUid('Uid:\t1000\t0\t0\t0\n')).toBe(0);
    expect(statusEffectiveUid('Name:\tx\n')).toBeUndefined();
  });
});

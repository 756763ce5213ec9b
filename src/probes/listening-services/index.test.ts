import { describe, expect, it } from 'vitest';
import type { JsonObject, Platform, ProbeOutcome } from '../../model.js';
import type { Host } from '../../hosts/host.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import { vanishingHost } from '../../testing/vanishing-host.js';
import type { ProbeContext } from '../probe.js';
import { listeningServices } from './index.js';
import { recordedHost, sample } from '../../testing/listening-services-samples.js';

const context = (spec: FakeHostSpec, platform: Platform = 'linux'): ProbeContext => ({
  platform,
  now: new Date(0),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
});

const run = (spec: FakeHostSpec, platform: Platform = 'linux'): Promise<ProbeOutcome> => listeningServices.collect(fakeHost(spec), context(spec, platform));

const factsOf = async (spec: FakeHostSpec): Promise<JsonObject> => {
  const outcome = await run(spec);
  if (outcome.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.facts;
};

interface Row {
  protocol: string;
  family: string;
  address: string;
  port: number;
  exposed: boolean;
  process: string | null;
  pid: number | null;
  user: string | null;
  service: string | null;
  category: string;
  socketUid: number;
  socketUser: string | null;
}
const socketsOf = (facts: JsonObject): Row[] => facts.sockets as unknown as Row[];
const text = (value: string | number | null): string => (value === null ? 'null' : String(value));
const brief = (s: Row): string =>
  `${s.protocol} ${s.address}:${s.port} ${s.exposed ? 'exposed' : 'local'} ` +
  `${text(s.process)}/${text(s.pid)}/${text(s.user)} ${text(s.service)} ${s.category}`;

/** ss -Htanupe recorded at the same moment: "protocol port" → the `name pid` pairs it shows. */
const ssOwners = (): Map<string, string[]> => {
  const owners = new Map<string, string[]>();
  for (const line of sample('exposed-root', 'ss-tanupe').split('\n')) {
    if (!/^(tcp +LISTEN|udp +UNCONN) /.test(line)) continue;
    const [netid = '', , , , local = ''] = line.split(/\s+/);
    const key = `${netid} ${local.slice(local.lastIndexOf(':') + 1)}`;
    const users = [...line.matchAll(/\("([^"]+)",pid=(\d+)/g)].map((m) => `${m[1] ?? ''} ${m[2] ?? ''}`);
    owners.set(key, [...(owners.get(key) ?? []), ...users]);
  }
  return owners;
};

describe('listening-services over the recorded VM (servers started for the recording)', () => {
  it('lists every listening socket with its process, user, service and exposure (as root)', async () => {
    const facts = await factsOf(recordedHost('exposed-root'));
    expect(socketsOf(facts).map(brief)).toEqual([
      'tcp 0.0.0.0:2024 exposed null/null/null null null',
      'tcp 0.0.0.0:5433 exposed postgres/1659/postgres postgresql database',
      'tcp 0.0.0.0:6379 exposed redis-server/1658/redis redis database',
      'tcp :::6379 exposed redis-server/1658/redis redis database',
      'tcp :::18080 exposed node/2064/root null other',
      'tcp ::1:18081 local node/2064/root null other',
      'tcp ::ffff:127.0.0.1:18082 local node/2064/root null other',
      'udp 0.0.0.0:15353 exposed python3/2063/root null other',
      'udp 127.0.0.1:15354 local python3/2063/root null other',
      'udp :::15355 exposed python3/2063/root null other',
      'udp ::1:15356 local python3/2063/root null other',
    ]);
    expect(socketsOf(facts)[1]).toEqual({
      protocol: 'tcp',
      family: 'ipv4',
      address: '0.0.0.0',
      port: 5433,
      exposed: true,
      process: 'postgres',
      pid: 1659,
      user: 'postgres',
      service: 'postgresql',
      category: 'database',
      socketUid: 101,
      socketUser: 'postgres',
    });
    expect(socketsOf(facts)[3]).toMatchObject({ family: 'ipv6', address: '::', port: 6379 });
    expect((facts.exposed as unknown as Row[]).map((s) => `${s.protocol} ${s.address}:${s.port}`)).toEqual([
      'tcp 0.0.0.0:2024',
      'tcp 0.0.0.0:5433',
      'tcp 0.0.0.0:6379',
      'tcp :::6379',
      'tcp :::18080',
      'udp 0.0.0.0:15353',
      'udp :::15355',
    ]);
    // This VM's PID 1 (the sandbox's process_api, port 2024) refuses its fd links even to root.
    expect(facts.processesResolved).toBe(false);
    expect(facts.reasons).toEqual([
      '11 listening sockets in /proc/net/tcp, /proc/net/tcp6, /proc/net/udp, /proc/net/udp6 (the network namespace of the reading process)',
      expect.stringMatching(
        /^1 listening socket not mapped to a process \(tcp 0\.0\.0\.0:2024\): the open files of \d+ processes could not be read even as root/,
      ),
    ]);
  });

  it('agrees with the process ss showed for each socket', async () => {
    const owners = ssOwners();
    for (const socket of socketsOf(await factsOf(recordedHost('exposed-root')))) {
      const key = `${socket.protocol} ${socket.port}`;
      if (socket.pid === null) expect(owners.get(key), key).toEqual([]);
      else expect(owners.get(key), key).toContain(`${text(socket.process)} ${socket.pid}`);
    }
  });

  it('without root: only the reader’s own processes are mapped, the socket owner still shows', async () => {
    const facts = await factsOf(recordedHost('exposed-nonroot'));
    const sockets = socketsOf(facts);
    expect(sockets.map(brief)).toEqual([
      'tcp 0.0.0.0:2024 exposed null/null/null null null',
      'tcp 0.0.0.0:5433 exposed postgres/1659/postgres postgresql database',
      'tcp 0.0.0.0:6379 exposed null/null/null redis database',
      'tcp :::6379 exposed null/null/null redis database',
      'tcp :::18080 exposed null/null/null null null',
      'tcp ::1:18081 local null/null/null null null',
      'tcp ::ffff:127.0.0.1:18082 local null/null/null null null',
      'udp 0.0.0.0:15353 exposed null/null/null null null',
      'udp 127.0.0.1:15354 local null/null/null null null',
      'udp :::15355 exposed null/null/null null null',
      'udp ::1:15356 local null/null/null null null',
    ]);
    expect(sockets.find((s) => s.port === 6379)).toMatchObject({ socketUid: 103, socketUser: 'redis' });
    expect(facts.processesResolved).toBe(false);
    expect(facts.reasons).toContainEqual(expect.stringMatching(/^10 listening sockets not mapped to a process .*other users’ processes need root\)$/));
  });

  it('reports loopback-only servers as not exposed', async () => {
    const facts = await factsOf(recordedHost('loopback-root'));
    expect(socketsOf(facts).map(brief)).toEqual([
      'tcp 0.0.0.0:2024 exposed null/null/null null null',
      'tcp 127.0.0.1:5432 local postgres/3517/postgres postgresql database',
      'tcp 127.0.0.1:6379 local redis-server/3516/redis redis database',
      'tcp ::1:6379 local redis-server/3516/redis redis database',
    ]);
    expect((facts.exposed as unknown as Row[]).map((s) => s.port)).toEqual([2024]);
  });

  it('reports the idle VM: only the sandbox agent on 2024', async () => {
    const facts = await factsOf(recordedHost('idle-root'));
    expect(socketsOf(facts).map(brief)).toEqual(['tcp 0.0.0.0:2024 exposed null/null/null null null']);
    expect(facts.processesResolved).toBe(false);
  });
});

// The cases below are built from the layout of the recorded tables (proc(5)), not recorded.
const header = '  sl  local_address rem_address   st tx_queue rx_queue tr tm->when retrnsmt   uid  timeout inode\n';
const v4Row = (sl: number, local: string, state: string, uid: number, inode: number): string =>
  `   ${sl}: ${local} 00000000:0000 ${state} 00000000:00000000 00:00000000 00000000 ${String(uid).padStart(5)}        0 ${inode} 1 0000000000000000 100 0 0 10 0\n`;
const tables = (tcp: string, udp = ''): Record<string, string> => ({
  '/proc/net/tcp': header + tcp,
  '/proc/net/tcp6': header,
  '/proc/net/udp': header + udp,
  '/proc/net/udp6': header,
  '/etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nsshd:x:105:65534::/run/sshd:/usr/sbin/nologin\nalice:x:1000:1000::/home/alice:/bin/bash\n',
});
const processFiles = (pid: number, comm: string, uid: number): Record<string, string> => ({
  [`/proc/${pid}/comm`]: `${comm}\n`,
  [`/proc/${pid}/status`]: `Name:\t${comm}\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n`,
});
const asUser = (uid: number): Record<string, string> => ({ '/proc/self/status': `Name:\tcharter\nUid:\t${uid}\t${uid}\t${uid}\t${uid}\n` });

describe('listening-services edge cases', () => {
  it('prefers the service over systemd for a socket-activated socket, and falls back to systemd', async () => {
    const facts = await factsOf({
      files: {
        ...tables(v4Row(0, '00000000:0016', '0A', 0, 5000) + v4Row(1, '00000000:0277', '0A', 0, 5001)),
        ...asUser(0),
        ...processFiles(1, 'systemd', 0),
        ...processFiles(700, 'sshd', 0),
      },
      links: {
        '/proc/1/fd/40': 'socket:[5000]',
        '/proc/1/fd/41': 'socket:[5001]',
        '/proc/700/fd/3': 'socket:[5000]',
        '/proc/700/fd/0': '/dev/null',
      },
    });
    expect(socketsOf(facts).map(brief)).toEqual(['tcp 0.0.0.0:22 exposed sshd/700/root ssh remote-access', 'tcp 0.0.0.0:631 exposed systemd/1/root ipp other']);
    expect(facts.processesResolved).toBe(true);
  });

  it('finds a daemon that changed user after binding as root (second pass, as root)', async () => {
    const facts = await factsOf({
      files: { ...tables('', v4Row(0, '00000000:0035', '07', 0, 6000)), ...asUser(0), ...processFiles(900, 'dnsmasq', 65534) },
      stats: { '/proc/900': { type: 'directory', uid: 65534 } },
      links: { '/proc/900/fd/4': 'socket:[6000]' },
    });
    expect(socketsOf(facts).map(brief)).toEqual(['udp 0.0.0.0:53 exposed dnsmasq/900/null dns other']);
    expect(facts.processesResolved).toBe(true);
  });

  it('without root: unreadable fd tables leave process null and processesResolved false', async () => {
    const facts = await factsOf({
      files: {
        ...tables(v4Row(0, '00000000:0016', '0A', 0, 5000) + v4Row(1, '0100007F:0BB8', '0A', 1000, 7000)),
        ...asUser(1000),
        ...processFiles(700, 'sshd', 0),
        ...processFiles(2000, 'node', 1000),
      },
      dirs: { '/proc': ['700', '2000'] },
      stats: { '/proc/700': { type: 'directory', uid: 0 }, '/proc/2000': { type: 'directory', uid: 1000 } },
      links: { '/proc/2000/fd/20': 'socket:[7000]' },
    });
    expect(socketsOf(facts).map(brief)).toEqual([
      'tcp 0.0.0.0:22 exposed null/null/null ssh remote-access',
      'tcp 127.0.0.1:3000 local node/2000/alice null other',
    ]);
    expect(facts.processesResolved).toBe(false);
    expect(facts.reasons).toContain(
      '1 listening socket not mapped to a process (tcp 0.0.0.0:22): the open files of 1 process could not be read (other users’ processes need root)',
    );
  });

  describe('processes and files that vanish during the scan', () => {
    const spec: FakeHostSpec = {
      files: {
        ...tables(v4Row(0, '00000000:0016', '0A', 0, 5000) + v4Row(1, '00000000:1F90', '0A', 0, 5001)),
        ...asUser(0),
        ...processFiles(650, 'worker', 0),
        ...processFiles(660, 'server', 0),
        ...processFiles(700, 'sshd', 0),
      },
      links: { '/proc/650/fd/3': '/dev/null', '/proc/650/fd/9': 'socket:[42]', '/proc/660/fd/5': 'socket:[5001]', '/proc/700/fd/3': 'socket:[5000]' },
    };
    const collect = async (host: Host): Promise<JsonObject> => {
      const outcome = await listeningServices.collect(host, context(spec));
      if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
      return outcome.facts;
    };

    it('skips a closed fd and an exited process: neither is an unreadable process', async () => {
      const listed = new Set<string>();
      const host = vanishingHost(fakeHost(spec), (method, path) => {
        // 650 closed fd 9 between the listing of its fds and the readlink; the next listing lacks it.
        if (path === '/proc/650/fd/9') return { code: 'ENOENT' };
        if (method === 'readDir' && path === '/proc/650/fd') {
          if (listed.has(path)) return { answer: ['3'] };
          listed.add(path);
          return undefined;
        }
        // 660 (holding :8080) exited after /proc was listed and stat'ed: reaped mid-read, then gone.
        if (path === '/proc/660/fd') return { code: 'ESRCH' };
        if (method === 'stat' && path === '/proc/660') {
          if (listed.has(path)) return { answer: undefined };
          listed.add(path);
          return undefined;
        }
        if (path.startsWith('/proc/660/')) return { code: 'ESRCH' };
        return undefined;
      });
      const facts = await collect(host);
      expect(socketsOf(facts).map(brief)).toEqual([
        'tcp 0.0.0.0:22 exposed sshd/700/root ssh remote-access',
        'tcp 0.0.0.0:8080 exposed null/null/null http web',
      ]);
      expect(facts.processesResolved).toBe(false);
      expect(facts.reasons).toContain(
        '1 listening socket not mapped to a process (tcp 0.0.0.0:8080): no process holds them (gone, or in another PID namespace)',
      );
    });

    it('still counts as unreadable an fd that stays listed but cannot be read (a permission, not a vanishing)', async () => {
      const host = vanishingHost(fakeHost(spec), (_method, path) => (path === '/proc/660/fd/5' ? { answer: undefined } : undefined));
      const facts = await collect(host);
      expect(facts.reasons).toContain(
        '1 listening socket not mapped to a process (tcp 0.0.0.0:8080): the open files of 1 process could not be read even as root (the kernel refused access)',
      );
    });

    it('fails on an error that is not a vanishing', async () => {
      const host = vanishingHost(fakeHost(spec), (_method, path) => (path === '/proc/660/fd' ? { code: 'EIO' } : undefined));
      await expect(listeningServices.collect(host, context(spec))).rejects.toThrow('EIO');
    });
  });

  it('counts kernel sockets (inode 0) as having no process, not as unresolved', async () => {
    const facts = await factsOf({ files: { ...tables(v4Row(0, '00000000:0801', '0A', 0, 0)), ...asUser(0) }, dirs: { '/proc': [] } });
    expect(socketsOf(facts).map(brief)).toEqual(['tcp 0.0.0.0:2049 exposed null/null/null nfs file-sharing']);
    expect(facts.processesResolved).toBe(true);
    expect(facts.reasons).toContain('tcp 0.0.0.0:2049: kernel sockets (no inode, e.g. nfsd, lockd), no process');
  });

  it('keeps one row for identical SO_REUSEPORT sockets of one process', async () => {
    const facts = await factsOf({
      files: { ...tables(v4Row(0, '00000000:0050', '0A', 0, 10) + v4Row(1, '00000000:0050', '0A', 0, 11)), ...asUser(0), ...processFiles(50, 'nginx', 0) },
      links: { '/proc/50/fd/6': 'socket:[10]', '/proc/50/fd/7': 'socket:[11]' },
    });
    expect(socketsOf(facts).map(brief)).toEqual(['tcp 0.0.0.0:80 exposed nginx/50/root http web']);
  });

  it('says so when IPv6 tables are absent, and answers null when the IPv4 ones are', async () => {
    const v4Only = Object.fromEntries(Object.entries(tables('')).filter(([path]) => !path.endsWith('6')));
    const facts = await factsOf({ files: { ...v4Only, ...asUser(0) } });
    expect(facts.sockets).toEqual([]);
    expect(facts.processesResolved).toBe(true);
    expect(facts.reasons).toContain('/proc/net/tcp6 and /proc/net/udp6 absent: IPv6 is disabled in this kernel, IPv4 sockets only');

    expect(await factsOf({ files: { '/etc/passwd': '' } })).toEqual({
      sockets: null,
      exposed: null,
      processesResolved: null,
      reasons: ['cannot read /proc/net/tcp, /proc/net/tcp6, /proc/net/udp, /proc/net/udp6: the sockets of this system are unknown'],
    });
  });

  it('cannot map processes when /proc cannot be listed', async () => {
    const spec: FakeHostSpec = { files: tables(v4Row(0, '00000000:0016', '0A', 0, 5000)) };
    const host = fakeHost(spec);
    const unlisted = { ...host, readDir: (path: string) => (path === '/proc' ? Promise.resolve(undefined) : host.readDir(path)) };
    const outcome = await listeningServices.collect(unlisted, context(spec));
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    const facts = outcome.facts;
    expect(socketsOf(facts).map(brief)).toEqual(['tcp 0.0.0.0:22 exposed null/null/null ssh remote-access']);
    expect(facts.processesResolved).toBe(false);
    expect(facts.reasons).toContain('cannot list /proc: the processes behind the sockets are unknown');
  });

  it('is unsupported at rest and off Linux', async () => {
    expect(await run({ capabilities: { live: false, exec: false } })).toEqual({
      status: 'unsupported',
      reason: 'listening sockets exist only on a running system',
    });
    expect((await run({}, 'macos')).status).toBe('ok'); // lsof absent: sockets null (macos.test.ts covers macOS)
  });
});

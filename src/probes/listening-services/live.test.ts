/**
 * The probe on this machine, against real listeners: a node:net server, then a real PostgreSQL
 * and a real Redis when their binaries are installed (skipped, with the reason in the test name,
 * when they are not). As root, the servers run as the `postgres` (or `nobody`) account through
 * execa's uid/gid options, so the server is the spawned process itself and receives its signals.
 * Everything started here is stopped and its files removed in afterAll.
 */
import { constants } from 'node:fs';
import { access, chmod, chown, mkdir, mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import net from 'node:net';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import { localHost } from '../../hosts/local.js';
import { parsePasswd } from '../../platform/codecs/passwd.js';
import { listeningServices } from './index.js';

interface Socket {
  protocol: string;
  address: string;
  port: number;
  exposed: boolean;
  process: string | null;
  pid: number | null;
  service: string | null;
  category: string;
}

const onLinux = process.platform === 'linux';
const isRoot = process.getuid?.() === 0;

const probe = async (host: Host): Promise<Socket[]> => {
  const outcome = await listeningServices.collect(host, {
    platform: 'linux',
    now: new Date(),
    catalog: { apps: [] },
    capabilities: host.capabilities,
  });
  if (outcome.status !== 'ok') throw new Error(`probe: ${JSON.stringify(outcome)}`);
  return outcome.facts.sockets as unknown as Socket[];
};

const listen = (host: string, port = 0): Promise<net.Server> =>
  new Promise((resolve, reject) => {
    const server = net.createServer();
    server.once('error', reject);
    server.listen({ host, port }, () => {
      resolve(server);
    });
  });
const close = (server: net.Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => {
      resolve();
    });
  });
const portOf = (server: net.Server): number => (server.address() as AddressInfo).port;

const freePort = async (): Promise<number> => {
  const server = await listen('127.0.0.1');
  const port = portOf(server);
  await close(server);
  return port;
};

const sleep = (ms: number): Promise<void> =>
  new Promise((resolve) => {
    setTimeout(resolve, ms);
  });

/** True once something accepts TCP connections on 127.0.0.1:port. */
const accepts = (port: number): Promise<boolean> =>
  new Promise((resolve) => {
    const socket = net.connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => {
      resolve(false);
    });
  });

const executable = async (file: string): Promise<boolean> =>
  access(file, constants.X_OK).then(
    () => true,
    () => false,
  );

const pathDirs = (process.env.PATH ?? '').split(':').filter((dir) => dir !== '');

/** The first directory holding every one of `names` as an executable. */
const findBinDir = async (dirs: readonly string[], names: readonly string[]): Promise<string | undefined> => {
  for (const dir of dirs) {
    const found = await Promise.all(names.map((name) => executable(path.join(dir, name))));
    if (found.every(Boolean)) return dir;
  }
  return undefined;
};

const postgresDirs = async (): Promise<string[]> => {
  const versions = (await readdir('/usr/lib/postgresql').catch(() => [])).sort().reverse();
  return [...versions.map((version) => `/usr/lib/postgresql/${version}/bin`), ...pathDirs];
};

/** Servers refuse to run as root (PostgreSQL) or should not: as root, run them as this account (spawned with its uid and gid). */
const serviceAccount = async (): Promise<{ name: string; uid: number; gid: number } | undefined> => {
  if (!isRoot) return undefined;
  const entries = parsePasswd(await readFile('/etc/passwd', 'utf8'));
  return entries.find((entry) => entry.name === 'postgres') ?? entries.find((entry) => entry.name === 'nobody');
};

describe.skipIf(!onLinux)('listening-services on this machine', () => {
  let host: Host;
  beforeAll(async () => {
    host = await localHost.create(undefined, { cwd: process.cwd() });
  });

  it('reports a node listener on 0.0.0.0 as exposed, with this process', async () => {
    const server = await listen('0.0.0.0');
    try {
      const port = portOf(server);
      const socket = (await probe(host)).find((s) => s.protocol === 'tcp' && s.port === port);
      const comm = (await readFile('/proc/self/comm', 'utf8')).trim();
      expect(socket).toMatchObject({ address: '0.0.0.0', exposed: true, process: comm, pid: process.pid });
      expect(comm).toMatch(/^node/);
    } finally {
      await close(server);
    }
  });

  it('reports a node listener on 127.0.0.1 as not exposed', async () => {
    const server = await listen('127.0.0.1');
    try {
      const port = portOf(server);
      const socket = (await probe(host)).find((s) => s.protocol === 'tcp' && s.port === port);
      expect(socket).toMatchObject({ address: '127.0.0.1', exposed: false, pid: process.pid });
    } finally {
      await close(server);
    }
  });
});

/** execa options that run a program as the service account (when root), never through a shell. */
interface RunAs {
  uid?: number;
  gid?: number;
}

interface ServerKind {
  label: string;
  service: string;
  process: string;
  find(): Promise<string | undefined>;
  /** Once per run, in the work directory (owned by the account that runs the server). */
  prepare(bin: string, work: string, runAs: RunAs): Promise<void>;
  argv(bin: string, work: string, bind: string, port: number): string[];
}

const kinds: ServerKind[] = [
  {
    label: 'PostgreSQL',
    service: 'postgresql',
    process: 'postgres',
    find: async () => findBinDir(await postgresDirs(), ['postgres', 'initdb']),
    prepare: async (bin, work, runAs) => {
      const args = ['-D', path.join(work, 'data'), '-A', 'trust', '-U', 'postgres', '--no-sync'];
      const result = await execa(path.join(bin, 'initdb'), args, { ...runAs, cwd: work, reject: false, stdin: 'ignore', timeout: 20_000 });
      if (result.exitCode !== 0) throw new Error(`initdb failed: ${result.stderr}`);
    },
    argv: (bin, work, bind, port) => [
      path.join(bin, 'postgres'),
      '-D',
      path.join(work, 'data'),
      '-k',
      work,
      '-p',
      String(port),
      '-c',
      `listen_addresses=${bind}`,
      '-c',
      'fsync=off',
    ],
  },
  {
    label: 'Redis',
    service: 'redis',
    process: 'redis-server',
    find: () => findBinDir(pathDirs, ['redis-server']),
    prepare: () => Promise.resolve(),
    argv: (bin, work, bind, port) => [
      path.join(bin, 'redis-server'),
      '--port',
      String(port),
      '--bind',
      bind,
      '--save',
      '',
      '--appendonly',
      'no',
      '--protected-mode',
      'no',
      '--daemonize',
      'no',
      '--dir',
      work,
    ],
  },
];

const found = await Promise.all(kinds.map(async (kind) => ({ kind, bin: onLinux ? await kind.find() : undefined })));

for (const { kind, bin } of found) {
  const title =
    bin === undefined
      ? `listening-services with a real ${kind.label} (skipped: no ${kind.label} binary in PATH${kind.label === 'PostgreSQL' ? ' or /usr/lib/postgresql/*/bin' : ''})`
      : `listening-services with a real ${kind.label} (${bin})`;

  describe.skipIf(bin === undefined)(title, () => {
    let host: Host;
    let root: string | undefined;
    let work = '';
    let runAs: RunAs = {};
    const running = new Set<ResultPromise>();

    /** SIGINT: PostgreSQL's fast shutdown, Redis's normal one; SIGKILL after 5 s. */
    const stop = async (server: ResultPromise): Promise<void> => {
      server.kill('SIGINT');
      const timer = setTimeout(() => server.kill('SIGKILL'), 5_000);
      await server;
      clearTimeout(timer);
      running.delete(server);
    };

    /** Start the server bound to `bind` on a free port; resolve once it accepts connections. */
    const start = async (bind: string): Promise<{ server: ResultPromise; port: number }> => {
      const port = await freePort();
      const [file = '', ...args] = kind.argv(bin ?? '', work, bind, port);
      // Output to a file, not a pipe: a pipe held open by a leftover child would keep `await server` waiting.
      const log = path.join(root ?? work, `${kind.process}-${bind}.log`);
      const server = execa(file, args, { ...runAs, cwd: work, reject: false, stdin: 'ignore', stdout: 'ignore', stderr: { file: log } });
      running.add(server);
      const state = { exited: false };
      void server.then(() => {
        state.exited = true;
      });
      // Polled until it accepts or exits (the pause only paces the attempts); the bound is generous
      // for a loaded machine and ends a server that never comes up.
      for (let attempt = 0; attempt < 600 && !state.exited; attempt += 1) {
        if (await accepts(port)) return { server, port };
        await sleep(100);
      }
      await stop(server);
      throw new Error(`${kind.label} did not start: ${await readFile(log, 'utf8').catch(() => '')}`);
    };

    beforeAll(async () => {
      host = await localHost.create(undefined, { cwd: process.cwd() });
      root = await mkdtemp(path.join(os.tmpdir(), 'charter-listening-'));
      await chmod(root, 0o755);
      work = path.join(root, 'work');
      await mkdir(work, { mode: 0o700 });
      const account = await serviceAccount();
      if (account !== undefined) {
        await chown(work, account.uid, account.gid);
        runAs = { uid: account.uid, gid: account.gid };
      }
      await kind.prepare(bin ?? '', work, runAs);
    });

    afterAll(async () => {
      await Promise.all([...running].map(stop));
      if (root !== undefined) await rm(root, { recursive: true, force: true });
    });

    const check = async (bind: string, exposed: boolean): Promise<void> => {
      const { server, port } = await start(bind);
      try {
        const socket = (await probe(host)).find((s) => s.protocol === 'tcp' && s.port === port);
        expect(socket).toMatchObject({
          address: bind,
          exposed,
          process: kind.process,
          service: kind.service,
          category: 'database',
        });
        expect(socket?.pid).toBe(server.pid);
      } finally {
        await stop(server);
      }
    };

    it(`finds ${kind.label} bound to 0.0.0.0 exposed, as ${kind.service} (database)`, async () => {
      await check('0.0.0.0', true);
    });

    it(`finds ${kind.label} bound to 127.0.0.1 not exposed`, async () => {
      await check('127.0.0.1', false);
    });
  });
}

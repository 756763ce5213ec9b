/**
 * A throwaway OpenSSH server on 127.0.0.1 for tests: its own host key, one client key, a
 * known_hosts for the client, `sshd -D` per port. Needs /usr/sbin/sshd (openssh-server).
 */
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createServer, connect, type AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { execa, type ResultPromise } from 'execa';

export const sshdBinary = '/usr/sbin/sshd';
export const sshAvailable = existsSync(sshdBinary) && ['/usr/bin/ssh', '/bin/ssh', '/usr/local/bin/ssh'].some((p) => existsSync(p));

export const freePort = async (): Promise<number> => {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => {
    server.close(() => {
      resolve();
    });
  });
  return port;
};

export const waitForPort = async (port: number, ms: number): Promise<void> => {
  const deadline = Date.now() + ms;
  while (Date.now() < deadline) {
    const up = await new Promise<boolean>((resolve) => {
      const socket = connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        resolve(true);
      });
      socket.once('error', () => {
        resolve(false);
      });
    });
    if (up) return;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`sshd did not listen on ${String(port)}`);
};

export interface LoopbackSshd {
  dir: string;
  ports: number[];
  identityFile: string;
  knownHostsFile: string;
  /** What the servers logged on stderr so far (at `logLevel`). */
  log(): string;
  stop(): Promise<void>;
}

export interface LoopbackSshdOptions {
  /** sshd's LogLevel: ERROR (default); INFO logs one "Accepted publickey" line per connection, DEBUG the key exchange. */
  logLevel?: 'ERROR' | 'INFO' | 'DEBUG';
}

/** Connections sshd accepted, from its log at INFO or more. */
export const acceptedConnections = (log: string): number => (log.match(/Accepted publickey/g) ?? []).length;

/** Starts one sshd per requested port (`count` ports), all trusting one client key. */
export const startLoopbackSshd = async (count: number, options: LoopbackSshdOptions = {}): Promise<LoopbackSshd> => {
  const dir = await mkdtemp(path.join(tmpdir(), 'charter-sshd-'));
  if (process.getuid?.() === 0) await mkdir('/run/sshd', { recursive: true, mode: 0o755 });
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'charter-test-host', '-f', path.join(dir, 'host_key')]);
  await execa('ssh-keygen', ['-q', '-t', 'ed25519', '-N', '', '-C', 'charter-test-client', '-f', path.join(dir, 'client_key')]);
  await writeFile(path.join(dir, 'authorized_keys'), await readFile(path.join(dir, 'client_key.pub')));
  await writeFile(
    path.join(dir, 'sshd_config'),
    [
      'ListenAddress 127.0.0.1',
      `HostKey ${path.join(dir, 'host_key')}`,
      `AuthorizedKeysFile ${path.join(dir, 'authorized_keys')}`,
      'PermitRootLogin prohibit-password',
      'PasswordAuthentication no',
      'KbdInteractiveAuthentication no',
      'UsePAM no',
      'StrictModes no',
      'MaxSessions 100',
      'MaxStartups 100',
      `LogLevel ${options.logLevel ?? 'ERROR'}`,
      '',
    ].join('\n'),
  );
  const ports: number[] = [];
  for (let i = 0; i < count; i += 1) ports.push(await freePort());
  const hostKey = (await readFile(path.join(dir, 'host_key.pub'), 'utf8')).split(' ').slice(0, 2).join(' ');
  await writeFile(path.join(dir, 'known_hosts'), ports.map((p) => `[127.0.0.1]:${String(p)} ${hostKey}\n`).join(''));
  const servers: ResultPromise[] = ports.map((port) =>
    execa(
      sshdBinary,
      ['-D', '-e', '-f', path.join(dir, 'sshd_config'), '-o', `Port=${String(port)}`, '-o', `PidFile=${path.join(dir, `sshd-${String(port)}.pid`)}`],
      {
        reject: false,
        stdin: 'ignore',
        stdout: 'ignore',
        buffer: false,
      },
    ),
  );
  let log = '';
  for (const server of servers) {
    server.stderr?.setEncoding('utf8');
    server.stderr?.on('data', (text: string) => {
      log += text;
    });
  }
  await Promise.all(ports.map((port) => waitForPort(port, 10_000)));
  return {
    dir,
    ports,
    identityFile: path.join(dir, 'client_key'),
    knownHostsFile: path.join(dir, 'known_hosts'),
    log: () => log,
    stop: async () => {
      for (const server of servers) server.kill('SIGTERM');
      await Promise.all(servers);
      await rm(dir, { recursive: true, force: true });
    },
  };
};

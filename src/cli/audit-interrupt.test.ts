import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildPrivateCli } from '../testing/private-cli.js';
import { killAll, processesWith, waitFor } from '../testing/processes.js';
import { sshAvailable } from '../testing/sshd.js';

/**
 * Ctrl-C during an ssh audit, on the real CLI and the real ssh client: hosts that accept and never
 * speak keep their ssh clients waiting; SIGINT stops every one of them, says in one line what was
 * interrupted, and exits 130. The ssh clients are found in /proc by their unique -F argument.
 */
describe.skipIf(!sshAvailable || process.platform !== 'linux')('Ctrl-C during an ssh audit (real process, real ssh)', () => {
  let work = '';
  let bin = '';
  let config = '';
  const servers: Server[] = [];
  const sockets: Socket[] = [];
  const ports: number[] = [];

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'charter-audit-int-'));
    bin = await buildPrivateCli(join(work, 'pkg'));
    config = join(work, `ssh_config-${String(process.pid)}-${String(Date.now())}`);
    writeFileSync(config, 'StrictHostKeyChecking yes\n');
    for (let i = 0; i < 3; i++) {
      const server = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      servers.push(server);
      ports.push((server.address() as AddressInfo).port);
    }
    writeFileSync(join(work, 'hosts'), ports.map((port) => `nobody@127.0.0.1:${String(port)}`).join('\n') + '\n');
  }, 150_000);

  afterAll(async () => {
    killAll(await processesWith(config));
    for (const socket of sockets) socket.destroy();
    for (const server of servers) server.close();
    if (work !== '') rmSync(work, { recursive: true, force: true });
  });

  it('stops every ssh client, says what it stopped in one line, exits 130', async () => {
    const child = spawn(
      process.execPath,
      [bin, 'audit', '--inventory', 'hosts', '--ssh-config', config, '--connect-timeout', '300', '--format', 'json', '--output', 'fleet.json'],
      {
        cwd: work,
        stdio: ['ignore', 'ignore', 'pipe'],
        env: { ...process.env, NO_COLOR: '1' },
      },
    );
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    const exited = new Promise<number | null>((resolve) =>
      child.on('close', (code) => {
        resolve(code);
      }),
    );
    // Generous: on a loaded machine starting the CLI and its three ssh clients takes a while.
    // The ssh clients, not charter itself (its own argv names the config file too).
    const sshClients = async (): Promise<number[]> => (await processesWith(config)).filter((pid) => pid !== child.pid);
    await waitFor(async () => (await sshClients()).length === ports.length || child.exitCode !== null, 90_000);
    expect(child.exitCode, stderr).toBeNull();
    child.kill('SIGINT');
    const code = await exited;
    expect(code, stderr).toBe(130);
    expect(stderr).toMatch(/^charter audit: interrupted by SIGINT; stopped 3 ssh sessions?\n$/m);
    expect(stderr).not.toMatch(/\n\s+at /);
    await waitFor(async () => (await processesWith(config)).length === 0, 5_000);
    expect(await processesWith(config)).toEqual([]);
  }, 150_000);
});

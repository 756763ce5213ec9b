import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AuditReport } from '../fleet/model.js';
import { memoryIo } from '../testing/memory-io.js';
import { freePort, sshAvailable, startLoopbackSshd, type LoopbackSshd } from '../testing/sshd.js';
import { run } from './main.js';

/**
 * `charter audit --inventory` against real OpenSSH servers on loopback: several "hosts" (ports),
 * one port where nothing listens, one server that accepts and never speaks. The audit completes,
 * those two are marked with their reason, the others are checked.
 */
describe.skipIf(!sshAvailable)('charter audit over ssh (real sshd on loopback)', () => {
  let sshd: LoopbackSshd;
  let silent: Server;
  let silentPort = 0;
  let refusedPort = 0;
  const work = mkdtempSync(join(tmpdir(), 'charter-audit-ssh-'));
  const user = userInfo().username;

  beforeAll(async () => {
    sshd = await startLoopbackSshd(3);
    refusedPort = await freePort();
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
  }, 30_000);

  afterAll(async () => {
    silent.close();
    await sshd.stop();
    rmSync(work, { recursive: true, force: true });
  });

  const audit = async (inventory: string, extra: string[] = []) => {
    writeFileSync(join(work, 'inventory'), inventory);
    const io = memoryIo({ cwd: work });
    const started = Date.now();
    const code = await run(
      [
        'audit',
        '--inventory',
        'inventory',
        '--identity',
        sshd.identityFile,
        '--known-hosts',
        sshd.knownHostsFile,
        '--ssh-config',
        '/dev/null',
        '--connect-timeout',
        '2',
        '--format',
        'json',
        '--output',
        'fleet.json',
        ...extra,
      ],
      io,
    );
    return { code, ms: Date.now() - started, err: io.err(), report: JSON.parse(readFileSync(join(work, 'fleet.json'), 'utf8')) as AuditReport };
  };

  it('checks every reachable host and marks the refusing and the silent one, with reasons', async () => {
    const inventory = [
      '# loopback "hosts"',
      ...sshd.ports.map((port) => `${user}@127.0.0.1:${String(port)}`),
      `${user}@127.0.0.1:${String(refusedPort)}`,
      `${user}@127.0.0.1:${String(silentPort)}`,
      '',
    ].join('\n');
    const { code, report, err } = await audit(inventory);
    expect(code).toBe(1);
    expect(err).toContain('incomplete');
    expect(report.complete).toBe(false);
    // The three ports are one machine (same machine id and host name): checked three times, one row.
    expect(report.summary).toMatchObject({ total: 3, checked: 1, notChecked: 2, duplicates: 2 });
    const byPort = (port: number) => report.hosts.find((h) => h.source.endsWith(`:${String(port)}`));
    const [first, ...others] = sshd.ports;
    const host = byPort(first ?? 0);
    expect(host?.status).toBe('checked');
    expect(host?.report?.findings.length).toBeGreaterThan(20);
    expect(host?.report?.target.kind).toBe('ssh');
    expect(host?.identity?.name).toBeTruthy();
    expect(host?.duplicates?.map((d) => d.source).sort()).toEqual(others.map((port) => `ssh:${user}@127.0.0.1:${String(port)}`).sort());
    expect(byPort(refusedPort)).toMatchObject({ status: 'unreachable', reason: expect.stringMatching(/refused/i) as unknown });
    expect(byPort(silentPort)?.status).toMatch(/unreachable|timeout/);
  }, 120_000);

  it('reads an identity and a known hosts file whose paths hold spaces and %', async () => {
    const odd = join(work, 'keys and hosts %h %d');
    mkdirSync(odd, { recursive: true });
    copyFileSync(sshd.identityFile, join(odd, 'id %h key'));
    copyFileSync(sshd.knownHostsFile, join(odd, 'known hosts'));
    const port = sshd.ports[0] ?? 0;
    writeFileSync(join(work, 'inventory'), `${user}@127.0.0.1:${String(port)}\n`);
    const io = memoryIo({ cwd: work });
    const code = await run(
      [
        'audit',
        '--inventory',
        'inventory',
        '--identity',
        join(odd, 'id %h key'),
        '--known-hosts',
        join(odd, 'known hosts'),
        '--ssh-config',
        '/dev/null',
        '--connect-timeout',
        '5',
        '--format',
        'json',
        '--output',
        'odd.json',
      ],
      io,
    );
    const report = JSON.parse(readFileSync(join(work, 'odd.json'), 'utf8')) as AuditReport;
    expect(report.summary, JSON.stringify(report).slice(0, 3000)).toMatchObject({ total: 1, checked: 1, notChecked: 0 });
    expect(code).toBeLessThan(2);
  }, 60_000);
});

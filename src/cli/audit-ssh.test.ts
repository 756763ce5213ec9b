import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { createServer, type AddressInfo, type Server } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { memoryIo } from '../testing/memory-io.js';
import { sshAuditSetup, type SshAuditSetup } from '../testing/ssh-audit.js';
import { acceptedConnections, freePort, sshAvailable } from '../testing/sshd.js';
import { run } from './main.js';

/**
 * `charter audit --inventory` against real OpenSSH servers on loopback: several "hosts" (ports),
 * one port where nothing listens, one server that accepts and never speaks. The audit completes,
 * those two are marked with their reason, the others are checked.
 */
describe.skipIf(!sshAvailable)('charter audit over ssh (real sshd on loopback)', () => {
  let setup: SshAuditSetup;
  let silent: Server;
  let silentPort = 0;
  let refusedPort = 0;

  beforeAll(async () => {
    // INFO: sshd logs one "Accepted publickey" line per connection, counted below.
    setup = await sshAuditSetup(3, 'charter-audit-ssh-', { logLevel: 'INFO' });
    refusedPort = await freePort();
    silent = createServer(() => undefined);
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    silentPort = (silent.address() as AddressInfo).port;
  }, 30_000);

  afterAll(async () => {
    silent.close();
    await setup.stop();
  });

  it('checks every reachable host and marks the refusing and the silent one, with reasons', async () => {
    const { sshd, user } = setup;
    const inventory = ['# loopback "hosts"', ...setup.lines(), `${user}@127.0.0.1:${String(refusedPort)}`, `${user}@127.0.0.1:${String(silentPort)}`, ''].join(
      '\n',
    );
    const acceptedBefore = acceptedConnections(sshd.log());
    const { code, report, err } = await setup.audit(inventory);
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
    // One ssh connection per checked host, whatever its probes read and run (every batch of reads
    // and commands goes through the one session).
    expect(acceptedConnections(sshd.log()) - acceptedBefore).toBe(sshd.ports.length);
  }, 120_000);

  it('reads an identity and a known hosts file whose paths hold spaces and %', async () => {
    const { sshd, work } = setup;
    const odd = join(work, 'keys and hosts %h %d');
    mkdirSync(odd, { recursive: true });
    copyFileSync(sshd.identityFile, join(odd, 'id %h key'));
    copyFileSync(sshd.knownHostsFile, join(odd, 'known hosts'));
    const { code, report } = await setup.audit(`${setup.lines()[0] ?? ''}\n`, [], {
      identity: join(odd, 'id %h key'),
      knownHosts: join(odd, 'known hosts'),
      connectTimeout: 5,
      output: 'odd.json',
    });
    expect(report.summary, JSON.stringify(report).slice(0, 3000)).toMatchObject({ total: 1, checked: 1, notChecked: 0 });
    expect(code).toBeLessThan(2);
  }, 60_000);

  it('--ssh-kex reaches ssh: a key exchange the server has is used, one the server lacks fails the host', async () => {
    const { code, report } = await setup.audit(`${setup.lines()[0] ?? ''}\n`, ['--ssh-kex', 'curve25519-sha256'], { connectTimeout: 5 });
    expect(report.summary).toMatchObject({ total: 1, checked: 1, notChecked: 0 });
    expect(code).toBeLessThan(2);
    // OpenSSH's sshd offers no SHA-1 group 1 exchange by default; the client still knows it.
    const refused = await setup.audit(`${setup.lines()[0] ?? ''}\n`, ['--ssh-kex', 'diffie-hellman-group1-sha1'], { connectTimeout: 5 });
    // (ssh says why at LogLevel INFO, which charter's LogLevel=ERROR keeps quiet: the session just ends.)
    expect(refused.report.hosts[0]?.status).not.toBe('checked');
    expect(refused.report.hosts[0]?.reason).toMatch(/no matching key exchange method|ended while connecting/i);
  }, 60_000);

  it('--ssh-kex with an algorithm the ssh client does not know is a usage error before any connection', async () => {
    const acceptedBefore = acceptedConnections(setup.sshd.log());
    writeFileSync(join(setup.work, 'inventory'), setup.lines().join('\n'));
    const io = memoryIo({ cwd: setup.work });
    const code = await run(['audit', '--inventory', 'inventory', '--ssh-kex', 'no-such-kex-sha1', '--format', 'json', '--output', 'none.json'], io);
    expect(code).toBe(2);
    expect(io.err()).toMatch(/^charter: --ssh-kex no-such-kex-sha1: this ssh client does not know no-such-kex-sha1; it knows .*curve25519-sha256/);
    expect(acceptedConnections(setup.sshd.log())).toBe(acceptedBefore);
  }, 30_000);
});

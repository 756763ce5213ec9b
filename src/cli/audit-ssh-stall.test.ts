import { readFileSync, writeFileSync } from 'node:fs';
import { readFile, readdir } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { liveChildren } from '../hosts/children.js';
import { killAll, processesWith, sleepMarker } from '../testing/processes.js';
import { sshAuditSetup, type SshAuditSetup } from '../testing/ssh-audit.js';
import { sshAvailable } from '../testing/sshd.js';

/** Live ssh clients (argv[0] named ssh) whose arguments include `port`, from /proc. */
const sshClientsTo = async (port: number): Promise<number[]> => {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const argv = (await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '')).split('\0');
    if (basename(argv[0] ?? '') === 'ssh' && argv.includes(String(port))) found.push(Number(entry));
  }
  return found;
};

/**
 * An ssh host that accepts the connection and then never answers (its authorized key forces
 * `sleep`): the audit still ends at --host-timeout, the host is one "timeout" row, and its ssh
 * client is gone.
 */
describe.skipIf(!sshAvailable)('charter audit over a stalled ssh server (real sshd on loopback)', () => {
  let setup: SshAuditSetup;
  const marker = sleepMarker();

  beforeAll(async () => {
    setup = await sshAuditSetup(1, 'charter-audit-stall-');
    const { sshd } = setup;
    const key = readFileSync(`${sshd.identityFile}.pub`, 'utf8').trim();
    writeFileSync(join(sshd.dir, 'authorized_keys'), `command="exec sleep 1000 ${marker}" ${key}\n`);
  }, 30_000);

  afterAll(async () => {
    // The remote side of the session (on this same machine) is not charter's to end.
    killAll(await processesWith(marker));
    await setup.stop();
  });

  it('ends at --host-timeout with the host as one "timeout" row, and no ssh client left', async () => {
    const port = setup.sshd.ports[0] ?? 0;
    const { code, ms, err, report } = await setup.audit(`${setup.lines()[0] ?? ''}\n`, ['--host-timeout', '2000']);
    // Generous: the first run in this process also loads the policy and the whole pipeline.
    expect(ms, err).toBeLessThan(30_000);
    expect(code).toBe(1);
    expect(report.hosts).toHaveLength(1);
    expect(report.hosts[0]).toMatchObject({ status: 'timeout', reason: 'not done within 2000 ms' });
    expect(report.hosts[0]?.durationMs).toBeLessThan(2000 + 2000);
    expect(liveChildren()).toBe(0);
    expect(await sshClientsTo(port)).toEqual([]);
  }, 60_000);
});

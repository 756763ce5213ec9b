import { chmodSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { collectFacts } from './collect.js';
import { localHost } from './hosts/local.js';
import { loadPolicy } from './policy/load.js';
import { defaultPolicyFile } from './package-info.js';
import { killAll, processesWith, sleepMarker, waitFor } from './testing/processes.js';

/**
 * A probe given up at its time limit stops what it started: its commands are gone when the
 * collection returns, not when the host is closed at the end of the run. Every program the probes
 * run hangs here (fakes first on PATH, each sleep carrying a unique argument to find it in /proc).
 */
describe.skipIf(process.platform !== 'linux')('a timed-out probe stops its commands', () => {
  const marker = sleepMarker();
  let work = '';
  const savedPath = process.env.PATH;

  beforeAll(() => {
    work = mkdtempSync(join(tmpdir(), 'charter-cancel-'));
    const fakes = join(work, 'fakes');
    mkdirSync(fakes);
    for (const command of ['lsblk', 'cryptsetup', 'nft', 'ufw', 'iptables', 'firewall-cmd', 'sshd', 'systemctl', 'timedatectl', 'auditctl', 'zfs']) {
      writeFileSync(join(fakes, command), `#!/bin/sh\necho ${command} >> '${join(work, 'started')}'\nexec sleep 1000 ${marker}\n`);
      chmodSync(join(fakes, command), 0o755);
    }
    process.env.PATH = `${fakes}:${savedPath ?? ''}`;
  });

  afterAll(async () => {
    process.env.PATH = savedPath;
    killAll(await processesWith(marker));
    rmSync(work, { recursive: true, force: true });
  });

  it('ends them at the probe time limit, while the host stays open', async () => {
    const policy = await loadPolicy(defaultPolicyFile());
    const host = await localHost.create(undefined, { cwd: process.cwd() });
    try {
      const started = Date.now();
      // Their own time limits are 5 s (lsblk, firewall-cmd, sshd -T): only the probe's can end them within the wait below.
      const pending = collectFacts(host, ['disk-encryption', 'firewall', 'ssh-server'], {
        platform: 'linux',
        catalog: policy.catalog,
        now: new Date(),
        timeoutMs: 1_000,
      });
      const facts = await pending;
      // They did start (each fake notes it first), and timed out.
      expect(readFileSync(join(work, 'started'), 'utf8').trim().split('\n').length).toBeGreaterThan(0);
      const timedOut = Object.entries(facts).filter(([, outcome]) => outcome.status === 'error' && outcome.code === 'timeout');
      expect(timedOut.length, JSON.stringify(facts)).toBeGreaterThan(0);
      expect(Date.now() - started).toBeGreaterThanOrEqual(1_000);
      // Before host.close(), and well before their own 5 s limits: the commands are already ended.
      await waitFor(async () => (await processesWith(marker)).length === 0, 1_000);
    } finally {
      await host.close();
    }
  }, 60_000);

  it('ends every probe at once when the whole collection is cancelled', async () => {
    const policy = await loadPolicy(defaultPolicyFile());
    const host = await localHost.create(undefined, { cwd: process.cwd() });
    const controller = new AbortController();
    try {
      const pending = collectFacts(host, ['disk-encryption', 'firewall', 'ssh-server'], {
        platform: 'linux',
        catalog: policy.catalog,
        now: new Date(),
        timeoutMs: 600_000,
        signal: controller.signal,
      });
      await waitFor(async () => (await processesWith(marker)).length > 0, 15_000);
      controller.abort(new Error('interrupted'));
      const facts = await pending;
      for (const outcome of Object.values(facts)) {
        if (outcome.status === 'error') expect(outcome.message).toBe('cancelled before it finished');
      }
      expect(Object.values(facts).some((o) => o.status === 'error')).toBe(true);
      await waitFor(async () => (await processesWith(marker)).length === 0, 1_000);
    } finally {
      await host.close();
    }
  }, 60_000);
});

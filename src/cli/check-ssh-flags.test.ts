import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir, userInfo } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Report } from '../model.js';
import { memoryIo } from '../testing/memory-io.js';
import { sshAvailable, startLoopbackSshd, type LoopbackSshd } from '../testing/sshd.js';
import { run } from './main.js';

const charter = async (argv: string[], cwd: string): Promise<{ code: number; out: string; err: string }> => {
  const io = memoryIo({ cwd });
  const code = await run(argv, io);
  return { code, out: io.out(), err: io.err() };
};

describe('ssh flags on check and collect', () => {
  const work = mkdtempSync(join(tmpdir(), 'charter-check-ssh-'));
  afterAll(() => {
    rmSync(work, { recursive: true, force: true });
  });

  it('are refused for a target not reached over ssh, naming them', async () => {
    const result = await charter(['check', '--target', 'local', '--identity', '/dev/null'], work);
    expect(result.code).toBe(2);
    expect(result.err).toBe('charter: --identity: only for ssh: targets, and the target is "local"\n');
  });

  it('refuse --ssh-kex for a target not reached over ssh, and an algorithm the ssh client does not know', async () => {
    const local = await charter(['check', '--target', 'local', '--ssh-kex', 'curve25519-sha256'], work);
    expect(local.code).toBe(2);
    expect(local.err).toBe('charter: --ssh-kex: only for ssh: targets, and the target is "local"\n');
    const unknown = await charter(['collect', '--target', 'ssh:nobody@192.0.2.1', '--ssh-kex', 'curve25519-sha256,made-up-kex', '--output', 'x.json'], work);
    expect(unknown.code).toBe(2);
    expect(unknown.err).toMatch(/^charter: --ssh-kex curve25519-sha256,made-up-kex: this ssh client does not know made-up-kex; it knows /);
  });

  it('check a missing identity file before any connection', async () => {
    const result = await charter(['check', '--target', 'ssh:nobody@192.0.2.1', '--identity', 'no-such-key'], work);
    expect(result.code).toBe(2);
    expect(result.err).toBe('charter: identity file no-such-key: not found\n');
  });

  describe.skipIf(!sshAvailable)('against a real sshd on loopback', () => {
    let sshd: LoopbackSshd;
    beforeAll(async () => {
      sshd = await startLoopbackSshd(1);
    }, 30_000);
    afterAll(async () => {
      await sshd.stop();
    });

    it('check --target ssh: uses --identity, --known-hosts, --ssh-config and --connect-timeout', async () => {
      const target = `ssh:${userInfo().username}@127.0.0.1:${String(sshd.ports[0])}`;
      const flags = ['--identity', sshd.identityFile, '--known-hosts', sshd.knownHostsFile, '--ssh-config', '/dev/null', '--connect-timeout', '5'];
      const result = await charter(['check', '--target', target, ...flags, '--format', 'json'], work);
      expect(result.err).not.toContain('Permission denied');
      const report = JSON.parse(result.out) as Report;
      expect(report.target.name).toBe(target);
      expect(report.findings.length).toBeGreaterThan(10);
      const collected = await charter(['collect', '--target', target, ...flags, '--output', 'snap.json'], work);
      expect([0, 3]).toContain(collected.code);
      expect(JSON.parse(readFileSync(join(work, 'snap.json'), 'utf8'))).toHaveProperty('facts');
    }, 60_000);

    it('without --identity the same host refuses the key, so the flag is what made it work', async () => {
      const target = `ssh:${userInfo().username}@127.0.0.1:${String(sshd.ports[0])}`;
      const result = await charter(
        ['check', '--target', target, '--known-hosts', sshd.knownHostsFile, '--ssh-config', '/dev/null', '--connect-timeout', '5'],
        work,
      );
      expect(result.code).toBe(2);
      expect(result.err).toMatch(/^charter: ssh:/);
    }, 60_000);
  });
});

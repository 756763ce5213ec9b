import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { sshAvailable } from '../../testing/sshd.js';
import { chooseKex, clientKexAlgorithms, kexListProblem, preferredKex, preferringConfig } from './kex.js';
import { SshClient } from './transport.js';

const work = mkdtempSync(join(tmpdir(), 'charter-kex-'));
afterAll(() => {
  rmSync(work, { recursive: true, force: true });
});

/** The KexAlgorithms ssh would use for `host` with `-F config` (`ssh -G` connects to nothing). */
const effectiveKex = (config: string, host = 'some.host.example'): string[] => {
  const out = execFileSync('ssh', ['-G', '-F', config, host], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] });
  const line = out.split('\n').find((l) => l.startsWith('kexalgorithms '));
  return (line ?? '').slice('kexalgorithms '.length).split(',');
};

describe('the key exchange of an audit', () => {
  const client = ['curve25519-sha256', 'sntrup761x25519-sha512@openssh.com', 'diffie-hellman-group14-sha256'];

  it('refuses an explicit list with a name the client does not know, or that is not a name', () => {
    expect(kexListProblem('curve25519-sha256', client)).toBeUndefined();
    expect(kexListProblem('curve25519-sha256,diffie-hellman-group14-sha256', client)).toBeUndefined();
    expect(kexListProblem('ecdh-sha2-nistp999', client)).toMatch(/does not know ecdh-sha2-nistp999; it knows curve25519-sha256/);
    expect(kexListProblem('^curve25519-sha256', client)).toMatch(/not a key exchange algorithm name/);
    expect(kexListProblem('curve25519-sha256 -oProxyCommand=x', client)).toMatch(/not a key exchange algorithm name/);
    expect(kexListProblem('curve25519-sha256', undefined)).toMatch(/could not list/);
  });

  it('passes an explicit choice on the command line, after checking it', async () => {
    const choice = await chooseKex({ explicit: 'curve25519-sha256' }, Promise.resolve(client));
    expect(choice).toMatchObject({ kexAlgorithms: 'curve25519-sha256' });
    expect(choice.configFile).toBeUndefined();
    await expect(chooseKex({ explicit: 'nope-sha1' }, Promise.resolve(client))).rejects.toThrow(/--ssh-kex nope-sha1: this ssh client does not know nope-sha1/);
    const args = new SshClient({ host: 'web1' }, { kexAlgorithms: 'curve25519-sha256' }).baseArgs();
    expect(args.join(' ')).toContain('-o KexAlgorithms=curve25519-sha256');
  });

  it('leaves ssh alone when its client has no ML-KEM (OpenSSH before 9.9) or cannot say', async () => {
    for (const known of [client, undefined]) {
      const choice = await chooseKex({}, Promise.resolve(known));
      expect(choice.configFile).toBeUndefined();
      expect(choice.kexAlgorithms).toBeUndefined();
    }
  });

  it('prefers ML-KEM through a config that includes the user config first, and removes it after', async () => {
    const user = join(work, 'user config');
    writeFileSync(user, 'Host *\n  User auditor\n');
    const choice = await chooseKex({ userConfig: user }, Promise.resolve([...client, preferredKex]));
    expect(choice.kexAlgorithms).toBeUndefined();
    const file = choice.configFile ?? '';
    expect(readFileSync(file, 'utf8')).toContain(`Include "${user}"\nHost *\n  KexAlgorithms ^${preferredKex}\n`);
    await choice.dispose();
    expect(existsSync(file)).toBe(false);
  });

  it('without --ssh-config, includes ~/.ssh/config and then the system config, as ssh reads them', () => {
    const text = preferringConfig(preferredKex, undefined, '/home/someone') ?? '';
    expect(text.indexOf('Include "/home/someone/.ssh/config"')).toBeLessThan(text.indexOf('Include "/etc/ssh/ssh_config"'));
    // A path ssh would glob, or that a quote would cut, is not included: ssh is then left alone.
    expect(preferringConfig(preferredKex, '/etc/ssh/conf*')).toBeUndefined();
    expect(preferringConfig(preferredKex, 'relative/config')).toBeUndefined();
  });

  // The mechanism, checked by the real client: this one (9.2) has no ML-KEM, so another algorithm
  // of its own list plays the preferred one.
  it.skipIf(!sshAvailable)('puts the preferred algorithm first for ssh, unless the user configured KexAlgorithms', async () => {
    const known = await clientKexAlgorithms();
    expect(known).toContain('curve25519-sha256');
    const plain = join(work, 'plain');
    writeFileSync(plain, 'Host *\n  User auditor\n');
    const configured = join(work, 'configured');
    writeFileSync(configured, 'Host old.example\n  KexAlgorithms diffie-hellman-group14-sha256\n');
    const defaults = effectiveKex('/dev/null');
    for (const [user, host, expected] of [
      [plain, 'some.host.example', ['curve25519-sha256', ...defaults.filter((k) => k !== 'curve25519-sha256')]],
      [configured, 'some.host.example', ['curve25519-sha256', ...defaults.filter((k) => k !== 'curve25519-sha256')]],
      [configured, 'old.example', ['diffie-hellman-group14-sha256']],
    ] as const) {
      const wrapper = join(work, 'wrapper');
      writeFileSync(wrapper, preferringConfig('curve25519-sha256', user) ?? '', { mode: 0o600 });
      expect(effectiveKex(wrapper, host), `${user} ${host}`).toEqual(expected);
    }
  });
});

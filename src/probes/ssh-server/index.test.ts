import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { sshServer } from './index.js';

/** Samples: fixtures/samples/ssh-server/README.md. */
const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/ssh-server/${name}`, import.meta.url), 'utf8');

const atRest = { exec: false, live: false };

const collect = async (spec: FakeHostSpec, platform: Platform = 'linux') => {
  const host = fakeHost(spec);
  const context: ProbeContext = {
    platform,
    now: new Date(0),
    catalog: { apps: [] },
    capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
  };
  const outcome = await sshServer.collect(host, context);
  return { outcome, facts: outcome.status === 'ok' ? outcome.facts : undefined, ran: host.ran };
};

/** The debootstrap root with openssh-server as its package left it (what postinst enabled, the shipped sshd_config). */
const debianRoot = (dropIns: Record<string, string> = {}): FakeHostSpec => ({
  files: {
    '/usr/sbin/sshd': '',
    '/lib/systemd/system/ssh.service': sample('ssh.service'),
    '/lib/systemd/system/ssh.socket': '[Socket]\n',
    '/etc/ssh/sshd_config': sample('debian12-default/sshd_config'),
    ...Object.fromEntries(Object.entries(dropIns).map(([name, text]) => [`/etc/ssh/sshd_config.d/${name}`, text])),
  },
  dirs: { '/etc/ssh/sshd_config.d': [] },
  links: {
    '/etc/systemd/system/multi-user.target.wants/ssh.service': '/lib/systemd/system/ssh.service',
    '/etc/systemd/system/sshd.service': '/lib/systemd/system/ssh.service',
  },
});

/** A live process table with sshd's listener (constructed: /proc/<pid>/comm and cmdline as proc(5) documents them). */
const sshdProcess = {
  '/proc/1/comm': 'init\n',
  '/proc/1/cmdline': '/sbin/init\0',
  '/proc/812/comm': 'sshd\n',
  '/proc/812/cmdline': 'sshd: /usr/sbin/sshd -D [listener] 0 of 10-100 startups\0',
};

const hardened = {
  '50-hardening.conf': sample('debian12-hardened/50-hardening.conf'),
  '60-later.conf': sample('debian12-hardened/60-later.conf'),
};

describe('ssh-server probe', () => {
  it('reads the default Debian 12 root at rest from its files, running nothing', async () => {
    const spec = debianRoot();
    const { facts, ran } = await collect({ ...spec, capabilities: atRest });
    expect(ran).toEqual([]);
    expect(facts).toEqual({
      installed: true,
      enabled: true,
      running: null,
      active: true,
      permitRootLogin: 'prohibit-password',
      passwordAuthentication: true,
      kbdInteractiveAuthentication: false,
      permitEmptyPasswords: false,
      usePam: true,
      passwordLogin: true,
      ports: [22],
      matchBlocks: [],
      source: 'configuration',
      evidence: [
        'default: PermitRootLogin prohibit-password',
        'default: PasswordAuthentication yes',
        '/etc/ssh/sshd_config:62: KbdInteractiveAuthentication no',
        'default: PermitEmptyPasswords no',
        '/etc/ssh/sshd_config:85: UsePAM yes',
        'default: Port 22',
      ],
      reasons: ['ssh.service enabled (/etc/systemd/system/multi-user.target.wants/ssh.service)'],
    });
  });

  it('uses sshd -T live as root (hardened drop-in) and keeps the Match blocks from the files', async () => {
    const spec = debianRoot(hardened);
    const { facts, ran } = await collect({
      ...spec,
      files: { ...spec.files, ...sshdProcess },
      commands: { 'sshd -T': { stdout: sample('debian12-hardened/sshd-T.stdout') } },
    });
    expect(ran).toEqual([['sshd', '-T']]);
    expect(facts).toMatchObject({
      installed: true,
      enabled: true,
      running: true,
      active: true,
      permitRootLogin: 'no',
      passwordAuthentication: false,
      kbdInteractiveAuthentication: false,
      permitEmptyPasswords: false,
      passwordLogin: false,
      ports: [2222],
      source: 'sshd -T',
      matchBlocks: [
        {
          criteria: 'Address 10.0.0.0/8',
          at: '/etc/ssh/sshd_config.d/50-hardening.conf:6',
          settings: { passwordauthentication: 'yes', permitrootlogin: 'prohibit-password' },
        },
      ],
    });
    expect(facts?.evidence).toEqual(
      expect.arrayContaining([
        'sshd -T: permitrootlogin no',
        '/etc/ssh/sshd_config.d/50-hardening.conf:2: PermitRootLogin no',
        'sshd -T: passwordauthentication no',
        '/etc/ssh/sshd_config.d/50-hardening.conf:3: PasswordAuthentication no',
        'sshd -T: port 2222',
      ]),
    );
    expect(facts?.reasons).toContain('sshd process running (pid 812)');
  });

  it('normalises without-password from the real default sshd -T output', async () => {
    const spec = debianRoot();
    const { facts } = await collect({ ...spec, commands: { 'sshd -T': { stdout: sample('debian12-default/sshd-T.stdout') } } });
    expect(facts).toMatchObject({ source: 'sshd -T', permitRootLogin: 'prohibit-password', passwordAuthentication: true, ports: [22] });
    expect(facts?.evidence).toEqual(expect.arrayContaining(['sshd -T: permitrootlogin without-password', 'default: PermitRootLogin prohibit-password']));
  });

  it('falls back to the files when sshd -T fails (not root: host keys unreadable) and says why', async () => {
    const spec = debianRoot(hardened);
    const { facts } = await collect({
      ...spec,
      commands: { 'sshd -T': { exitCode: 1, stderr: sample('sshd-T-non-root.stderr') } },
    });
    expect(facts).toMatchObject({ source: 'configuration', permitRootLogin: 'no', passwordAuthentication: false, ports: [2222] });
    expect(facts?.reasons).toContain('sshd -T did not work (sshd: no hostkeys available -- exiting.): settings parsed from the configuration files');
  });

  it('falls back when the program is missing from PATH, or a replay did not record sshd -T (run rejects)', async () => {
    const spec = debianRoot(hardened);
    const missing = (await collect(spec)).facts;
    expect(missing).toMatchObject({ source: 'configuration', permitRootLogin: 'no' });
    expect(missing?.reasons).toContain('sshd -T did not work (ENOENT): settings parsed from the configuration files');

    const replay = { ...fakeHost(spec), run: () => Promise.reject(new Error('command sshd -T is not recorded in commands.json')) };
    const context: ProbeContext = { platform: 'linux', now: new Date(0), catalog: { apps: [] }, capabilities: { read: true, exec: true, live: true } };
    const outcome = await sshServer.collect(replay, context);
    expect(outcome.status === 'ok' && outcome.facts).toMatchObject({ source: 'configuration', permitRootLogin: 'no', passwordAuthentication: false });
    expect(outcome.status === 'ok' && outcome.facts.reasons).toContain(
      'sshd -T did not work (command sshd -T is not recorded in commands.json): settings parsed from the configuration files',
    );
  });

  it('reports the weak drop-in at rest: root login, empty passwords, keyboard-interactive through its old name', async () => {
    const spec = debianRoot({ '10-legacy.conf': sample('debian12-weak/10-legacy.conf') });
    const { facts, ran } = await collect({ ...spec, capabilities: atRest });
    expect(ran).toEqual([]);
    expect(facts).toMatchObject({
      permitRootLogin: 'yes',
      permitEmptyPasswords: true,
      kbdInteractiveAuthentication: true,
      passwordLogin: true,
      source: 'configuration',
    });
    expect(facts?.evidence).toContain('/etc/ssh/sshd_config.d/10-legacy.conf:4: KbdInteractiveAuthentication yes');
  });

  it('agrees with the real sshd -T on the weak drop-in', async () => {
    const spec = debianRoot({ '10-legacy.conf': sample('debian12-weak/10-legacy.conf') });
    const parsed = (await collect({ ...spec, capabilities: atRest })).facts;
    const effective = (await collect({ ...spec, commands: { 'sshd -T': { stdout: sample('debian12-weak/sshd-T.stdout') } } })).facts;
    const keys = ['permitRootLogin', 'passwordAuthentication', 'kbdInteractiveAuthentication', 'permitEmptyPasswords', 'usePam', 'ports'];
    for (const key of keys) expect([key, parsed?.[key]]).toEqual([key, effective?.[key]]);
  });

  it('says not installed, not running and no settings on a machine without OpenSSH', async () => {
    const { facts, ran } = await collect({ files: { '/proc/1/comm': 'init\n' } });
    expect(ran).toEqual([]);
    expect(facts).toMatchObject({
      installed: false,
      enabled: false,
      running: false,
      active: false,
      permitRootLogin: null,
      passwordAuthentication: null,
      ports: null,
      source: null,
    });
    expect(facts?.reasons).toContain('OpenSSH server is not installed and has no configuration');
  });

  it('answers null settings when sshd_config cannot be read', async () => {
    const spec = debianRoot();
    const files = { ...spec.files };
    delete files['/etc/ssh/sshd_config'];
    const { facts } = await collect({ ...spec, files, stats: { '/etc/ssh/sshd_config': { mode: 0o600 } }, capabilities: atRest });
    expect(facts).toMatchObject({ installed: true, permitRootLogin: null, passwordAuthentication: null, source: null });
    expect(facts?.reasons).toContain('/etc/ssh/sshd_config exists but cannot be read');
  });

  it('answers null settings when an included file cannot be read', async () => {
    const spec = debianRoot();
    const { facts } = await collect({ ...spec, stats: { '/etc/ssh/sshd_config.d/secret.conf': { mode: 0o600 } }, capabilities: atRest });
    expect(facts).toMatchObject({ permitRootLogin: null, source: null });
    expect(facts?.reasons).toContain('/etc/ssh/sshd_config.d/secret.conf exists but cannot be read');
  });

  it('is not enabled when /etc/ssh/sshd_not_to_be_run exists, and not running without a process', async () => {
    const spec = debianRoot();
    const { facts } = await collect({ ...spec, files: { ...spec.files, '/etc/ssh/sshd_not_to_be_run': '', '/proc/1/comm': 'init\n' } });
    expect(facts).toMatchObject({ enabled: false, running: false, active: false });
  });

  it('is Linux only', async () => {
    expect((await collect({}, 'macos')).outcome).toEqual({ status: 'unsupported', reason: 'not implemented on macos' });
  });
});

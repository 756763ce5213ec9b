import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { noteDeniedRead, noticingDeniedReads } from '../../hosts/denied-reads.js';
import type { Host } from '../../hosts/host.js';
import type { JsonObject } from '../../model.js';
import { listHomes } from '../../platform/linux/homes.js';
import { runShared } from '../../platform/run-shared.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { management } from './index.js';

const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/management/${name}`, import.meta.url), 'utf8');

const passwd = 'root:x:0:0:root:/root:/bin/bash\nagent:x:1000:1000:,,,:/home/agent:/bin/bash\n';

const context = (spec: FakeHostSpec): ProbeContext => ({
  platform: 'linux',
  now: new Date(0),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
});

const collect = async (spec: FakeHostSpec): Promise<{ facts: JsonObject; ran: string[][] }> => {
  const host = fakeHost(spec);
  const outcome = await management.collect(host, context(spec));
  if (outcome.status !== 'ok') throw new Error(`expected ok, got ${outcome.status}`);
  return { facts: outcome.facts, ran: host.ran };
};

const agent = (facts: JsonObject, id: string): JsonObject | undefined => {
  const agents = facts['agents'];
  if (!Array.isArray(agents)) return undefined;
  return agents.find((a): a is JsonObject => typeof a === 'object' && a !== null && !Array.isArray(a) && a['id'] === id);
};

const debianPuppet = {
  '/etc/passwd': passwd,
  '/var/lib/dpkg/info/puppet-agent.list': '/usr/bin/puppet\n',
  '/usr/bin/puppet': '#!/usr/bin/ruby\n',
  '/lib/systemd/system/puppet.service': '[Unit]\n',
};

/** The mgmt-puppet root: Debian 12 puppet-agent enrolled with a real puppetserver (README.md). */
const enrolledPuppet: FakeHostSpec = {
  files: {
    ...debianPuppet,
    '/etc/puppet/puppet.conf': sample('puppet.conf-debian12-server'),
    '/var/cache/puppet/public/last_run_summary.yaml': sample('last_run_summary-debian12-agent.yaml'),
    '/var/lib/puppet/ssl/certs/ca.pem': 'ca',
    '/var/lib/puppet/ssl/certs/ws02.example.org.pem': 'cert',
  },
  links: { '/etc/systemd/system/multi-user.target.wants/puppet.service': '/lib/systemd/system/puppet.service' },
};

describe('management probe', () => {
  it('finds nothing on a machine without agents', async () => {
    const { facts, ran } = await collect({ files: { '/etc/passwd': passwd, '/home/agent/.bashrc': '' } });
    expect(facts).toMatchObject({ enrolled: false, agents: [], lastCheckIn: null, directoryJoined: false, directory: null });
    expect(facts['reasons']).toContain('no central management agent found');
    expect(ran).toEqual([]);
  });

  it('reports a Puppet agent accepted by its server, with its last check-in', async () => {
    const { facts, ran } = await collect(enrolledPuppet);
    expect(facts['enrolled']).toBe(true);
    expect(facts['lastCheckIn']).toBe(agent(facts, 'puppet')?.['lastCheckIn']);
    expect(facts['lastCheckIn']).toMatch(/^2026-11-22T/);
    expect(agent(facts, 'puppet')).toMatchObject({
      kind: 'config-management',
      installed: true,
      configured: true,
      registered: true,
      enrolled: true,
      serviceEnabled: true,
      server: 'puppet.example.org',
    });
    expect(ran).toEqual([]);
  });

  it('does not count a local `puppet apply` as a check-in, nor an agent the CA never signed', async () => {
    const { facts } = await collect({
      files: {
        ...debianPuppet,
        '/etc/puppet/puppet.conf': sample('puppet.conf-debian12-server'),
        '/var/cache/puppet/public/last_run_summary.yaml': sample('last_run_summary-debian12-apply.yaml'),
      },
      dirs: { '/var/lib/puppet/ssl/certs': [] },
    });
    expect(facts).toMatchObject({ enrolled: false, lastCheckIn: null });
    expect(agent(facts, 'puppet')).toMatchObject({ configured: true, registered: false, enrolled: false, lastCheckIn: null, serviceEnabled: false });
    expect(facts['reasons']).toEqual(
      expect.arrayContaining([
        'puppet: configured, but the server has not accepted it',
        'puppet: last Puppet run was a local `puppet apply` (run_mode user), not a check-in with a server',
      ]),
    );
  });

  it('says an installed but unconfigured agent is not enrolled', async () => {
    const { facts } = await collect({ files: { ...debianPuppet, '/etc/puppet/puppet.conf': sample('puppet.conf-debian12-shipped') } });
    expect(facts['enrolled']).toBe(false);
    expect(agent(facts, 'puppet')).toMatchObject({ installed: true, configured: false, enrolled: false, server: null });
    expect(facts['reasons']).toContain('puppet: installed but not configured to report to a server');
  });

  it('answers null when the configuration cannot be read', async () => {
    const { facts } = await collect({
      files: { ...debianPuppet },
      stats: { '/etc/puppet/puppet.conf': { type: 'file', mode: 0o600 }, '/etc/sssd/sssd.conf': { type: 'file', mode: 0o600 } },
    });
    expect(facts).toMatchObject({ enrolled: null, directoryJoined: null, directory: null });
    expect(agent(facts, 'puppet')).toMatchObject({ configured: null, enrolled: null });
    expect(facts['reasons']).toEqual(
      expect.arrayContaining([
        'puppet: installed, but its configuration cannot be read',
        'puppet: /etc/puppet/puppet.conf exists but cannot be read',
        '/etc/sssd/sssd.conf exists but cannot be read (it is 0600 root): SSSD domains unknown',
      ]),
    );
  });

  it('never runs anything and leaves `running` null for a target at rest', async () => {
    const spec: FakeHostSpec = { ...enrolledPuppet, capabilities: { live: false, exec: false } };
    const { facts, ran } = await collect(spec);
    expect(ran).toEqual([]);
    expect(agent(facts, 'puppet')?.['running']).toBeNull();
    expect(facts['reasons']).toContain('target at rest: whether agents are running is not known');
  });

  it('sees a running agent in the process list when systemd is not the init', async () => {
    const { facts } = await collect({
      ...enrolledPuppet,
      files: { ...enrolledPuppet.files, '/proc/4242/comm': 'puppet\n', '/proc/4242/cmdline': '/usr/bin/ruby\0/usr/bin/puppet\0agent\0' },
    });
    expect(agent(facts, 'puppet')).toMatchObject({ running: true });
    expect(agent(facts, 'puppet')?.['evidence']).toContain('process puppet (pid 4242) is running');
  });

  it('reads Intune enrolment from a user home', async () => {
    const { facts } = await collect({
      files: {
        '/etc/passwd': passwd,
        '/var/lib/dpkg/info/intune-portal.list': '/opt/microsoft/intune\n',
        '/home/agent/.config/intune/registration.toml': sample('intune-registration.toml'),
      },
    });
    expect(facts['enrolled']).toBe(true);
    expect(agent(facts, 'intune')).toMatchObject({ kind: 'mdm', configured: true, registered: true, enrolled: true, lastCheckIn: null });
  });

  it('reads Intune in the homes the run found (its shared work): /etc/passwd read once, and what the scan could not read noted for this probe too', async () => {
    const base = fakeHost({
      files: {
        '/etc/passwd': passwd,
        '/var/lib/dpkg/info/intune-portal.list': '/opt/microsoft/intune\n',
        '/home/agent/.config/intune/registration.toml': sample('intune-registration.toml'),
      },
    });
    let passwdReads = 0;
    const host: Host = {
      ...base,
      readFile: (path) => {
        if (path === '/etc/passwd') passwdReads += 1;
        return base.readFile(path);
      },
      // /home cannot be listed: only the passwd accounts' homes are known.
      readDir: (path) => {
        if (path === '/home') {
          noteDeniedRead(path);
          return Promise.resolve(undefined);
        }
        return base.readDir(path);
      },
    };
    const run = { ...context({}), shared: runShared(host) };
    // Another probe of the run asks first; the management probe then takes the same scan.
    const [theirs, mine] = [new Set<string>(), new Set<string>()];
    expect((await noticingDeniedReads(theirs, () => listHomes(host, run))).map((h) => h.home)).toEqual(['/home/agent']);
    const outcome = await noticingDeniedReads(mine, () => management.collect(host, run));
    if (outcome.status !== 'ok') throw new Error(`expected ok, got ${outcome.status}`);
    expect(agent(outcome.facts, 'intune')).toMatchObject({ configured: true, registered: true, enrolled: true });
    expect(passwdReads).toBe(1);
    expect([...theirs]).toContain('/home');
    expect([...mine]).toContain('/home');
  });

  it('lists reporting agents without counting them as management', async () => {
    const { facts } = await collect({
      files: {
        '/etc/passwd': passwd,
        '/var/ossec/bin/wazuh-agentd': '',
        '/var/ossec/etc/ossec.conf': sample('wazuh-ossec-agent.conf').replace('<address>IP</address>', '<address>wazuh.example.org</address>'),
        '/var/ossec/var/run/wazuh-agentd.state': sample('wazuh-agentd.state'),
      },
    });
    expect(facts).toMatchObject({ enrolled: false, lastCheckIn: null });
    expect(agent(facts, 'wazuh')).toMatchObject({
      kind: 'endpoint',
      configured: true,
      registered: true,
      enrolled: true,
      server: 'wazuh.example.org',
      lastCheckIn: '2019-02-05T12:18:37.000Z',
    });
  });

  it('reports a directory join from sssd.conf', async () => {
    const { facts } = await collect({ files: { '/etc/passwd': passwd, '/etc/sssd/sssd.conf': sample('sssd.conf-realmd-ad') } });
    expect(facts).toMatchObject({ directoryJoined: true, directory: 'ad.example.org' });
  });

  it('ignores ansible-core that nothing schedules, and finds a scheduled ansible-pull', async () => {
    const installedOnly = await collect({ files: { '/etc/passwd': passwd, '/usr/bin/ansible-pull': '' } });
    expect(installedOnly.facts['agents']).toEqual([]);
    const scheduled = await collect({
      files: { '/etc/passwd': passwd, '/usr/bin/ansible-pull': '', '/etc/cron.d/ansible-pull': sample('cron.d-ansible-pull') },
    });
    expect(scheduled.facts['enrolled']).toBe(true);
    expect(agent(scheduled.facts, 'ansible-pull')).toMatchObject({ server: 'https://git.example.org/it/workstations.git' });
  });

  it('on Windows without PowerShell, fails saying so instead of guessing', async () => {
    const host = fakeHost();
    expect(await management.collect(host, { ...context({}), platform: 'windows' })).toEqual({
      status: 'error',
      message: expect.stringContaining('powershell.exe could not be started') as string,
    });
  });
});

import { describe, expect, it } from 'vitest';
import type { JsonObject } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { firewall } from './index.js';
import { sample } from '../../testing/firewall-samples.js';

const liveCaps = { read: true, exec: true, live: true };
const atRest = { read: true, exec: false, live: false };

const run = async (spec: FakeHostSpec) => {
  const host = fakeHost(spec);
  const context: ProbeContext = {
    platform: 'linux',
    now: new Date(0),
    catalog: { apps: [] },
    capabilities: { ...liveCaps, ...spec.capabilities },
  };
  const outcome = await firewall.collect(host, context);
  if (outcome.status !== 'ok') throw new Error(`unexpected outcome ${JSON.stringify(outcome)}`);
  return { facts: outcome.facts, ran: host.ran };
};

const nftRuleset = (scenario: string) => ({ 'nft -j list ruleset': { stdout: sample(`netns/${scenario}/nft-j-list-ruleset.json`) } });
const nonRoot = {
  'nft -j list ruleset': { exitCode: 1, stderr: sample('nonroot/nft-j-list-ruleset.stderr') },
  'iptables-save': { exitCode: 4, stderr: sample('nonroot/iptables-save.stderr') },
};

/** Debian 12 with the nftables and iptables packages (binaries and the shipped unit). */
const debianNft: FakeHostSpec = {
  files: {
    '/usr/sbin/nft': '',
    '/usr/sbin/iptables': '',
    '/lib/systemd/system/nftables.service': sample('config/debian12-nftables.service'),
    '/etc/nftables.conf': sample('config/debian12-nftables.conf'),
  },
};
const nftEnabled = { '/etc/systemd/system/sysinit.target.wants/nftables.service': '/lib/systemd/system/nftables.service' };

/** Debian 12 after `apt-get install ufw` (ufw.service enabled by the package, ENABLED=no). */
const debianUfw = (ufwConf: string, defaults = sample('config/debian12-etc-default-ufw')): FakeHostSpec => ({
  files: {
    ...debianNft.files,
    '/usr/sbin/ufw': '',
    '/lib/systemd/system/ufw.service': sample('config/debian12-ufw.service'),
    '/etc/ufw/ufw.conf': ufwConf,
    '/etc/default/ufw': defaults,
  },
  links: { '/etc/systemd/system/multi-user.target.wants/ufw.service': '/lib/systemd/system/ufw.service' },
});
const ufwOn = sample('netns/ufw/etc-ufw-ufw.conf.enabled');
const ufwOff = sample('config/debian12-ufw.conf');

/** firewalld as shipped by Debian 12 (files from the .deb), service enabled. */
const firewalld = (extra: Record<string, string> = {}): FakeHostSpec => ({
  files: {
    '/usr/sbin/firewalld': '',
    '/lib/systemd/system/firewalld.service': sample('firewalld-deb12/firewalld.service'),
    '/etc/firewalld/firewalld.conf': sample('firewalld-deb12/firewalld.conf'),
    ...Object.fromEntries(
      ['block', 'drop', 'public', 'trusted'].map((zone) => [`/usr/lib/firewalld/zones/${zone}.xml`, sample(`firewalld-deb12/zones/${zone}.xml`)]),
    ),
    ...extra,
  },
  links: { '/etc/systemd/system/multi-user.target.wants/firewalld.service': '/lib/systemd/system/firewalld.service' },
});

const pick = (facts: JsonObject) => ({
  enabled: facts.enabled,
  defaultInbound: facts.defaultInbound,
  backend: facts.backend,
  source: facts.source,
});

describe('firewall probe, live as root (rules read with nft)', () => {
  it('nftables with a drop policy: on, deny', async () => {
    const { facts } = await run({ ...debianNft, links: nftEnabled, commands: nftRuleset('nft-drop-policy') });
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'nftables', source: 'ruleset' });
    expect(facts.defaultInboundByFamily).toEqual({ ipv4: 'deny', ipv6: 'deny' });
    expect(facts.evidence).toContain('nft: chain inet filter input hook input policy drop');
    expect(facts.reasons).toEqual([]);
    expect(facts.tools).toEqual([
      {
        name: 'nftables',
        installed: true,
        enabledAtBoot: true,
        active: true,
        defaultInbound: 'deny',
        evidence: [
          '/usr/sbin/nft exists',
          'nftables.service enabled (sysinit.target)',
          '/etc/nftables.conf: chain inet filter input hook input policy accept, 0 rules, none drops',
        ],
      },
      { name: 'iptables', installed: true, enabledAtBoot: false, active: false, defaultInbound: null, evidence: ['/usr/sbin/iptables exists'] },
    ]);
  });

  it('ufw enabled with default deny: on, deny, decided by ufw', async () => {
    const { facts } = await run({ ...debianUfw(ufwOn), commands: nftRuleset('ufw') });
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'ufw', source: 'ruleset' });
    expect(facts.evidence).toEqual([
      'nft: chain ip filter INPUT hook input policy drop',
      'nft: chain ip6 filter INPUT hook input policy drop',
      '/usr/sbin/ufw exists',
      '/etc/ufw/ufw.conf: ENABLED=yes',
      'ufw.service enabled (multi-user.target)',
      '/etc/default/ufw: DEFAULT_INPUT_POLICY="DROP"',
      '/etc/default/ufw: IPV6=yes',
    ]);
    expect((facts.tools as JsonObject[]).find((tool) => tool.name === 'ufw')).toMatchObject({ enabledAtBoot: true, active: true, defaultInbound: 'deny' });
  });

  it('ufw files that exist but cannot be read: ufw status verbose answers for them, or says why not', async () => {
    const unreadable = debianUfw('');
    const files = { ...unreadable.files };
    delete files['/etc/ufw/ufw.conf'];
    delete files['/etc/default/ufw'];
    const denied: FakeHostSpec = { ...unreadable, files, stats: { '/etc/ufw/ufw.conf': { type: 'file' }, '/etc/default/ufw': { type: 'file' } } };
    // Real outputs: `ufw status verbose` once ufw was enabled in a network namespace, and as non-root.
    const active = await run({ ...denied, commands: { ...nonRoot, 'ufw status verbose': { stdout: sample('netns/ufw/ufw-status-verbose.active.txt') } } });
    expect(active.ran).toContainEqual(['ufw', 'status', 'verbose']);
    expect((active.facts.tools as JsonObject[]).find((tool) => tool.name === 'ufw')).toMatchObject({
      enabledAtBoot: true,
      active: true,
      defaultInbound: 'deny',
    });
    expect(pick(active.facts)).toMatchObject({ enabled: true, defaultInbound: 'deny' });
    expect(JSON.stringify(active.facts)).toContain('ufw status verbose: Status: active, default deny (incoming)');
    const inactive = await run({ ...denied, commands: { ...nonRoot, 'ufw status verbose': { stdout: sample('netns/ufw/ufw-status-verbose.inactive.txt') } } });
    expect((inactive.facts.tools as JsonObject[]).find((tool) => tool.name === 'ufw')).toMatchObject({
      enabledAtBoot: false,
      active: false,
      defaultInbound: null,
    });
    const notRoot = await run({
      ...denied,
      commands: { ...nonRoot, 'ufw status verbose': { exitCode: 1, stderr: sample('nonroot/ufw-status-verbose.stderr') } },
    });
    expect((notRoot.facts.tools as JsonObject[]).find((tool) => tool.name === 'ufw')).toMatchObject({
      enabledAtBoot: null,
      active: null,
      defaultInbound: null,
    });
    expect(JSON.stringify(notRoot.facts)).toContain('ufw status verbose: no answer (exit code 1: ERROR: You need to be root to run this script)');
    expect(notRoot.facts.enabled).toBeNull();
    // Readable files: ufw is not asked.
    const readable = await run({ ...debianUfw(ufwOn), commands: nftRuleset('ufw') });
    expect(readable.ran).not.toContainEqual(['ufw', 'status', 'verbose']);
  });

  it('ufw with default allow incoming: on (it still drops invalid packets), allow', async () => {
    const { facts } = await run({
      ...debianUfw(ufwOn, sample('netns/ufw-default-allow/etc-default-ufw')),
      commands: nftRuleset('ufw-default-allow'),
    });
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'allow', backend: 'ufw', source: 'ruleset' });
  });

  it('ufw installed but ENABLED=no, nothing loaded: off', async () => {
    const { facts } = await run({ ...debianUfw(ufwOff), commands: nftRuleset('empty') });
    expect(pick(facts)).toEqual({ enabled: false, defaultInbound: 'allow', backend: null, source: 'ruleset' });
    expect((facts.tools as JsonObject[]).find((tool) => tool.name === 'ufw')).toMatchObject({ enabledAtBoot: false, active: false });
  });

  it('Docker tables only: FORWARD drops, INPUT does not, so inbound is allowed', async () => {
    const { facts } = await run({ ...debianNft, commands: nftRuleset('docker') });
    expect(pick(facts)).toEqual({ enabled: false, defaultInbound: 'allow', backend: null, source: 'ruleset' });
    expect(facts.evidence).toEqual(['nft: chain ip filter INPUT hook input policy accept, 0 rules, none drops']);
  });

  it('iptables-nft rules (RHEL-style catch-all reject) are read from nft; IPv6 stays open', async () => {
    const { facts } = await run({ ...debianNft, commands: nftRuleset('iptables-rhel-reject') });
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'iptables', source: 'ruleset' });
    expect(facts.defaultInboundByFamily).toEqual({ ipv4: 'deny', ipv6: 'allow' });
  });

  it('adds iptables-legacy tables when the kernel lists some', async () => {
    const { facts, ran } = await run({
      ...debianNft,
      files: {
        ...debianNft.files,
        '/proc/net/ip_tables_names': sample('netns/docker-legacy/proc-net-ip_tables_names'),
      },
      commands: {
        ...nftRuleset('docker-legacy'),
        'iptables-legacy-save': { stdout: sample('netns/iptables-drop/iptables-save.txt') },
      },
    });
    expect(ran.map((argv) => argv.join(' '))).toEqual(['nft -j list ruleset', 'iptables-legacy-save']);
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'iptables', source: 'ruleset' });
    expect(facts.evidence).toEqual(['iptables-legacy-save: chain ip filter INPUT hook input policy drop', '/usr/sbin/iptables exists']);
  });

  it('falls back to iptables-save where nft is not installed', async () => {
    const { facts } = await run({
      files: { '/usr/sbin/iptables': '' },
      commands: {
        'iptables-save': { stdout: sample('netns/iptables-drop/iptables-save.txt') },
        'ip6tables-save': { stdout: sample('netns/iptables-drop/ip6tables-save.txt') },
      },
    });
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'iptables', source: 'ruleset' });
    expect(facts.reasons).toEqual([]);
  });

  it('firewalld running (seen in the process list) decides with its default zone', async () => {
    const { facts } = await run({
      ...firewalld({ '/usr/sbin/nft': '', '/proc/812/comm': 'firewalld\n', '/proc/812/cmdline': '/usr/bin/python3\0/usr/sbin/firewalld\0--nofork\0' }),
      commands: nftRuleset('empty'),
    });
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'firewalld', source: 'ruleset' });
    expect(facts.evidence).toContain('/usr/lib/firewalld/zones/public.xml: zone public target default');
    expect(facts.evidence).toContain('firewalld process running (pid 812)');
  });

  it('no firewall tool at all: a fact, not an error', async () => {
    const { facts } = await run({});
    expect(facts).toEqual({
      enabled: false,
      defaultInbound: 'allow',
      defaultInboundByFamily: { ipv4: 'allow', ipv6: 'allow' },
      backend: null,
      source: 'configuration',
      tools: [],
      evidence: ['no firewall tool installed (ufw, firewalld, nft, iptables)'],
      reasons: [],
    });
  });
});

describe('firewall probe, live without root', () => {
  it('nft refused and the nftables script unreadable: nulls, with reasons', async () => {
    const { facts } = await run({
      ...debianNft,
      files: { '/usr/sbin/nft': '', '/lib/systemd/system/nftables.service': sample('config/debian12-nftables.service') },
      stats: { '/etc/nftables.conf': { mode: 0o600 } },
      links: nftEnabled,
      commands: nonRoot,
    });
    expect(pick(facts)).toEqual({ enabled: null, defaultInbound: null, backend: 'nftables', source: 'configuration' });
    expect(facts.reasons).toEqual([
      '/etc/nftables.conf cannot be read',
      'nft -j list ruleset: exit 1: Operation not permitted (you must be root)',
      'the loaded rule set can only be read by root',
    ]);
  });

  it('nothing known to be active and the rules unreadable: nulls, with reasons', async () => {
    const { facts } = await run({ ...debianNft, commands: nonRoot });
    expect(pick(facts)).toEqual({ enabled: null, defaultInbound: null, backend: null, source: 'configuration' });
    expect(facts.reasons).toEqual([
      'nft -j list ruleset: exit 1: Operation not permitted (you must be root)',
      'the loaded rule set can only be read by root',
      'no firewall service is enabled at boot or known to be active',
    ]);
  });

  it("ufw's own files are world-readable: ENABLED=yes answers without root", async () => {
    const { facts } = await run({ ...debianUfw(ufwOn), commands: nonRoot });
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'ufw', source: 'configuration' });
    expect(facts.evidence).toContain(
      'loaded rules not read (nft -j list ruleset: exit 1: Operation not permitted (you must be root)); answered from configuration',
    );
  });
});

describe('firewall probe at rest (configuration only, nothing run)', () => {
  it('ufw enabled with default deny', async () => {
    const { facts, ran } = await run({ ...debianUfw(ufwOn), capabilities: atRest });
    expect(ran).toEqual([]);
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'ufw', source: 'configuration' });
    expect((facts.tools as JsonObject[]).map((tool) => [tool.name, tool.enabledAtBoot, tool.active])).toEqual([
      ['ufw', true, null],
      ['nftables', false, null],
      ['iptables', false, null],
    ]);
  });

  it('ufw installed but ENABLED=no: off', async () => {
    const { facts, ran } = await run({ ...debianUfw(ufwOff), capabilities: atRest });
    expect(ran).toEqual([]);
    expect(pick(facts)).toEqual({ enabled: false, defaultInbound: 'allow', backend: null, source: 'configuration' });
    expect(facts.evidence).toContain('/etc/ufw/ufw.conf: ENABLED=no');
  });

  it('ENABLED=yes but ufw.service not enabled: off at boot', async () => {
    const { facts } = await run({ ...debianUfw(ufwOn), links: {}, capabilities: atRest });
    expect(pick(facts)).toMatchObject({ enabled: false, backend: null });
  });

  it('nftables.service enabled with a drop-policy script', async () => {
    const { facts, ran } = await run({
      files: { ...debianNft.files, '/etc/nftables.conf': sample('config/drop-policy.nft') },
      links: nftEnabled,
      capabilities: atRest,
    });
    expect(ran).toEqual([]);
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'nftables', source: 'configuration' });
    expect(facts.evidence).toContain('/etc/nftables.conf: chain inet filter input hook input policy drop');
  });

  it("nftables.service enabled with Debian's shipped script: filters nothing", async () => {
    const { facts } = await run({ ...debianNft, links: nftEnabled, capabilities: atRest });
    expect(pick(facts)).toEqual({ enabled: false, defaultInbound: 'allow', backend: null, source: 'configuration' });
  });

  it('nftables script with includes (RHEL layout)', async () => {
    const { facts } = await run({
      files: {
        '/usr/sbin/nft': '',
        '/usr/lib/systemd/system/nftables.service': '[Service]\nExecStart=/sbin/nft -f /etc/sysconfig/nftables.conf\n',
        '/etc/sysconfig/nftables.conf': '# written for this test\ninclude "/etc/nftables/main.nft"\n',
        '/etc/nftables/main.nft': sample('config/debian12-workstation.nft'),
      },
      links: { '/etc/systemd/system/multi-user.target.wants/nftables.service': '/usr/lib/systemd/system/nftables.service' },
      capabilities: atRest,
    });
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'nftables', source: 'configuration' });
  });

  it('iptables rules restored by netfilter-persistent: IPv4 deny, IPv6 open', async () => {
    const { facts } = await run({
      files: {
        '/usr/sbin/iptables': '',
        '/lib/systemd/system/netfilter-persistent.service': '',
        '/etc/iptables/rules.v4': sample('config/rhel-style.iptables'),
        '/etc/iptables/rules.v6': sample('netns/empty/ip6tables-save.txt'),
      },
      links: { '/etc/systemd/system/multi-user.target.wants/netfilter-persistent.service': '/lib/systemd/system/netfilter-persistent.service' },
      capabilities: atRest,
    });
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'iptables', source: 'configuration' });
    expect(facts.defaultInboundByFamily).toEqual({ ipv4: 'deny', ipv6: 'allow' });
  });

  it('firewalld enabled: default zone public (target default) denies', async () => {
    const { facts, ran } = await run({ ...firewalld(), capabilities: atRest });
    expect(ran).toEqual([]);
    expect(pick(facts)).toEqual({ enabled: true, defaultInbound: 'deny', backend: 'firewalld', source: 'configuration' });
  });

  it('firewalld: /etc/firewalld/zones overrides the shipped zone; the trusted zone allows', async () => {
    const accepting = '<?xml version="1.0" encoding="utf-8"?>\n<zone target="ACCEPT">\n  <short>Public</short>\n</zone>\n';
    const overridden = await run({ ...firewalld({ '/etc/firewalld/zones/public.xml': accepting }), capabilities: atRest });
    expect(pick(overridden.facts)).toMatchObject({ enabled: true, defaultInbound: 'allow' });
    const trusted = await run({
      ...firewalld({ '/etc/firewalld/firewalld.conf': sample('firewalld-deb12/firewalld.conf').replace('DefaultZone=public', 'DefaultZone=trusted') }),
      capabilities: atRest,
    });
    expect(pick(trusted.facts)).toMatchObject({ enabled: true, defaultInbound: 'allow' });
    expect(trusted.facts.evidence).toContain('/usr/lib/firewalld/zones/trusted.xml: zone trusted target ACCEPT');
  });

  it('no firewall tool at all', async () => {
    const { facts, ran } = await run({ capabilities: atRest });
    expect(ran).toEqual([]);
    expect(pick(facts)).toEqual({ enabled: false, defaultInbound: 'allow', backend: null, source: 'configuration' });
  });
});

describe('firewall probe on other platforms', () => {
  it('answers on macOS (facts unknown without any source; macos.test.ts covers macOS)', async () => {
    const outcome = await firewall.collect(fakeHost({}), { platform: 'macos', now: new Date(0), catalog: { apps: [] }, capabilities: liveCaps });
    expect(outcome).toMatchObject({ status: 'ok', facts: { enabled: null } });
  });
});

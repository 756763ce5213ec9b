import { describe, expect, it } from 'vitest';
import { assessRuleset, combineAssessments } from './assess.js';
import { parseIptables, splitArgs } from './iptables.js';
import { nftIncludes, nftRule, parseNftConfig } from './nft-config.js';
import { parseNftJson } from './nft-json.js';
import { parseAssignments, parseFirewallCmdState, parseUfwStatus, policyDirection, zoneDefaultInbound, zoneTarget } from './parse.js';
import { sample } from '../../testing/firewall-samples.js';

const nft = (scenario: string) => assessRuleset(parseNftJson(sample(`netns/${scenario}/nft-j-list-ruleset.json`))!);
const save = (scenario: string, file = 'iptables-save.txt', family: 'ip' | 'ip6' = 'ip') =>
  assessRuleset(parseIptables(sample(`netns/${scenario}/${file}`), family));
const summary = (a: ReturnType<typeof assessRuleset>) => ({
  filters: a.filters,
  denies: a.denies,
  ipv4: a.ipv4,
  ipv6: a.ipv6,
  chains: a.chains.map((c) => `${c.owner}: ${c.line}`),
});

describe('nft -j list ruleset (recorded in a throwaway network namespace)', () => {
  it('reads an empty rule set', () => {
    expect(parseNftJson(sample('netns/empty/nft-j-list-ruleset.json'))).toEqual({ chains: [] });
    expect(summary(nft('empty'))).toEqual({ filters: false, denies: false, ipv4: 'allow', ipv6: 'allow', chains: [] });
  });

  it("reads Debian 12's shipped /etc/nftables.conf once loaded: accept policy, no rules", () => {
    const ruleset = parseNftJson(sample('netns/nft-debian-default/nft-j-list-ruleset.json'))!;
    expect(ruleset.chains.map((c) => [c.family, c.table, c.name, c.type, c.hook, c.policy, c.rules.length])).toEqual([
      ['inet', 'filter', 'input', 'filter', 'input', 'accept', 0],
      ['inet', 'filter', 'forward', 'filter', 'forward', 'accept', 0],
      ['inet', 'filter', 'output', 'filter', 'output', 'accept', 0],
    ]);
    expect(summary(nft('nft-debian-default'))).toEqual({
      filters: false,
      denies: false,
      ipv4: 'allow',
      ipv6: 'allow',
      chains: ['nftables: chain inet filter input hook input policy accept, 0 rules, none drops'],
    });
  });

  it('sees a drop policy on the inet input chain', () => {
    expect(summary(nft('nft-drop-policy'))).toEqual({
      filters: true,
      denies: true,
      ipv4: 'deny',
      ipv6: 'deny',
      chains: ['nftables: chain inet filter input hook input policy drop'],
    });
  });

  it("sees the workstation example's final `counter drop` as a catch-all", () => {
    const ruleset = parseNftJson(sample('netns/nft-workstation/nft-j-list-ruleset.json'))!;
    expect(ruleset.chains[0]?.rules.map((r) => [r.verdict, r.catchAll])).toEqual([
      ['accept', false],
      ['accept', false],
      ['accept', false],
      ['accept', false],
      ['drop', true],
    ]);
    expect(nft('nft-workstation').chains.map((c) => c.line)).toEqual(['chain inet filter input hook input policy accept, last rule: catch-all drop']);
  });

  it('attributes iptables-nft tables to iptables; an IPv4-only reject leaves IPv6 open', () => {
    expect(summary(nft('iptables-drop'))).toEqual({
      filters: true,
      denies: true,
      ipv4: 'deny',
      ipv6: 'deny',
      chains: ['iptables: chain ip filter INPUT hook input policy drop', 'iptables: chain ip6 filter INPUT hook input policy drop'],
    });
    // the REJECT target comes through as an xtables target expression
    expect(summary(nft('iptables-rhel-reject'))).toEqual({
      filters: true,
      denies: true,
      ipv4: 'deny',
      ipv6: 'allow',
      chains: ['iptables: chain ip filter INPUT hook input policy accept, last rule: catch-all reject'],
    });
  });

  it("does not take Docker's FORWARD drop policy for host protection", () => {
    const ruleset = parseNftJson(sample('netns/docker/nft-j-list-ruleset.json'))!;
    expect(ruleset.chains.find((c) => c.name === 'FORWARD')?.policy).toBe('drop');
    expect(summary(nft('docker'))).toEqual({
      filters: false,
      denies: false,
      ipv4: 'allow',
      ipv6: 'allow',
      chains: ['iptables: chain ip filter INPUT hook input policy accept, 0 rules, none drops'],
    });
  });

  it('recognises ufw chains, with default deny and default allow', () => {
    expect(summary(nft('ufw'))).toEqual({
      filters: true,
      denies: true,
      ipv4: 'deny',
      ipv6: 'deny',
      chains: ['ufw: chain ip filter INPUT hook input policy drop', 'ufw: chain ip6 filter INPUT hook input policy drop'],
    });
    // default allow incoming still drops conntrack INVALID packets in ufw-before-input
    expect(summary(nft('ufw-default-allow'))).toEqual({
      filters: true,
      denies: false,
      ipv4: 'allow',
      ipv6: 'allow',
      chains: [
        'ufw: chain ip filter INPUT hook input policy accept, 6 rules (some drop or reject)',
        'ufw: chain ip6 filter INPUT hook input policy accept, 6 rules (some drop or reject)',
      ],
    });
  });

  it('does not see iptables-legacy tables (they are only in iptables-legacy-save)', () => {
    expect(parseNftJson(sample('netns/docker-legacy/nft-j-list-ruleset.json'))).toEqual({ chains: [] });
    expect(sample('netns/docker-legacy/proc-net-ip_tables_names')).toBe('filter\nnat\n');
  });

  it('rejects what is not nft JSON', () => {
    expect(parseNftJson('')).toBeUndefined();
    expect(parseNftJson(sample('nonroot/nft-j-list-ruleset.stderr'))).toBeUndefined();
    expect(parseNftJson('{"other": []}')).toBeUndefined();
  });
});

describe('iptables-save and iptables -S', () => {
  it('reads every recorded iptables-save and -S output the same way', () => {
    for (const scenario of ['docker', 'iptables-drop', 'iptables-rhel-reject', 'ufw', 'ufw-default-allow']) {
      const fromS = scenario === 'ufw-default-allow' ? undefined : save(scenario, 'iptables-S.txt');
      const fromSave = save(scenario);
      if (fromS) expect(fromS.chains.map((c) => c.line)).toEqual(fromSave.chains.map((c) => c.line));
      // and like nft saw the same tables
      expect(fromSave.chains.map((c) => c.line)).toEqual(
        nft(scenario)
          .chains.filter((c) => c.chain.family === 'ip')
          .map((c) => c.line),
      );
    }
    // With no table loaded, iptables-save prints nothing while -S prints the built-in defaults: the same verdict.
    expect(save('empty').chains).toEqual([]);
    expect(save('empty', 'iptables-S.txt').chains.map((c) => c.line)).toEqual(['chain ip filter INPUT hook input policy accept, 0 rules, none drops']);
    expect(summary(save('empty', 'iptables-S.txt'))).toMatchObject({ filters: false, denies: false });
  });

  it('reads policies from iptables-save chain lines', () => {
    const docker = parseIptables(sample('netns/docker/iptables-save.txt'), 'ip');
    expect(docker.chains.filter((c) => c.table === 'filter').map((c) => [c.name, c.hook, c.policy, c.rules.length])).toEqual([
      ['INPUT', 'input', 'accept', 0],
      ['FORWARD', 'forward', 'drop', 6],
      ['OUTPUT', 'output', 'accept', 0],
      ['DOCKER', null, null, 0],
      ['DOCKER-ISOLATION-STAGE-1', null, null, 2],
      ['DOCKER-ISOLATION-STAGE-2', null, null, 2],
      ['DOCKER-USER', null, null, 1],
    ]);
    expect(docker.chains.find((c) => c.name === 'FORWARD')?.rules[0]).toEqual({ verdict: 'jump', target: 'DOCKER-USER', catchAll: true });
    // nat INPUT is not a filter chain
    expect(docker.chains.find((c) => c.table === 'nat' && c.name === 'INPUT')?.type).toBe('nat');
  });

  it('reads the published Docker host dump (iptables 1.6.1) and its legacy re-recording', () => {
    const published = assessRuleset(parseIptables(sample('published/open5gs-docker.iptables-save'), 'ip'));
    expect(summary(published)).toEqual({
      filters: false,
      denies: false,
      ipv4: 'allow',
      ipv6: 'allow',
      chains: ['iptables: chain ip filter INPUT hook input policy accept, 0 rules, none drops'],
    });
    expect(save('docker-legacy', 'iptables-legacy-save.txt').chains.map((c) => c.line)).toEqual(published.chains.map((c) => c.line));
    expect(save('docker-legacy', 'iptables-legacy-S.txt').chains.map((c) => c.line)).toEqual(published.chains.map((c) => c.line));
  });

  it('reads ip6tables-save', () => {
    expect(save('iptables-drop', 'ip6tables-save.txt', 'ip6').chains.map((c) => c.line)).toEqual(['chain ip6 filter INPUT hook input policy drop']);
    expect(save('empty', 'ip6tables-save.txt', 'ip6').chains).toEqual([]);
    expect(save('ufw', 'ip6tables-save.txt', 'ip6').denies).toBe(true);
  });

  it('tells catch-all rules from matching ones', () => {
    const reject = parseIptables(sample('config/rhel-style.iptables'), 'ip');
    expect(reject.chains.find((c) => c.name === 'INPUT')?.rules.map((r) => [r.verdict, r.catchAll])).toEqual([
      ['accept', false],
      ['accept', false],
      ['accept', false],
      ['accept', false],
      ['reject', true],
    ]);
    // hand-written lines (iptables-save syntax): comments and counters do not match packets
    const lines = parseIptables('-P INPUT ACCEPT\n[5:300] -A INPUT -m comment --comment "final drop" -j DROP\n', 'ip');
    expect(lines.chains[0]?.rules).toEqual([{ verdict: 'drop', catchAll: true }]);
  });

  it('splits quoted arguments', () => {
    expect(splitArgs('-A INPUT -m comment --comment "a \\"b\\" c" -j LOG')).toEqual(['-A', 'INPUT', '-m', 'comment', '--comment', 'a "b" c', '-j', 'LOG']);
  });
});

describe('nftables scripts', () => {
  it("reads Debian 12's shipped /etc/nftables.conf", () => {
    const assessment = assessRuleset(parseNftConfig(sample('config/debian12-nftables.conf')));
    expect(summary(assessment)).toEqual({
      filters: false,
      denies: false,
      ipv4: 'allow',
      ipv6: 'allow',
      chains: ['nftables: chain inet filter input hook input policy accept, 0 rules, none drops'],
    });
  });

  it('reads the shipped workstation example and the drop-policy script like nft loaded them', () => {
    for (const [script, scenario] of [
      ['config/debian12-workstation.nft', 'nft-workstation'],
      ['config/drop-policy.nft', 'nft-drop-policy'],
      ['config/debian12-nftables.conf', 'nft-debian-default'],
    ] as const) {
      const fromScript = parseNftConfig(sample(script));
      const loaded = parseNftJson(sample(`netns/${scenario}/nft-j-list-ruleset.json`))!;
      expect(fromScript).toEqual(loaded);
    }
  });

  // Hand-written scripts below follow nft(8): command syntax, includes, flush, one-line chains.
  it('follows includes through the resolver and honours flush ruleset', () => {
    const main = 'flush ruleset\ninclude "/etc/nftables.d/*.nft"\n';
    expect(nftIncludes(main)).toEqual(['/etc/nftables.d/*.nft']);
    const ruleset = parseNftConfig(main, (path) =>
      path === '/etc/nftables.d/*.nft' ? ['table inet fw { chain in { type filter hook input priority 0; policy drop; } }'] : [],
    );
    expect(ruleset.chains).toEqual([{ family: 'inet', table: 'fw', name: 'in', type: 'filter', hook: 'input', policy: 'drop', rules: [] }]);
    expect(parseNftConfig('table ip t { chain c { type filter hook input priority 0; policy drop; } }\nflush ruleset\n').chains).toEqual([]);
  });

  it('reads command-style scripts and anonymous sets', () => {
    const text = [
      'add table ip6 t',
      'add chain ip6 t input { type filter hook input priority 0 ; }',
      'add rule ip6 t input ct state { established, related } accept',
      'add rule ip6 t input counter log prefix "in: " level info reject with icmpv6 type admin-prohibited',
    ].join('\n');
    const assessment = assessRuleset(parseNftConfig(text));
    expect(assessment.chains.map((c) => c.line)).toEqual(['chain ip6 t input hook input policy accept, last rule: catch-all reject']);
    expect(assessment.ipv4).toBe('allow');
    expect(assessment.ipv6).toBe('deny');
  });

  it('classifies single rules', () => {
    expect(nftRule(['counter', 'drop'])).toEqual({ verdict: 'drop', catchAll: true });
    expect(nftRule(['tcp', 'dport', '22', 'accept'])).toEqual({ verdict: 'accept', catchAll: false });
    expect(nftRule(['jump', 'filter_INPUT_ZONES'])).toEqual({ verdict: 'jump', target: 'filter_INPUT_ZONES', catchAll: true });
    expect(nftRule(['meta', 'mark', 'set', '1'])).toEqual({ verdict: 'other', catchAll: false });
  });

  it('does not count a drop that a catch-all accept makes unreachable', () => {
    const assessment = assessRuleset(parseNftConfig('table inet f { chain i { type filter hook input priority 0; policy drop; accept } }'));
    expect(assessment.denies).toBe(false);
    expect(assessment.chains[0]?.line).toBe('chain inet f i hook input policy drop, but a catch-all rule accepts every packet');
  });

  it('ignores chains on other hooks and families', () => {
    const text =
      'table bridge b { chain i { type filter hook input priority 0; policy drop; } }\ntable ip nat { chain p { type nat hook input priority 100; policy accept; } }';
    expect(assessRuleset(parseNftConfig(text)).chains).toEqual([]);
  });
});

describe('combineAssessments', () => {
  it('denies when any part denies', () => {
    const combined = combineAssessments(save('docker-legacy', 'iptables-legacy-save.txt'), nft('nft-drop-policy'));
    expect([combined.filters, combined.denies, combined.ipv4, combined.ipv6, combined.chains.length]).toEqual([true, true, 'deny', 'deny', 2]);
  });
});

describe('ufw', () => {
  it('reads the shipped configuration files', () => {
    expect(parseAssignments(sample('config/debian12-ufw.conf')).get('ENABLED')).toBe('no');
    const defaults = parseAssignments(sample('config/debian12-etc-default-ufw'));
    expect(defaults.get('DEFAULT_INPUT_POLICY')).toBe('DROP');
    expect(defaults.get('IPV6')).toBe('yes');
    expect(parseAssignments(sample('netns/ufw/etc-ufw-ufw.conf.enabled')).get('ENABLED')).toBe('yes');
    expect(parseAssignments(sample('netns/ufw-default-allow/etc-default-ufw')).get('DEFAULT_INPUT_POLICY')).toBe('ACCEPT');
  });

  it('reads ufw status verbose', () => {
    expect(parseUfwStatus(sample('netns/ufw/ufw-status-verbose.active.txt'))).toEqual({ active: true, incoming: 'deny' });
    expect(parseUfwStatus(sample('netns/ufw/ufw-status-verbose.inactive.txt'))).toEqual({ active: false, incoming: null });
    expect(parseUfwStatus(sample('netns/ufw-default-allow/ufw-status-verbose.txt'))).toEqual({ active: true, incoming: 'allow' });
    expect(parseUfwStatus(sample('nonroot/ufw-status-verbose.stderr'))).toBeUndefined();
  });

  it('maps policy words', () => {
    expect(['DROP', 'REJECT', 'ACCEPT', 'deny', '', undefined].map(policyDirection)).toEqual(['deny', 'deny', 'allow', 'deny', null, null]);
  });
});

describe('firewalld', () => {
  it("reads Debian 12's shipped firewalld.conf and zones", () => {
    expect(parseAssignments(sample('firewalld-deb12/firewalld.conf')).get('DefaultZone')).toBe('public');
    const zones = ['block', 'dmz', 'drop', 'external', 'home', 'internal', 'public', 'trusted', 'work'];
    expect(Object.fromEntries(zones.map((zone) => [zone, zoneTarget(sample(`firewalld-deb12/zones/${zone}.xml`))]))).toEqual({
      block: '%%REJECT%%',
      dmz: 'default',
      drop: 'DROP',
      external: 'default',
      home: 'default',
      internal: 'default',
      public: 'default',
      trusted: 'ACCEPT',
      work: 'default',
    });
    expect(zones.filter((zone) => zoneDefaultInbound(zone, zoneTarget(sample(`firewalld-deb12/zones/${zone}.xml`))!) === 'allow')).toEqual(['trusted']);
    expect(zoneTarget('<service/>')).toBeUndefined();
  });

  it('reads firewall-cmd --state (strings and exit codes from firewall-cmd(1) and its source)', () => {
    expect(parseFirewallCmdState('running\n', 0)).toBe(true);
    expect(parseFirewallCmdState('not running\n', 252)).toBe(false);
    expect(parseFirewallCmdState('failed\n', 251)).toBe(false);
    expect(parseFirewallCmdState('', 1)).toBeNull();
  });
});

/**
 * What each firewall tool is configured to do at boot, read from files (works on a live machine
 * without root, on a root filesystem and on an image): ufw, firewalld, the nftables service and
 * the iptables persistence services. One exception: when ufw's own files cannot be read on a
 * running machine, `ufw status verbose` (root) answers for them.
 */
import { readText, type Host } from '../../hosts/host.js';
import { safeRegex, type SafeRegex } from '../../safe-regex.js';
import { unitState } from '../../platform/linux/units.js';
import type { SharedContext } from '../../platform/run-shared.js';
import { assessRuleset, combineAssessments, type Assessment } from './assess.js';
import { parseIptables } from './iptables.js';
import { nftIncludes, parseNftConfig } from './nft-config.js';
import { parseAssignments, parseUfwStatus, policyDirection, zoneDefaultInbound, zoneTarget, type UfwStatus } from './parse.js';

export type ToolName = 'ufw' | 'firewalld' | 'nftables' | 'iptables';
export type Direction = 'deny' | 'allow';

export interface ToolConfig {
  name: ToolName;
  installed: boolean;
  /** The tool will filter after a reboot (service enabled and, for ufw, ENABLED=yes); null when unknown. */
  enabledAtBoot: boolean | null;
  /** systemd units that start it, to ask whether they are active on a live machine. */
  units: string[];
  /** Its configuration makes some input chain drop or reject something; null when unknown. */
  filters: boolean | null;
  defaultInbound: Direction | null;
  /** Per IP version, when the configuration tells. */
  ipv4: Direction | null;
  ipv6: Direction | null;
  evidence: string[];
  /** Why something above is null. */
  reasons: string[];
}

const anyExists = async (host: Host, paths: readonly string[]): Promise<string | undefined> => {
  for (const path of paths) if ((await host.stat(path)) !== undefined) return path;
  return undefined;
};

/** Read a file; `unreadable` when it exists but cannot be read (permissions). */
const readConfig = async (host: Host, path: string): Promise<{ text?: string; exists: boolean }> => {
  const text = await readText(host, path);
  if (text !== undefined) return { text, exists: true };
  return { exists: (await host.stat(path)) !== undefined };
};

const sbin = (name: string): string[] => [`/usr/sbin/${name}`, `/sbin/${name}`, `/usr/bin/${name}`, `/bin/${name}`];

const blank = (name: ToolName, installed: boolean): ToolConfig => ({
  name,
  installed,
  enabledAtBoot: installed ? false : null,
  units: [],
  filters: null,
  defaultInbound: null,
  ipv4: null,
  ipv6: null,
  evidence: [],
  reasons: [],
});

/**
 * `ufw status verbose`, asked only when /etc/ufw/ufw.conf or /etc/default/ufw exists but cannot be
 * read on a running machine. It needs root: any other answer (`ERROR: You need to be root`, no ufw)
 * leaves the values unknown, with the reason.
 */
const ufwStatus = async (host: Host): Promise<{ status?: UfwStatus; line: string }> => {
  if (!host.capabilities.live || !host.capabilities.exec) return { line: 'ufw status verbose: not run (not a running machine)' };
  let result;
  try {
    result = await host.run('ufw', ['status', 'verbose'], { timeoutMs: 5_000 });
  } catch (error) {
    return { line: `ufw status verbose: could not run (${error instanceof Error ? error.message : String(error)})` };
  }
  const status = result.spawnError === undefined && !result.timedOut && result.exitCode === 0 ? parseUfwStatus(result.stdout) : undefined;
  if (status !== undefined)
    return {
      status,
      line: `ufw status verbose: Status: ${status.active ? 'active' : 'inactive'}${status.incoming === null ? '' : `, default ${status.incoming} (incoming)`}`,
    };
  const said = (result.stderr.trim() || result.stdout.trim()).split(/\r?\n/)[0] ?? '';
  return {
    line: `ufw status verbose: no answer (${result.spawnError ?? (result.timedOut ? 'timed out' : `exit code ${result.exitCode}${said === '' ? '' : `: ${said}`}`)})`,
  };
};

export const ufwConfig = async (host: Host, context: SharedContext = {}): Promise<ToolConfig> => {
  const binary = await anyExists(host, sbin('ufw'));
  const conf = await readConfig(host, '/etc/ufw/ufw.conf');
  const tool = blank('ufw', binary !== undefined || conf.exists);
  if (!tool.installed) return tool;
  tool.units = ['ufw.service'];
  if (binary) tool.evidence.push(`${binary} exists`);
  const enabledWord = conf.text === undefined ? undefined : parseAssignments(conf.text).get('ENABLED');
  if (conf.text === undefined) tool.reasons.push(conf.exists ? '/etc/ufw/ufw.conf cannot be read' : '/etc/ufw/ufw.conf is missing');
  else tool.evidence.push(`/etc/ufw/ufw.conf: ENABLED=${enabledWord ?? '(unset)'}`);
  let enabled = enabledWord === undefined ? null : enabledWord.toLowerCase() === 'yes';
  const defaults = await readConfig(host, '/etc/default/ufw');
  // Files that exist but cannot be read: ask ufw itself (`ufw enable` and `ufw disable` write ENABLED= as they load or flush the rules).
  const asked = (conf.exists && conf.text === undefined) || (defaults.exists && defaults.text === undefined) ? await ufwStatus(host) : undefined;
  if (asked !== undefined) tool.evidence.push(asked.line);
  if (enabled === null && conf.text === undefined && asked?.status !== undefined) enabled = asked.status.active;

  const unit = await unitState(host, 'ufw.service', context);
  if (unit.installed)
    tool.evidence.push(unit.masked ? 'ufw.service is masked' : unit.enabled ? `ufw.service enabled (${unit.wantedBy.join(', ')})` : 'ufw.service not enabled');
  // ufw.service runs ufw-init, which loads the rules only when ENABLED=yes.
  tool.enabledAtBoot = enabled === false || unit.masked || (unit.installed && !unit.enabled) ? false : enabled;
  tool.filters = enabled;

  if (defaults.text === undefined) {
    tool.reasons.push(defaults.exists ? '/etc/default/ufw cannot be read' : '/etc/default/ufw is missing');
    const incoming = asked?.status?.active === true ? asked.status.incoming : null;
    if (incoming !== null) {
      tool.defaultInbound = incoming;
      tool.ipv4 = incoming;
    }
  } else {
    const values = parseAssignments(defaults.text);
    const policy = values.get('DEFAULT_INPUT_POLICY');
    tool.defaultInbound = policyDirection(policy);
    tool.evidence.push(`/etc/default/ufw: DEFAULT_INPUT_POLICY="${policy ?? ''}"`);
    if (tool.defaultInbound === null) tool.reasons.push('/etc/default/ufw sets no DEFAULT_INPUT_POLICY');
    const ipv6 = values.get('IPV6')?.toLowerCase();
    tool.ipv4 = tool.defaultInbound;
    // With IPV6=no ufw leaves ip6tables alone.
    tool.ipv6 = ipv6 === 'no' ? 'allow' : tool.defaultInbound;
    if (ipv6 !== undefined) tool.evidence.push(`/etc/default/ufw: IPV6=${ipv6}`);
  }
  return tool;
};

export const firewalldConfig = async (host: Host, context: SharedContext = {}): Promise<ToolConfig> => {
  const binary = await anyExists(host, [...sbin('firewalld'), '/usr/lib/firewalld/zones']);
  const unit = await unitState(host, 'firewalld.service', context);
  const tool = blank('firewalld', binary !== undefined || unit.installed);
  if (!tool.installed) return tool;
  tool.units = ['firewalld.service'];
  if (binary) tool.evidence.push(`${binary} exists`);
  tool.enabledAtBoot = unit.enabled;
  tool.evidence.push(
    unit.masked ? 'firewalld.service is masked' : unit.enabled ? `firewalld.service enabled (${unit.wantedBy.join(', ')})` : 'firewalld.service not enabled',
  );
  // A running firewalld always installs its zone chains, which end with a reject or drop.
  tool.filters = true;

  let zone = 'public';
  const conf = await readConfig(host, '/etc/firewalld/firewalld.conf');
  const configured = conf.text === undefined ? undefined : parseAssignments(conf.text).get('DefaultZone');
  if (configured) {
    zone = configured;
    tool.evidence.push(`/etc/firewalld/firewalld.conf: DefaultZone=${zone}`);
  } else {
    tool.evidence.push(
      `default zone ${zone} (firewalld's fallback; /etc/firewalld/firewalld.conf ${conf.text === undefined ? (conf.exists ? 'cannot be read' : 'is missing') : 'sets no DefaultZone'})`,
    );
  }
  for (const path of [`/etc/firewalld/zones/${zone}.xml`, `/usr/lib/firewalld/zones/${zone}.xml`]) {
    const file = await readConfig(host, path);
    if (file.text === undefined) {
      if (file.exists) {
        tool.reasons.push(`${path} cannot be read`);
        return tool;
      }
      continue;
    }
    const target = zoneTarget(file.text);
    if (target === undefined) continue;
    tool.defaultInbound = zoneDefaultInbound(zone, target);
    tool.ipv4 = tool.defaultInbound;
    tool.ipv6 = tool.defaultInbound;
    tool.evidence.push(`${path}: zone ${zone} target ${target}`);
    return tool;
  }
  tool.reasons.push(`no definition of firewalld zone ${zone} in /etc/firewalld/zones or /usr/lib/firewalld/zones`);
  return tool;
};

/** An nft include glob from the checked machine: matched in linear time (RE2). */
const globToRegExp = (glob: string): SafeRegex =>
  safeRegex(
    `^${glob
      .replace(/[.+^${}()|\\]/g, '\\$&')
      .replace(/\*/g, '[^/]*')
      .replace(/\?/g, '[^/]')}$`,
  );

/** The files an nft `include` names: relative paths are searched in /etc (nft's default include path). */
const expandInclude = async (host: Host, path: string): Promise<string[]> => {
  const absolute = path.startsWith('/') ? path : `/etc/${path}`;
  if (!/[*?[]/.test(absolute)) return [absolute];
  const slash = absolute.lastIndexOf('/');
  const dir = absolute.slice(0, slash) || '/';
  const pattern = globToRegExp(absolute.slice(slash + 1));
  const entries = (await host.readDir(dir)) ?? [];
  return entries
    .filter((name) => pattern.test(name))
    .sort()
    .map((name) => `${dir}/${name}`);
};

/** Read an nft script and everything it includes (depth-limited), then parse it. */
const readNftScript = async (host: Host, text: string): Promise<Assessment> => {
  const texts = new Map<string, string[]>();
  const load = async (source: string, depth: number): Promise<void> => {
    if (depth > 8) return;
    for (const include of nftIncludes(source)) {
      if (texts.has(include)) continue;
      const files = await expandInclude(host, include);
      const loaded: string[] = [];
      texts.set(include, loaded);
      for (const file of files) {
        const included = await readText(host, file);
        if (included === undefined) continue;
        loaded.push(included);
        await load(included, depth + 1);
      }
    }
  };
  await load(text, 0);
  return assessRuleset(parseNftConfig(text, (include) => texts.get(include) ?? []));
};

/** The script nftables.service loads: the `-f PATH` of its ExecStart, else the distributions' defaults. */
const nftServiceScript = async (host: Host): Promise<string[]> => {
  for (const dir of ['/etc/systemd/system', '/usr/lib/systemd/system', '/lib/systemd/system']) {
    const unit = await readText(host, `${dir}/nftables.service`);
    const match = unit === undefined ? null : /^ExecStart=.*?\s-f\s+(\S+)/m.exec(unit);
    if (match?.[1]) return [match[1]];
  }
  return ['/etc/nftables.conf', '/etc/sysconfig/nftables.conf'];
};

const applyAssessment = (tool: ToolConfig, label: string, assessment: Assessment): void => {
  tool.filters = assessment.filters;
  tool.defaultInbound = assessment.denies ? 'deny' : 'allow';
  tool.ipv4 = assessment.ipv4;
  tool.ipv6 = assessment.ipv6;
  if (assessment.chains.length === 0) tool.evidence.push(`${label}: no filter chain on the input hook`);
  for (const verdict of assessment.chains) tool.evidence.push(`${label}: ${verdict.line}`);
};

export const nftablesConfig = async (host: Host, context: SharedContext = {}): Promise<ToolConfig> => {
  const binary = await anyExists(host, sbin('nft'));
  const unit = await unitState(host, 'nftables.service', context);
  const tool = blank('nftables', binary !== undefined || unit.installed);
  if (!tool.installed) return tool;
  tool.units = ['nftables.service'];
  if (binary) tool.evidence.push(`${binary} exists`);
  tool.enabledAtBoot = unit.enabled;
  tool.evidence.push(
    unit.masked ? 'nftables.service is masked' : unit.enabled ? `nftables.service enabled (${unit.wantedBy.join(', ')})` : 'nftables.service not enabled',
  );
  for (const path of await nftServiceScript(host)) {
    const file = await readConfig(host, path);
    if (file.text === undefined) {
      if (file.exists) tool.reasons.push(`${path} cannot be read`);
      continue;
    }
    applyAssessment(tool, path, await readNftScript(host, file.text));
    return tool;
  }
  if (tool.reasons.length === 0) tool.evidence.push('no nftables script found (/etc/nftables.conf, /etc/sysconfig/nftables.conf)');
  return tool;
};

/** Services that restore saved iptables rules at boot and the files they read. */
const iptablesServices: readonly { unit: string; files: readonly { path: string; family: 'ip' | 'ip6' }[] }[] = [
  {
    unit: 'netfilter-persistent.service',
    files: [
      { path: '/etc/iptables/rules.v4', family: 'ip' },
      { path: '/etc/iptables/rules.v6', family: 'ip6' },
    ],
  },
  {
    unit: 'iptables.service',
    files: [
      { path: '/etc/sysconfig/iptables', family: 'ip' },
      { path: '/etc/iptables/iptables.rules', family: 'ip' },
    ],
  },
  {
    unit: 'ip6tables.service',
    files: [
      { path: '/etc/sysconfig/ip6tables', family: 'ip6' },
      { path: '/etc/iptables/ip6tables.rules', family: 'ip6' },
    ],
  },
];

export const iptablesConfig = async (host: Host, context: SharedContext = {}): Promise<ToolConfig> => {
  const binary = await anyExists(host, sbin('iptables'));
  const states = await Promise.all(iptablesServices.map(async (service) => ({ service, state: await unitState(host, service.unit, context) })));
  const tool = blank('iptables', binary !== undefined || states.some((s) => s.state.installed));
  if (!tool.installed) return tool;
  if (binary) tool.evidence.push(`${binary} exists`);
  const enabled = states.filter((s) => s.state.enabled);
  tool.units = states.filter((s) => s.state.installed).map((s) => s.service.unit);
  tool.enabledAtBoot = enabled.length > 0;
  for (const { service, state } of states) if (state.installed) tool.evidence.push(`${service.unit} ${state.enabled ? 'enabled' : 'not enabled'}`);
  const parts: Assessment[] = [];
  for (const { service } of enabled) {
    for (const { path, family } of service.files) {
      const file = await readConfig(host, path);
      if (file.text === undefined) {
        if (file.exists) tool.reasons.push(`${path} cannot be read`);
        continue;
      }
      const assessment = assessRuleset(parseIptables(file.text, family));
      parts.push(assessment);
      for (const verdict of assessment.chains) tool.evidence.push(`${path}: ${verdict.line}`);
    }
  }
  if (parts.length > 0) {
    const combined = combineAssessments(...parts);
    tool.filters = combined.filters;
    tool.defaultInbound = combined.denies ? 'deny' : 'allow';
    tool.ipv4 = combined.ipv4;
    tool.ipv6 = combined.ipv6;
  } else if (enabled.length > 0 && tool.reasons.length === 0) {
    tool.filters = false;
    tool.defaultInbound = 'allow';
    tool.evidence.push('no saved iptables rules to restore');
  }
  return tool;
};

export const readToolConfigs = async (host: Host, context: SharedContext = {}): Promise<ToolConfig[]> =>
  Promise.all([ufwConfig(host, context), firewalldConfig(host, context), nftablesConfig(host, context), iptablesConfig(host, context)]);

import type { Host } from '../../hosts/host.js';
import type { Json, JsonObject } from '../../model.js';
import { defineProbe, macosAndWindows, ok, type FactSpec, type ProbeContext } from '../probe.js';
import { linuxReads } from './reads.js';
import { processesNamed } from '../../platform/linux/processes.js';
import { unitActive } from '../../platform/linux/units.js';
import type { Assessment, Owner } from './assess.js';
import { readToolConfigs, type Direction, type ToolConfig, type ToolName } from './config.js';
import { readLoadedRules, type LoadedRules } from './live.js';
import { parseFirewallCmdState } from './parse.js';

const facts: Record<string, FactSpec> = {
  enabled: {
    type: 'boolean',
    description:
      'A host firewall filters inbound traffic now (live: from the loaded rule set or the running daemon) or is configured to at boot (at rest: configuration and service enablement).',
  },
  defaultInbound: {
    type: 'string',
    description:
      "'deny' or 'allow': what happens to inbound packets no rule accepts ('deny' when an input-hook filter chain has policy drop or ends with a catch-all drop/reject, ufw's default incoming policy is deny/reject, or firewalld's default zone target is not ACCEPT and the zone is not trusted).",
  },
  defaultInboundByFamily: {
    type: 'object',
    description: "{ipv4, ipv6}: defaultInbound for each IP version ('deny' | 'allow' | null); an iptables-only rule set leaves IPv6 open.",
  },
  backend: { type: 'string', description: "What decides: 'ufw', 'firewalld', 'nftables' or 'iptables'; null when none." },
  source: { type: 'string', description: "'ruleset' (the kernel's loaded rules) or 'configuration' (files only)." },
  tools: {
    type: 'array',
    description: 'One per firewall tool found: {name, installed, enabledAtBoot, active (null at rest), defaultInbound, evidence}.',
  },
  evidence: { type: 'array', description: 'Lines that justify enabled and defaultInbound.' },
  reasons: { type: 'array', description: 'Why any fact above is null (not root, unreadable file, ...).' },
  state: { type: 'number', description: 'macOS: the Application Firewall global state (0 off, 1 on, 2 block all incoming).' },
  blockAll: { type: 'boolean', description: 'macOS: every incoming connection is blocked, allowed apps included.' },
  stealthMode: { type: 'boolean', description: 'macOS: stealth mode (no answer to probes such as ping).' },
  allowSignedBuiltIn: { type: 'boolean', description: 'macOS: built-in signed software may receive connections.' },
  allowSignedDownloaded: { type: 'boolean', description: 'macOS: downloaded signed software may receive connections.' },
  enforced: { type: 'boolean', description: 'The firewall settings come from a configuration profile or Group Policy.' },
  profiles: { type: 'array', description: 'Windows: each profile (Domain, Private, Public): enabled, defaultInbound, and where the value is set.' },
};

/** Who wins when several tools filter: the managers first, then what they are built on. */
const priority: readonly ToolName[] = ['ufw', 'firewalld', 'nftables', 'iptables'];
const byPriority = <T extends { name: ToolName }>(items: readonly T[]): T | undefined =>
  [...items].sort((a, b) => priority.indexOf(a.name) - priority.indexOf(b.name))[0];

interface ToolState extends ToolConfig {
  active: boolean | null;
}

interface Verdict {
  enabled: boolean | null;
  defaultInbound: Direction | null;
  ipv4: Direction | null;
  ipv6: Direction | null;
  backend: ToolName | null;
  source: 'ruleset' | 'configuration' | null;
  evidence: string[];
  reasons: string[];
}

/** firewalld: systemd's view, else the process list, else `firewall-cmd --state` (works without root). */
const firewalldRunning = async (host: Host, context: ProbeContext): Promise<{ active: boolean | null; line: string }> => {
  const unit = await unitActive(host, 'firewalld.service');
  if (unit !== null) return { active: unit, line: `firewalld.service ${unit ? 'active' : 'inactive'}` };
  const processes = await processesNamed(host, context, ['firewalld']);
  if (processes !== undefined && processes.length > 0) return { active: true, line: `firewalld process running (pid ${processes[0]?.pid ?? '?'})` };
  if (context.capabilities.exec) {
    const result = await host.run('firewall-cmd', ['--state'], { timeoutMs: 5_000 });
    const state = result.spawnError === undefined ? parseFirewallCmdState(result.stdout, result.exitCode) : null;
    if (state !== null) return { active: state, line: `firewall-cmd --state: ${result.stdout.trim()}` };
  }
  if (processes !== undefined) return { active: false, line: 'no firewalld process' };
  return { active: null, line: 'firewalld activity unknown' };
};

const ownedChains = (assessment: Assessment, owner: Owner) => assessment.chains.filter((chain) => chain.owner === owner);

/** Live: is each tool filtering now? From the loaded rules when readable, else units, processes and ufw.conf. */
const liveStates = async (host: Host, context: ProbeContext, tools: readonly ToolConfig[], loaded: LoadedRules | undefined): Promise<ToolState[]> =>
  Promise.all(
    tools.map(async (tool): Promise<ToolState> => {
      const state: ToolState = { ...tool, evidence: [...tool.evidence], active: null };
      if (!tool.installed) return state;
      const assessment = loaded?.assessment;
      if (tool.name === 'firewalld') {
        const running = await firewalldRunning(host, context);
        state.active = running.active ?? (assessment ? ownedChains(assessment, 'firewalld').length > 0 : null);
        state.evidence.push(running.line);
        return state;
      }
      if (assessment) {
        const owned = ownedChains(assessment, tool.name);
        state.active = owned.some((chain) => chain.filters);
        if (owned.length > 0) state.defaultInbound = owned.some((chain) => chain.denies) ? 'deny' : 'allow';
        return state;
      }
      const units = await Promise.all(tool.units.map((unit) => unitActive(host, unit)));
      const unitSaysActive = units.some((active) => active === true);
      const unitSaysInactive = units.length > 0 && units.every((active) => active === false);
      if (tool.name === 'ufw') {
        // ufw enable/disable rewrite ENABLED= and load or flush the rules at once.
        state.active = tool.filters === null ? null : tool.filters && !unitSaysInactive;
      } else {
        state.active = unitSaysActive ? true : unitSaysInactive ? false : null;
      }
      return state;
    }),
  );

const unique = (lines: readonly string[]): string[] => [...new Set(lines)];

/** Decide from tools' configuration: at rest with `enabledAtBoot`, live without root with `active`. */
const fromTools = (tools: readonly ToolState[], key: 'enabledAtBoot' | 'active'): Verdict => {
  const on = tools.filter((tool) => tool[key] === true);
  const deciding = byPriority(on.filter((tool) => tool.filters === true));
  const unknown = tools.filter((tool) => tool.installed && (tool[key] === null || (tool[key] && tool.filters === null)));
  const reasons = unique(tools.flatMap((tool) => tool.reasons));
  if (deciding) {
    const filtering = on.filter((tool) => tool.filters === true);
    const pick = (field: 'defaultInbound' | 'ipv4' | 'ipv6'): Direction | null =>
      filtering.some((tool) => tool[field] === 'deny') ? 'deny' : filtering.some((tool) => tool[field] === null) ? null : 'allow';
    const defaultInbound = pick('defaultInbound');
    return {
      enabled: true,
      defaultInbound,
      ipv4: pick('ipv4'),
      ipv6: pick('ipv6'),
      backend: deciding.name,
      source: 'configuration',
      evidence: filtering.flatMap((tool) => tool.evidence),
      reasons: defaultInbound === null ? reasons : [],
    };
  }
  if (unknown.length > 0) {
    return {
      enabled: null,
      defaultInbound: null,
      ipv4: null,
      ipv6: null,
      backend: (byPriority(unknown.filter((tool) => tool[key] === true)) ?? byPriority(unknown.filter((tool) => tool.enabledAtBoot === true)))?.name ?? null,
      source: 'configuration',
      evidence: unknown.flatMap((tool) => tool.evidence),
      reasons: reasons.length > 0 ? reasons : unknown.map((tool) => `cannot tell whether ${tool.name} filters inbound traffic`),
    };
  }
  const installed = tools.filter((tool) => tool.installed);
  return {
    enabled: false,
    defaultInbound: 'allow',
    ipv4: 'allow',
    ipv6: 'allow',
    backend: null,
    source: 'configuration',
    evidence:
      installed.length === 0
        ? ['no firewall tool installed (ufw, firewalld, nft, iptables)']
        : installed.flatMap((tool) => tool.evidence).concat(key === 'enabledAtBoot' ? ['no firewall is enabled at boot'] : ['no firewall is active']),
    reasons: [],
  };
};

const fromRuleset = (assessment: Assessment, loaded: LoadedRules, tools: readonly ToolState[]): Verdict => {
  const firewalld = tools.find((tool) => tool.name === 'firewalld');
  const owners = (chains: Assessment['chains']): ToolName[] => chains.map((chain) => chain.owner);
  const pickOwner = (names: readonly ToolName[]): ToolName | undefined => priority.find((name) => names.includes(name));
  const backend =
    (firewalld?.active === true ? 'firewalld' : undefined) ??
    pickOwner(owners(assessment.chains.filter((chain) => chain.denies))) ??
    pickOwner(owners(assessment.chains.filter((chain) => chain.filters))) ??
    null;
  const evidence = [...loaded.evidence];
  if (assessment.chains.length === 0) evidence.push('loaded rule set: no filter chain on the input hook');
  let { ipv4, ipv6 }: { ipv4: Direction | null; ipv6: Direction | null } = assessment;
  let defaultInbound: Direction | null = assessment.denies ? 'deny' : 'allow';
  const reasons: string[] = [];
  // firewalld's chains always end with a reject; the default zone's target tells whether it is reached.
  if (backend === 'firewalld' && firewalld) {
    evidence.push(...firewalld.evidence);
    defaultInbound = firewalld.defaultInbound;
    ipv4 = firewalld.ipv4;
    ipv6 = firewalld.ipv6;
    if (defaultInbound === null) reasons.push(...firewalld.reasons);
  } else if (backend !== null) {
    const tool = tools.find((candidate) => candidate.name === backend);
    if (tool) evidence.push(...tool.evidence.filter((line) => !/^\/.*: chain /.test(line)));
  }
  return {
    enabled: assessment.filters || firewalld?.active === true,
    defaultInbound,
    ipv4,
    ipv6,
    backend,
    source: 'ruleset',
    evidence,
    reasons,
  };
};

const collectLinux = async (host: Host, context: ProbeContext): Promise<JsonObject> => {
  const configs = await readToolConfigs(host, context);
  const { live, exec } = context.capabilities;
  let verdict: Verdict;
  let tools: ToolState[];
  if (!live) {
    tools = configs.map((tool) => ({ ...tool, active: null }));
    verdict = fromTools(tools, 'enabledAtBoot');
  } else {
    const loaded = exec ? await readLoadedRules(host) : undefined;
    tools = await liveStates(host, context, configs, loaded);
    if (loaded?.assessment) {
      verdict = fromRuleset(loaded.assessment, loaded, tools);
    } else {
      verdict = fromTools(tools, 'active');
      const nothingInstalled = tools.every((tool) => !tool.installed);
      const notRead = loaded?.reasons ?? ['commands cannot be run on this target'];
      if (verdict.enabled === true) {
        verdict.evidence.push(...notRead.map((reason) => `loaded rules not read (${reason}); answered from configuration`));
      } else if (!nothingInstalled) {
        // Tools are installed, none is known to filter, and the loaded rules cannot be read.
        verdict = {
          ...verdict,
          enabled: null,
          defaultInbound: null,
          ipv4: null,
          ipv6: null,
          reasons: unique([
            ...tools.flatMap((tool) => tool.reasons),
            ...notRead,
            ...(loaded?.notPermitted ? ['the loaded rule set can only be read by root'] : []),
            ...(tools.some((tool) => tool.enabledAtBoot === true || tool.active === true)
              ? []
              : ['no firewall service is enabled at boot or known to be active']),
          ]),
        };
      }
    }
  }
  const toolFacts: Json[] = tools
    .filter((tool) => tool.installed)
    .map((tool) => ({
      name: tool.name,
      installed: tool.installed,
      enabledAtBoot: tool.enabledAtBoot,
      active: live ? tool.active : null,
      defaultInbound: tool.defaultInbound,
      evidence: tool.evidence,
    }));
  return {
    enabled: verdict.enabled,
    defaultInbound: verdict.defaultInbound,
    defaultInboundByFamily: { ipv4: verdict.ipv4, ipv6: verdict.ipv6 },
    backend: verdict.backend,
    source: verdict.source,
    tools: toolFacts,
    evidence: unique(verdict.evidence),
    reasons: unique(verdict.reasons),
  };
};

export const firewall = defineProbe({
  id: 'firewall',
  title: 'Host firewall',
  needs: ['read'],
  facts,
  reads: { linux: linuxReads },
  collect: {
    linux: async (host, context) => ok(await collectLinux(host, context)),
    ...macosAndWindows(
      () => import('./macos.js'),
      () => import('./windows.js'),
    ),
  },
});

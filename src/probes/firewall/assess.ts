/**
 * What a rule set does to inbound packets. Only base chains of type `filter` on the `input` hook in
 * the ip, ip6 and inet families see packets addressed to this host; forward chains (Docker, libvirt,
 * Kubernetes) and nat chains are not host protection. A packet must pass every input base chain, so
 * one chain that drops by default is enough for 'deny'.
 */
import type { Chain, Rule, Ruleset } from './ruleset.js';

/** Who wrote a chain: read from table and chain names. */
export type Owner = 'ufw' | 'firewalld' | 'nftables' | 'iptables';

export interface InputChainVerdict {
  chain: Chain;
  /** Some rule on the path (the chain or a chain it jumps to) drops or rejects packets. */
  filters: boolean;
  /** Packets no rule accepts are dropped or rejected. */
  denies: boolean;
  owner: Owner;
  /** One human-readable line, e.g. `chain inet filter input hook input policy drop`. */
  line: string;
}

export interface Assessment {
  chains: InputChainVerdict[];
  /** Some input chain filters something. */
  filters: boolean;
  /** Some input chain denies by default. */
  denies: boolean;
  /** Default for each IP version: an `inet` chain covers both. */
  ipv4: 'deny' | 'allow';
  ipv6: 'deny' | 'allow';
}

/** Names of the tables iptables-nft and iptables-legacy create. */
const iptablesTables = new Set(['filter', 'nat', 'mangle', 'raw', 'security']);

const chainMap = (ruleset: Ruleset): Map<string, Chain> => new Map(ruleset.chains.map((chain) => [`${chain.family}\0${chain.table}\0${chain.name}`, chain]));

/** Chains reachable from `start` by jump/goto in the same table, including itself. */
const reachable = (start: Chain, chains: Map<string, Chain>): Chain[] => {
  const seen = new Map<string, Chain>([[start.name, start]]);
  const queue = [start];
  for (let next = queue.shift(); next !== undefined; next = queue.shift()) {
    for (const rule of next.rules) {
      if (rule.target === undefined || seen.has(rule.target)) continue;
      const found = chains.get(`${start.family}\0${start.table}\0${rule.target}`);
      if (found) {
        seen.set(found.name, found);
        queue.push(found);
      }
    }
  }
  return [...seen.values()];
};

const isDeny = (rule: Rule): boolean => rule.verdict === 'drop' || rule.verdict === 'reject';

/** The chain ends with a catch-all drop/reject, directly or through a catch-all jump (depth-limited). */
const endsWithDeny = (chain: Chain, chains: Map<string, Chain>, depth = 0): Rule | undefined => {
  const last = chain.rules.at(-1);
  if (!last?.catchAll || depth > 8) return undefined;
  if (isDeny(last)) return last;
  if ((last.verdict === 'jump' || last.verdict === 'goto') && last.target !== undefined) {
    const next = chains.get(`${chain.family}\0${chain.table}\0${last.target}`);
    if (next && endsWithDeny(next, chains, depth + 1)) return last;
  }
  return undefined;
};

/** Every packet reaching the chain is accepted by a catch-all accept (directly or in a chain it enters). */
const acceptsAll = (chain: Chain, chains: Map<string, Chain>, depth = 0): boolean =>
  depth <= 8 &&
  chain.rules.some((rule) => {
    if (!rule.catchAll) return false;
    if (rule.verdict === 'accept') return true;
    if ((rule.verdict === 'jump' || rule.verdict === 'goto') && rule.target !== undefined) {
      const next = chains.get(`${chain.family}\0${chain.table}\0${rule.target}`);
      return next !== undefined && acceptsAll(next, chains, depth + 1);
    }
    return false;
  });

const ownerOf = (chain: Chain, path: readonly Chain[]): Owner => {
  if (chain.table === 'firewalld' || path.some((c) => /^(IN_|INPUT_direct$|INPUT_ZONES)/.test(c.name))) return 'firewalld';
  if (path.some((c) => /^ufw6?-/.test(c.name))) return 'ufw';
  if ((chain.family === 'ip' || chain.family === 'ip6') && iptablesTables.has(chain.table) && chain.name === chain.name.toUpperCase()) {
    return 'iptables';
  }
  return 'nftables';
};

export const assessRuleset = (ruleset: Ruleset): Assessment => {
  const chains = chainMap(ruleset);
  const verdicts: InputChainVerdict[] = [];
  for (const chain of ruleset.chains) {
    if (chain.hook !== 'input' || chain.type !== 'filter') continue;
    if (chain.family !== 'ip' && chain.family !== 'ip6' && chain.family !== 'inet') continue;
    const path = reachable(chain, chains);
    const catchAll = endsWithDeny(chain, chains);
    const opened = acceptsAll(chain, chains);
    const denies = !opened && (chain.policy === 'drop' || catchAll !== undefined);
    const filters = denies || path.some((c) => c.rules.some(isDeny));
    const how = opened
      ? `policy ${chain.policy ?? 'accept'}, but a catch-all rule accepts every packet`
      : chain.policy === 'drop'
        ? 'policy drop'
        : catchAll
          ? `policy accept, last rule: catch-all ${catchAll.verdict === 'jump' || catchAll.verdict === 'goto' ? `${catchAll.verdict} ${catchAll.target ?? ''} (ends with drop/reject)` : catchAll.verdict}`
          : `policy accept, ${chain.rules.length} rule${chain.rules.length === 1 ? '' : 's'}${filters ? ' (some drop or reject)' : ', none drops'}`;
    verdicts.push({
      chain,
      filters,
      denies,
      owner: ownerOf(chain, path),
      line: `chain ${chain.family} ${chain.table} ${chain.name} hook input ${how}`,
    });
  }
  const deniesFor = (family: 'ip' | 'ip6'): 'deny' | 'allow' =>
    verdicts.some((v) => v.denies && (v.chain.family === family || v.chain.family === 'inet')) ? 'deny' : 'allow';
  return {
    chains: verdicts,
    filters: verdicts.some((v) => v.filters),
    denies: verdicts.some((v) => v.denies),
    ipv4: deniesFor('ip'),
    ipv6: deniesFor('ip6'),
  };
};

/** Combine the assessments of rule sets that live side by side (nft tables and iptables-legacy tables). */
export const combineAssessments = (...parts: readonly Assessment[]): Assessment => ({
  chains: parts.flatMap((part) => part.chains),
  filters: parts.some((part) => part.filters),
  denies: parts.some((part) => part.denies),
  ipv4: parts.some((part) => part.ipv4 === 'deny') ? 'deny' : 'allow',
  ipv6: parts.some((part) => part.ipv6 === 'deny') ? 'deny' : 'allow',
});

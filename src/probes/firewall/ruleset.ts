/**
 * One shape for every packet-filter source (nft JSON, nft configuration files, iptables-save and
 * `iptables -S`), so that a single judge decides what happens to inbound packets.
 */

/** nftables address families; iptables rules are `ip` (IPv4) or `ip6` (IPv6). */
export type Family = 'ip' | 'ip6' | 'inet' | 'arp' | 'bridge' | 'netdev';

/** What a rule does with a packet it matches. `other` never ends the chain (log, mark, nat, ...). */
export type Verdict = 'accept' | 'drop' | 'reject' | 'jump' | 'goto' | 'return' | 'other';

export interface Rule {
  verdict: Verdict;
  /** The chain a jump or goto enters. */
  target?: string;
  /** The rule matches every packet (no match expression at all, only counters, logging, comments). */
  catchAll: boolean;
}

export interface Chain {
  family: Family;
  table: string;
  name: string;
  /** Base chains only: `filter`, `nat`, `route`. */
  type: string | null;
  /** Base chains only: `input`, `forward`, `output`, `prerouting`, `postrouting`, `ingress`. */
  hook: string | null;
  /** Base chains only. */
  policy: 'accept' | 'drop' | null;
  rules: Rule[];
}

export interface Ruleset {
  chains: Chain[];
}

export const families: readonly Family[] = ['ip', 'ip6', 'inet', 'arp', 'bridge', 'netdev'];
export const isFamily = (word: string): word is Family => (families as readonly string[]).includes(word);

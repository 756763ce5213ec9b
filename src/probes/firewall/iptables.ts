/**
 * iptables rules in either of the two text forms the tools print and read: `iptables-save`
 * (`*table`, `:CHAIN POLICY [packets:bytes]`, `-A ...`, `COMMIT`; also the format of
 * /etc/iptables/rules.v4 and /etc/sysconfig/iptables) and `iptables -S` (`-P`, `-N`, `-A`).
 */
import type { Chain, Rule, Ruleset, Verdict } from './ruleset.js';

/** Built-in chains and the netfilter hook each one is attached to. */
const builtinHooks: Record<string, string> = {
  INPUT: 'input',
  FORWARD: 'forward',
  OUTPUT: 'output',
  PREROUTING: 'prerouting',
  POSTROUTING: 'postrouting',
};

/** Split one rule line like a shell would (iptables-save quotes comments with double quotes). */
export const splitArgs = (line: string): string[] => {
  const words: string[] = [];
  let current = '';
  let inWord = false;
  let quote: '"' | "'" | null = null;
  for (let i = 0; i < line.length; i++) {
    const c = line.charAt(i);
    if (quote !== null) {
      if (c === quote) quote = null;
      else if (c === '\\' && quote === '"' && i + 1 < line.length) current += line.charAt(++i);
      else current += c;
    } else if (c === '"' || c === "'") {
      quote = c;
      inWord = true;
    } else if (c === ' ' || c === '\t') {
      if (inWord) words.push(current);
      current = '';
      inWord = false;
    } else {
      current += c;
      inWord = true;
    }
  }
  if (inWord) words.push(current);
  return words;
};

interface PendingRule {
  target: string | undefined;
  goto: boolean;
  catchAll: boolean;
}

/** `-A CHAIN <matches> -j TARGET <target options>`: the target and whether anything is matched. */
const parseRuleArgs = (args: readonly string[]): PendingRule => {
  let target: string | undefined;
  let goto = false;
  let catchAll = true;
  for (let i = 0; i < args.length; i++) {
    const arg = args[i];
    if (arg === '-j' || arg === '--jump' || arg === '-g' || arg === '--goto') {
      target = args[i + 1];
      goto = arg === '-g' || arg === '--goto';
      break; // everything after the target name belongs to the target (--reject-with, --log-prefix, ...)
    }
    if (arg === '-m' && args[i + 1] === 'comment' && args[i + 2] === '--comment') {
      i += 3;
      continue;
    }
    if (arg === '-c') {
      i += 2; // -c PACKETS BYTES (iptables-save -c)
      continue;
    }
    catchAll = false;
  }
  return { target, goto, catchAll };
};

const verdictFor = (pending: PendingRule, chainNames: ReadonlySet<string>): Rule => {
  const { target, catchAll } = pending;
  let verdict: Verdict = 'other';
  if (target === 'ACCEPT') verdict = 'accept';
  else if (target === 'DROP') verdict = 'drop';
  else if (target === 'REJECT') verdict = 'reject';
  else if (target === 'RETURN') verdict = 'return';
  else if (target !== undefined && chainNames.has(target)) verdict = pending.goto ? 'goto' : 'jump';
  return verdict === 'jump' || verdict === 'goto' ? { verdict, target: target ?? '', catchAll } : { verdict, catchAll };
};

/** Parse iptables-save or `iptables -S` output for one family (`ip` for iptables, `ip6` for ip6tables). */
export const parseIptables = (text: string, family: 'ip' | 'ip6'): Ruleset => {
  interface Draft {
    table: string;
    name: string;
    policy: 'accept' | 'drop' | null;
    pending: PendingRule[];
  }
  const drafts = new Map<string, Draft>();
  let table = 'filter';
  const draft = (name: string): Draft => {
    const key = `${table}\0${name}`;
    let found = drafts.get(key);
    if (!found) {
      found = { table, name, policy: name in builtinHooks ? 'accept' : null, pending: [] };
      drafts.set(key, found);
    }
    return found;
  };
  const policyOf = (word: string | undefined): 'accept' | 'drop' | null => (word === 'DROP' ? 'drop' : word === 'ACCEPT' ? 'accept' : null);

  for (const raw of text.split('\n')) {
    const line = raw.trim();
    if (line === '' || line.startsWith('#') || line === 'COMMIT') continue;
    if (line.startsWith('*')) {
      table = line.slice(1).trim();
      continue;
    }
    if (line.startsWith(':')) {
      const [name, policy] = line.slice(1).split(/\s+/);
      if (name) {
        const chain = draft(name);
        if (name in builtinHooks) chain.policy = policyOf(policy) ?? chain.policy;
      }
      continue;
    }
    // iptables-save -c prefixes rules with [packets:bytes].
    const args = splitArgs(line.replace(/^\[\d+:\d+\]\s+/, ''));
    const [flag, name] = args;
    if (name === undefined) continue;
    if (flag === '-P') draft(name).policy = policyOf(args[2]);
    else if (flag === '-N') draft(name);
    else if (flag === '-A' || flag === '-I') {
      const rule = parseRuleArgs(args.slice(2));
      if (flag === '-A') draft(name).pending.push(rule);
      else draft(name).pending.unshift(rule);
    }
  }

  const chainsOf = new Map<string, Set<string>>();
  for (const d of drafts.values()) {
    const names = chainsOf.get(d.table) ?? new Set<string>();
    names.add(d.name);
    chainsOf.set(d.table, names);
  }
  const chains: Chain[] = [...drafts.values()].map((d) => {
    const hook = builtinHooks[d.name] ?? null;
    return {
      family,
      table: d.table,
      name: d.name,
      type: hook === null ? null : d.table === 'nat' ? 'nat' : d.table === 'filter' ? 'filter' : d.table,
      hook,
      policy: hook === null ? null : d.policy,
      rules: d.pending.map((pending) => verdictFor(pending, chainsOf.get(d.table) ?? new Set())),
    };
  });
  return { chains };
};

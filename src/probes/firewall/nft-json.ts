/** `nft -j list ruleset` (libnftables JSON, schema version 1) into a Ruleset. */
import { isFamily, type Chain, type Rule, type Ruleset, type Verdict } from './ruleset.js';

type JsonRecord = Record<string, unknown>;

const isRecord = (value: unknown): value is JsonRecord => typeof value === 'object' && value !== null && !Array.isArray(value);
const text = (value: unknown): string | undefined => (typeof value === 'string' ? value : undefined);

/** Statements that neither match nor decide: a rule made only of these (and a verdict) matches every packet. */
const passive = new Set(['counter', 'log', 'comment']);

const verdictOf = (statement: JsonRecord): { verdict: Verdict; target?: string } | undefined => {
  for (const key of ['accept', 'drop', 'reject', 'return'] as const) if (key in statement) return { verdict: key };
  for (const key of ['jump', 'goto'] as const) {
    const body = statement[key];
    if (isRecord(body)) {
      const target = text(body.target);
      return target === undefined ? { verdict: key } : { verdict: key, target };
    }
  }
  const xt = statement.xt;
  if (isRecord(xt) && xt.type === 'target') {
    // iptables-nft rules the nft tool cannot translate show up as xtables targets.
    const name = text(xt.name);
    if (name === 'REJECT') return { verdict: 'reject' };
    if (name === 'DROP') return { verdict: 'drop' };
    return { verdict: 'other' };
  }
  return undefined;
};

const parseRule = (expr: unknown[]): Rule => {
  let decided: { verdict: Verdict; target?: string } | undefined;
  let catchAll = true;
  for (const statement of expr) {
    if (!isRecord(statement)) continue;
    const verdict = verdictOf(statement);
    if (verdict) {
      decided ??= verdict;
      continue;
    }
    const keys = Object.keys(statement);
    if (!keys.every((key) => passive.has(key))) catchAll = false;
  }
  return decided === undefined ? { verdict: 'other', catchAll } : { ...decided, catchAll };
};

/** Undefined when the text is not nft JSON output. */
export const parseNftJson = (json: string): Ruleset | undefined => {
  let document: unknown;
  try {
    document = JSON.parse(json);
  } catch {
    return undefined;
  }
  if (!isRecord(document) || !Array.isArray(document.nftables)) return undefined;
  const chains = new Map<string, Chain>();
  const key = (family: string, table: string, name: string): string => `${family}\0${table}\0${name}`;
  for (const item of document.nftables) {
    if (!isRecord(item)) continue;
    const chain = item.chain;
    if (isRecord(chain)) {
      const family = text(chain.family);
      const table = text(chain.table);
      const name = text(chain.name);
      if (family === undefined || !isFamily(family) || table === undefined || name === undefined) continue;
      const policy = text(chain.policy);
      chains.set(key(family, table, name), {
        family,
        table,
        name,
        type: text(chain.type) ?? null,
        hook: text(chain.hook) ?? null,
        policy: policy === 'drop' || policy === 'accept' ? policy : text(chain.hook) === undefined ? null : 'accept',
        rules: [],
      });
    }
    const rule = item.rule;
    if (isRecord(rule) && Array.isArray(rule.expr)) {
      const owner = chains.get(key(text(rule.family) ?? '', text(rule.table) ?? '', text(rule.chain) ?? ''));
      owner?.rules.push(parseRule(rule.expr));
    }
  }
  return { chains: [...chains.values()] };
};

/**
 * nftables scripts as loaded by `nft -f` (/etc/nftables.conf on Debian, /etc/sysconfig/nftables.conf
 * on RHEL and their includes), read without nft: tables, base chains (type, hook, policy) and each
 * rule's verdict. Syntax: nft(8) "INPUT FILE FORMATS", "RULESET", "TABLES", "CHAINS", "RULES".
 */
import { isFamily, type Chain, type Family, type Rule, type Ruleset, type Verdict } from './ruleset.js';

type Token = { kind: 'word' | 'string'; value: string } | { kind: 'open' | 'close' | 'end' };

const tokenize = (text: string): Token[] => {
  const tokens: Token[] = [];
  let i = 0;
  while (i < text.length) {
    const c = text.charAt(i);
    if (c === '#') {
      while (i < text.length && text.charAt(i) !== '\n') i++;
    } else if (c === '\\' && text.charAt(i + 1) === '\n') {
      i += 2; // line continuation
    } else if (c === '\n' || c === ';') {
      tokens.push({ kind: 'end' });
      i++;
    } else if (c === '{') {
      tokens.push({ kind: 'open' });
      i++;
    } else if (c === '}') {
      tokens.push({ kind: 'close' });
      i++;
    } else if (c === '"') {
      const close = text.indexOf('"', i + 1);
      const stop = close === -1 ? text.length : close;
      tokens.push({ kind: 'string', value: text.slice(i + 1, stop) });
      i = stop + 1;
    } else if (/\s/.test(c)) {
      i++;
    } else {
      let j = i;
      while (j < text.length && !/[\s{};#"]/.test(text.charAt(j))) j++;
      tokens.push({ kind: 'word', value: text.slice(i, j) });
      i = j;
    }
  }
  return tokens;
};

const wordsOf = (tokens: readonly Token[]): string[] =>
  tokens.map((t) => (t.kind === 'word' || t.kind === 'string' ? t.value : t.kind === 'open' ? '{' : t.kind === 'close' ? '}' : ';'));

const objects = new Set(['table', 'chain', 'set', 'map', 'flowtable', 'counter', 'quota', 'ct', 'limit', 'secmark', 'synproxy']);
/** At the top level a block follows `table ...`, `chain ...`, `add|create|delete|destroy <object> ...`. */
const topLevelBlock = (head: readonly string[]): boolean =>
  head[0] === 'table' || head[0] === 'chain' || (['add', 'create', 'delete', 'destroy'].includes(head[0] ?? '') && objects.has(head[1] ?? ''));
/** Inside a table a block follows an object declaration (`chain input {`, `set blocked {`, `ct helper ftp {`). */
const tableBlock = (head: readonly string[]): boolean => objects.has(head[0] ?? '');
/** Inside a chain every brace belongs to a rule (anonymous sets, verdict maps). */
const chainBlock = (): boolean => false;

/** A statement: its tokens up to the separator at depth 0, nested blocks kept as token lists. */
interface Statement {
  words: Token[];
  /** The `{ ... }` block that ends the statement, if any (tables, chains, `add chain ... { ... }`). */
  block?: Token[];
}

/** Split a token run into statements; braces inside a statement (anonymous sets, vmaps) stay in it. */
const statements = (tokens: readonly Token[], opensBlock: (head: readonly string[]) => boolean): Statement[] => {
  const result: Statement[] = [];
  let words: Token[] = [];
  let i = 0;
  const flush = (): void => {
    if (words.length > 0) result.push({ words });
    words = [];
  };
  while (i < tokens.length) {
    const token = tokens[i];
    if (token === undefined) break;
    if (token.kind === 'end') {
      flush();
      i++;
    } else if (token.kind === 'close') {
      i++; // stray close brace
    } else if (token.kind === 'open') {
      let depth = 1;
      let j = i + 1;
      while (j < tokens.length && depth > 0) {
        const inner = tokens[j];
        if (inner?.kind === 'open') depth++;
        else if (inner?.kind === 'close') depth--;
        j++;
      }
      const inside = tokens.slice(i + 1, depth === 0 ? j - 1 : j);
      if (words.length > 0 && opensBlock(wordsOf(words))) {
        result.push({ words, block: inside });
        words = [];
      } else {
        // anonymous set or verdict map inside a rule: keep its words flat
        words.push({ kind: 'word', value: '{' }, ...inside.filter((t) => t.kind !== 'end'), { kind: 'word', value: '}' });
      }
      i = j;
    } else {
      words.push(token);
      i++;
    }
  }
  flush();
  return result;
};

const verdicts = new Set(['accept', 'drop', 'reject', 'return', 'jump', 'goto', 'continue', 'queue']);
const logOptions = new Set(['prefix', 'level', 'flags', 'group', 'snaplen', 'queue-threshold']);

/** One rule's words: its verdict and whether it matches every packet. */
export const nftRule = (words: readonly string[]): Rule => {
  let i = 0;
  let catchAll = true;
  let verdict: Verdict = 'other';
  let target: string | undefined;
  while (i < words.length) {
    const word = words[i] ?? '';
    if (word === 'counter') {
      i++;
      if (words[i] === 'packets') i += 4; // counter packets N bytes N
      continue;
    }
    if (word === 'log') {
      i++;
      while (i < words.length && logOptions.has(words[i] ?? '')) i += 2;
      continue;
    }
    if (word === 'comment') {
      i += 2;
      continue;
    }
    if (verdicts.has(word)) {
      if (word === 'jump' || word === 'goto') {
        verdict = word;
        target = words[i + 1];
      } else if (word === 'accept' || word === 'drop' || word === 'reject' || word === 'return') {
        verdict = word;
      }
      break;
    }
    catchAll = false;
    i++;
  }
  return target === undefined ? { verdict, catchAll } : { verdict, target, catchAll };
};

interface Scope {
  chains: Map<string, Chain>;
}

const chainKey = (family: Family, table: string, name: string): string => `${family}\0${table}\0${name}`;

const ensureChain = (scope: Scope, family: Family, table: string, name: string): Chain => {
  const key = chainKey(family, table, name);
  let chain = scope.chains.get(key);
  if (!chain) {
    chain = { family, table, name, type: null, hook: null, policy: null, rules: [] };
    scope.chains.set(key, chain);
  }
  return chain;
};

/** `type filter hook input priority 0`, `policy drop`, `comment "..."`, or a rule. */
const chainBody = (chain: Chain, block: readonly Token[]): void => {
  for (const statement of statements(block, chainBlock)) {
    const words = wordsOf(statement.words);
    if (words[0] === 'type') {
      chain.type = words[1] ?? null;
      const hookAt = words.indexOf('hook');
      chain.hook = hookAt >= 0 ? (words[hookAt + 1] ?? null) : null;
      chain.policy ??= 'accept';
      const policyAt = words.indexOf('policy');
      if (policyAt >= 0) chain.policy = words[policyAt + 1] === 'drop' ? 'drop' : 'accept';
    } else if (words[0] === 'policy') {
      chain.policy = words[1] === 'drop' ? 'drop' : 'accept';
    } else if (words[0] === 'comment' || words[0] === 'devices' || words[0] === 'flags') {
      continue;
    } else {
      chain.rules.push(nftRule(words));
    }
  }
};

/** `[family] name` at the start of words; family defaults to ip. */
const familyAndName = (words: readonly string[], at: number): { family: Family; rest: number } => {
  const first = words[at] ?? '';
  return isFamily(first) ? { family: first, rest: at + 1 } : { family: 'ip', rest: at };
};

/**
 * Resolves an `include` argument (a path, possibly with a glob) to the texts of the files it
 * names, in order; the collector reads them beforehand so that this parser stays pure.
 */
export type IncludeResolver = (path: string) => readonly string[];

const apply = (scope: Scope, text: string, resolve: IncludeResolver, depth: number): void => {
  for (const statement of statements(tokenize(text), topLevelBlock)) {
    const words = wordsOf(statement.words);
    let verb = words[0];
    let at = 1;
    if (verb === 'add' || verb === 'create' || verb === 'insert') {
      const object = words[1];
      if (verb === 'insert' && object === 'rule') {
        const { family, rest } = familyAndName(words, 2);
        const table = words[rest];
        const name = words[rest + 1];
        if (table !== undefined && name !== undefined) ensureChain(scope, family, table, name).rules.unshift(nftRule(words.slice(rest + 2)));
        continue;
      }
      verb = object;
      at = 2;
    }
    if (verb === 'flush' && words[1] === 'ruleset') {
      scope.chains.clear();
    } else if (verb === 'include' && depth < 8) {
      const path = words[1];
      if (path !== undefined) for (const included of resolve(path)) apply(scope, included, resolve, depth + 1);
    } else if ((verb === 'delete' || verb === 'destroy') && words[1] === 'table') {
      const { family, rest } = familyAndName(words, 2);
      const table = words[rest];
      for (const [key, chain] of scope.chains) if (chain.family === family && chain.table === table) scope.chains.delete(key);
    } else if (verb === 'table' && statement.block) {
      const { family, rest } = familyAndName(words, at);
      const table = words[rest];
      if (table === undefined) continue;
      for (const inner of statements(statement.block, tableBlock)) {
        const innerWords = wordsOf(inner.words);
        if (innerWords[0] === 'chain' && innerWords[1] !== undefined && inner.block) {
          chainBody(ensureChain(scope, family, table, innerWords[1]), inner.block);
        }
      }
    } else if (verb === 'chain') {
      const { family, rest } = familyAndName(words, at);
      const table = words[rest];
      const name = words[rest + 1];
      if (table === undefined || name === undefined) continue;
      const chain = ensureChain(scope, family, table, name);
      if (statement.block) chainBody(chain, statement.block);
    } else if (verb === 'rule') {
      const { family, rest } = familyAndName(words, at);
      const table = words[rest];
      const name = words[rest + 1];
      if (table !== undefined && name !== undefined) ensureChain(scope, family, table, name).rules.push(nftRule(words.slice(rest + 2)));
    }
  }
};

/** Parse an nftables script; `resolve` supplies the texts of included files (none by default). */
export const parseNftConfig = (text: string, resolve: IncludeResolver = () => []): Ruleset => {
  const scope: Scope = { chains: new Map() };
  apply(scope, text, resolve, 0);
  return { chains: [...scope.chains.values()] };
};

/** The paths named by `include` statements, in order (to read before parsing). */
export const nftIncludes = (text: string): string[] => {
  const paths: string[] = [];
  for (const statement of statements(tokenize(text), topLevelBlock)) {
    const words = wordsOf(statement.words);
    if (words[0] === 'include' && words[1] !== undefined) paths.push(words[1]);
  }
  return paths;
};

/**
 * Inventories for `charter audit --inventory FILE`: which machines to reach over ssh. Three forms:
 *
 *   - a plain list: one `[user@]host[:port]` per line, `#` comments and blank lines ignored;
 *   - an Ansible INI inventory: `[group]` sections of host lines, each optionally followed by
 *     `ansible_host=` `ansible_port=` `ansible_user=` variables; `[group:vars]` sections give those
 *     variables to every host of the group (and of its children), `[group:children]` nests groups;
 *   - an Ansible YAML inventory: `all: { hosts: { NAME: { ansible_host, ansible_port, ansible_user } },
 *     children: { GROUP: { hosts, children, vars } }, vars }`.
 *
 * Pure: text in, hosts out; every problem is reported at once, with its file, line and column.
 * Host and user names that could be read as ssh options (a leading `-`) or hold anything but the
 * characters of a DNS name, an IP address or a login are refused here, before anything runs.
 */
import { PolicyError } from '../errors.js';
import type { PolicyProblem } from '../errors.js';
import { parseYamlText } from '../policy/yaml-source.js';
import type { PathSegment, YamlSource } from '../policy/yaml-source.js';

export interface InventoryHost {
  /** The inventory's name for the host (an Ansible alias, or the address itself). */
  alias: string;
  /** What to connect to: a DNS name or an IP address (IPv6 without brackets). */
  address: string;
  user?: string;
  port?: number;
  /** Groups the host belongs to, directly or through `children`, sorted. */
  groups: string[];
}

const hostPattern = /^(?:[A-Za-z0-9_](?:[A-Za-z0-9_.-]*[A-Za-z0-9_])?)$/;
const ipv6Pattern = /^[0-9A-Fa-f:.]+(?:%[A-Za-z0-9_.-]+)?$/;
const userPattern = /^[A-Za-z0-9_][A-Za-z0-9_.-]*$/;
const groupPattern = /^[A-Za-z0-9_][A-Za-z0-9_-]*$/;

interface Vars {
  ansible_host?: string;
  ansible_port?: string;
  ansible_user?: string;
}

const varNames: Readonly<Record<string, keyof Vars>> = {
  ansible_host: 'ansible_host',
  ansible_ssh_host: 'ansible_host',
  ansible_port: 'ansible_port',
  ansible_ssh_port: 'ansible_port',
  ansible_user: 'ansible_user',
  ansible_ssh_user: 'ansible_user',
};

interface Problems {
  add(message: string, line: number, col?: number): void;
}

/** `[user@]host[:port]`, `[user@][v6]:port`; undefined with a message when malformed. */
export const parseAddress = (text: string): { address: string; user?: string; port?: number } | string => {
  let rest = text;
  let user: string | undefined;
  const at = rest.lastIndexOf('@');
  if (at !== -1) {
    user = rest.slice(0, at);
    rest = rest.slice(at + 1);
    if (!userPattern.test(user)) return `invalid user name ${JSON.stringify(user)}`;
  }
  let address = rest;
  let portText: string | undefined;
  const bracketed = /^\[([^\]]+)\](?::(.*))?$/.exec(rest);
  if (bracketed) {
    address = bracketed[1] ?? '';
    portText = bracketed[2];
    if (!ipv6Pattern.test(address) || !address.includes(':')) return `invalid IPv6 address ${JSON.stringify(address)}`;
  } else {
    const colons = rest.split(':').length - 1;
    if (colons === 1) {
      address = rest.slice(0, rest.indexOf(':'));
      portText = rest.slice(rest.indexOf(':') + 1);
    } else if (colons > 1) {
      if (!ipv6Pattern.test(rest)) return `invalid address ${JSON.stringify(rest)}`;
      address = rest;
    }
    if (colons <= 1 && !hostPattern.test(address)) return `invalid host name ${JSON.stringify(address)}`;
  }
  const result: { address: string; user?: string; port?: number } = { address };
  if (user !== undefined) result.user = user;
  if (portText !== undefined) {
    const port = parsePort(portText);
    if (typeof port === 'string') return port;
    result.port = port;
  }
  return result;
};

const parsePort = (text: string): number | string => {
  const port = /^\d{1,5}$/.test(text) ? Number(text) : NaN;
  return Number.isInteger(port) && port >= 1 && port <= 65_535 ? port : `invalid port ${JSON.stringify(text)} (1 to 65535)`;
};

/** Groups, their hosts, children and vars, in the order found; shared by the INI and YAML forms. */
class InventoryBuilder {
  private readonly hosts = new Map<string, { alias: string; spec: string; vars: Vars; line: number; groups: Set<string> }>();
  private readonly children = new Map<string, Set<string>>();
  /** Where each `parent → child` link is written, for the cycle check. */
  private readonly links = new Map<string, { line: number; col: number }>();
  private readonly groupVars = new Map<string, Vars>();

  private readonly problems: Problems;

  constructor(problems: Problems) {
    this.problems = problems;
  }

  addHost(group: string | undefined, spec: string, vars: Vars, line: number): void {
    const existing = this.hosts.get(spec);
    if (existing) {
      Object.assign(existing.vars, vars);
      if (group !== undefined) existing.groups.add(group);
      return;
    }
    this.hosts.set(spec, { alias: spec, spec, vars: { ...vars }, line, groups: new Set(group === undefined ? [] : [group]) });
  }

  addChild(parent: string, child: string, line: number, col = 1): void {
    let set = this.children.get(parent);
    if (!set) this.children.set(parent, (set = new Set()));
    set.add(child);
    const link = `${parent}\u0000${child}`;
    if (!this.links.has(link)) this.links.set(link, { line, col });
  }

  /** Groups that contain themselves through `children`: each cycle once, at the link that closes it. */
  private cycles(): void {
    const state = new Map<string, 'open' | 'done'>();
    const path: string[] = [];
    const visit = (group: string): void => {
      state.set(group, 'open');
      path.push(group);
      for (const child of this.children.get(group) ?? []) {
        const seen = state.get(child);
        if (seen === 'open') {
          const cycle = [...path.slice(path.indexOf(child)), child];
          const at = this.links.get(`${group}\u0000${child}`) ?? { line: 1, col: 1 };
          this.problems.add(`group cycle: ${cycle.join(' → ')} (a group cannot contain itself)`, at.line, at.col);
        } else if (seen === undefined) {
          visit(child);
        }
      }
      path.pop();
      state.set(group, 'done');
    };
    for (const group of this.children.keys()) if (!state.has(group)) visit(group);
  }

  addGroupVars(group: string, vars: Vars): void {
    this.groupVars.set(group, { ...this.groupVars.get(group), ...vars });
  }

  /** Every group above `group` (parents through `children`), nearest first, `all` last. */
  private ancestors(group: string): string[] {
    const result: string[] = [];
    let frontier = [group];
    while (frontier.length > 0) {
      const next: string[] = [];
      for (const g of frontier) {
        for (const [parent, kids] of this.children) {
          if (kids.has(g) && !result.includes(parent) && parent !== group) {
            result.push(parent);
            next.push(parent);
          }
        }
      }
      frontier = next;
    }
    return result;
  }

  build(): InventoryHost[] {
    this.cycles();
    const result: InventoryHost[] = [];
    for (const entry of this.hosts.values()) {
      const direct = [...entry.groups];
      const above = direct.flatMap((g) => this.ancestors(g)).filter((g) => !direct.includes(g));
      const groups = [...new Set([...direct, ...above])].filter((g) => g !== 'all' && g !== 'ungrouped');
      // Precedence: all < parent groups (farthest first) < direct groups < the host's own vars.
      const layers = ['all', ...[...above].reverse(), ...direct].map((g) => this.groupVars.get(g) ?? {});
      const vars: Vars = Object.assign({}, ...layers, entry.vars) as Vars;
      const parsed = parseAddress(entry.spec);
      if (typeof parsed === 'string') {
        this.problems.add(`host ${JSON.stringify(entry.spec)}: ${parsed}`, entry.line);
        continue;
      }
      const host: InventoryHost = { alias: entry.alias, address: parsed.address, groups: groups.sort() };
      if (vars.ansible_host !== undefined) {
        const address = parseAddress(vars.ansible_host);
        if (typeof address === 'string' || address.user !== undefined || address.port !== undefined) {
          this.problems.add(`host ${JSON.stringify(entry.spec)}: ansible_host ${JSON.stringify(vars.ansible_host)} is not a host name or address`, entry.line);
          continue;
        }
        host.address = address.address;
      }
      const user = vars.ansible_user ?? parsed.user;
      if (user !== undefined) {
        if (!userPattern.test(user)) {
          this.problems.add(`host ${JSON.stringify(entry.spec)}: invalid user name ${JSON.stringify(user)}`, entry.line);
          continue;
        }
        host.user = user;
      }
      const portText = vars.ansible_port;
      if (portText !== undefined) {
        const port = parsePort(portText);
        if (typeof port === 'string') {
          this.problems.add(`host ${JSON.stringify(entry.spec)}: ${port}`, entry.line);
          continue;
        }
        host.port = port;
      } else if (parsed.port !== undefined) {
        host.port = parsed.port;
      }
      result.push(host);
    }
    return result;
  }
}

/** `key=value` tokens (values may be quoted); unknown keys are ignored, as Ansible would keep them. */
const parseVars = (tokens: readonly { text: string; col: number }[], line: number, problems: Problems): Vars => {
  const vars: Vars = {};
  for (const { text, col } of tokens) {
    const eq = text.indexOf('=');
    if (eq <= 0) {
      problems.add(`expected key=value, got ${JSON.stringify(text)}`, line, col);
      continue;
    }
    const name = text.slice(0, eq);
    const key = Object.hasOwn(varNames, name) ? varNames[name] : undefined;
    const value = text.slice(eq + 1).replace(/^(['"])(.*)\1$/, '$2');
    if (key !== undefined) vars[key] = value;
  }
  return vars;
};

/** Whitespace-separated tokens with their 1-based columns; a `#` starting a token ends the line. */
const tokenize = (line: string): { text: string; col: number }[] => {
  const tokens: { text: string; col: number }[] = [];
  const pattern = /(?:[^\s"']+|"[^"]*"|'[^']*')+/g;
  for (const match of line.matchAll(pattern)) {
    if (match[0].startsWith('#') || match[0].startsWith(';')) break;
    tokens.push({ text: match[0], col: match.index + 1 });
  }
  return tokens;
};

const parseLines = (text: string, builder: InventoryBuilder, problems: Problems): void => {
  let section: { group: string; kind: 'hosts' | 'vars' | 'children' } | undefined;
  text.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const trimmed = raw.trim();
    if (trimmed === '' || trimmed.startsWith('#') || trimmed.startsWith(';')) return;
    const header = /^\[([^\]]*)\]$/.exec(trimmed);
    if (header) {
      const [name = '', suffix] = (header[1] ?? '').split(':');
      // `[::1]` is an IPv6 address, not a group.
      if (groupPattern.test(name) && (suffix === undefined || suffix === 'vars' || suffix === 'children')) {
        section = { group: name, kind: suffix ?? 'hosts' };
        return;
      }
      if (!(header[1] ?? '').includes('::') && !/^[0-9a-f:]+$/i.test(header[1] ?? '')) {
        problems.add(`invalid group header ${trimmed} (expected [group], [group:vars] or [group:children])`, line, raw.indexOf('[') + 1);
        return;
      }
    }
    const tokens = tokenize(raw);
    const [first, ...rest] = tokens;
    if (first === undefined) return;
    if (section?.kind === 'vars') {
      // `key=value` or `key = value`.
      const joined = raw.trim().replace(/\s*=\s*/, '=');
      builder.addGroupVars(section.group, parseVars(tokenize(joined), line, problems));
      return;
    }
    if (section?.kind === 'children') {
      if (!groupPattern.test(first.text) || rest.length > 0) {
        problems.add(`expected a group name, got ${JSON.stringify(trimmed)}`, line, first.col);
        return;
      }
      builder.addChild(section.group, first.text, line, first.col);
      return;
    }
    if (/[^@\s]\[[0-9a-z]+:[0-9a-z]+\]/i.test(first.text)) {
      problems.add(`host ranges such as ${first.text} are not supported: list the hosts one per line`, line, first.col);
      return;
    }
    builder.addHost(section?.group, first.text, parseVars(rest, line, problems), line);
  });
};

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const scalarVars = (value: unknown, at: PathSegment[], source: YamlSource, out: PolicyProblem[]): Vars => {
  if (value === null || value === undefined) return {};
  if (!isRecord(value)) {
    out.push(source.problem(at, 'expected a mapping of variables'));
    return {};
  }
  const vars: Vars = {};
  for (const [name, v] of Object.entries(value)) {
    const key = Object.hasOwn(varNames, name) ? varNames[name] : undefined;
    if (key === undefined) continue;
    if (typeof v !== 'string' && typeof v !== 'number') {
      out.push(source.problem([...at, name], `${name} must be a string or a number`));
      continue;
    }
    vars[key] = String(v);
  }
  return vars;
};

const parseYamlGroup = (name: string, value: unknown, at: PathSegment[], source: YamlSource, builder: InventoryBuilder, out: PolicyProblem[]): void => {
  if (value === null || value === undefined) return;
  if (!isRecord(value)) {
    out.push(source.problem(at, `group '${name}' must be a mapping with hosts, children or vars`));
    return;
  }
  for (const key of Object.keys(value)) {
    if (key !== 'hosts' && key !== 'children' && key !== 'vars') {
      out.push(source.problem([...at, key], `unknown key '${key}' in group '${name}' (expected hosts, children, vars)`, true));
    }
  }
  builder.addGroupVars(name, scalarVars(value.vars, [...at, 'vars'], source, out));
  const hosts = value.hosts;
  if (hosts !== null && hosts !== undefined) {
    if (!isRecord(hosts)) out.push(source.problem([...at, 'hosts'], 'hosts must be a mapping of host names'));
    else {
      for (const [host, vars] of Object.entries(hosts)) {
        const where = [...at, 'hosts', host];
        builder.addHost(name, host, scalarVars(vars, where, source, out), source.position(where, true).line);
      }
    }
  }
  const children = value.children;
  if (children !== null && children !== undefined) {
    if (!isRecord(children)) out.push(source.problem([...at, 'children'], 'children must be a mapping of groups'));
    else {
      for (const [child, body] of Object.entries(children)) {
        const link = source.position([...at, 'children', child], true);
        builder.addChild(name, child, link.line, link.col);
        parseYamlGroup(child, body, [...at, 'children', child], source, builder, out);
      }
    }
  }
};

/** Is this text a YAML inventory (`all:` or another group as a top-level mapping key)? */
const looksLikeYaml = (file: string, text: string): boolean => {
  if (/\.ya?ml$/i.test(file)) return true;
  const first = text.split(/\r?\n/).find((l) => l.trim() !== '' && !l.trim().startsWith('#'));
  return first !== undefined && /^(---|[A-Za-z0-9_-]+:\s*(#.*)?$)/.test(first.trimEnd());
};

/** Parse an inventory; `file` names it in problems. Throws PolicyError listing every problem. */
export const parseInventory = (text: string, file: string): InventoryHost[] => {
  const problems: PolicyProblem[] = [];
  const add: Problems = { add: (message, line, col = 1) => problems.push({ file, line, col, message }) };
  const builder = new InventoryBuilder(add);
  if (looksLikeYaml(file, text)) {
    const source = parseYamlText(file, text);
    if (!isRecord(source.data)) {
      throw new PolicyError([source.problem([], 'a YAML inventory must be a mapping of groups (all: { hosts: ..., children: ... })')]);
    }
    for (const [group, body] of Object.entries(source.data)) parseYamlGroup(group, body, [group], source, builder, problems);
  } else {
    parseLines(text, builder, add);
  }
  const hosts = builder.build();
  if (problems.length > 0) throw new PolicyError([...problems].sort((a, b) => a.line - b.line || a.col - b.col));
  return hosts;
};

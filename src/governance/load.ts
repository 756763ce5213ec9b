/**
 * Waiver and attestation files: YAML validated against their schemas, then against the policy in
 * use. Every problem is reported at once, at file:line:col; a waiver for a rule the policy does not
 * have, or an attestation for a rule that is checked automatically, stops the run (exit 2).
 */
import { didYouMeanSuffix } from '../did-you-mean.js';
import { resolve } from 'node:path';
import type { PolicyProblem } from '../errors.js';
import { PolicyError } from '../errors.js';
import type { Policy, Rule } from '../policy/policy.js';
import { schemaProblems } from '../policy/schema-validator.js';
import { validator } from '../policy/validators/index.js';
import type { YamlSource } from '../policy/yaml-source.js';
import { readYamlFile } from '../policy/yaml-source.js';
import { limits } from '../limits.js';
import type { HostScope } from './host-scope.js';
import { isCalendarDate } from './validity.js';

interface Located {
  /** Where the entry is written: absolute file and line. */
  file: string;
  line: number;
}

export interface Waiver extends Located {
  rule: string;
  hosts: HostScope;
  reason: string;
  approver: string;
  granted: string;
  expires: string;
  ticket?: string;
}

export interface Attestation extends Located {
  rule: string;
  hosts: HostScope;
  by: string;
  date: string;
  validUntil: string;
  statement: string;
  reference?: string;
}

type Entry = Record<string, unknown>;

const byPlace = (problems: PolicyProblem[]): PolicyProblem[] => [...problems].sort((a, b) => a.line - b.line || a.col - b.col);

/** The policy's rule an entry names; an unknown id is a problem (a missing or non-string one is the schema's). */
const knownRule = (policy: Policy, source: YamlSource, at: [string, number], rule: unknown, problems: PolicyProblem[]): Rule | undefined => {
  if (typeof rule !== 'string') return undefined;
  const found = policy.rules.find((r) => r.id === rule);
  if (found === undefined)
    problems.push(
      source.problem(
        [...at, 'rule'],
        `unknown rule '${rule}': the policy ${policy.id} has no such rule${didYouMeanSuffix(
          rule,
          policy.rules.map((r) => r.id),
        )}`,
      ),
    );
  return found;
};

const dateProblems = (source: YamlSource, at: (string | number)[], entry: Entry, from: string, until: string): PolicyProblem[] => {
  const problems: PolicyProblem[] = [];
  for (const key of [from, until]) {
    const value = entry[key];
    if (typeof value === 'string' && /^\d{4}-\d{2}-\d{2}$/.test(value) && !isCalendarDate(value)) {
      problems.push(source.problem([...at, key], `${key}: ${value} is not a calendar date`));
    }
  }
  const start = entry[from];
  const end = entry[until];
  if (typeof start === 'string' && typeof end === 'string' && isCalendarDate(start) && isCalendarDate(end) && end < start) {
    problems.push(source.problem([...at, until], `${until} (${end}) is before ${from} (${start})`));
  }
  return problems;
};

/** The list's entries that are maps (others get schema problems only). */
const entries = (source: YamlSource, list: string): (Entry | undefined)[] => {
  const data = source.data as Record<string, unknown> | null;
  const items = data !== null && typeof data === 'object' ? data[list] : undefined;
  if (!Array.isArray(items)) return [];
  return items.map((item: unknown) => (typeof item === 'object' && item !== null && !Array.isArray(item) ? (item as Entry) : undefined));
};

/** `file` is shown as given (relative to `cwd`) in reports and messages. */
export const loadWaivers = async (file: string, policy: Policy, cwd: string): Promise<Waiver[]> => {
  const source = await readYamlFile(resolve(cwd, file), limits.governanceBytes);
  const problems = schemaProblems(validator('waivers'), source.data, source);
  const items = entries(source, 'waivers');
  items.forEach((entry, index) => {
    if (entry === undefined) return;
    const rule = knownRule(policy, source, ['waivers', index], entry.rule, problems);
    if (rule?.manual === true) {
      problems.push(source.problem(['waivers', index, 'rule'], `rule ${rule.id} is checked by hand: attest it (--attestations) instead of waiving it`));
    }
    problems.push(...dateProblems(source, ['waivers', index], entry, 'granted', 'expires'));
  });
  if (problems.length > 0) throw new PolicyError(byPlace(problems));
  // No problems: every entry is a map with every required key.
  return (items as Entry[]).map((entry, index) => ({
    rule: entry.rule as string,
    hosts: entry.hosts as HostScope,
    reason: entry.reason as string,
    approver: entry.approver as string,
    granted: entry.granted as string,
    expires: entry.expires as string,
    ...(typeof entry.ticket === 'string' ? { ticket: entry.ticket } : {}),
    file,
    line: source.position(['waivers', index]).line,
  }));
};

export const loadAttestations = async (file: string, policy: Policy, cwd: string): Promise<Attestation[]> => {
  const source = await readYamlFile(resolve(cwd, file), limits.governanceBytes);
  const problems = schemaProblems(validator('attestations'), source.data, source);
  const items = entries(source, 'attestations');
  items.forEach((entry, index) => {
    if (entry === undefined) return;
    const rule = knownRule(policy, source, ['attestations', index], entry.rule, problems);
    if (rule !== undefined && rule.manual !== true) {
      problems.push(source.problem(['attestations', index, 'rule'], `rule ${rule.id} is checked automatically; only manual rules can be attested`));
    }
    problems.push(...dateProblems(source, ['attestations', index], entry, 'date', 'validUntil'));
  });
  if (problems.length > 0) throw new PolicyError(byPlace(problems));
  return (items as Entry[]).map((entry, index) => ({
    rule: entry.rule as string,
    hosts: (entry.hosts ?? 'all') as HostScope,
    by: entry.by as string,
    date: entry.date as string,
    validUntil: entry.validUntil as string,
    statement: entry.statement as string,
    ...(typeof entry.reference === 'string' ? { reference: entry.reference } : {}),
    file,
    line: source.position(['attestations', index]).line,
  }));
};

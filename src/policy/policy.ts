import type { Catalog } from './catalog.js';
import type { Json, Language, Platform, Severity, TargetClass } from '../model.js';
import type { Expectation } from '../operators/operator.js';

/** A string in several languages; `en` is always present. */
export type Text = { en: string } & Partial<Record<Exclude<Language, 'en'>, string>>;

export type Condition = { fact: string; expect: Expectation } | { all: Condition[] } | { any: Condition[] } | { none: Condition[] };

export interface Reference {
  source: string;
  clause?: string;
  grounding?: 'lu-direct' | 'lu-brief' | 'lu-lesson' | 'equivalent';
}

export interface Rule {
  id: string;
  theme: string;
  title: Text;
  description?: Text;
  severity: Severity;
  platforms: Platform[];
  targets: TargetClass[];
  references: Reference[];
  /** Precondition: when it does not hold, the rule is `skip` (not applicable). */
  when?: Condition;
  check?: Condition;
  manual?: true;
  remediation: Text;
  /** Where the rule starts in its policy file. */
  line: number;
  /** The policy file that defines the rule, when it is not the loaded policy's own (inherited rules). */
  file?: string;
  /** Named values used by `check`/`when` as `{ param: NAME }`; `templates` keeps them unresolved. */
  parameters?: Record<string, Json>;
  templates?: { when?: Condition; check?: Condition };
  /** Turned off by an extending policy, with its mandatory reason. */
  disabled?: { by: string; reason: string };
  /** Which policy changed what, e.g. `severity high → critical (ministry-x)`. */
  overridden?: string[];
}

export interface Source {
  title: string;
  url?: string;
  date?: string;
  note?: string;
}

export interface Policy {
  id: string;
  version: string;
  title: Text;
  description?: Text;
  sources: Record<string, Source>;
  themes: Record<string, Text>;
  rules: Rule[];
  catalog: Catalog;
  /** Absolute path of the policy file. */
  file: string;
  /** sha256 of the policy file, every catalog it uses, and the policy it extends (recursively). */
  sha256: string;
  /** The policies this one extends, nearest first. */
  extends?: { id: string; version: string; file: string }[];
  /** How fleet audits judge hosts under this policy (`audit:`, inherited unless set). */
  audit?: { staleAfterDays?: number };
}

/** Facts older than this many days at an audit are stale, unless the policy says otherwise. */
export const defaultStaleAfterDays = 30;

export const staleAfterDays = (policy: Pick<Policy, 'audit'>): number => policy.audit?.staleAfterDays ?? defaultStaleAfterDays;

export type Combinator = 'all' | 'any' | 'none';

/** A combination's kind and its conditions. */
export const combination = (condition: Exclude<Condition, { fact: string }>): { kind: Combinator; children: Condition[] } =>
  'all' in condition
    ? { kind: 'all', children: condition.all }
    : 'any' in condition
      ? { kind: 'any', children: condition.any }
      : { kind: 'none', children: condition.none };

export const translate = (text: Text | undefined, language: Language): string => (text === undefined ? '' : (text[language] ?? text.en));

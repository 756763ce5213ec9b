import type { Catalog } from './catalog.js';
import type { Language, Platform, Severity, TargetClass } from '../model.js';
import type { Expectation } from '../operators/operator.js';

/** A string in several languages; `en` is always present. */
export type Text = { en: string } & Partial<Record<Exclude<Language, 'en'>, string>>;

export type Condition =
  | { fact: string; expect: Expectation }
  | { all: Condition[] }
  | { any: Condition[] }
  | { none: Condition[] };

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
  /** sha256 of the policy file and every catalog it uses, in order. */
  sha256: string;
}

export const translate = (text: Text | undefined, language: Language): string =>
  text === undefined ? '' : (text[language] ?? text.en);

import type { Language, Report, Severity } from '../model.js';
import type { Messages } from '../i18n/messages.js';
import type { Policy } from '../policy/policy.js';
import { translate } from '../policy/policy.js';

export interface ColorStyles {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  cyan: (text: string) => string;
  magenta: (text: string) => string;
  gray: (text: string) => string;
}

export interface RenderOptions {
  /** Colour functions; identity functions when colour is off. */
  styles: ColorStyles;
  failOn: Severity;
  messages: Messages;
  /** Policy file path and rule lines, for formats that point into the policy. */
  /** Where each rule is written: the policy file, and for inherited rules the file they come from. */
  policySource?: { file: string; ruleLines: Record<string, number>; ruleFiles?: Record<string, string> };
  /** Theme ids in policy order with their titles in the report's language. */
  themes?: ReadonlyArray<{ id: string; title: string }>;
  /** Rule descriptions and sources in the report's language, for formats that document rules (SARIF). */
  rules?: readonly RuleDetails[];
  /** Show the raw evidence (fact, observed, expected) beside the plain sentences (`--verbose`). */
  verbose?: boolean;
}

/** What a report's findings do not carry about a rule: its description and the sources it rests on. */
export interface RuleDetails {
  id: string;
  description?: string;
  references: ReadonlyArray<{ title: string; clause?: string; url?: string }>;
}

/** RuleDetails for every rule of a policy, in `language` (for RenderOptions.rules). */
export const ruleDetails = (policy: Policy, language: Language): RuleDetails[] =>
  policy.rules.map((rule) => ({
    id: rule.id,
    ...(rule.description ? { description: translate(rule.description, language) } : {}),
    references: rule.references.map((ref) => {
      const source = policy.sources[ref.source];
      return {
        title: source?.title ?? ref.source,
        ...(ref.clause ? { clause: ref.clause } : {}),
        ...(source?.url ? { url: source.url } : {}),
      };
    }),
  }));

/** What `--format NAME` and `--output FILE` need to know of a format. */
export interface FormatChoice {
  readonly name: string;
  /** The extension of files in this format, with its dot: `--output FILE` with it picks the format. */
  readonly extension: string;
  /** Other extensions that name the format too (`.htm`). */
  readonly otherExtensions?: readonly string[];
}

/**
 * One output format of one kind of subject: a single report (the default), a fleet report
 * (reporters/audit) or a policy listing (reporters/policy). Pure: no I/O, no clock, no environment.
 * Every string that did not come from charter itself is escaped by the reporter (./escape.ts).
 */
export interface Reporter<Subject = Report, Options = RenderOptions> extends FormatChoice {
  readonly description: string;
  render(subject: Subject, options: Options): string;
  /**
   * The same text as `render`, in pieces, for formats that grow with their subject: a file can then
   * be written without holding the whole text in memory twice.
   */
  chunks?(subject: Subject, options: Options): Iterable<string>;
}

export const defineReporter = (reporter: Reporter): Reporter => reporter;

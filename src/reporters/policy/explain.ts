import { factDescription, type FactDescriptions } from '../../fact-descriptions.js';
import { explainMessagesFor, type ExplainMessages } from '../../i18n/explain-messages.js';
import { messagesFor } from '../../i18n/messages.js';
import type { Language } from '../../model.js';
import { describeExpectation } from '../../operators/describe/describe-expectation.js';
import type { Condition, Policy, Rule } from '../../policy/policy.js';
import { combination, translate } from '../../policy/policy.js';
import { jsonSafe, terminalSafe, terminalSafeLines } from '../escape.js';
import type { Reporter } from '../reporter.js';
import type { PolicyRenderOptions } from './options.js';

/** The rule `charter explain RULE` explains, and the policy it is in. */
export interface ExplainSubject {
  readonly policy: Policy;
  readonly rule: Rule;
  /** What each fact means (dist/facts.json, or the probes when running from source): data, so explain loads no probe. */
  readonly facts: FactDescriptions;
}

/** `charter explain RULE --format NAME`. */
export type ExplainReporter = Reporter<ExplainSubject, PolicyRenderOptions>;

/** A condition as indented lines: each fact, what is expected of it, and what the fact means. */
const conditionLines = (condition: Condition, m: ExplainMessages, indent: string, language: Language, facts: FactDescriptions): string[] => {
  if ('fact' in condition) {
    const meaning = factDescription(facts, condition.fact);
    return [`${indent}- ${condition.fact}: ${describeExpectation(condition.expect, language)}`, ...(meaning ? [`${indent}  (${meaning})`] : [])];
  }
  const { kind, children } = combination(condition);
  return [`${indent}- ${m[kind]}:`, ...children.flatMap((c) => conditionLines(c, m, `${indent}  `, language, facts))];
};

/** A single fact reads better inline; a combination gets its own lines. */
const conditionBlock = (heading: string, condition: Condition, m: ExplainMessages, language: Language, facts: FactDescriptions): string[] => {
  if ('fact' in condition) return [`  ${heading}:`, ...conditionLines(condition, m, '    ', language, facts)];
  const { kind, children } = combination(condition);
  return [`  ${heading} ${m[kind]}:`, ...children.flatMap((c) => conditionLines(c, m, '    ', language, facts))];
};

/** What a rule checks, in plain words, in the chosen language (fact descriptions are English). */
const explainText = (policy: Policy, rule: Rule, language: Language, displayPath: (file: string) => string, facts: FactDescriptions): string => {
  const m = explainMessagesFor(language);
  const t = (text: Parameters<typeof translate>[0]): string => translate(text, language);
  const lines = [`${terminalSafe(rule.id)}  ${terminalSafe(t(rule.title))}`, ''];
  const description = t(rule.description);
  if (description) lines.push(description, '');
  lines.push(`${m.theme}: ${t(policy.themes[rule.theme]) || rule.theme} · ${m.severity}: ${messagesFor(language).severity[rule.severity]}`);
  lines.push(`${m.platforms}: ${rule.platforms.join(', ')} · ${m.targets}: ${rule.targets.map((c) => m.target[c]).join(', ')}`);
  if (rule.disabled) lines.push(m.disabled(rule.disabled.by, rule.disabled.reason));
  lines.push('', `${m.whatItChecks}:`);
  if (rule.when) lines.push(...conditionBlock(m.appliesWhen, rule.when, m, language, facts));
  if (rule.check) lines.push(...conditionBlock(m.passesWhen, rule.check, m, language, facts));
  else lines.push(`  ${m.manual}`);
  if (rule.parameters) {
    lines.push(
      '',
      `${m.parameters}: ${Object.entries(rule.parameters)
        .map(([name, value]) => `${name} = ${JSON.stringify(value)}`)
        .join(', ')}`,
    );
  }
  if (rule.overridden) lines.push(`${m.changedBy}: ${rule.overridden.join('; ')}`);
  if (rule.references.length > 0) {
    lines.push('', `${m.sources}:`);
    for (const ref of rule.references) {
      const source = policy.sources[ref.source];
      const title = source?.title ?? ref.source;
      lines.push(`  - ${ref.source}: ${title}${ref.clause ? `, ${ref.clause}` : ''}${source?.url ? ` <${source.url}>` : ''}`);
    }
  }
  lines.push('', `${m.remediation}: ${t(rule.remediation)}`);
  lines.push('', `${m.definedIn}: ${displayPath(rule.file ?? policy.file)}:${String(rule.line)}`);
  return `${lines.join('\n')}\n`;
};

export const json: ExplainReporter = {
  name: 'json',
  extension: '.json',
  description: 'the rule as JSON: conditions, parameters, sources, remediation, where it is defined',
  render: ({ policy, rule }, options) => {
    const t = (text: Parameters<typeof translate>[0]): string => translate(text, options.language);
    const json = {
      id: rule.id,
      title: t(rule.title),
      description: t(rule.description),
      theme: rule.theme,
      severity: rule.severity,
      platforms: rule.platforms,
      targets: rule.targets,
      ...(rule.when ? { when: rule.when } : {}),
      ...(rule.check ? { check: rule.check } : { manual: true }),
      ...(rule.parameters ? { parameters: rule.parameters } : {}),
      ...(rule.disabled ? { disabled: rule.disabled } : {}),
      ...(rule.overridden ? { overridden: rule.overridden } : {}),
      references: rule.references.map((ref) => ({ ...ref, ...policy.sources[ref.source] })),
      remediation: t(rule.remediation),
      definedIn: { file: options.displayPath(rule.file ?? policy.file), line: rule.line },
      policy: { id: policy.id, version: policy.version, sha256: policy.sha256 },
    };
    return `${jsonSafe(JSON.stringify(json, null, 2))}\n`;
  },
};

export const text: ExplainReporter = {
  name: 'text',
  extension: '.txt',
  description: 'what the rule checks, in plain words',
  // Policy text is input: each line is escaped for the terminal (its line breaks stay line breaks).
  render: ({ policy, rule, facts }, options) => terminalSafeLines(explainText(policy, rule, options.language, options.displayPath, facts)),
};

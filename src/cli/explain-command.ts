import { UsageError } from '../errors.js';
import { factDescription, loadFactDescriptions, type FactDescriptions } from '../fact-descriptions.js';
import { explainMessagesFor, type ExplainMessages } from '../i18n/explain-messages.js';
import type { Language } from '../model.js';
import { describeExpectation } from '../operators/evaluate-expectation.js';
import type { Condition, Policy, Rule } from '../policy/policy.js';
import { combination, translate } from '../policy/policy.js';
import type { Io } from './io.js';
import { loadPolicyForRun, type PolicyFlags } from './load-policy.js';
import { displayPolicyPath } from './render.js';
import { terminalSafe, terminalSafeLines } from '../reporters/escape.js';

export interface ExplainFlags extends PolicyFlags {
  lang: Language;
  format: 'text' | 'json';
}

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

/** Rule ids sharing a prefix or close in spelling, for "did you mean". */
const suggestions = (policy: Policy, id: string): string[] => {
  const wanted = id.toUpperCase();
  const prefix = wanted.split('-')[0] ?? wanted;
  return policy.rules
    .map((r) => r.id)
    .filter((candidate) => candidate.toUpperCase().startsWith(`${prefix}-`))
    .slice(0, 5);
};

export const findRule = (policy: Policy, id: string, language: Language): Rule => {
  const rule = policy.rules.find((r) => r.id.toUpperCase() === id.toUpperCase());
  if (rule === undefined) throw new UsageError(explainMessagesFor(language).unknownRule(id, policy.id, suggestions(policy, id)));
  return rule;
};

/** What a rule checks, in plain words, in the chosen language (fact descriptions are English). */
export const explainText = (policy: Policy, rule: Rule, language: Language, cwd: string, facts: FactDescriptions): string => {
  const m = explainMessagesFor(language);
  const t = (text: Parameters<typeof translate>[0]): string => translate(text, language);
  const lines = [`${terminalSafe(rule.id)}  ${terminalSafe(t(rule.title))}`, ''];
  const description = t(rule.description);
  if (description) lines.push(description, '');
  lines.push(`${m.theme}: ${t(policy.themes[rule.theme]) || rule.theme} · ${m.severity}: ${rule.severity}`);
  lines.push(`${m.platforms}: ${rule.platforms.join(', ')} · ${m.targets}: ${rule.targets.map((c) => m.target[c]).join(', ')}`);
  if (rule.disabled) lines.push(m.disabled(rule.disabled.by, rule.disabled.reason));
  lines.push('', `${m.whatItChecks}:`);
  if (rule.when) lines.push(...conditionBlock(m.appliesWhen, rule.when, m, language, facts));
  if (rule.check) lines.push(...conditionBlock(m.passesWhen, rule.check, m, language, facts));
  else lines.push(`  ${m.manual}`);
  if (rule.parameters) {
    lines.push('', `${m.parameters}: ${Object.entries(rule.parameters).map(([name, value]) => `${name} = ${JSON.stringify(value)}`).join(', ')}`);
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
  lines.push('', `${m.definedIn}: ${displayPolicyPath(rule.file ?? policy.file, cwd)}:${String(rule.line)}`);
  return `${lines.join('\n')}\n`;
};

export const explainCommand = async (id: string, flags: ExplainFlags, io: Io): Promise<number> => {
  const { policy } = await loadPolicyForRun(flags, io);
  const rule = findRule(policy, id, flags.lang);
  if (flags.format === 'json') {
    const t = (text: Parameters<typeof translate>[0]): string => translate(text, flags.lang);
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
      definedIn: { file: displayPolicyPath(rule.file ?? policy.file, io.cwd), line: rule.line },
      policy: { id: policy.id, version: policy.version, sha256: policy.sha256 },
    };
    io.stdout.write(`${JSON.stringify(json, null, 2)}\n`);
    return 0;
  }
  // Policy text is input: each line is escaped for the terminal (its line breaks stay line breaks).
  io.stdout.write(terminalSafeLines(explainText(policy, rule, flags.lang, io.cwd, await loadFactDescriptions())));
  return 0;
};

import { governanceMessagesFor } from './i18n/governance-messages.js';
import type { Messages } from './i18n/messages.js';
import type { Evidence, Facts, Finding, Json, Language, Platform, Status, TargetClass } from './model.js';
import { operatorNamed } from './operators/index.js';
import { describeExpectation, testExpectation } from './operators/evaluate-expectation.js';
import type { Expectation } from './operators/operator.js';
import type { Condition, Policy, Rule } from './policy/policy.js';
import { combination, translate } from './policy/policy.js';

export interface EvaluationContext {
  platform: Platform | 'unknown';
  targetClass: TargetClass;
  now: Date;
  language: Language;
  messages: Messages;
}

type Decided = Exclude<Status, 'waived' | 'manual'>;

interface Outcome {
  status: Decided;
  /** Sentences explaining the status (failures, unknowns or reasons for skipping). */
  reasons: string[];
  evidence: Evidence[];
}

const maxEvidenceItems = 25;

/** (policy, facts) → one finding per rule, in policy order. Pure and synchronous. */
export const evaluate = (policy: Policy, facts: Facts, context: EvaluationContext): Finding[] =>
  policy.rules.map((rule) => evaluateRule(rule, facts, context));

const evaluateRule = (rule: Rule, facts: Facts, context: EvaluationContext): Finding => {
  const { messages: m, language } = context;
  const base = {
    ruleId: rule.id,
    title: translate(rule.title, language),
    theme: rule.theme,
    severity: rule.severity,
    remediation: translate(rule.remediation, language),
  };
  if (rule.disabled !== undefined) {
    return { ...base, status: 'skip', message: governanceMessagesFor(language).disabledBy(rule.disabled.by, rule.disabled.reason), evidence: [] };
  }
  if (context.platform === 'unknown' || !rule.platforms.includes(context.platform)) {
    return { ...base, status: 'skip', message: m.notForPlatform(context.platform, rule.platforms.join(', ')), evidence: [] };
  }
  if (!rule.targets.includes(context.targetClass)) {
    return { ...base, status: 'skip', message: m.needsTarget(context.targetClass, rule.targets), evidence: [] };
  }
  if (!rule.check) return { ...base, status: 'manual', message: m.manual, evidence: [] };
  if (rule.when) {
    const precondition = evaluateCondition(rule.when, facts, context);
    if (precondition.status === 'fail') {
      return { ...base, status: 'skip', message: m.preconditionNotMet(precondition.reasons.join('; ')), evidence: precondition.evidence };
    }
    if (precondition.status !== 'pass') {
      return { ...base, status: precondition.status, message: precondition.reasons.join('; '), evidence: precondition.evidence };
    }
  }
  const outcome = evaluateCondition(rule.check, facts, context);
  const message =
    outcome.status === 'pass'
      ? m.compliant
      : outcome.status === 'fail'
        ? m.notCompliant([...new Set(outcome.reasons)].join('; '))
        : [...new Set(outcome.reasons)].join('; ');
  return { ...base, status: outcome.status, message, evidence: outcome.evidence };
};

const evaluateCondition = (condition: Condition, facts: Facts, context: EvaluationContext): Outcome => {
  if ('fact' in condition) return evaluateLeaf(condition.fact, condition.expect, facts, context);
  const { kind, children } = combination(condition);
  const results = children.map((c) => evaluateCondition(c, facts, context));
  const evidence = results.flatMap((r) => r.evidence);
  const having = (s: Decided): Outcome[] => results.filter((r) => r.status === s);
  const undecided = (): Outcome => {
    const errors = having('error');
    const chosen = errors.length > 0 ? errors : having('skip');
    return { status: errors.length > 0 ? 'error' : 'skip', reasons: chosen.flatMap((r) => r.reasons), evidence };
  };
  switch (kind) {
    case 'all': {
      const failed = having('fail');
      if (failed.length > 0) return { status: 'fail', reasons: failed.flatMap((r) => r.reasons), evidence };
      return having('pass').length === results.length ? { status: 'pass', reasons: [], evidence } : undecided();
    }
    case 'any': {
      // A pass shows the evidence of the branches that hold, not of every alternative tried.
      const passed = having('pass');
      if (passed.length > 0) return { status: 'pass', reasons: [], evidence: passed.flatMap((r) => r.evidence) };
      return having('fail').length === results.length
        ? { status: 'fail', reasons: results.flatMap((r) => r.reasons), evidence }
        : undecided();
    }
    case 'none': {
      const passed = having('pass');
      if (passed.length > 0) {
        const reasons = passed.flatMap((r) => r.evidence.map((e) => context.messages.factIs(e.fact, show(e.actual), context.messages.negated(e.expected))));
        return { status: 'fail', reasons, evidence };
      }
      return having('fail').length === results.length ? { status: 'pass', reasons: [], evidence } : undecided();
    }
  }
};

const evaluateLeaf = (fact: string, expectation: Expectation, facts: Facts, context: EvaluationContext): Outcome => {
  const m = context.messages;
  const [family = '', ...path] = fact.split('.');
  const expected = describeExpectation(expectation, context.language);
  const outcome = facts[family];
  if (!outcome) return { status: 'error', reasons: [m.familyNotCollected(family)], evidence: [{ fact, actual: null, expected }] };
  if (outcome.status === 'unsupported') {
    return { status: 'skip', reasons: [m.probeUnsupported(family, outcome.reason)], evidence: [] };
  }
  if (outcome.status === 'error') {
    return { status: 'error', reasons: [m.probeError(family, outcome.message)], evidence: [{ fact, actual: null, expected }] };
  }
  const actual = valueAt(outcome.facts, path);
  const operatorName = Object.keys(expectation)[0] ?? '';
  if ((actual === undefined || actual === null) && operatorNamed(operatorName)?.acceptsUnknown !== true) {
    const why = probeReasons(outcome.facts);
    return { status: 'error', reasons: [m.unknownFact(fact), ...(why === undefined ? [] : [`${family}: ${why}`])], evidence: [{ fact, actual: null, expected }] };
  }
  const verdict = testExpectation(expectation, actual ?? null, context.now, context.language);
  if (verdict.ok) return { status: 'pass', reasons: [], evidence: [{ fact, actual: cap(actual ?? null, m), expected }] };
  if (verdict.undetermined === true) {
    return { status: 'error', reasons: [`${m.unknownFact(fact)}${verdict.reason ? ` (${verdict.reason})` : ''}`], evidence: [{ fact, actual: cap(verdict.observed ?? actual ?? null, m), expected }] };
  }
  const observed = cap(verdict.observed ?? actual ?? null, m);
  const reason = verdict.reason ?? m.factIs(fact, show(observed), expected);
  return {
    status: 'fail',
    reasons: [verdict.reason ? `${fact}: ${reason}` : reason],
    evidence: [{ fact, actual: observed, expected }],
  };
};

/** A probe's own account of what it could not find out: its `reasons` fact, when it has one. */
const probeReasons = (facts: Json): string | undefined => {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) return undefined;
  const reasons = facts.reasons;
  if (!Array.isArray(reasons)) return undefined;
  const texts = reasons.filter((r): r is string => typeof r === 'string' && r !== '');
  if (texts.length === 0) return undefined;
  return texts.length > 3 ? `${texts.slice(0, 3).join('; ')}; …` : texts.join('; ');
};

const valueAt = (facts: Json, path: readonly string[]): Json | undefined => {
  let value: Json | undefined = facts;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
    value = value[key];
  }
  return value;
};

/** Keep evidence readable: long lists are cut, with the count of what was left out. */
const cap = (value: Json, m: Messages): Json =>
  Array.isArray(value) && value.length > maxEvidenceItems
    ? [...value.slice(0, maxEvidenceItems), m.moreItems(value.length - maxEvidenceItems)]
    : value;

export const show = (value: Json): string => {
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
};

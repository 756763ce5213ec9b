import { governanceMessagesFor } from './i18n/governance-messages.js';
import type { Messages } from './i18n/messages.js';
import type { Evidence, Facts, Finding, Json, Language, Platform, ProbeOutcome, Status, TargetClass, UnknownReason } from './model.js';
import { withSentence } from './plain/sentence.js';
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
  /** The IANA time zone dates are written in, in plain sentences (default UTC, so output is reproducible). */
  timeZone?: string;
}

type Decided = Exclude<Status, 'waived' | 'manual'>;

interface Outcome {
  status: Decided;
  /** Sentences explaining the status (failures, unknowns or reasons for skipping). */
  reasons: string[];
  evidence: Evidence[];
  /** With status `error`: why it could not be decided, and the detail that names what was missing. */
  why?: UnknownReason;
}

const maxEvidenceItems = 25;
const maxDetailLength = 160;

/** The detail in "how to decide" names what was missing; the message before it has the whole of it. */
const shortDetail = (detail: string): string => (detail.length > maxDetailLength ? `${detail.slice(0, maxDetailLength - 1)}…` : detail);

/** (policy, facts) → one finding per rule, in policy order. Pure and synchronous. */
export const evaluate = (policy: Policy, facts: Facts, context: EvaluationContext): Finding[] =>
  policy.rules.map((rule) => withSentence(evaluateRule(rule, facts, context), rule, facts, context));

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
    if (precondition.status === 'error') return undecided(base, precondition, m);
    if (precondition.status !== 'pass') {
      return { ...base, status: precondition.status, message: precondition.reasons.join('; '), evidence: precondition.evidence };
    }
  }
  const outcome = evaluateCondition(rule.check, facts, context);
  if (outcome.status === 'error') return undecided(base, outcome, m);
  const message =
    outcome.status === 'pass'
      ? m.compliant
      : outcome.status === 'fail'
        ? m.notCompliant([...new Set(outcome.reasons)].join('; '))
        : [...new Set(outcome.reasons)].join('; ');
  return { ...base, status: outcome.status, message, evidence: outcome.evidence };
};

/**
 * An `error` finding: why it could not be decided, and how to get a decision in place of the
 * remediation, which is written for a failure and would be wrong advice here.
 */
const undecided = (base: Omit<Finding, 'status' | 'message' | 'evidence'>, outcome: Outcome, m: Messages): Finding => {
  const why = outcome.why ?? { code: 'undetermined', detail: '' };
  return {
    ...base,
    status: 'error',
    reason: why.code,
    message: [...new Set(outcome.reasons)].join('; '),
    evidence: outcome.evidence,
    remediation: m.toDecide[why.code](shortDetail(why.detail)),
  };
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
    const why = errors.find((r) => r.why !== undefined)?.why;
    return {
      status: errors.length > 0 ? 'error' : 'skip',
      reasons: chosen.flatMap((r) => r.reasons),
      evidence,
      ...(why === undefined ? {} : { why }),
    };
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
      return having('fail').length === results.length ? { status: 'fail', reasons: results.flatMap((r) => r.reasons), evidence } : undecided();
    }
    case 'none': {
      // Under `none`, a condition that holds is a reason to fail, and one that fails is met.
      const flipped = evidence.map((e) => flip(e, context.messages));
      const passed = having('pass');
      if (passed.length > 0) {
        const reasons = passed.flatMap((r) => r.evidence.map((e) => context.messages.factIs(e.fact, show(e.actual), context.messages.negated(e.expected))));
        return { status: 'fail', reasons, evidence: flipped };
      }
      return having('fail').length === results.length ? { status: 'pass', reasons: [], evidence: flipped } : { ...undecided(), evidence: flipped };
    }
  }
};

const evaluateLeaf = (fact: string, expectation: Expectation, facts: Facts, context: EvaluationContext): Outcome => {
  const m = context.messages;
  const [family = '', ...path] = fact.split('.');
  const expected = describeExpectation(expectation, context.language);
  const unknown = (reasons: string[], why: UnknownReason, actual: Json = null): Outcome => ({
    status: 'error',
    reasons,
    evidence: [{ fact, actual, expected, outcome: 'unknown' }],
    why,
  });
  // Own properties only: a fact named `constructor` or `__proto__` is not a fact.
  const outcome: ProbeOutcome | undefined = Object.hasOwn(facts, family) ? facts[family] : undefined;
  if (!outcome) return unknown([m.familyNotCollected(family)], { code: 'not-collected', detail: family });
  if (outcome.status === 'unsupported') {
    return { status: 'skip', reasons: [m.probeUnsupported(family, outcome.reason)], evidence: [] };
  }
  if (outcome.status === 'error') {
    return unknown([m.probeError(family, outcome.message)], { code: outcome.code ?? 'probe-failed', detail: outcome.message });
  }
  const actual = valueAt(outcome.facts, path);
  const gap = outcome.status === 'partial' ? gapAt(outcome.unknown, path) : undefined;
  // An incomplete list can still decide through the operators that know how; anything else that
  // the probe says it could not fully see is unknown, whatever value it holds.
  const incompleteList = gap !== undefined && gap.exact && Array.isArray(actual);
  if (gap !== undefined && !incompleteList) {
    return unknown([m.unknownFact(fact), `${family}: ${gap.why.detail}`], gap.why);
  }
  // A whole fact that is null is unknown, whatever the operator (`exists: false` included): only
  // inside a list item does a missing field mean absent.
  if (actual === undefined || actual === null) {
    const detail = probeReasons(outcome.facts);
    return unknown([m.unknownFact(fact), ...(detail === undefined ? [] : [`${family}: ${detail}`])], { code: 'undetermined', detail: detail ?? fact });
  }
  const verdict = testExpectation(expectation, actual, context.now, context.language, incompleteList);
  if (verdict.ok) return { status: 'pass', reasons: [], evidence: [{ fact, actual: cap(actual, m), expected, outcome: 'holds' }] };
  if (verdict.undetermined === true) {
    const why: UnknownReason = gap?.why ?? { code: 'undetermined', detail: verdict.reason ?? fact };
    return unknown(
      [`${m.unknownFact(fact)}${verdict.reason ? ` (${verdict.reason})` : ''}`, ...(gap === undefined ? [] : [`${family}: ${gap.why.detail}`])],
      why,
      cap(verdict.observed ?? actual, m),
    );
  }
  const observed = cap(verdict.observed ?? actual, m);
  const reason = verdict.reason ?? m.factIs(fact, show(observed), expected);
  const own = ownReason(outcome.facts);
  return {
    status: 'fail',
    reasons: [verdict.reason ? `${fact}: ${reason}` : reason, ...(own === undefined ? [] : [`${family}: ${own}`])],
    evidence: [{ fact, actual: observed, expected, outcome: 'fails' }],
  };
};

/** Evidence seen through a `none`: what held fails and what failed holds, and the expectation is negated. */
const flip = (e: Evidence, m: Messages): Evidence =>
  e.outcome === 'holds' || e.outcome === 'fails' ? { ...e, expected: m.negated(e.expected), outcome: e.outcome === 'holds' ? 'fails' : 'holds' } : e;

/**
 * What a partial probe says it could not fully see at `path`: an entry for the path itself
 * (`exact`: a list there is incomplete, anything else unknown), for a field that contains it, or
 * for a field inside it (the value read holds something unknown).
 */
const gapAt = (unknown: Readonly<Record<string, UnknownReason>>, path: readonly string[]): { why: UnknownReason; exact: boolean } | undefined => {
  const joined = path.join('.');
  let found: { why: UnknownReason; exact: boolean } | undefined;
  for (const [key, why] of Object.entries(unknown)) {
    if (key === joined) return { why, exact: true };
    if (joined.startsWith(`${key}.`) || key.startsWith(`${joined}.`) || joined === '') found ??= { why, exact: false };
  }
  return found;
};

/** A derived family's explanation of its verdict: its `reason` fact (lifecycle), when it has one. */
const ownReason = (facts: Json): string | undefined => {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) return undefined;
  return typeof facts.reason === 'string' && facts.reason !== '' ? facts.reason : undefined;
};

/** A probe's own account of what it could not find out: its `reasons` fact, or its `reason`, when it has one. */
const probeReasons = (facts: Json): string | undefined => {
  if (typeof facts !== 'object' || facts === null || Array.isArray(facts)) return undefined;
  const own = ownReason(facts);
  if (own !== undefined) return own;
  const reasons = facts.reasons;
  if (!Array.isArray(reasons)) return undefined;
  const texts = reasons.filter((r): r is string => typeof r === 'string' && r !== '');
  if (texts.length === 0) return undefined;
  return texts.length > 3 ? `${texts.slice(0, 3).join('; ')}; …` : texts.join('; ');
};

const valueAt = (facts: Json, path: readonly string[]): Json | undefined => {
  let value: Json | undefined = facts;
  for (const key of path) {
    if (value === null || typeof value !== 'object' || Array.isArray(value) || !Object.hasOwn(value, key)) return undefined;
    value = value[key];
  }
  return value;
};

/** Keep evidence readable: long lists are cut, with the count of what was left out. */
const cap = (value: Json, m: Messages): Json =>
  Array.isArray(value) && value.length > maxEvidenceItems ? [...value.slice(0, maxEvidenceItems), m.moreItems(value.length - maxEvidenceItems)] : value;

export const show = (value: Json): string => {
  const text = JSON.stringify(value);
  return text.length > 200 ? `${text.slice(0, 197)}...` : text;
};

import { governanceMessagesFor } from './i18n/governance-messages.js';
import type { Messages } from './i18n/messages.js';
import type { Evidence, Explanation, Facts, Finding, Json, Language, Platform, ProbeOutcome, ReasonNode, Status, TargetClass, UnknownReason } from './model.js';
import {
  identityNumbers,
  memoSlot,
  memoTable,
  runMemo,
  share,
  sharedId,
  timedTable,
  type Clock,
  type MemoTable,
  type RunMemo,
  type TimedTable,
} from './run-memo.js';
import { parseReason, renderReason } from './i18n/reason-parse.js';
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
  /**
   * Work shared with the other hosts of the run (src/run-memo.ts): the policy's expectations
   * in words, and the probes' reasons as catalogued messages, each made once. A fresh one when absent.
   */
  memo?: RunMemo;
}

/** What evaluation keeps for a run: functions of the exact text or expectation (and language) alone. */
interface EvaluationMemo {
  /** A probe's reason → its catalogued message. */
  reasons: MemoTable<ReasonNode>;
  /** A reason in a language other than English, by language and text. */
  said: MemoTable<string>;
  /** Each expectation of the policy in words, by language. */
  expected: WeakMap<Expectation, Map<Language, string>>;
}

const evaluationSlot = memoSlot('evaluation', (): EvaluationMemo => ({ reasons: memoTable(), said: memoTable(), expected: new WeakMap() }));

const expectedText = (expectation: Expectation, language: Language, memo: EvaluationMemo): string => {
  let byLanguage = memo.expected.get(expectation);
  if (byLanguage === undefined) {
    byLanguage = new Map();
    memo.expected.set(expectation, byLanguage);
  }
  let text = byLanguage.get(language);
  if (text === undefined) {
    text = describeExpectation(expectation, language);
    byLanguage.set(language, text);
  }
  return text;
};

type Decided = Exclude<Status, 'waived' | 'manual'>;

interface Outcome {
  status: Decided;
  /** Sentences explaining the status (failures, unknowns or reasons for skipping). */
  reasons: string[];
  evidence: Evidence[];
  /** With status `error`: why it could not be decided, and the detail that names what was missing. */
  why?: UnknownReason;
  /** The probes' own reasons this outcome quotes, as catalogued messages. */
  explanations?: Explanation[];
}

/** A probe's reason as a catalogued message, and the text in the report's language. */
/** A value shared between a run's findings, frozen all the way down: a consumer that tried to change it would throw, not change other hosts' findings. */
const deepFrozen = <T>(value: T): T => {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const inner of Object.values(value)) deepFrozen(inner);
    Object.freeze(value);
  }
  return value;
};

const explain = (text: string, language: Language, memo: EvaluationMemo): { said: string; explanation: Explanation } => {
  const message = memo.reasons.get(text, () => deepFrozen(parseReason(text)));
  const said = language === 'en' ? text : memo.said.get(`${language}\n${text}`, () => renderReason(message, language));
  return { said, explanation: { text, message } };
};

/** The explanations of several outcomes, each text once. */
const explanationsOf = (outcomes: readonly Outcome[]): Explanation[] | undefined => {
  const seen = new Map<string, Explanation>();
  for (const o of outcomes) for (const e of o.explanations ?? []) if (!seen.has(e.text)) seen.set(e.text, e);
  return seen.size === 0 ? undefined : [...seen.values()];
};
const withExplanations = <T extends object>(value: T, outcomes: readonly Outcome[]): T => {
  const explanations = explanationsOf(outcomes);
  return explanations === undefined ? value : { ...value, explanations };
};

const maxEvidenceItems = 25;
const maxDetailLength = 160;

/** The detail in "how to decide" names what was missing; the message before it has the whole of it. */
const shortDetail = (detail: string): string => (detail.length > maxDetailLength ? `${detail.slice(0, maxDetailLength - 1)}…` : detail);

/** (policy, facts) → one finding per rule, in policy order. Pure and synchronous. */
export const evaluate = (policy: Policy, facts: Facts, given: EvaluationContext): Finding[] => {
  const context: Evaluating = { ...given, shared: (given.memo ?? runMemo()).slot(evaluationSlot) };
  const findings = given.memo?.sharing === true ? given.memo.slot(findingsSlot) : undefined;
  return policy.rules.map((rule) => (findings === undefined ? judge(rule, facts, context) : sharedFinding(rule, facts, context, findings)));
};

/** One rule's finding on these facts, with its plain sentence. */
const judge = (rule: Rule, facts: Facts, context: Evaluating): Finding => withSentence(evaluateRule(rule, facts, context), rule, facts, context);

/** Findings a run shares, per rule: see sharedFinding. */
const findingsSlot = memoSlot('findings', () => new WeakMap<Rule, TimedTable<Finding>>());

/** The fact families a rule reads (the first segment of each fact path of its conditions). */
export const familiesOf = (rule: Rule): string[] => {
  const families = new Set<string>();
  const walk = (condition: Condition): void => {
    if ('fact' in condition) families.add(condition.fact.split('.')[0] ?? '');
    else for (const child of combination(condition).children) walk(child);
  };
  if (rule.when !== undefined) walk(rule.when);
  if (rule.check !== undefined) walk(rule.check);
  return [...families].sort();
};
const ruleFamilies = new WeakMap<Rule, string[]>();

/** A number per messages table (by identity), for the keys below. */
const messagesId = identityNumbers();

/**
 * A rule's finding, made once per distinct input in a run that shares (RunMemo.sharing). A finding
 * is a function of the rule, the outcomes of the families it reads, the platform, the target class,
 * the language (its messages), the time zone, and the time when, and only when, judging it read
 * the time (run-memo.ts, timedTable). The key holds each of them; outcomes by identity, and only
 * shared ones (frozen, made once per distinct text or input: the same identity is the same
 * content). A family a host holds as its own value makes the finding its own too. The finding is
 * frozen: every host that has it holds the same object. evaluate-sharing.test.ts proves a rule
 * reads no family and no part of the context the key leaves out.
 */
const sharedFinding = (rule: Rule, facts: Facts, context: Evaluating, findings: WeakMap<Rule, TimedTable<Finding>>): Finding => {
  let families = ruleFamilies.get(rule);
  if (families === undefined) ruleFamilies.set(rule, (families = familiesOf(rule)));
  let key = `${context.platform}\n${context.targetClass}\n${context.language}\n${context.timeZone ?? ''}\n${String(messagesId(context.messages))}`;
  for (const family of families) {
    const outcome = Object.hasOwn(facts, family) ? facts[family] : undefined;
    const id = outcome === undefined ? 0 : sharedId(outcome);
    if (id === undefined) return judge(rule, facts, context);
    key += `\n${String(id)}`;
  }
  let table = findings.get(rule);
  if (table === undefined) findings.set(rule, (table = timedTable()));
  return table.get(key, context.now, (now, clock) => share(judge(rule, facts, timedContext(context, now, clock))));
};

/** The context with the time read through `now` or `clock` (so that the memo knows whether, and how, it was read). */
const timedContext = (context: Evaluating, now: () => Date, clock: Clock): Evaluating => {
  const copy = { ...context, clock };
  Object.defineProperty(copy, 'now', { get: now, enumerable: true, configurable: true });
  return copy;
};

/** The context inside: with the run's shared work at hand, and the clock the time is read through when the run watches it. */
export type Evaluating = EvaluationContext & { shared: EvaluationMemo; clock?: Clock };

const evaluateRule = (rule: Rule, facts: Facts, context: Evaluating): Finding => {
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
      return withExplanations({ ...base, status: 'skip', message: m.preconditionNotMet(precondition.reasons.join('; ')), evidence: precondition.evidence }, [
        precondition,
      ]);
    }
    if (precondition.status === 'error') return undecided(base, precondition, context);
    if (precondition.status !== 'pass') {
      return withExplanations({ ...base, status: precondition.status, message: precondition.reasons.join('; '), evidence: precondition.evidence }, [
        precondition,
      ]);
    }
  }
  const outcome = evaluateCondition(rule.check, facts, context);
  if (outcome.status === 'error') return undecided(base, outcome, context);
  const message =
    outcome.status === 'pass'
      ? m.compliant
      : outcome.status === 'fail'
        ? m.notCompliant([...new Set(outcome.reasons)].join('; '))
        : [...new Set(outcome.reasons)].join('; ');
  return withExplanations({ ...base, status: outcome.status, message, evidence: outcome.evidence }, [outcome]);
};

/**
 * An `error` finding: why it could not be decided, and how to get a decision in place of the
 * remediation, which is written for a failure and would be wrong advice here.
 */
const undecided = (base: Omit<Finding, 'status' | 'message' | 'evidence'>, outcome: Outcome, context: Evaluating): Finding => {
  const why = outcome.why ?? { code: 'undetermined', detail: '' };
  // The detail is a probe's reason, said in the report's language (fact paths and names as they are).
  const detail = why.detail === '' ? '' : explain(why.detail, context.language, context.shared).said;
  return withExplanations(
    {
      ...base,
      status: 'error',
      reason: why.code,
      message: [...new Set(outcome.reasons)].join('; '),
      evidence: outcome.evidence,
      remediation: context.messages.toDecide[why.code](shortDetail(detail)),
    },
    [outcome],
  );
};

const evaluateCondition = (condition: Condition, facts: Facts, context: Evaluating): Outcome => {
  if ('fact' in condition) return evaluateLeaf(condition.fact, condition.expect, facts, context);
  const { kind, children } = combination(condition);
  const results = children.map((c) => evaluateCondition(c, facts, context));
  const evidence = results.flatMap((r) => r.evidence);
  const having = (s: Decided): Outcome[] => results.filter((r) => r.status === s);
  const undecided = (): Outcome => {
    const errors = having('error');
    const chosen = errors.length > 0 ? errors : having('skip');
    const why = errors.find((r) => r.why !== undefined)?.why;
    return withExplanations(
      {
        status: errors.length > 0 ? 'error' : 'skip',
        reasons: chosen.flatMap((r) => r.reasons),
        evidence,
        ...(why === undefined ? {} : { why }),
      },
      chosen,
    );
  };
  switch (kind) {
    case 'all': {
      const failed = having('fail');
      if (failed.length > 0) return withExplanations({ status: 'fail', reasons: failed.flatMap((r) => r.reasons), evidence }, failed);
      return having('pass').length === results.length ? { status: 'pass', reasons: [], evidence } : undecided();
    }
    case 'any': {
      // A pass shows the evidence of the branches that hold, not of every alternative tried.
      const passed = having('pass');
      if (passed.length > 0) return { status: 'pass', reasons: [], evidence: passed.flatMap((r) => r.evidence) };
      return having('fail').length === results.length
        ? withExplanations({ status: 'fail', reasons: results.flatMap((r) => r.reasons), evidence }, results)
        : undecided();
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

const evaluateLeaf = (fact: string, expectation: Expectation, facts: Facts, context: Evaluating): Outcome => {
  const m = context.messages;
  const [family = '', ...path] = fact.split('.');
  const expected = expectedText(expectation, context.language, context.shared);
  // A probe's own words, said in the report's language; the finding keeps them as catalogued messages.
  const explanations: Explanation[] = [];
  const said = (text: string): string => {
    const { said: out, explanation } = explain(text, context.language, context.shared);
    explanations.push(explanation);
    return out;
  };
  const unknown = (reasons: string[], why: UnknownReason, actual: Json = null): Outcome => ({
    status: 'error',
    reasons,
    evidence: [{ fact, actual, expected, outcome: 'unknown' }],
    why,
    ...(explanations.length === 0 ? {} : { explanations }),
  });
  // Own properties only: a fact named `constructor` or `__proto__` is not a fact.
  const outcome: ProbeOutcome | undefined = Object.hasOwn(facts, family) ? facts[family] : undefined;
  if (!outcome) return unknown([m.familyNotCollected(family)], { code: 'not-collected', detail: family });
  if (outcome.status === 'unsupported') {
    const reason = said(outcome.reason);
    return { status: 'skip', reasons: [m.probeUnsupported(family, reason)], evidence: [], explanations };
  }
  if (outcome.status === 'error') {
    return unknown([m.probeError(family, said(outcome.message))], { code: outcome.code ?? 'probe-failed', detail: outcome.message });
  }
  const actual = valueAt(outcome.facts, path);
  const gap = outcome.status === 'partial' ? gapAt(outcome.unknown, path) : undefined;
  // An incomplete list can still decide through the operators that know how; anything else that
  // the probe says it could not fully see is unknown, whatever value it holds.
  const incompleteList = gap !== undefined && gap.exact && Array.isArray(actual);
  if (gap !== undefined && !incompleteList) {
    return unknown([m.unknownFact(fact), `${family}: ${said(gap.why.detail)}`], gap.why);
  }
  // A whole fact that is null is unknown, whatever the operator (`exists: false` included): only
  // inside a list item does a missing field mean absent.
  if (actual === undefined || actual === null) {
    const detail = probeReasons(outcome.facts);
    return unknown([m.unknownFact(fact), ...(detail === undefined ? [] : [`${family}: ${said(detail)}`])], { code: 'undetermined', detail: detail ?? fact });
  }
  // The time is read only by the operators that depend on it: see sharedFinding.
  const verdict = testExpectation(expectation, actual, context.clock ?? (() => context.now), context.language, incompleteList);
  if (verdict.ok) return { status: 'pass', reasons: [], evidence: [{ fact, actual: cap(actual, m), expected, outcome: 'holds' }] };
  if (verdict.undetermined === true) {
    const why: UnknownReason = gap?.why ?? { code: 'undetermined', detail: verdict.reason ?? fact };
    return unknown(
      [`${m.unknownFact(fact)}${verdict.reason ? ` (${verdict.reason})` : ''}`, ...(gap === undefined ? [] : [`${family}: ${said(gap.why.detail)}`])],
      why,
      cap(verdict.observed ?? actual, m),
    );
  }
  const observed = cap(verdict.observed ?? actual, m);
  const reason = verdict.reason ?? m.factIs(fact, show(observed), expected);
  const own = ownReason(outcome.facts);
  return {
    status: 'fail',
    reasons: [verdict.reason ? `${fact}: ${reason}` : reason, ...(own === undefined ? [] : [`${family}: ${said(own)}`])],
    evidence: [{ fact, actual: observed, expected, outcome: 'fails' }],
    ...(explanations.length === 0 ? {} : { explanations }),
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

/**
 * What a report asks of the reader: the to-do list (each failure's first step, each undecided
 * point's way to a decision), worst severity first, then rule id; and the one-line verdict at the
 * chosen --fail-on, where undecided counts against the machine, as the exit code does.
 */
import type { SentenceWords } from '../i18n/sentences.js';
import type { Finding, Report, Severity } from '../model.js';
import { severityRank } from '../model.js';
import { messagesFor } from '../i18n/messages.js';

export interface TodoItem {
  ruleId: string;
  severity: Severity;
  status: 'fail' | 'error';
  /**
   * A short form of the remediation: its first sentence up to a colon or semicolon, without the
   * details in parentheses (the finding above it has the whole); for an error, the whole way to a
   * decision without parentheses, since its action follows the colon.
   */
  action: string;
}

/** The first sentence of a text: up to the first full stop followed by a capital (or the end). */
export const firstSentence = (text: string): string => {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  const end = /[.!?](?=\s+\p{Lu})/u.exec(oneLine);
  return end === null ? oneLine : oneLine.slice(0, end.index + 1);
};

/** Drops parenthesised details (` (LUKS on Linux, …)`), innermost first. */
const withoutDetails = (text: string): string => {
  let out = text;
  for (let previous = ''; previous !== out;) {
    previous = out;
    out = out.replace(/\s*\([^()]*\)/g, '');
  }
  return out.replace(/\s+([.,;:])/g, '$1').trim();
};

/** The short form of a remediation (see TodoItem.action). */
export const shortAction = (remediation: string, status: 'fail' | 'error'): string => {
  if (status === 'error') return withoutDetails(remediation.replace(/\s+/g, ' '));
  const first = firstSentence(withoutDetails(remediation.replace(/\s+/g, ' ')));
  const cut = /[:;]\s/.exec(first);
  const head = (cut === null ? first : first.slice(0, cut.index)).trim();
  return /[.!?]$/.test(head) ? head : `${head}.`;
};

const isOpen = (f: Finding): f is Finding & { status: 'fail' | 'error' } => f.status === 'fail' || f.status === 'error';

/** Every failure and undecided point, worst severity first, then rule id. */
export const todoList = (report: Report): TodoItem[] =>
  report.findings
    .filter(isOpen)
    .sort((a, b) => severityRank(b.severity) - severityRank(a.severity) || (a.ruleId < b.ruleId ? -1 : a.ruleId > b.ruleId ? 1 : 0))
    .map((f) => ({ ruleId: f.ruleId, severity: f.severity, status: f.status, action: actionOf(f, report) }));

/**
 * An undecided point's way to a decision, without the probe's detail (which the finding above the
 * list already shows, and which may be cut short mid-parenthesis): from its reason code; a
 * failure's first step of its remediation.
 */
const actionOf = (f: Finding & { status: 'fail' | 'error' }, report: Report): string =>
  f.status === 'error' && f.reason !== undefined
    ? shortAction(messagesFor(report.language).toDecide[f.reason](''), 'error')
    : shortAction(f.remediation, f.status);

export interface Verdict {
  meets: boolean;
  failures: number;
  undecided: number;
  text: string;
}

/** Whether the machine meets the charter at `failOn`: no failure and nothing undecided at or above it. */
export const verdict = (report: Report, failOn: Severity, w: SentenceWords): Verdict => {
  const counted = report.findings.filter((f) => severityRank(f.severity) >= severityRank(failOn));
  const failures = counted.filter((f) => f.status === 'fail').length;
  const undecided = counted.filter((f) => f.status === 'error').length;
  const meets = failures === 0 && undecided === 0;
  return { meets, failures, undecided, text: meets ? w.report.meets(failOn) : w.report.doesNotMeet(failOn, failures, undecided) };
};

import type { Messages } from '../i18n/messages.js';
import { messagesFor } from '../i18n/messages.js';
import type { Language, Report, Severity } from '../model.js';
import { severityRank } from '../model.js';
import type { Policy } from '../policy/policy.js';
import { translate } from '../policy/policy.js';
import type { RenderOptions } from '../reporters/reporter.js';
import type { ColorLevel } from './colors.js';
import { stylesFor } from './colors.js';

export const renderOptions = (policy: Policy, language: Language, failOn: Severity, level: ColorLevel): RenderOptions => {
  const messages: Messages = messagesFor(language);
  return {
    styles: stylesFor(level),
    failOn,
    messages,
    themes: Object.entries(policy.themes).map(([id, title]) => ({ id, title: translate(title, language) })),
    policySource: { file: policy.file, ruleLines: Object.fromEntries(policy.rules.map((r) => [r.id, r.line])) },
  };
};

/** 1 when a fail or error at or above the threshold exists, else 0. */
export const exitCodeForReport = (report: Report, failOn: Severity): number =>
  report.findings.some(
    (f) => (f.status === 'fail' || f.status === 'error') && severityRank(f.severity) >= severityRank(failOn),
  )
    ? 1
    : 0;

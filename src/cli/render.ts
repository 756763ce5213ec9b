import type { Messages } from '../i18n/messages.js';
import { messagesFor } from '../i18n/messages.js';
import type { Language, Report, Severity } from '../model.js';
import { severityRank } from '../model.js';
import type { Policy } from '../policy/policy.js';
import { translate } from '../policy/policy.js';
import type { RenderOptions } from '../reporters/reporter.js';
import { ruleDetails } from '../reporters/reporter.js';
import { displayPolicyPath } from './policy-path.js';
import type { ColorLevel } from '../reporters/colors.js';
import { stylesFor } from '../reporters/colors.js';

export const renderOptions = (policy: Policy, language: Language, failOn: Severity, level: ColorLevel, cwd: string = process.cwd()): RenderOptions => {
  const messages: Messages = messagesFor(language);
  return {
    styles: stylesFor(level),
    failOn,
    messages,
    themes: Object.entries(policy.themes).map(([id, title]) => ({ id, title: translate(title, language) })),
    policySource: {
      file: displayPolicyPath(policy.file, cwd),
      ruleLines: Object.fromEntries(policy.rules.map((r) => [r.id, r.line])),
      ruleFiles: Object.fromEntries(policy.rules.flatMap((r) => (r.file === undefined ? [] : [[r.id, displayPolicyPath(r.file, cwd)]]))),
    },
    rules: ruleDetails(policy, language),
  };
};

/** 1 when a fail or error at or above the threshold exists, else 0. */
export const exitCodeForReport = (report: Report, failOn: Severity): number =>
  report.findings.some((f) => (f.status === 'fail' || f.status === 'error') && severityRank(f.severity) >= severityRank(failOn)) ? 1 : 0;

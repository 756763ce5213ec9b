import { cliMessagesFor } from '../../i18n/cli-messages.js';
import { messagesFor } from '../../i18n/messages.js';
import type { Policy } from '../../policy/policy.js';
import { translate } from '../../policy/policy.js';
import { jsonSafe, terminalSafe } from '../escape.js';
import type { Reporter } from '../reporter.js';
import type { PolicyRenderOptions } from './options.js';

/** `charter rules --format NAME`: the rules of a policy. */
export type RulesReporter = Reporter<Policy, PolicyRenderOptions>;

const rows = (policy: Policy, options: PolicyRenderOptions) =>
  policy.rules.map((r) => ({
    id: r.id,
    severity: r.severity,
    theme: r.theme,
    kind: r.manual ? 'manual' : 'automatic',
    platforms: r.platforms,
    targets: r.targets,
    title: translate(r.title, options.language),
  }));

export const json: RulesReporter = {
  name: 'json',
  extension: '.json',
  description: 'the rules as a JSON array (id, severity, theme, kind, platforms, targets, title)',
  render: (policy, options) => `${jsonSafe(JSON.stringify(rows(policy, options), null, 2))}\n`,
};

export const text: RulesReporter = {
  name: 'text',
  extension: '.txt',
  description: 'one line per rule: id, severity, title',
  render: (policy, options) => {
    const list = rows(policy, options);
    // Policy text is input: escaped for the terminal.
    const idWidth = Math.max(...list.map((r) => terminalSafe(r.id).length));
    const manual = cliMessagesFor(options.language).manualRule;
    const severityName = messagesFor(options.language).severity;
    const severityWidth = Math.max(8, ...Object.values(severityName).map((w) => w.length));
    return list
      .map(
        (r) =>
          `${terminalSafe(r.id).padEnd(idWidth)}  ${severityName[r.severity].padEnd(severityWidth)}  ${terminalSafe(r.title)}${r.kind === 'manual' ? manual : ''}\n`,
      )
      .join('');
  },
};

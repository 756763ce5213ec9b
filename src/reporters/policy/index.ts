import * as explain from './explain.js';
import type { ExplainReporter } from './explain.js';
import * as rules from './rules.js';
import type { RulesReporter } from './rules.js';

/** `charter rules --format` choices. */
export const rulesReporters: Readonly<Record<string, RulesReporter>> = { text: rules.text, json: rules.json };

/** `charter explain --format` choices. */
export const explainReporters: Readonly<Record<string, ExplainReporter>> = { text: explain.text, json: explain.json };

/** The policy listings by command. */
export const policyReporters = { rules: rulesReporters, explain: explainReporters } as const;

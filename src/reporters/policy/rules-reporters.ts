import * as rules from './rules.js';
import type { RulesReporter } from './rules.js';

/** `charter rules --format` choices. Its own module: `rules` loads neither explain nor the operators. */
export const rulesReporters: Readonly<Record<string, RulesReporter>> = { text: rules.text, json: rules.json };

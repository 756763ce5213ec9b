import * as explain from './explain.js';
import type { ExplainReporter } from './explain.js';

/** `charter explain --format` choices. */
export const explainReporters: Readonly<Record<string, ExplainReporter>> = { text: explain.text, json: explain.json };

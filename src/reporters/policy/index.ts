import { explainReporters } from './explain-reporters.js';
import { rulesReporters } from './rules-reporters.js';

export { explainReporters } from './explain-reporters.js';
export { rulesReporters } from './rules-reporters.js';

/** The policy listings by command. Commands import their own registry, so that each loads only its reporters. */
export const policyReporters = { rules: rulesReporters, explain: explainReporters } as const;

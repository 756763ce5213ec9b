import { json } from './json.js';
import type { Reporter } from './reporter.js';
import { text } from './text.js';

/** Every output format; the keys are the --format choices. */
export const reporters: Readonly<Record<string, Reporter>> = { json, text };

import { html } from './html.js';
import { json } from './json.js';
import { junit } from './junit.js';
import type { Reporter } from './reporter.js';
import { sarif } from './sarif.js';
import { text } from './text.js';

/** Every output format; the keys are the --format choices. */
export const reporters: Readonly<Record<string, Reporter>> = { html, json, junit, sarif, text };

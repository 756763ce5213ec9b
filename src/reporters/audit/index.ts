import { csv } from './csv.js';
import { html } from './html.js';
import { json } from './json.js';
import type { FleetReporter } from './reporter.js';
import { text } from './text.js';

/** Fleet report formats by name (`charter audit --format`). */
export const fleetReporters: Readonly<Record<string, FleetReporter>> = { text, html, csv, json };

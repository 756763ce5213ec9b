import type { FleetReporter } from './reporter.js';

/** Fleet report formats by name (`charter audit --format`). */
export const fleetReporters: Readonly<Record<string, FleetReporter>> = {};

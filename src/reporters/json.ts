import { jsonSafe } from './escape.js';
import { defineReporter } from './reporter.js';

/** The report as JSON, exactly as schemas/report.schema.json describes it. */
export const json = defineReporter({
  name: 'json',
  extension: '.json',
  description: 'machine-readable report (schemas/report.schema.json)',
  render: (report) => `${jsonSafe(JSON.stringify(report, null, 2))}\n`,
});

import { jsonSafe } from './escape.js';
import { defineReporter } from './reporter.js';
import { reportFormats } from './choices.js';

/** The report as JSON, exactly as schemas/report.schema.json describes it. */
export const json = defineReporter({
  ...reportFormats.json,
  render: (report) => `${jsonSafe(JSON.stringify(report, null, 2))}\n`,
});

import type { FormatChoice } from './reporter.js';

/**
 * The single-report formats as `--format` and `--output FILE` know them, in the order of ./index.ts:
 * data, so that parsing a command line does not load the reporters and what they import (only
 * `check` renders a report). report-formats.test.ts holds this list equal to the registry.
 */
export const reportFormats: readonly FormatChoice[] = [
  { name: 'html', extension: '.html' },
  { name: 'json', extension: '.json' },
  { name: 'junit', extension: '.xml' },
  { name: 'sarif', extension: '.sarif' },
  { name: 'text', extension: '.txt' },
];

import type { FormatChoice } from './reporter.js';

/**
 * The single-report formats as data: what `--format` and `--output FILE` need to know before any
 * report is rendered. The CLI reads this, not the reporters (index.ts), so a command that renders no
 * report (`rules`, `policy validate`, `explain`) loads no reporter, no sentence tables and no reason
 * catalogue. Each reporter takes its name, extension and description from here.
 */
export const reportFormats = {
  html: { name: 'html', extension: '.html', description: 'one self-contained, printable page with plain sentences (no script)' },
  json: { name: 'json', extension: '.json', description: 'machine-readable report (schemas/report.schema.json)' },
  junit: { name: 'junit', extension: '.xml', description: 'JUnit XML for CI test reports (Jenkins, GitLab, GitHub actions)' },
  sarif: { name: 'sarif', extension: '.sarif', description: 'SARIF 2.1.0 for GitHub code scanning' },
  text: { name: 'text', extension: '.txt', description: 'readable report grouped by theme' },
} as const satisfies Readonly<Record<string, FormatChoice & { description: string }>>;

import type { Finding, Report } from '../model.js';
import type { RenderOptions } from './reporter.js';
import { defineReporter } from './reporter.js';
import { reportFormats } from './choices.js';

/**
 * JUnit XML for CI test views (Jenkins junit plugin, GitLab artifacts:reports:junit, GitHub test
 * reporter actions). Validates against the Jenkins xunit plugin's junit-10.xsd
 * (schemas/vendor/junit-10.xsd).
 *
 * One <testsuite> per theme, so CI views group rules the way the text report does; one <testcase>
 * per rule with classname `charter.<policy id>.<theme id>` (GitLab shows the classname as the
 * suite; Jenkins splits it into package `charter.<policy id>` and class `<theme id>`).
 * fail → <failure>, error → <error>, skip/manual/waived → <skipped>. Messages are repeated in the
 * element text because GitLab ignores the `message` attribute.
 *
 * `skipped` is counted on each <testsuite> only: junit-10.xsd rejects it on <testsuites>.
 * Per-rule times are not measured, so every testcase has time="0"; the run's duration is on
 * <testsuites>. `timestamp` is the start in UTC without zone or fraction (the Ant format most
 * consumers parse); the exact start is in the `charter.startedAt` property.
 */
export const junit = defineReporter({
  ...reportFormats.junit,
  render: (report, options) => {
    const suites = groupByTheme(report.findings, options).map((group, index) => renderSuite(report, group, index, options));
    const count = counts(report.findings);
    const root = attributes({
      name: `${report.policy.title} (${report.policy.id} ${report.policy.version})`,
      tests: count.tests,
      failures: count.failures,
      errors: count.errors,
      time: seconds(report.durationMs),
    });
    return ['<?xml version="1.0" encoding="UTF-8"?>', `<testsuites${root}>`, ...suites, '</testsuites>', ''].join('\n');
  },
});

interface ThemeGroup {
  id: string;
  title: string;
  findings: Finding[];
}

/** Themes in policy order (then unknown ones alphabetically), findings in report order. */
const groupByTheme = (findings: readonly Finding[], options: RenderOptions): ThemeGroup[] => {
  const order = new Map((options.themes ?? []).map((t, i) => [t.id, i]));
  const titles = new Map((options.themes ?? []).map((t) => [t.id, t.title]));
  const ids = [...new Set(findings.map((f) => f.theme))].sort((a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b));
  return ids.map((id) => ({ id, title: titles.get(id) ?? id, findings: findings.filter((f) => f.theme === id) }));
};

const counts = (findings: readonly Finding[]): { tests: number; failures: number; errors: number; skipped: number } => ({
  tests: findings.length,
  failures: findings.filter((f) => f.status === 'fail').length,
  errors: findings.filter((f) => f.status === 'error').length,
  skipped: findings.filter((f) => f.status === 'skip' || f.status === 'manual' || f.status === 'waived').length,
});

const renderSuite = (report: Report, group: ThemeGroup, index: number, options: RenderOptions): string => {
  const count = counts(group.findings);
  const head = attributes({
    name: group.title,
    package: `charter.${report.policy.id}`,
    id: index,
    tests: count.tests,
    failures: count.failures,
    errors: count.errors,
    skipped: count.skipped,
    time: '0',
    timestamp: antTimestamp(report.startedAt),
    hostname: report.target.name,
  });
  const properties: Array<[string, string]> = [
    ['charter.policy.id', report.policy.id],
    ['charter.policy.version', report.policy.version],
    ['charter.policy.sha256', report.policy.sha256],
    ['charter.tool.name', report.tool.name],
    ['charter.tool.version', report.tool.version],
    ['charter.target.kind', report.target.kind],
    ['charter.target.name', report.target.name],
    ['charter.target.platform', report.target.platform],
    ['charter.target.class', report.target.class],
    ['charter.language', report.language],
    ['charter.startedAt', report.startedAt],
    ['charter.theme', group.id],
  ];
  return [
    `  <testsuite${head}>`,
    '    <properties>',
    ...properties.map(([name, value]) => `      <property${attributes({ name, value })}/>`),
    '    </properties>',
    ...group.findings.map((f) => renderCase(report, f, options)),
    '  </testsuite>',
  ].join('\n');
};

const renderCase = (report: Report, f: Finding, options: RenderOptions): string => {
  const m = options.messages;
  const head = `    <testcase${attributes({ name: `${f.ruleId} ${f.title}`, classname: `charter.${report.policy.id}.${f.theme}`, time: '0' })}`;
  const evidence = f.evidence.flatMap((e) => [`${m.observed}: ${e.fact} = ${JSON.stringify(e.actual)}`, `${m.expected}: ${e.expected}`]);
  const remediation = `${m.remediation}: ${f.remediation}`;
  switch (f.status) {
    case 'pass':
      return `${head}/>`;
    case 'fail':
    case 'error': {
      const tag = f.status === 'fail' ? 'failure' : 'error';
      const body = [f.message, ...evidence, remediation].join('\n');
      return `${head}>\n      <${tag}${attributes({ message: f.message, type: f.severity })}>${text(body)}</${tag}>\n    </testcase>`;
    }
    case 'skip':
    case 'manual':
    case 'waived': {
      const reason = f.message || (f.status === 'manual' ? m.manual : '');
      const message = `${m.status[f.status]}: ${reason}`;
      const source = (f.waiver ?? f.attestation)?.source;
      const body = [
        message,
        ...(f.status === 'waived' ? evidence : []),
        ...(source === undefined ? [] : [source]),
        ...(f.status === 'manual' ? [remediation] : []),
      ].join('\n');
      return `${head}>\n      <skipped${attributes({ message })}>${text(body)}</skipped>\n    </testcase>`;
    }
  }
};

const seconds = (ms: number): string => (Math.max(0, ms) / 1000).toFixed(3);

/** `2026-11-22T07:14:42.241Z` → `2026-11-22T07:14:42` (UTC). */
const antTimestamp = (iso: string): string => {
  const date = new Date(iso);
  return Number.isNaN(date.getTime()) ? iso : date.toISOString().slice(0, 19);
};

const attributes = (values: Record<string, string | number>): string =>
  Object.entries(values)
    .map(([key, value]) => ` ${key}="${attribute(String(value))}"`)
    .join('');

/** ANSI escape sequences (colour codes in command output) carry no meaning in XML: drop them whole. */
// eslint-disable-next-line no-control-regex
const ansi = /\u001b\[[0-?]*[ -/]*[@-~]/g;
/**
 * Everything outside XML 1.0's Char production (C0 controls other than tab/LF/CR, lone surrogates,
 * U+FFFE/U+FFFF), plus DEL and the C1 controls: replaced with U+FFFD so a reader sees that
 * something was there. xmllint rejects a document with them, even as character references.
 */
const notXmlChar = /[^\t\n\r\u0020-\u007e\u00a0-\ud7ff\ue000-\ufffd\u{10000}-\u{10ffff}]/gu;

/** Any string made safe to appear in an XML 1.0 document. */
const xmlSafe = (value: string): string => value.replace(ansi, '').replace(notXmlChar, '\ufffd');

/** Escaped element text; `>` is escaped too, so `]]>` never appears. */
const text = (value: string): string =>
  xmlSafe(value)
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/\r/g, '&#13;')
    .replace(bidi, (c) => `&#x${c.charCodeAt(0).toString(16)};`);

/** Bidi marks, overrides and isolates and the Unicode line separators: character references, the same text to an XML reader. */
const bidi = /[\u061c\u200e\u200f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;

/** Escaped attribute value; tab, LF and CR as references so attribute normalisation keeps them. */
const attribute = (value: string): string => text(value).replace(/"/g, '&quot;').replace(/'/g, '&apos;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;');

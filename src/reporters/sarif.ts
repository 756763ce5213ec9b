import { jsonSafe } from './escape.js';
import { createHash } from 'node:crypto';
import type { Finding, Json, JsonObject, Language, Report, Severity, WaiverRecord } from '../model.js';
import type { RenderOptions, RuleDetails } from './reporter.js';
import { defineReporter } from './reporter.js';
import { reportFormats } from './choices.js';

/**
 * SARIF 2.1.0 for GitHub code scanning (and any SARIF viewer). Validates against the OASIS schema
 * (schemas/vendor/sarif-schema-2.1.0.json); GitHub's extra constraints are tested beside it.
 *
 * - Results only for `fail` (kind "fail", level from severity) and `error` (kind "review", no
 *   level: the tool could not decide, and unknown is never compliant, so the alert must show up
 *   in GitHub, which displays only results). Each error is also a tool execution notification
 *   (level "error") so SARIF viewers show the analysis as incomplete; executionSuccessful is false
 *   then. pass/skip/manual are not results: GitHub turns every result into an alert, whatever its
 *   kind. A `waived` finding is a result with an external suppression (SARIF §3.35)
 *   whose justification names the reason, approver and expiry: viewers show it as suppressed, and
 *   the exception stays visible to an auditor.
 * - Every result points at the rule's line in the policy file (RenderOptions.policySource), as a
 *   relative, percent-encoded URI: GitHub rejects results without a physical location and
 *   absolute URIs of another scheme. An absolute policy path cannot be made relative here (a
 *   reporter has no working directory), so its file name is used: pass a relative path.
 * - partialFingerprints are a hash of target name and rule id, so the same alert is tracked across
 *   runs and two hosts failing the same rule are two alerts.
 * - automationDetails.id `charter/<target kind>/<target name>/` gives each target its own
 *   analysis category when several SARIF files are uploaded for one commit.
 */
export const sarif = defineReporter({
  ...reportFormats.sarif,
  render: (report, options) => `${jsonSafe(JSON.stringify(sarifLog(report, options), null, 2))}\n`,
});

const sarifSchemaUri = 'https://json.schemastore.org/sarif-2.1.0.json';

const levels: Record<Severity, 'error' | 'warning' | 'note'> = {
  critical: 'error',
  high: 'error',
  medium: 'warning',
  low: 'note',
  info: 'note',
};

/** GitHub: > 9 critical, 7–8.9 high, 4–6.9 medium, 0.1–3.9 low. */
const securitySeverity: Record<Severity, string> = { critical: '9.5', high: '8.0', medium: '5.5', low: '3.0', info: '1.0' };

const sourcesLabel: Record<Language, string> = { en: 'Sources', fr: 'Sources', de: 'Quellen', lb: 'Quellen' };

const semver = /^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?(?:\+[0-9A-Za-z.-]+)?$/;

const sarifLog = (report: Report, options: RenderOptions): JsonObject => {
  const rules = uniqueRules(report.findings);
  const ruleIndex = new Map(rules.map((f, i) => [f.ruleId, i]));
  const details = new Map((options.rules ?? []).map((d) => [d.id, d]));
  // A waived finding is a suppressed result only when it carries its waiver (the justification).
  const reported = report.findings.filter((f) => f.status === 'fail' || f.status === 'error' || (f.status === 'waived' && f.waiver !== undefined));
  const errors = report.findings.filter((f) => f.status === 'error');
  const started = new Date(report.startedAt);
  const ended = Number.isNaN(started.getTime()) ? report.startedAt : new Date(started.getTime() + Math.max(0, report.durationMs)).toISOString();
  return {
    $schema: sarifSchemaUri,
    version: '2.1.0',
    runs: [
      {
        tool: {
          driver: {
            name: report.tool.name,
            version: report.tool.version,
            ...(semver.test(report.tool.version) ? { semanticVersion: report.tool.version } : {}),
            rules: rules.map((f) => descriptor(f, details.get(f.ruleId), report, options)),
          },
        },
        automationDetails: { id: `charter/${encodeUriPart(report.target.kind)}/${encodeUriPart(report.target.name)}/` },
        invocations: [
          {
            executionSuccessful: errors.length === 0,
            startTimeUtc: report.startedAt,
            endTimeUtc: ended,
            toolExecutionNotifications: errors.map((f) => ({
              level: 'error',
              message: { text: `${f.ruleId}: ${f.message}` },
              associatedRule: { id: f.ruleId, index: ruleIndex.get(f.ruleId) ?? -1 },
            })),
          },
        ],
        language: report.language,
        columnKind: 'utf16CodeUnits',
        results: reported.map((f) => result(f, ruleIndex.get(f.ruleId) ?? -1, report, options)),
        properties: {
          target: { ...report.target },
          policy: { ...report.policy },
          summary: { ...report.summary },
          durationMs: report.durationMs,
        },
      },
    ],
  };
};

/** One finding per rule id, in report (= policy) order. */
const uniqueRules = (findings: readonly Finding[]): Finding[] => {
  const seen = new Set<string>();
  return findings.filter((f) => (seen.has(f.ruleId) ? false : (seen.add(f.ruleId), true)));
};

const descriptor = (f: Finding, details: RuleDetails | undefined, report: Report, options: RenderOptions): JsonObject => {
  const m = options.messages;
  const references = details?.references ?? [];
  const helpUri = references.map((r) => webUrl(r.url)).find((url) => url !== undefined);
  const label = capitalize(m.remediation);
  const sources = sourcesLabel[report.language];
  const helpText = [
    `${label}: ${f.remediation}`,
    ...(references.length > 0
      ? ['', `${sources}:`, ...references.map((r) => `- ${r.title}${r.clause ? `, ${r.clause}` : ''}${r.url ? ` (${r.url})` : ''}`)]
      : []),
  ].join('\n');
  const helpMarkdown = [
    `**${markdown(label)}:** ${markdown(f.remediation)}`,
    ...(references.length > 0
      ? [
          '',
          `**${markdown(sources)}**`,
          '',
          ...references.map((r) => {
            const url = webUrl(r.url);
            const title = url ? `[${markdown(r.title)}](${url.replace(/[()]/g, encodeURIComponent)})` : markdown(r.title);
            return `- ${title}${r.clause ? `, ${markdown(r.clause)}` : ''}`;
          }),
        ]
      : []),
  ].join('\n');
  return {
    id: f.ruleId,
    name: pascalCase(f.title) || f.ruleId,
    shortDescription: { text: limit(f.title, 1024) },
    fullDescription: { text: details?.description ?? f.title },
    help: { text: helpText, markdown: helpMarkdown },
    ...(helpUri ? { helpUri } : {}),
    defaultConfiguration: { level: levels[f.severity] },
    properties: {
      tags: [...new Set([f.theme, 'security'])],
      'security-severity': securitySeverity[f.severity],
      severity: f.severity,
      theme: f.theme,
    },
  };
};

const result = (f: Finding, index: number, report: Report, options: RenderOptions): JsonObject => {
  const m = options.messages;
  const line = options.policySource?.ruleLines[f.ruleId];
  const lines = [
    f.status === 'error' ? `${m.status.error}: ${f.message}` : f.message,
    `${m.target}: ${report.target.name} (${report.target.kind}, ${report.target.platform}, ${report.target.class})`,
    ...f.evidence.flatMap((e) => [`${m.observed}: ${e.fact} = ${limit(JSON.stringify(e.actual), 500)}`, `${m.expected}: ${e.expected}`]),
    `${m.remediation}: ${f.remediation}`,
  ];
  const fingerprint = createHash('sha256').update(`${report.target.name}\u0000${f.ruleId}`).digest('hex');
  return {
    ruleId: f.ruleId,
    ruleIndex: index,
    kind: f.status === 'error' ? 'review' : 'fail',
    // A result whose kind is not "fail" has level "none" (SARIF §3.27.10): leave it out.
    ...(f.status === 'error' ? {} : { level: levels[f.severity] }),
    message: { text: lines.join('\n') },
    locations: [
      {
        physicalLocation: {
          artifactLocation: { uri: policyUri(report, options, f.ruleId) },
          region: { startLine: line !== undefined && Number.isInteger(line) && line >= 1 ? line : 1 },
        },
        logicalLocations: [{ name: f.ruleId, fullyQualifiedName: `${report.target.name}/${f.ruleId}`, kind: 'resource' }],
      },
    ],
    ...(f.status === 'waived' && f.waiver ? { suppressions: [suppression(f.waiver)] } : {}),
    partialFingerprints: {
      'charterRule/v1': fingerprint,
      primaryLocationLineHash: `${fingerprint.slice(0, 16)}:1`,
    },
    properties: {
      target: report.target.name,
      status: f.status,
      severity: f.severity,
      evidence: f.evidence.map((e): Json => ({ fact: e.fact, actual: e.actual, expected: e.expected })),
    },
  };
};

/**
 * No review status: the OASIS 2.1.0 errata name it `status`, older schemas `state`; absent, every
 * consumer (GitHub, GitLab, the SARIF SDK) treats the suppression as in force.
 */
const suppression = (w: WaiverRecord): JsonObject => ({
  kind: 'external',
  justification: `${w.reason} (approved by ${w.approver}, ${w.granted} to ${w.expires}${w.ticket ? `, ${w.ticket}` : ''}; ${w.source})`,
  properties: { ...w },
});

/** The file that defines the rule (the policy, or the one it extends) as a relative, percent-encoded URI reference. */
const policyUri = (report: Report, options: RenderOptions, ruleId: string): string => {
  const file = options.policySource?.ruleFiles?.[ruleId] ?? options.policySource?.file ?? `${report.policy.id}.yaml`;
  const slashed = file.replace(/\\/g, '/');
  const absolute = slashed.startsWith('/') || /^[A-Za-z]:\//.test(slashed);
  const relative = absolute ? (slashed.split('/').pop() ?? '') : slashed.replace(/^(\.\/)+/, '');
  const uri = relative
    .split('/')
    .filter((segment) => segment !== '')
    .map((segment) => encodeUriPart(segment))
    .join('/');
  return uri === '' ? encodeUriPart(`${report.policy.id}.yaml`) : uri;
};

/** encodeURIComponent, with a lone surrogate (which it refuses with a URIError) as U+FFFD. */
const encodeUriPart = (text: string): string =>
  encodeURIComponent(text.replace(/[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, '\ufffd'));

const capitalize = (s: string): string => s.charAt(0).toUpperCase() + s.slice(1);

/** "No messenger apps" → "NoMessengerApps"; letters of any script are kept. */
const pascalCase = (title: string): string =>
  limit(
    title
      .split(/[^\p{L}\p{N}]+/u)
      .filter((w) => w !== '')
      .map(capitalize)
      .join(''),
    255,
  );

const limit = (s: string, max: number): string => (s.length > max ? `${s.slice(0, max - 1)}…` : s);

const markdown = (s: string): string => s.replace(/[\\`*_[\]<>|]/g, (c) => `\\${c}`);

/** An http(s) URL, normalised and percent-encoded (helpUri must be a valid absolute URI). */
const webUrl = (url: string | undefined): string | undefined => {
  if (url === undefined || !URL.canParse(url)) return undefined;
  const parsed = new URL(url);
  return parsed.protocol === 'https:' || parsed.protocol === 'http:' ? parsed.href : undefined;
};

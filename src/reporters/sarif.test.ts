import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { Ajv } from 'ajv';
import { describe, expect, it } from 'vitest';
import { messagesFor } from '../i18n/messages.js';
import type { Finding, Report } from '../model.js';
import type { RenderOptions } from './reporter.js';
import { sarif } from './sarif.js';
import { messengerReport, policyPath, root, styles } from './testdata/messenger-report.js';

/**
 * The official OASIS SARIF 2.1.0 schema (draft-07), vendored byte-exact. ajv's default class is
 * draft-07. strictRequired is off because the schema itself lists required properties inside
 * anyOf branches that do not declare them; ajv-formats is not installed, so formats (uri,
 * uri-reference, date-time) are not checked by ajv: the GitHub checks below cover the ones we emit.
 */
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'vendor', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const validateSchema = new Ajv({ strict: true, strictRequired: false, validateFormats: false, allErrors: true }).compile(schema);

interface SarifResult {
  ruleId: string;
  ruleIndex: number;
  kind?: string;
  level?: string;
  message: { text: string };
  locations?: Array<{
    physicalLocation?: { artifactLocation?: { uri?: string }; region?: { startLine?: number } };
    logicalLocations?: Array<{ fullyQualifiedName?: string }>;
  }>;
  partialFingerprints?: Record<string, string>;
  suppressions?: unknown[];
}
interface SarifRule {
  id: string;
  name?: string;
  shortDescription: { text: string };
  fullDescription: { text: string };
  help: { text: string; markdown?: string };
  helpUri?: string;
  defaultConfiguration: { level: string };
  properties: { tags: string[]; 'security-severity': string };
}
interface SarifLog {
  $schema: string;
  version: string;
  runs: Array<{
    tool: { driver: { name: string; version: string; semanticVersion?: string; rules: SarifRule[] } };
    automationDetails: { id: string };
    invocations: Array<{
      executionSuccessful: boolean;
      startTimeUtc: string;
      endTimeUtc: string;
      toolExecutionNotifications: Array<{ level: string; message: { text: string }; associatedRule: { id: string; index: number } }>;
    }>;
    language: string;
    results: SarifResult[];
    properties: { target: { kind: string; name: string } };
  }>;
}

const parse = (output: string): SarifLog => JSON.parse(output) as SarifLog;

const assertSchemaValid = (log: unknown): void => {
  const valid = validateSchema(log);
  expect(validateSchema.errors ?? []).toEqual([]);
  expect(valid).toBe(true);
};

/** What GitHub code scanning needs beyond the schema (ecosystem.md §1a; github/codeql-action issues). */
const assertGitHubAccepts = (log: SarifLog): void => {
  expect(log.$schema).toMatch(/^https:\/\//);
  expect(log.version).toBe('2.1.0');
  expect(log.runs).toHaveLength(1);
  const run = log.runs[0]!;
  const rules = run.tool.driver.rules;
  expect(run.tool.driver.name).toBe('charter');
  expect(new Set(rules.map((r) => r.id)).size).toBe(rules.length);
  for (const rule of rules) {
    expect(rule.shortDescription.text.length).toBeGreaterThan(0);
    expect(rule.shortDescription.text.length).toBeLessThanOrEqual(1024);
    expect(rule.fullDescription.text.length).toBeGreaterThan(0);
    expect(rule.help.text.length).toBeGreaterThan(0);
    expect((rule.name ?? '').length).toBeLessThanOrEqual(255);
    expect(['error', 'warning', 'note']).toContain(rule.defaultConfiguration.level);
    expect(rule.properties.tags.length).toBeLessThanOrEqual(20);
    const severity = Number(rule.properties['security-severity']);
    expect(severity).toBeGreaterThanOrEqual(0.1);
    expect(severity).toBeLessThanOrEqual(10);
    if (rule.helpUri !== undefined) expect(new URL(rule.helpUri).protocol).toMatch(/^https?:$/);
  }
  for (const invocation of run.invocations) {
    for (const time of [invocation.startTimeUtc, invocation.endTimeUtc]) {
      expect(time).toMatch(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?Z$/);
    }
  }
  for (const result of run.results) {
    // Results need a rule that exists, at the index they claim.
    expect(rules[result.ruleIndex]?.id).toBe(result.ruleId);
    // At least one location with a physical artifact location and a region: GitHub rejects the rest.
    const physical = result.locations?.[0]?.physicalLocation;
    const uri = physical?.artifactLocation?.uri ?? '';
    expect(uri).not.toBe('');
    expect(uri).not.toMatch(/^[A-Za-z][A-Za-z0-9+.-]*:/); // no scheme: relative to the repository
    expect(uri).not.toMatch(/^\//); // not an absolute path either
    expect(uri).toMatch(/^(?:[A-Za-z0-9\-._~!$&'()*+,;=:@/]|%[0-9A-F]{2})+$/); // percent-encoded, no spaces
    expect(new URL(uri, 'file:///repo/').href.startsWith('file:///repo/')).toBe(true);
    expect(Number.isInteger(physical?.region?.startLine)).toBe(true);
    expect(physical?.region?.startLine).toBeGreaterThanOrEqual(1);
    // A stable identity so GitHub tracks the alert across runs.
    expect(Object.keys(result.partialFingerprints ?? {}).length).toBeGreaterThan(0);
    expect(result.partialFingerprints?.primaryLocationLineHash).toMatch(/^[0-9a-f]{16}:1$/);
    expect(result.message.text.length).toBeGreaterThan(0);
  }
};

const hostile = 'a < b && c > d "quoted" \'single\' ]]> \u001b[31mred\u001b[0m bell\u0007 nul\u0000 é € 𝄞 tab\tcr\r\nnext line';

/** Every status, with strings meant to break a naive writer. */
const handBuilt = (): Report => {
  const finding = (ruleId: string, status: Finding['status'], message: string, extra: Partial<Finding> = {}): Finding => ({
    ruleId,
    title: `Title of ${ruleId} <é>`,
    theme: 'messaging',
    severity: 'high',
    status,
    message,
    evidence: [],
    remediation: 'Do the thing & check',
    ...extra,
  });
  return {
    schemaVersion: 1,
    tool: { name: 'charter', version: '0.1.0' },
    policy: { id: 'test-policy', version: '1', sha256: 'a'.repeat(64), title: `Policy ${hostile}` },
    target: { kind: 'live', name: 'host 1 (é)', platform: 'linux', class: 'live' },
    startedAt: '2026-11-22T07:14:42.241Z',
    durationMs: 1234,
    language: 'en',
    summary: { pass: 1, fail: 1, error: 1, skip: 1, waived: 1, manual: 1 },
    findings: [
      finding('T-PASS', 'pass', 'Compliant.'),
      finding('T-FAIL', 'fail', `Not compliant: ${hostile}.`, {
        severity: 'critical',
        evidence: [{ fact: 'software.apps', actual: [{ name: 'Télégram <x>' }], expected: 'none where "messenger"' }],
        remediation: `Uninstall it ${hostile}`,
      }),
      finding('T-ERROR', 'error', 'probe disk-encryption failed: permission denied', {
        theme: 'encryption',
        severity: 'medium',
        evidence: [{ fact: 'disk-encryption.systemVolumeEncrypted', actual: null, expected: 'true' }],
      }),
      finding('T-SKIP', 'skip', 'not applicable: rule covers macos, target is linux', { severity: 'low' }),
      finding('T-MANUAL', 'manual', 'Cannot be decided by a machine: to be attested manually.', { severity: 'medium' }),
      finding('T-WAIVED', 'waived', 'waived until 2027-01-01 by CISO', { severity: 'info' }),
    ],
  };
};

const handOptions = (file = 'policies/my policy (é).yaml'): RenderOptions => ({
  styles,
  failOn: 'high',
  messages: messagesFor('en'),
  policySource: { file, ruleLines: { 'T-FAIL': 12, 'T-ERROR': 40 } },
  rules: [{ id: 'T-FAIL', description: 'A longer description.', references: [{ title: 'Source [1] *bold*', clause: 'A.1', url: 'https://example.org/a b' }] }],
});

describe('sarif reporter', () => {
  it('renders the recorded messenger host as SARIF the official schema and GitHub accept', async () => {
    const { report, options, policy } = await messengerReport();
    expect(report.findings.map((f) => `${f.ruleId}:${f.status}`)).toEqual(['MSG-01:fail', 'MSG-02:pass', 'MSG-03:skip', 'ENC-01:fail', 'CND-01:manual']);
    const output = sarif.render(report, options);
    const log = parse(output);
    assertSchemaValid(log);
    assertGitHubAccepts(log);
    const run = log.runs[0]!;

    // One descriptor per policy rule, results for the two failures only.
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(policy.rules.map((r) => r.id));
    expect(run.results.map((r) => r.ruleId)).toEqual(['MSG-01', 'ENC-01']);
    expect(run.tool.driver.version).toBe('0.1.0');
    expect(run.tool.driver.semanticVersion).toBe('0.1.0');
    expect(run.automationDetails.id).toBe('charter/replay/local/');
    expect(run.invocations[0]?.executionSuccessful).toBe(true);
    expect(run.invocations[0]?.startTimeUtc).toBe(report.startedAt);
    expect(run.properties.target.name).toBe('local');

    const msg01 = run.tool.driver.rules[0]!;
    expect(msg01.name).toBe('NoConsumerInstantMessengers');
    expect(msg01.defaultConfiguration.level).toBe('error');
    expect(msg01.properties).toMatchObject({ tags: ['messaging', 'security'], 'security-severity': '8.0' });
    expect(msg01.fullDescription.text).toBe('Fails when an unmanaged messenger is installed, running, or has left data.');
    expect(msg01.helpUri).toBe('https://today.rtl.lu/news/luxembourg/a/2183509.html');
    expect(msg01.help.text).toContain('What to do: Uninstall the messenger and delete its data directory.');
    expect(msg01.help.markdown).toContain('- BSI IT-Grundschutz SYS.2.1 Allgemeiner Client (Edition 2023), A42');
    expect(msg01.help.markdown).toContain('[Answer by PM Luc Frieden');
    expect(run.tool.driver.rules.find((r) => r.id === 'ENC-01')?.properties['security-severity']).toBe('9.5');

    const result = run.results[0]!;
    expect(result).toMatchObject({ kind: 'fail', level: 'error', ruleIndex: 0 });
    expect(result.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'src/reporters/testdata/reporter-policy.yaml' },
      region: { startLine: policy.rules[0]!.line },
    });
    // The region is the rule's own line in the policy file.
    const policyLines = readFileSync(join(root, policyPath), 'utf8').split('\n');
    expect(policyLines[policy.rules[0]!.line - 1]).toContain('id: MSG-01');
    expect(result.message.text.split('\n')[0]).toBe(report.findings[0]!.message);
    expect(result.message.text).toContain('observed: software.apps = [{"id":"telegram"');
    expect(result.message.text).toContain('expected: none where categories contains "messenger"');
    expect(result.message.text).toContain('what to do: Uninstall the messenger');
    expect(result.message.text).toContain('Target: local (replay, linux, live)');
  });

  it('fingerprints by target and rule: stable across runs, distinct across hosts', async () => {
    const { report, options } = await messengerReport();
    const first = parse(sarif.render(report, options)).runs[0]!.results;
    const again = parse(sarif.render({ ...report, startedAt: '2027-01-01T00:00:00.000Z', durationMs: 99 }, options)).runs[0]!.results;
    const otherHost = parse(sarif.render({ ...report, target: { ...report.target, name: 'host2' } }, options)).runs[0]!.results;
    expect(again.map((r) => r.partialFingerprints)).toEqual(first.map((r) => r.partialFingerprints));
    expect(otherHost[0]?.partialFingerprints?.['charterRule/v1']).not.toBe(first[0]?.partialFingerprints?.['charterRule/v1']);
    expect(first[0]?.partialFingerprints?.['charterRule/v1']).toMatch(/^[0-9a-f]{64}$/);
    expect(first[0]?.partialFingerprints?.['charterRule/v1']).not.toBe(first[1]?.partialFingerprints?.['charterRule/v1']);
  });

  it('maps every status: fail and error are results, the rest are not', () => {
    const log = parse(sarif.render(handBuilt(), handOptions()));
    assertSchemaValid(log);
    assertGitHubAccepts(log);
    const run = log.runs[0]!;
    expect(run.tool.driver.rules.map((r) => r.id)).toEqual(['T-PASS', 'T-FAIL', 'T-ERROR', 'T-SKIP', 'T-MANUAL', 'T-WAIVED']);
    expect(run.tool.driver.rules.map((r) => r.defaultConfiguration.level)).toEqual(['error', 'error', 'warning', 'note', 'warning', 'note']);
    expect(run.tool.driver.rules.map((r) => r.properties['security-severity'])).toEqual(['8.0', '9.5', '5.5', '3.0', '5.5', '1.0']);
    expect(run.results.map((r) => [r.ruleId, r.kind, r.level])).toEqual([
      ['T-FAIL', 'fail', 'error'],
      ['T-ERROR', 'review', undefined],
    ]);
    // A waived finding without its waiver is not a result: no suppression is invented.
    expect(run.results.every((r) => r.suppressions === undefined)).toBe(true);
    // The error is also a tool execution notification, and the execution was not fully successful.
    expect(run.invocations[0]?.executionSuccessful).toBe(false);
    expect(run.invocations[0]?.toolExecutionNotifications).toEqual([
      { level: 'error', message: { text: 'T-ERROR: probe disk-encryption failed: permission denied' }, associatedRule: { id: 'T-ERROR', index: 2 } },
    ]);
    expect(run.results[1]?.message.text).toMatch(/^ERROR: probe disk-encryption failed/);
    expect(run.invocations[0]?.endTimeUtc).toBe('2026-11-22T07:14:43.475Z');
  });

  it('keeps hostile strings intact in JSON and makes paths relative, encoded URIs', () => {
    const report = handBuilt();
    const log = parse(sarif.render(report, handOptions()));
    const run = log.runs[0]!;
    const fail = run.results[0]!;
    expect(fail.message.text.split('\n')[0]).toBe(`Not compliant: ${hostile.split('\n')[0]!}`);
    expect(fail.message.text).toContain('Uninstall it a < b && c > d "quoted"');
    expect(fail.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'policies/my%20policy%20(%C3%A9).yaml' },
      region: { startLine: 12 },
    });
    expect(run.automationDetails.id).toBe('charter/live/host%201%20(%C3%A9)/');
    // Rules without a known line point at line 1; rule details fill descriptions and help.
    expect(run.results[1]?.locations?.[0]?.physicalLocation?.region?.startLine).toBe(40);
    const rule = run.tool.driver.rules[1]!;
    expect(rule.fullDescription.text).toBe('A longer description.');
    expect(rule.helpUri).toBe('https://example.org/a%20b');
    expect(rule.help.markdown?.startsWith('**What to do:** Uninstall it a \\< b && c \\> d "quoted"')).toBe(true);
    expect(rule.help.markdown?.endsWith('\n\n**Sources**\n\n- [Source \\[1\\] \\*bold\\*](https://example.org/a%20b), A.1')).toBe(true);
    expect(rule.help.text.endsWith('\n\nSources:\n- Source [1] *bold*, A.1 (https://example.org/a b)')).toBe(true);
    expect(rule.name).toBe('TitleOfTFAILÉ');

    // Absolute policy paths cannot be made relative by a pure reporter: the file name stands in.
    for (const file of ['/home/agent/policies/charter.yaml', 'C:\\policies\\charter.yaml', './policies/charter.yaml']) {
      const uri = parse(sarif.render(report, handOptions(file))).runs[0]!.results[0]!.locations?.[0]?.physicalLocation?.artifactLocation?.uri;
      expect(uri).toBe(file.startsWith('./') ? 'policies/charter.yaml' : 'charter.yaml');
    }
    // No policy source at all: still a location (GitHub rejects results without one).
    const bare = parse(sarif.render(report, { ...handOptions(), policySource: undefined }));
    assertSchemaValid(bare);
    assertGitHubAccepts(bare);
    expect(bare.runs[0]!.results[0]!.locations?.[0]?.physicalLocation).toEqual({
      artifactLocation: { uri: 'test-policy.yaml' },
      region: { startLine: 1 },
    });
  });

  it('is checked by a validator that does reject what the schema forbids', () => {
    const log = parse(sarif.render(handBuilt(), handOptions())) as unknown as { runs: Array<{ results: Array<Record<string, unknown>> }> };
    log.runs[0]!.results[0]!.kind = 'failed';
    expect(validateSchema(log)).toBe(false);
    expect(JSON.stringify(validateSchema.errors)).toContain('must be equal to one of the allowed values');
  });
});

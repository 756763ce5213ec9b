import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { openHost } from './hosts/index.js';
import { loadPolicy } from './policy/load.js';
import { assertValidReport } from './testing/report-schema.js';

const root = new URL('..', import.meta.url).pathname;
const hostsDir = join(root, 'fixtures', 'hosts');
const hosts = existsSync(hostsDir) ? readdirSync(hostsDir).filter((n) => existsSync(join(hostsDir, n, 'host.json'))) : [];
const update = process.env.UPDATE_EXPECTED === '1';

/**
 * Scenario tests: the whole pipeline over every recorded host in fixtures/hosts/, compared with the
 * host's expected.json (rule id, status, message, evidence). UPDATE_EXPECTED=1 rewrites them.
 */
describe('recorded hosts', () => {
  it('has at least three recorded Linux hosts', () => {
    expect(hosts.length).toBeGreaterThanOrEqual(3);
  });

  it.each(hosts)('%s matches expected.json', async (name) => {
    const dir = join(hostsDir, name);
    const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    const host = await openHost(`replay:${dir}`, { cwd: root });
    const recordedAt = (JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as { recordedAt?: string }).recordedAt;
    const now = new Date(recordedAt ?? '2026-11-22T00:00:00.000Z');
    const { report } = await check({ policy, host, language: 'en', now: () => now, tool: { name: 'charter', version: '0.0.0-test' } });
    assertValidReport(report);
    expect(report.findings.map((f) => f.ruleId)).toEqual(policy.rules.map((r) => r.id));
    const actual = {
      summary: report.summary,
      findings: report.findings.map(({ ruleId, status, message, evidence }) => ({ ruleId, status, message, evidence })),
    };
    const expectedFile = join(dir, 'expected.json');
    if (update) writeFileSync(expectedFile, `${JSON.stringify(actual, null, 2)}\n`);
    expect(existsSync(expectedFile), `${expectedFile} is missing (run with UPDATE_EXPECTED=1 and review it)`).toBe(true);
    expect(actual).toEqual(JSON.parse(readFileSync(expectedFile, 'utf8')));
    for (const finding of report.findings) {
      if (finding.status === 'error' || finding.status === 'skip') expect(finding.message).not.toBe('');
    }
  });
});

import { existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { check } from './check.js';
import { openHost } from './hosts/index.js';
import { loadPolicy } from './policy/load.js';
import { probes } from './probes/index.js';
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

  it.each(hosts)('%s: every fact a probe gives is one it declares (and the README documents)', async (name) => {
    const dir = join(hostsDir, name);
    const host = await openHost(`replay:${dir}`, { cwd: root });
    const platform = await host.platform();
    const catalog = (await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'))).catalog;
    const undeclared: string[] = [];
    for (const probe of Object.values(probes)) {
      if (!probe.platforms.includes(platform)) continue;
      const outcome = await probe.collect(host, { platform, now: new Date(), catalog, capabilities: host.capabilities });
      if (outcome.status !== 'ok') continue;
      for (const key of Object.keys(outcome.facts)) if (!(key in probe.facts)) undeclared.push(`${probe.id}.${key}`);
    }
    await host.close();
    expect(undeclared).toEqual([]);
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
      findings: report.findings.map(({ ruleId, status, message, evidence, sentence }) => ({
        ruleId,
        status,
        message,
        evidence,
        ...(sentence === undefined ? {} : { sentence }),
      })),
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

describe('recorded hosts, later', () => {
  const checkAt = async (name: string, daysAfterRecording: number) => {
    const dir = join(hostsDir, name);
    const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    const host = await openHost(`replay:${dir}`, { cwd: root });
    const recordedAt = (JSON.parse(readFileSync(join(dir, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
    const now = new Date(new Date(recordedAt).getTime() + daysAfterRecording * 86_400_000);
    const { report, facts } = await check({ policy, host, language: 'en', now: () => now, tool: { name: 'charter', version: '0.0.0-test' } });
    const status = (id: string) => report.findings.find((f) => f.ruleId === id)?.status;
    return { status, facts };
  };

  it('debian12-exposed: its pending security updates fail UPD-03 once 30 days have passed', async () => {
    const fresh = await checkAt('debian12-exposed', 0);
    const updates = fresh.facts.updates;
    expect(updates?.status).toBe('ok');
    const facts =
      updates?.status === 'ok' ? (updates.facts as { pendingSecurityUpdates: number; pending: { package: string; security: boolean }[] }) : undefined;
    expect(facts?.pendingSecurityUpdates).toBeGreaterThan(0);
    expect(facts?.pending.filter((p) => p.security).map((p) => p.package)).toEqual(expect.arrayContaining(['libssl3', 'openssl']));
    expect(fresh.status('UPD-03')).toBe('pass');
    expect((await checkAt('debian12-exposed', 31)).status('UPD-03')).toBe('fail');
  });

  it('debian12-managed: the Puppet check-in goes stale after 7 days', async () => {
    expect((await checkAt('debian12-managed', 0)).status('MGT-02')).toBe('pass');
    expect((await checkAt('debian12-managed', 8)).status('MGT-02')).toBe('fail');
  });
});

/**
 * End to end over the two generated Windows replay fixtures: the real CLI entry (`charter check
 * --target replay:DIR --format json`), every charter rule that applies to Windows, and the same
 * rule ids as on Linux. The fixtures' commands.json must be exactly what
 * src/testing/windows-fixtures.ts generates by running the probes' PowerShell scripts under pwsh
 * with the stubs of src/testing/windows-stubs (a changed script, stub or catalog fails here;
 * UPDATE_WINDOWS_FIXTURES=1 rewrites them, then UPDATE_EXPECTED=1 on src/scenarios.test.ts).
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Finding, Report } from '../../model.js';
import { loadPolicy } from '../../policy/load.js';
import { run } from '../../cli/main.js';
import { openHost } from '../../hosts/index.js';
import { browsers } from '../../probes/browsers/index.js';
import { os } from '../../probes/os/index.js';
import { memoryIo } from '../../testing/memory-io.js';
import { assertValidReport } from '../../testing/report-schema.js';
import { generateWindowsFixture, recordedAt, windowsFixtureNames } from '../../testing/windows-fixtures.js';
import { findPwsh } from '../../testing/windows-stubs/stub-host.js';
import { ciNote } from '../../testing/ci-notes.js';

const root = new URL('../../..', import.meta.url).pathname;
const dirOf = (name: string): string => join(root, 'fixtures', 'hosts', name);
const update = process.env.UPDATE_WINDOWS_FIXTURES === '1';
const pwsh = findPwsh();
const required = process.env.CHARTER_REQUIRE_ROOTS === '1' || update;

const check = async (name: string): Promise<{ code: number; report: Report }> => {
  const io = memoryIo({ cwd: root, now: new Date(recordedAt) });
  const code = await run(['check', '--target', `replay:${dirOf(name)}`, '--format', 'json'], io);
  const report = JSON.parse(io.out()) as Report;
  return { code, report };
};

const finding = (report: Report, id: string): Finding => {
  const found = report.findings.find((f) => f.ruleId === id);
  if (!found) throw new Error(`no finding ${id}`);
  return found;
};

const statuses = (report: Report, ids: readonly string[]): Record<string, string> => Object.fromEntries(ids.map((id) => [id, finding(report, id).status]));

describe.skipIf(pwsh === undefined && !required)('generated Windows fixtures', () => {
  it.each(windowsFixtureNames)(
    "%s: commands.json and host.json are what the scripts print under PowerShell with the machine's stubs",
    async (name) => {
      expect(pwsh, 'pwsh not found on PATH or in ~/.dotnet/tools').toBeDefined();
      const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
      const files = await generateWindowsFixture(name, pwsh as string, policy.catalog);
      const dir = dirOf(name);
      for (const [file, text] of Object.entries(files)) {
        if (update) {
          mkdirSync(dir, { recursive: true });
          writeFileSync(join(dir, file), text);
        }
        expect(existsSync(join(dir, file)), `${name}/${file} missing: run with UPDATE_WINDOWS_FIXTURES=1`).toBe(true);
        expect(readFileSync(join(dir, file), 'utf8'), `${name}/${file} is stale: run with UPDATE_WINDOWS_FIXTURES=1`).toBe(text);
      }
      const commands = (JSON.parse(files['commands.json'] ?? '[]') as { argv: string[] }[]).length;
      ciNote(`Windows fixture ${name}: regenerated from ${String(commands)} commands run under pwsh with its stubs, identical to the committed one`);
    },
    900_000,
  );
});

describe('Windows fixtures as stored', () => {
  it('stores at least one command output as UTF-16LE with a BOM (as a host decodes it)', () => {
    const commands = JSON.parse(readFileSync(join(dirOf('windows11-noncompliant'), 'commands.json'), 'utf8')) as { stdout: string }[];
    expect(commands.some((c) => c.stdout.startsWith('\uFFFD\uFFFD{\0'))).toBe(true);
  });
});

describe('charter check on Windows replays', () => {
  it('windows11-compliant: every Windows rule passes, exit 0', async () => {
    const { code, report } = await check('windows11-compliant');
    assertValidReport(report);
    expect(report.target.platform).toBe('windows');
    expect(
      statuses(report, [
        'MSG-01',
        'MSG-02',
        'MSG-03',
        'DLP-01',
        'RMT-01',
        'ENC-01',
        'ENC-02',
        'MGT-01',
        'MGT-02',
        'UPD-02',
        'UPD-03',
        'UPD-04',
        'UPD-05',
        'LCK-01',
        'LCK-02',
        'LCK-03',
        'NET-01',
        'NET-02',
        'NET-03',
        'NET-04',
      ]),
    ).toEqual({
      'MSG-01': 'pass',
      'MSG-02': 'pass',
      'MSG-03': 'pass',
      'DLP-01': 'pass',
      'RMT-01': 'pass',
      'ENC-01': 'pass',
      'ENC-02': 'pass',
      'MGT-01': 'pass',
      'MGT-02': 'pass',
      'UPD-02': 'pass',
      'UPD-03': 'pass',
      'UPD-04': 'pass',
      'UPD-05': 'pass',
      'LCK-01': 'pass',
      'LCK-02': 'pass',
      'LCK-03': 'pass',
      'NET-01': 'pass',
      'NET-02': 'pass',
      'NET-03': 'pass',
      'NET-04': 'pass',
    });
    expect(JSON.stringify(finding(report, 'MSG-03').evidence)).toContain('true');
    expect(report.findings.filter((f) => f.status === 'fail' || f.status === 'error').map((f) => f.ruleId)).toEqual([]);
    expect(code).toBe(0);
  });

  it('windows11-noncompliant: messengers, Dropbox, no encryption, firewall off, no lock, stale updates, not enrolled, exposed database', async () => {
    const { code, report } = await check('windows11-noncompliant');
    assertValidReport(report);
    expect(code).toBe(1);
    expect(
      statuses(report, [
        'MSG-01',
        'MSG-03',
        'DLP-01',
        'ENC-01',
        'ENC-02',
        'MGT-01',
        'MGT-02',
        'UPD-02',
        'UPD-03',
        'UPD-04',
        'UPD-05',
        'LCK-01',
        'LCK-03',
        'NET-01',
        'NET-02',
        'NET-03',
        'NET-04',
      ]),
    ).toEqual({
      'MSG-01': 'fail',
      'MSG-03': 'fail',
      'DLP-01': 'fail',
      'ENC-01': 'fail',
      'ENC-02': 'skip',
      'MGT-01': 'fail',
      'MGT-02': 'skip',
      'UPD-02': 'fail',
      'UPD-03': 'fail',
      'UPD-04': 'fail',
      'UPD-05': 'fail',
      'LCK-01': 'fail',
      'LCK-03': 'fail',
      'NET-01': 'fail',
      'NET-02': 'fail',
      'NET-03': 'fail',
      'NET-04': 'fail',
    });
    const msg01 = JSON.stringify(finding(report, 'MSG-01').evidence);
    expect(msg01).toContain('AppX package 5319275A.WhatsAppDesktop_cv1g1gvanyjgm');
    expect(msg01).toContain('AppX package TelegramMessengerLLP.TelegramDesktop_t4vj0pshhgkwm');
    expect(msg01).toContain('process WhatsApp.exe');
    expect(msg01).toContain('Firefox profile vto0jbur.charter-fixture (user bob): notifications allowed for https://web.whatsapp.com');
    expect(JSON.stringify(finding(report, 'DLP-01').evidence)).toContain('uninstall entry \\"Dropbox\\"');
    expect(JSON.stringify(finding(report, 'NET-02').evidence)).toContain('postgresql');
    // UPD-03 decided by the offline search of the local Windows Update data (two security updates pending).
    expect(finding(report, 'UPD-03').evidence).toContainEqual(expect.objectContaining({ fact: 'updates.pendingSecurityUpdates', actual: 2 }));
  });

  it('gives UPD-01 the facts the lifecycle table needs (os.distribution, os.build, os.edition)', async () => {
    const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    const facts = async (name: string) => {
      const host = await openHost(`replay:${dirOf(name)}`, { cwd: root });
      const outcome = await os.collect(host, { platform: 'windows', now: new Date(recordedAt), catalog: policy.catalog, capabilities: host.capabilities });
      return outcome.status === 'ok' ? outcome.facts : outcome;
    };
    expect(await facts('windows11-compliant')).toMatchObject({
      family: 'windows',
      distribution: 'windows',
      distributionName: 'Windows 11 Enterprise 24H2',
      version: '10.0.26100',
      build: '26100',
      versionMajor: 11,
      displayVersion: '24H2',
      edition: 'Enterprise',
    });
    expect(await facts('windows11-noncompliant')).toMatchObject({
      distributionName: 'Windows 11 Pro 22H2',
      build: '22621',
      versionMajor: 11,
      edition: 'Professional',
    });
    // and UPD-01 uses them through lifecycle.supported: 24H2 Enterprise is in support, 22H2 Pro is not.
    expect(finding((await check('windows11-compliant')).report, 'UPD-01').status).toBe('pass');
    expect(finding((await check('windows11-noncompliant')).report, 'UPD-01').status).toBe('fail');
  });

  it('reads Firefox on both machines in the browsers PowerShell run: a profile on each, no gap', async () => {
    const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    const collect = async (name: string) => {
      const host = await openHost(`replay:${dirOf(name)}`, { cwd: root });
      const outcome = await browsers.collect(host, {
        platform: 'windows',
        now: new Date(recordedAt),
        catalog: policy.catalog,
        capabilities: host.capabilities,
      });
      return { status: outcome.status, facts: 'facts' in outcome ? outcome.facts : null };
    };
    const compliant = await collect('windows11-compliant');
    expect(compliant.status).toBe('ok');
    expect(JSON.stringify(compliant.facts)).toContain('"browser":"firefox","user":"alice","profile":"vto0jbur.charter-fixture"');
    const noncompliant = await collect('windows11-noncompliant');
    expect(noncompliant.status).toBe('ok');
    expect(noncompliant.facts?.permissions).toContainEqual(
      expect.objectContaining({ browser: 'firefox', user: 'bob', origin: 'https://web.whatsapp.com', permission: 'notifications', setting: 'allow' }),
    );
  });

  it('reports the same rule ids, in the same order, as on Linux', async () => {
    const windows = (await check('windows11-compliant')).report;
    const linux = (await check('debian12-clean')).report;
    expect(windows.findings.map((f) => f.ruleId)).toEqual(linux.findings.map((f) => f.ruleId));
  });
});

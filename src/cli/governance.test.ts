import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Ajv } from 'ajv';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../model.js';
import { assertValidReport } from '../testing/report-schema.js';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

const root = resolve('.');
const exposed = 'replay:fixtures/hosts/debian12-exposed';
const messenger = 'replay:fixtures/hosts/debian12-messenger';
const waivers = 'examples/organisation/waivers.yaml';
const attestations = 'examples/organisation/attestations.yaml';
const organisation = 'examples/organisation/policy.yaml';

const sarifSchema = JSON.parse(await readFile(join(root, 'schemas', 'vendor', 'sarif-schema-2.1.0.json'), 'utf8')) as object;
const validateSarif = new Ajv({ strict: true, strictRequired: false, validateFormats: false, allErrors: true }).compile(sarifSchema);

let out: string;
beforeAll(async () => {
  out = await mkdtemp(join(tmpdir(), 'charter-governance-cli-'));
});
afterAll(async () => {
  await rm(out, { recursive: true, force: true });
});

const charter = async (args: string[]) => {
  const io = memoryIo({ cwd: root });
  const code = await run(args, io);
  return { code, out: io.out(), err: io.err() };
};

const byId = (report: Report, id: string): Finding => {
  const finding = report.findings.find((f) => f.ruleId === id);
  if (finding === undefined) throw new Error(`no finding for ${id}`);
  return finding;
};

describe('check --waivers --attestations', () => {
  let report: Report;
  let junit: string;
  let sarif: { runs: { results: { ruleId: string; kind: string; level?: string; suppressions?: { kind: string; justification: string }[] }[] }[] };
  let text: string;
  let code: number;

  beforeAll(async () => {
    const formats = ['json', 'junit', 'sarif', 'text'];
    const result = await charter([
      'check',
      '--target',
      exposed,
      '--waivers',
      waivers,
      '--attestations',
      attestations,
      ...formats.flatMap((f) => ['--format', f, '--output', join(out, `report.${f}`)]),
    ]);
    code = result.code;
    report = JSON.parse(await readFile(join(out, 'report.json'), 'utf8')) as Report;
    junit = await readFile(join(out, 'report.junit'), 'utf8');
    sarif = JSON.parse(await readFile(join(out, 'report.sarif'), 'utf8')) as typeof sarif;
    text = await readFile(join(out, 'report.text'), 'utf8');
  });

  it('waives a failure under a valid waiver, with its reason, approver and expiry', () => {
    expect(code).toBe(1); // other rules still fail
    assertValidReport(report);
    const encryption = byId(report, 'ENC-01');
    expect(encryption.status).toBe('waived');
    expect(encryption.message).toBe(
      'Waived by Jeanne Muller, RSSI until 2027-03-31: Test bench without user data; reinstalled from the reference image every night. Finding: Not compliant: disk-encryption.systemVolumeEncrypted: false is not true.',
    );
    expect(encryption.waiver).toEqual({
      reason: 'Test bench without user data; reinstalled from the reference image every night.',
      approver: 'Jeanne Muller, RSSI',
      granted: '2026-10-01',
      expires: '2027-03-31',
      ticket: 'SI-2026-101',
      state: 'active',
      source: `${waivers}:7`,
    });
    expect(report.summary.waived).toBe(1);
  });

  it('ignores expired and future waivers and says why', () => {
    expect(byId(report, 'LCK-01')).toMatchObject({ status: 'fail', waiver: { state: 'expired' } });
    expect(byId(report, 'LCK-01').message).toMatch(/\(waiver by Paul Weber, head of facilities ignored: expired on 2026-06-30\)$/);
    expect(byId(report, 'NET-01')).toMatchObject({ status: 'fail', waiver: { state: 'not-yet-valid' } });
    expect(byId(report, 'NET-01').message).toMatch(/ignored: valid only from 2027-01-01\)$/);
    // Out of scope: the waiver for build-* hosts is neither applied nor listed.
    expect(byId(report, 'ACC-01')).toMatchObject({ status: 'fail' });
    expect(byId(report, 'ACC-01').waiver).toBeUndefined();
    expect(report.governance?.waivers.map((w) => [w.rule, w.state, w.applied])).toEqual([
      ['ENC-01', 'active', true],
      ['LCK-01', 'expired', false],
      ['NET-01', 'not-yet-valid', false],
    ]);
  });

  it('passes an attested manual rule and keeps an expired attestation manual', () => {
    expect(byId(report, 'CND-01')).toMatchObject({
      status: 'pass',
      attestation: { by: 'Jeanne Muller, RSSI', state: 'active', source: `${attestations}:6` },
    });
    expect(byId(report, 'CND-01').evidence[0]?.actual).toMatch(/^Attested by Jeanne Muller, RSSI on 2026-09-15, valid until 2027-09-14: Every agent/);
    expect(byId(report, 'CND-02')).toMatchObject({
      status: 'manual',
      message: 'Check by hand: the attestation by Marc Schmit, DPO expired on 2026-05-31.',
      attestation: { state: 'expired' },
    });
    expect(byId(report, 'CND-03')).toMatchObject({ status: 'manual' });
    expect(byId(report, 'CND-03').attestation).toBeUndefined();
  });

  it('shows the same in JUnit', () => {
    const testcase = (id: string): string => new RegExp(`<testcase name="${id} [^>]*?/>|<testcase name="${id} [^]*?</testcase>`).exec(junit)?.[0] ?? '';
    expect(testcase('ENC-01')).toMatch(/<skipped message="WAIVED: Waived by Jeanne Muller, RSSI until 2027-03-31: /);
    expect(testcase('ENC-01')).toContain(`${waivers}:7`);
    expect(testcase('LCK-01')).toMatch(/<failure message="[^"]*ignored: expired on 2026-06-30\)"/);
    expect(testcase('NET-01')).toMatch(/<failure message="[^"]*valid only from 2027-01-01\)"/);
    expect(testcase('CND-01')).not.toContain('<skipped');
    expect(testcase('CND-02')).toMatch(/<skipped message="MANUAL: Check by hand: the attestation by Marc Schmit, DPO expired on 2026-05-31\."/);
  });

  it('shows the same in SARIF: the waived result is suppressed, with its justification', () => {
    expect(validateSarif(sarif), JSON.stringify(validateSarif.errors)).toBe(true);
    const results = sarif.runs[0]?.results ?? [];
    const encryption = results.find((r) => r.ruleId === 'ENC-01');
    expect(encryption).toMatchObject({ kind: 'fail', level: 'error', suppressions: [{ kind: 'external' }] });
    expect(encryption?.suppressions?.[0]?.justification).toBe(
      `Test bench without user data; reinstalled from the reference image every night. (approved by Jeanne Muller, RSSI, 2026-10-01 to 2027-03-31, SI-2026-101; ${waivers}:7)`,
    );
    const lock = results.find((r) => r.ruleId === 'LCK-01');
    expect(lock?.suppressions).toBeUndefined();
    expect(results.some((r) => r.ruleId === 'CND-01')).toBe(false);
  });

  it('shows the same in text', () => {
    expect(text).toMatch(/~ WAIVED +ENC-01 .*\n +Waived by Jeanne Muller, RSSI until 2027-03-31: /);
    expect(text).toContain(`${waivers}:7`);
    expect(text).toMatch(/✗ FAIL +LCK-01 .*\n +.*ignored: expired on 2026-06-30\)/);
    expect(text).toMatch(/✓ PASS +CND-01 .*\n +Attested by Jeanne Muller, RSSI on 2026-09-15/);
  });
});

describe('bad waiver and attestation files stop the run', () => {
  it('exits 2 naming file:line:col and writes nothing', async () => {
    const dir = await mkdtemp(join(out, 'bad-'));
    const file = join(dir, 'waivers.yaml');
    await writeFile(
      file,
      'waivers:\n  - rule: ENC-99\n    hosts: all\n    reason: none given\n    approver: nobody\n    granted: 2026-01-01\n    expires: 2026-12-31\n',
    );
    const result = await charter(['check', '--target', exposed, '--waivers', file, '--format', 'json', '--output', join(dir, 'report.json')]);
    expect(result.code).toBe(2);
    expect(result.err).toContain(`${file}:2:11: unknown rule 'ENC-99': the policy lu-state-charter has no such rule`);
    expect(await readdir(dir)).toEqual(['waivers.yaml']);
  });
});

describe('an organisation policy', () => {
  let report: Report;
  let sarif: {
    runs: { results: { ruleId: string; locations: { physicalLocation: { artifactLocation: { uri: string }; region: { startLine: number } } }[] }[] }[];
  };

  beforeAll(async () => {
    const result = await charter([
      'check',
      '--policy',
      organisation,
      '--target',
      messenger,
      '--format',
      'json',
      '--output',
      join(out, 'org.json'),
      '--format',
      'sarif',
      '--output',
      join(out, 'org.sarif'),
    ]);
    expect(result.err).toMatch(/wrote/);
    report = JSON.parse(await readFile(join(out, 'org.json'), 'utf8')) as Report;
    sarif = JSON.parse(await readFile(join(out, 'org.sarif'), 'utf8')) as typeof sarif;
  });

  it('approves one more messenger: Telegram no longer fails MSG-01 on the recorded messenger machine', async () => {
    assertValidReport(report);
    expect(report.policy).toMatchObject({ id: 'ministere-exemple', extends: [{ id: 'lu-state-charter' }] });
    expect(byId(report, 'MSG-01').status).toBe('pass');
    const shipped = await charter(['check', '--target', messenger, '--format', 'json']);
    expect(byId(JSON.parse(shipped.out) as Report, 'MSG-01')).toMatchObject({ status: 'fail', message: expect.stringContaining('telegram') as string });
  });

  it('disables a rule with its reason and overrides a severity', () => {
    expect(byId(report, 'NET-04')).toMatchObject({
      status: 'skip',
      message: expect.stringMatching(/^disabled by ministere-exemple: Remote support runs through/) as string,
    });
    expect(byId(report, 'LCK-01').severity).toBe('critical');
    expect(byId(report, 'MIN-01')).toBeDefined();
  });

  it('points each SARIF result at the file that defines its rule', () => {
    const results = sarif.runs[0]?.results ?? [];
    const uri = (id: string): string | undefined => results.find((r) => r.ruleId === id)?.locations[0]?.physicalLocation.artifactLocation.uri;
    expect(uri('MSG-01') ?? uri('ENC-01')).toBe('policies/lu-state-charter.yaml');
  });
});

describe('--policy-sha256', () => {
  it('runs the policy whose hash it names and refuses any other', async () => {
    const first = await charter(['check', '--policy', organisation, '--target', exposed, '--format', 'json']);
    const { sha256 } = (JSON.parse(first.out) as Report).policy;
    const same = await charter(['check', '--policy', organisation, '--target', exposed, '--format', 'json', '--policy-sha256', sha256.toUpperCase()]);
    expect(same.code).toBe(first.code);
    const other = await charter(['check', '--target', exposed, '--policy-sha256', sha256]);
    expect(other.code).toBe(2);
    expect(other.out).toBe('');
    expect(other.err).toMatch(
      /^charter: the policy lu-state-charter \S+ has sha256 [0-9a-f]{64}, not the expected [0-9a-f]{64}: refusing to run a policy whose content differs\n$/,
    );
    const malformed = await charter(['check', '--target', exposed, '--policy-sha256', 'abc']);
    expect(malformed.code).toBe(2);
    expect(malformed.err).toContain(
      "--policy-sha256 expects the policy's sha256, 64 hexadecimal digits or a prefix of at least 12 (as reports show it), got 'abc'",
    );
  });

  it('takes the 12-digit prefix the text report shows, and refuses a prefix of another policy', async () => {
    const text = await charter(['check', '--policy', organisation, '--target', exposed, '--no-color']);
    const shown = /sha256 ([0-9a-f]{12})\)/.exec(text.out)?.[1] ?? '';
    expect(shown).toMatch(/^[0-9a-f]{12}$/);
    const pinned = await charter(['check', '--policy', organisation, '--target', exposed, '--format', 'json', '--policy-sha256', shown]);
    expect(pinned.code).toBe(text.code);
    expect((JSON.parse(pinned.out) as Report).policy.sha256.startsWith(shown)).toBe(true);
    const other = await charter(['check', '--target', exposed, '--policy-sha256', shown]);
    expect(other.code).toBe(2);
    expect(other.err).toContain(`not the expected prefix ${shown}`);
    const short = await charter(['check', '--target', exposed, '--policy-sha256', shown.slice(0, 11)]);
    expect(short.code).toBe(2);
  });
});

import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { Report } from '../model.js';
import { memoryIo } from '../testing/memory-io.js';
import { assertValidReport } from '../testing/report-schema.js';
import { run } from './main.js';

const root = new URL('../..', import.meta.url).pathname;
const fixture = (name: string): string => `replay:${join(root, 'fixtures', 'hosts', name)}`;
const esc = String.fromCharCode(27);

const check = async (args: string[], options: Parameters<typeof memoryIo>[0] = {}) => {
  const io = memoryIo({ cwd: root, ...options });
  const code = await run(['check', ...args], io);
  return { code, out: io.out(), err: io.err() };
};

describe('charter check', () => {
  it('prints a JSON report that follows the schema, one finding per rule, exit 1 on a failure', async () => {
    const { code, out } = await check(['--target', fixture('debian12-messenger'), '--format', 'json']);
    expect(code).toBe(1);
    const report = JSON.parse(out) as Report;
    assertValidReport(report);
    expect(report.target).toEqual({ kind: 'replay', name: 'local', platform: 'linux', class: 'live' });
    const msg01 = report.findings.find((f) => f.ruleId === 'MSG-01');
    expect(msg01?.status).toBe('fail');
    expect(JSON.stringify(msg01?.evidence)).toContain('dpkg package telegram-desktop');
    expect(msg01?.remediation).toMatch(/LuxChat4Gov/);
    expect(new Set(report.findings.map((f) => f.ruleId)).size).toBe(report.findings.length);
  });

  it('carries the plain sentence and every condition with its outcome in JSON, whatever --verbose says', async () => {
    const { out } = await check(['--target', fixture('debian12-messenger'), '--format', 'json']);
    const report = JSON.parse(out) as Report;
    assertValidReport(report);
    const enc = report.findings.find((f) => f.ruleId === 'ENC-01');
    expect(enc?.sentence).toBe('The system disk is not encrypted.');
    expect(enc?.evidence.map((e) => e.outcome)).toEqual(['fails', 'holds']);
    expect(report.findings.filter((f) => f.status === 'pass').every((f) => f.sentence === undefined)).toBe(true);
  });

  it('writes a self-contained HTML page with --format html --output, or from the .html extension alone', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charter-html-'));
    try {
      for (const args of [
        ['--format', 'html', '--output', join(dir, 'a.html')],
        ['--output', join(dir, 'b.html')],
      ]) {
        const { code, err } = await check(['--target', fixture('debian12-messenger'), ...args]);
        expect(code).toBe(1);
        expect(err).toContain('.html (');
      }
      for (const name of ['a.html', 'b.html']) {
        const page = readFileSync(join(dir, name), 'utf8');
        expect(page).toMatch(/^<!doctype html>\n<html lang="en">/);
        expect(page).toContain(`content="default-src 'none'; style-src 'unsafe-inline'"`);
        expect(page).toContain('<p class="sentence">Telegram is installed (package telegram-desktop).</p>');
        expect(page).not.toMatch(/<script|<link|src=/);
        expect(page).not.toContain('table class="evidence"');
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('judges the target as --target-class says, and refuses any other value in one line, exit 2', async () => {
    const { out } = await check(['--target', fixture('debian12-clean'), '--target-class', 'container-image', '--format', 'json']);
    const report = JSON.parse(out) as Report;
    assertValidReport(report);
    expect(report.target.class).toBe('container-image');
    expect(report.findings.find((f) => f.ruleId === 'ENC-01')).toMatchObject({
      status: 'skip',
      message: 'not applicable to a container image (class container-image)',
    });
    expect(report.findings.find((f) => f.ruleId === 'MSG-01')?.status).toBe('pass');
    const bad = await check(['--target', fixture('debian12-clean'), '--target-class', 'image']);
    expect(bad).toMatchObject({
      code: 2,
      out: '',
      err: "charter: --target-class expects one of live, os-image, container-image, got 'image' (did you mean os-image?)\n",
    });
  });

  it('exits 0 when nothing at or above --fail-on fails, and 1 when something does', async () => {
    const policy = join(root, 'policies', `.test-msg-only-${String(process.pid)}.yaml`);
    const charter = readFileSync(join(root, 'policies', 'lu-state-charter.yaml'), 'utf8');
    const cut = charter.indexOf('  - id: MSG-02');
    writeFileSync(policy, charter.slice(0, cut));
    try {
      expect((await check(['--policy', policy, '--target', fixture('debian12-clean')])).code).toBe(0);
      expect((await check(['--policy', policy, '--target', fixture('debian12-messenger')])).code).toBe(1);
      expect((await check(['--policy', policy, '--target', fixture('debian12-messenger'), '--fail-on', 'critical'])).code).toBe(0);
    } finally {
      rmSync(policy, { force: true });
    }
  });

  it('shows each failure as a plain sentence and what to do, ends with a to-do list and a verdict; raw evidence only with --verbose', async () => {
    const { out } = await check(['--target', fixture('debian12-messenger')]);
    expect(out).toMatch(
      /FAIL\s+MSG-01 {2}No consumer instant messengers \[high\]\n\s+Telegram is installed \(package telegram-desktop\)\.\n\s+what to do: Uninstall the messenger/,
    );
    expect(out).not.toContain('observed:');
    expect(out).not.toContain('software.apps');
    expect(out).toMatch(
      /\nTo do, most serious first:\n {2,3}1\. Have the device encrypted through the central management, with swap on the encrypted volume, and the recovery key held by the administration\. \(ENC-01, critical\)\n/,
    );
    expect(out).toMatch(/\n\nThis machine does not meet the charter at `--fail-on low`: \d+ failures and \d+ undecided points? at or above “low”\.\n$/);
    const critical = (await check(['--target', fixture('debian12-messenger'), '--fail-on', 'critical'])).out;
    expect(critical).toMatch(/does not meet the charter at `--fail-on critical`: 2 failures and 0 undecided points at or above “critical”\.\n$/);
  });

  it('shows observed, expected and remediation for each failure with --verbose, grouped by theme', async () => {
    const { out } = await check(['--target', fixture('debian12-messenger'), '--verbose']);
    expect(out).toContain('Messaging and social networks');
    expect(out).toMatch(/FAIL\s+MSG-01/);
    expect(out).toContain('observed: software.apps');
    expect(out).toContain('expected: none where categories contains "messenger"');
    expect(out).toContain('what to do: Uninstall the messenger');
    expect(out).not.toContain(esc);
  });

  it('speaks French with --lang fr and from LANG', async () => {
    const flag = await check(['--target', fixture('debian12-messenger'), '--lang', 'fr']);
    expect(flag.out).toContain('Aucune messagerie instantanée grand public');
    expect(flag.out).toContain('que faire');
    const env = await check(['--target', fixture('debian12-messenger')], { env: { LANG: 'fr_LU.UTF-8' } });
    expect(env.out).toContain('Chiffrement des postes');
  });

  it('colours only a terminal, and honours NO_COLOR, FORCE_COLOR, --no-color and --color', async () => {
    const target = ['--target', fixture('debian12-clean')];
    expect((await check(target, { tty: true })).out).toContain(esc);
    expect((await check(target, { tty: true, env: { NO_COLOR: '1' } })).out).not.toContain(esc);
    expect((await check([...target, '--no-color'], { tty: true })).out).not.toContain(esc);
    expect((await check(target, { tty: false, env: { FORCE_COLOR: '1' } })).out).toContain(esc);
    expect((await check(target, { tty: true, env: { FORCE_COLOR: '0' } })).out).not.toContain(esc);
    expect((await check([...target, '--color'], { tty: false })).out).toContain(esc);
    // A flag given for this run overrides the environment, both ways.
    expect((await check([...target, '--color'], { tty: false, env: { FORCE_COLOR: '0' } })).out).toContain(esc);
    expect((await check([...target, '--color'], { tty: false, env: { NO_COLOR: '1' } })).out).toContain(esc);
    expect((await check([...target, '--no-color'], { tty: true, env: { FORCE_COLOR: '3' } })).out).not.toContain(esc);
    // FORCE_COLOR with a supported value wins over NO_COLOR (Node.js cli.md); any other value is off.
    expect((await check(target, { tty: false, env: { FORCE_COLOR: '1', NO_COLOR: '1' } })).out).toContain(esc);
    expect((await check(target, { tty: true, env: { FORCE_COLOR: 'no' } })).out).not.toContain(esc);
    expect((await check(target, { tty: true, env: { TERM: 'dumb' } })).out).not.toContain(esc);
  });

  it('writes --output whole, leaves no temporary file, and writes nothing when the run fails', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'charter-out-'));
    const file = join(dir, 'report.json');
    const ok = await check(['--target', fixture('debian12-clean'), '--format', 'json', '--output', file]);
    expect(ok.code).toBe(1);
    assertValidReport(JSON.parse(readFileSync(file, 'utf8')));
    expect(readdirSync(dir)).toEqual(['report.json']);
    expect(ok.err).toMatch(/wrote .*report\.json/);
    const missing = join(dir, 'no-such-dir', 'report.json');
    const bad = await check(['--target', fixture('debian12-clean'), '--output', missing]);
    expect(bad.code).toBe(2);
    expect(existsSync(missing)).toBe(false);
    const badTarget = await check(['--target', 'replay:/nonexistent', '--output', join(dir, 'x.json')]);
    expect(badTarget.code).toBe(2);
    expect(badTarget.err).toMatch(/nonexistent/);
    expect(readdirSync(dir)).toEqual(['report.json']);
  });

  it('refuses bad usage with exit 2', async () => {
    expect((await check(['--format', 'pdf'])).code).toBe(2);
    expect((await check(['--fail-on', 'severe'])).code).toBe(2);
    expect((await check(['--target', 'nowhere:x'])).code).toBe(2);
    expect((await check(['--probe-timeout', '-5'])).code).toBe(2);
  });

  it('lists the rules', async () => {
    const io = memoryIo({ cwd: root });
    expect(await run(['rules'], io)).toBe(0);
    expect(io.out()).toMatch(/^MSG-01\s+high\s+No consumer instant messengers$/m);
    expect(io.out()).toMatch(/^CND-01\s+high\s+.*\(manual\)$/m);
  });

  it('prints the version', async () => {
    const io = memoryIo({ cwd: root });
    expect(await run(['--version'], io)).toBe(0);
    expect(io.out()).toMatch(/^\d+\.\d+\.\d+\n$/);
  });
});

/**
 * On the live machine: creating a messenger's per-user data directory turns MSG-01 to fail with
 * evidence naming the directory. Runs when this user's home is one charter inspects (root or a
 * regular user) and the directory does not exist yet; it is removed afterwards.
 */
describe('charter check on this machine', () => {
  const dataDir = join(homedir(), '.local', 'share', 'TelegramDesktop');
  const usable = !existsSync(dataDir) && process.platform === 'linux';
  it.runIf(usable)('fails MSG-01 once a Telegram data directory appears, and passes it again when it is gone', async () => {
    const before = JSON.parse((await check(['--format', 'json'])).out) as Report;
    assertValidReport(before);
    const msgBefore = before.findings.find((f) => f.ruleId === 'MSG-01');
    expect(JSON.stringify(msgBefore?.evidence)).not.toContain(dataDir);
    mkdirSync(join(dataDir, 'tdata'), { recursive: true });
    try {
      const after = JSON.parse((await check(['--format', 'json'])).out) as Report;
      const msg01 = after.findings.find((f) => f.ruleId === 'MSG-01');
      expect(msg01?.status).toBe('fail');
      expect(JSON.stringify(msg01?.evidence)).toContain(dataDir);
      expect(after.findings.map((f) => f.ruleId)).toEqual(before.findings.map((f) => f.ruleId));
    } finally {
      rmSync(dataDir, { recursive: true, force: true });
    }
  });
});

describe('charter check --format json: the machine', () => {
  const dir = mkdtempSync(join(tmpdir(), 'charter-check-host-'));
  const file = join(dir, 'pc-0417.json');
  afterAll(() => {
    rmSync(dir, { recursive: true, force: true });
  });
  writeFileSync(
    file,
    JSON.stringify({
      snapshotVersion: 1,
      tool: { name: 'charter', version: '0.0.0-test' },
      collectedAt: '2026-10-01T06:00:00.000Z',
      platform: 'linux',
      target: { kind: 'local', name: 'local', class: 'live' },
      capabilities: { read: true, exec: true, live: true },
      host: { name: 'PC-0417', machineId: '5c3e1f0a9b8d4c7e8f6a5b4c3d2e1f0a', redacted: false },
      catalog: { file: 'catalog/apps.yaml', sha256: '0'.repeat(64), apps: 0 },
      facts: { os: { status: 'ok', facts: { family: 'linux', distributionName: 'Debian GNU/Linux 12 (bookworm)', version: '12' } } },
    }),
  );

  it('carries its host name, OS and collection date', async () => {
    const { out } = await check(['--target', `snapshot:${file}`, '--format', 'json']);
    const report = JSON.parse(out) as Report;
    assertValidReport(report);
    expect(report.host).toEqual({
      name: 'PC-0417',
      machineId: '5c3e1f0a9b8d4c7e8f6a5b4c3d2e1f0a',
      redacted: false,
      os: 'Debian GNU/Linux 12 (bookworm)',
      osVersion: '12',
      collectedAt: '2026-10-01T06:00:00.000Z',
    });
  });

  it('carries its pseudonyms instead with --redact, the same on every run', async () => {
    const first = JSON.parse((await check(['--target', `snapshot:${file}`, '--format', 'json', '--redact'])).out) as Report;
    const second = JSON.parse((await check(['--target', `snapshot:${file}`, '--format', 'json', '--redact'])).out) as Report;
    assertValidReport(first);
    expect(first.host).toMatchObject({ redacted: true, os: 'Debian GNU/Linux 12 (bookworm)', collectedAt: '2026-10-01T06:00:00.000Z' });
    expect(first.host?.name).toMatch(/^host-[0-9a-f]{12}$/);
    expect(second.host).toEqual(first.host);
    expect(JSON.stringify(first.host)).not.toMatch(/PC-0417|5c3e1f0a9b8d4c7e8f6a5b4c3d2e1f0a/i);
  });
});

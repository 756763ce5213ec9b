import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Ajv2020 } from 'ajv/dist/2020.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { check } from '../check.js';
import { TargetError } from '../errors.js';
import { collectSnapshot } from '../fleet/snapshot-collect.js';
import { formatSnapshot } from './snapshot-format.js';
import type { Snapshot } from './snapshot-format.js';
import type { Policy } from '../policy/policy.js';
import { loadPolicy } from '../policy/load.js';
import { openHost } from './index.js';

const root = new URL('../..', import.meta.url).pathname;
const fixture = join(root, 'fixtures', 'hosts', 'debian12-messenger');
const recordedAt = (JSON.parse(readFileSync(join(fixture, 'host.json'), 'utf8')) as { recordedAt: string }).recordedAt;
const schema = JSON.parse(readFileSync(join(root, 'schemas', 'snapshot.schema.json'), 'utf8')) as object;
const tool = { name: 'charter', version: '0.0.0-test' };

let dir: string;
let policy: Policy;
let snapshot: Snapshot;
let file: string;

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'charter-snapshot-'));
  policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  const host = await openHost(`replay:${fixture}`, { cwd: root });
  snapshot = await collectSnapshot(host, {
    catalog: { catalog: policy.catalog, file: 'policies/catalog/apps.yaml', sha256: 'a'.repeat(64) },
    now: new Date(recordedAt),
    tool,
    target: `replay:${fixture}`,
    timeoutMs: 30_000,
    redact: false,
  });
  file = join(dir, 'messenger.json');
  writeFileSync(file, formatSnapshot(snapshot));
});

afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

const write = (name: string, text: string): string => {
  const path = join(dir, name);
  writeFileSync(path, text);
  return path;
};

const openError = async (path: string): Promise<TargetError> => {
  const error: unknown = await openHost(`snapshot:${path}`, { cwd: root }).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetError);
  return error as TargetError;
};

describe('snapshot host', () => {
  it('is written by collect in a form the strict schema accepts, with every probe', async () => {
    const validate = new Ajv2020({ strict: true, allErrors: true }).compile(schema);
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    expect(validate(parsed), JSON.stringify(validate.errors)).toBe(true);
    const { probes } = await import('../probes/index.js');
    expect(Object.keys(snapshot.facts).sort()).toEqual(Object.keys(probes).sort());
    expect(snapshot.host).toEqual({ name: 'host1', machineId: null, redacted: false });
    expect(snapshot.collectedAt).toBe(recordedAt);
  });

  it('gives the same findings as the replay it was collected from, judged as of collection time', async () => {
    const later = new Date(Date.parse(recordedAt) + 400 * 86_400_000);
    const replay = await check({ policy, host: await openHost(`replay:${fixture}`, { cwd: root }), language: 'en', now: () => new Date(recordedAt), tool });
    // The snapshot is checked a year later: its rules are still judged as of its collection.
    const host = await openHost(`snapshot:${file}`, { cwd: root });
    const fromSnapshot = await check({ policy, host, language: 'en', now: () => later, tool });
    expect(fromSnapshot.report.findings).toEqual(replay.report.findings);
    expect(fromSnapshot.report.target).toEqual({ kind: 'snapshot', name: 'host1', platform: 'linux', class: 'live' });
    expect(host.capabilities).toEqual(snapshot.capabilities);
  });

  it('answers no file and runs nothing', async () => {
    const host = await openHost(`snapshot:${file}`, { cwd: root });
    expect(await host.readFile('/etc/os-release')).toBeUndefined();
    expect(await host.readDir('/')).toBeUndefined();
    expect(await host.stat('/')).toBeUndefined();
    expect(await host.readLink('/bin')).toBeUndefined();
    expect((await host.run('id', [])).exitCode).toBe(127);
  });

  it('opens a relative path against the working directory', async () => {
    const host = await openHost('snapshot:messenger.json', { cwd: dir });
    expect(host.name).toBe('host1');
  });

  it('refuses truncated, foreign, future, lying and non-JSON files with a clear message naming the file', async () => {
    const text = readFileSync(file, 'utf8');
    const truncated = write('truncated.json', text.slice(0, text.length / 2));
    expect((await openError(truncated)).message).toMatch(/truncated\.json: not a charter snapshot: invalid JSON .*truncated/);

    const notJson = write('not-json.json', 'hello\n');
    expect((await openError(notJson)).message).toContain('not-json.json: not a charter snapshot: invalid JSON');
    expect((await openError(write('empty.json', ''))).message).toContain('empty file');

    const future = write('future.json', text.replace('"snapshotVersion":2', '"snapshotVersion":7'));
    expect((await openError(future)).message).toBe(`${future}: written by a newer charter (snapshotVersion 7); this charter reads version 2`);

    const report = write('report.json', JSON.stringify({ schemaVersion: 1, findings: [] }));
    expect((await openError(report)).message).toContain('no "snapshotVersion" (not written by `charter collect`?)');

    const old = write('old.json', text.replace('"snapshotVersion":2', '"snapshotVersion":0'));
    expect((await openError(old)).message).toContain('"snapshotVersion" must be a positive whole number');

    const lying = JSON.parse(text) as { facts: Record<string, unknown> };
    lying.facts.os = 'ok';
    const outcome = write('lying-outcome.json', JSON.stringify(lying));
    const outcomeError = (await openError(outcome)).message;
    expect(outcomeError).toContain('lying-outcome.json: not a valid charter snapshot');
    expect(outcomeError).toContain('facts.os: a probe outcome must be');

    const notObject = write('facts-array.json', JSON.stringify({ ...lying, facts: [] }));
    expect((await openError(notObject)).message).toContain('facts: must be object');

    const badFacts = JSON.parse(text) as { facts: Record<string, unknown> };
    badFacts.facts.firewall = { status: 'ok', facts: 'enabled' };
    expect((await openError(write('bad-facts.json', JSON.stringify(badFacts)))).message).toContain('facts.firewall: a probe outcome must be');

    const wrongTypes = JSON.parse(text) as Record<string, unknown>;
    wrongTypes.collectedAt = 12;
    wrongTypes.platform = 'beos';
    const many = (await openError(write('wrong-types.json', JSON.stringify(wrongTypes)))).message;
    expect(many).toContain('collectedAt: must be string');
    expect(many).toContain('platform: must be one of "linux", "macos", "windows"');

    expect((await openError(join(dir, 'missing.json'))).message).toBe(`${join(dir, 'missing.json')}: not found`);
    expect((await openError(dir)).message).toContain('is a directory');
  });
});

describe('a snapshot without a fact family', () => {
  it('turns the rules of that family into errors that say to collect again, never skips', async () => {
    const partial = JSON.parse(readFileSync(file, 'utf8')) as Snapshot;
    delete partial.facts.firewall;
    const path = write('no-firewall.json', JSON.stringify(partial));
    const { report, facts } = await check({
      policy,
      host: await openHost(`snapshot:${path}`, { cwd: root }),
      language: 'en',
      now: () => new Date(recordedAt),
      tool,
    });
    expect(facts.firewall).toEqual({
      status: 'error',
      message: "not in this snapshot: collect it again with a charter that has the 'firewall' probe",
      code: 'not-collected',
    });
    const firewallRules = policy.rules.filter((rule) => JSON.stringify(rule.check ?? null).includes('"firewall.'));
    expect(firewallRules.length).toBeGreaterThan(0);
    for (const rule of firewallRules) {
      const finding = report.findings.find((f) => f.ruleId === rule.id);
      expect(finding?.status, rule.id).toBe('error');
      expect(finding?.message).toContain('not in this snapshot');
    }
  });
});

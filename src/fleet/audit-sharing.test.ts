/**
 * The proof of sharing (issue 19): an audit whose hosts share outcomes, derived facts and findings
 * (RunMemo.sharing) prints exactly the json report of the same audit where every host is read,
 * derived and evaluated on its own, in two languages, over a varied fleet made from the recorded
 * fixtures: machines of one image with their own names, ids and collection dates, an app added
 * that no catalog names, an app removed, a probe failed, a boolean fact flipped, one byte of an
 * outcome changed, and a broken file.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordedSnapshot } from '../testing/recorded-snapshot.js';
import { formatSnapshot, parseSnapshot, type Snapshot } from '../hosts/snapshot-format.js';
import type { JsonObject, Language } from '../model.js';
import { loadPolicy } from '../policy/load.js';
import type { Policy } from '../policy/policy.js';
import { audit } from './audit.js';
import { jsonChunks } from '../reporters/audit/json.js';
import { reportJson } from './stored-report.js';
import { share } from '../run-memo.js';
import { finding, hostReport } from '../testing/fleet-reports.js';
import { snapshotTargets } from './targets.js';

const root = new URL('../..', import.meta.url).pathname;
const fixtures = ['debian12-luxchat', 'debian12-clean', 'macos14-noncompliant', 'windows11-noncompliant'];
const now = new Date('2026-12-07T12:00:00Z');

/** Clock fields (the run's own time) left out: everything else must be the same. */
const withoutClocks = (value: unknown): unknown => {
  if (Array.isArray(value)) return value.map(withoutClocks);
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([key]) => key !== 'durationMs' && key !== 'startedAt')
      .map(([key, inner]) => [key, withoutClocks(inner)]),
  );
};

const clone = <T>(value: T): T => JSON.parse(JSON.stringify(value)) as T;

/** The machines made from one recorded host: the same image, each its own, some changed. */
const variations = (name: string, base: Snapshot): [string, string][] => {
  const text = formatSnapshot(base);
  const machine = (n: number, days: number): Snapshot => ({
    ...clone(base),
    host: { name: `${name}-pc${String(n)}`, machineId: n.toString(16).padStart(32, '0'), redacted: false },
    collectedAt: new Date(Date.parse(base.collectedAt) - days * 86_400_000).toISOString(),
  });
  const files: [string, string][] = [[`${name}-base.json`, text]];
  // The same image on machines collected 0 to 60 days before: dates that cross the rules' time limits.
  for (const [n, days] of [
    [1, 0],
    [2, 3],
    [3, 12],
    [4, 40],
    [5, 60],
  ] as const)
    files.push([`${name}-pc${String(n)}.json`, formatSnapshot(machine(n, days))]);
  const apps = (snapshot: Snapshot): JsonObject[] | undefined => {
    const outcome = snapshot.facts['installed-apps'];
    return outcome?.status === 'ok' || outcome?.status === 'partial' ? (outcome.facts.apps as JsonObject[]) : undefined;
  };
  // An app that no catalog names (a copy of the first one, renamed), and one removed.
  const added = machine(6, 1);
  const addedList = apps(added);
  if (addedList?.[0] !== undefined) addedList.push({ ...addedList[0], name: 'zq-parley-desktop', id: 'zq-parley-desktop' });
  files.push([`${name}-added.json`, formatSnapshot(added)]);
  const removed = machine(7, 2);
  apps(removed)?.splice(0, 1);
  files.push([`${name}-removed.json`, formatSnapshot(removed)]);
  // A probe that failed, and a boolean fact inverted.
  const failed = machine(8, 2);
  failed.facts.firewall = { status: 'error', code: 'probe-failed', message: 'simulated failure' };
  files.push([`${name}-failed.json`, formatSnapshot(failed)]);
  const flipped = machine(9, 2);
  for (const outcome of Object.values(flipped.facts)) {
    if (outcome.status !== 'ok') continue;
    const key = Object.keys(outcome.facts).find((k) => typeof outcome.facts[k] === 'boolean');
    if (key === undefined) continue;
    outcome.facts[key] = !(outcome.facts[key] as boolean);
    break;
  }
  files.push([`${name}-flipped.json`, formatSnapshot(flipped)]);
  // One byte of the os outcome changed: the host must get its own findings.
  const osAt = text.indexOf('"os":{"status":"ok"');
  const digit = osAt < 0 ? -1 : text.slice(osAt).search(/\d/u) + osAt;
  if (digit >= 0) files.push([`${name}-byte.json`, `${text.slice(0, digit)}${text[digit] === '7' ? '8' : '7'}${text.slice(digit + 1)}`]);
  // Broken: cut short.
  files.push([`${name}-broken.json`, text.slice(0, Math.floor(text.length / 2))]);
  return files;
};

describe('an audit sharing work between its hosts', () => {
  let dir = '';
  let policy: Policy;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'charter-sharing-'));
    policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    for (const name of fixtures) {
      const snapshot = await recordedSnapshot(name, policy.catalog);
      // As a file gives it back (what every variation starts from).
      const read = parseSnapshot(formatSnapshot(snapshot), `${name}.json`);
      for (const [file, text] of variations(name, read)) await writeFile(join(dir, file), text);
    }
  }, 240_000);
  afterAll(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  const run = async (language: Language, sharing: boolean): Promise<string> => {
    const report = await audit({
      targets: await snapshotTargets([dir], root),
      policy,
      language,
      failOn: 'low',
      now: () => now,
      tool: { name: 'charter', version: '0.0.0-test' },
      concurrency: 3,
      sharing,
    });
    return JSON.stringify(withoutClocks(JSON.parse([...jsonChunks(report)].join(''))));
  };

  for (const language of ['en', 'fr'] as const) {
    it(`prints the same json report with and without sharing (${language})`, async () => {
      const shared = await run(language, true);
      const alone = await run(language, false);
      expect(shared).toBe(alone);
      // The fleet is what it says: every variation read, the broken ones not checked.
      const parsed = JSON.parse(shared) as { hosts: { name: string; status: string; report?: { findings: { ruleId: string; status: string }[] } }[] };
      expect(parsed.hosts.length).toBeGreaterThanOrEqual(fixtures.length * 11);
      expect(parsed.hosts.filter((h) => h.status !== 'checked').map((h) => h.name)).toEqual(fixtures.map((f) => `${f}-broken`).sort());
      // The changed machines differ from their image where their facts do.
      const findings = (name: string): string => JSON.stringify(parsed.hosts.find((h) => h.name === name)?.report?.findings);
      expect(findings('debian12-luxchat-failed')).not.toBe(findings('debian12-luxchat-base'));
    }, 240_000);
  }

  it('prints a report whose machine strings spell the mark of its findings’ place as any other', () => {
    const mark = '\u0000findings\u0000';
    const shared = share(finding({ ruleId: 'R-1', status: 'fail', message: mark }));
    for (const report of [
      hostReport('pc', [shared, finding({ ruleId: 'R-2', status: 'pass' })]),
      { ...hostReport('pc', [shared]), target: { kind: 'snapshot', name: mark, platform: 'linux', class: 'live' } } as const,
    ]) {
      const printed = reportJson(report);
      expect(JSON.parse(printed)).toEqual(JSON.parse(JSON.stringify(report)));
      // Printed again with the shared finding's text reused: the same.
      expect(reportJson(report)).toBe(printed);
    }
  });
});

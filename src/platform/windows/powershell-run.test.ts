/**
 * Every PowerShell script charter sends to Windows, executed for real under PowerShell 7 (`pwsh`,
 * installed by .ci/run) with the Windows-only cmdlets, COM objects and registry stubbed
 * (src/testing/windows-stubs/: stubs.ps1 shadows them, scenarios.ps1 says what they answer, stub-host.ts
 * runs `pwsh -NoProfile -NonInteractive -Command <prelude + script>`), and its output fed through
 * the probes' own collectors, the same code that reads a real machine's answer after runPowerShell.
 *
 * Three scenarios per script: typical (several elements, a non-ASCII user Zoë and app Ünïcödé,
 * dates), one (one-element collections, which ConvertTo-Json may unwrap, and nulls), empty (no
 * elements, absent registry keys, cmdlets that need rights throwing).
 *
 * What this proves: the scripts run without a runtime error, their JSON decodes, and the collectors
 * accept it and read sensible facts. What it cannot: Windows PowerShell 5.1's serialisation
 * (dates as `/Date(ms)/`, tested on the decoder directly below and in json's users), the real
 * cmdlets beyond the documented shapes the stubs copy, and Windows file-system semantics. The
 * scripts are taken from the Windows replay fixtures (every argv a probe ran there), so
 * catalog-built scripts are included; the test fails if a fixture script was never executed here.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { loadPolicy } from '../../policy/load.js';
import { probes } from '../../probes/index.js';
import type { ProbeContext } from '../../probes/probe.js';
import { dateOf } from './json.js';
import { ciNote } from '../../testing/ci-notes.js';
import { findPwsh, stubHost, writeHomes, type StubRun, type StubScenario } from '../../testing/windows-stubs/stub-host.js';

const root = new URL('../../..', import.meta.url).pathname;
const fixtures = ['windows11-compliant', 'windows11-noncompliant'].map((name) => join(root, 'fixtures', 'hosts', name, 'commands.json'));

/** The `-Command` text of every powershell.exe argv the fixtures hold, once each. */
const fixtureScripts = (): Set<string> => {
  const found = new Set<string>();
  for (const file of fixtures) {
    for (const { argv } of JSON.parse(readFileSync(file, 'utf8')) as { argv: string[] }[]) {
      const at = argv.indexOf('-Command');
      if (argv[0] === 'powershell.exe' && at > 0 && argv[at + 1] !== undefined) found.add(argv[at + 1] as string);
    }
  }
  return found;
};

/** The probes with a Windows collector that runs PowerShell. */
const windowsProbes = [
  'os',
  'installed-apps',
  'app-activity',
  'browsers',
  'disk-encryption',
  'firewall',
  'screen-lock',
  'login',
  'updates',
  'management',
  'listening-services',
];

const pwsh = findPwsh();
const required = process.env.CHARTER_REQUIRE_ROOTS === '1';
const homes = mkdtempSync(join(tmpdir(), 'charter-pshomes-'));
afterAll(() => {
  rmSync(homes, { recursive: true, force: true });
});

const runs: StubRun[] = [];
const outcomes = new Map<StubScenario, Record<string, ProbeOutcome>>();

/** Runs every Windows probe once against a scenario (all at once: each is a separate pwsh). */
const collect = async (scenario: StubScenario): Promise<Record<string, ProbeOutcome>> => {
  const cached = outcomes.get(scenario);
  if (cached) return cached;
  const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
  const host = stubHost(pwsh as string, scenario, homes, runs);
  const context: ProbeContext = { platform: 'windows', now: new Date('2026-11-20T10:00:00Z'), catalog: policy.catalog, capabilities: host.capabilities };
  const results = await Promise.all(
    windowsProbes.map(async (id) => [id, await (probes[id] as NonNullable<(typeof probes)[string]>).collect(host, context)] as const),
  );
  const byId = Object.fromEntries(results);
  outcomes.set(scenario, byId);
  return byId;
};

const facts = (outcome: ProbeOutcome | undefined): JsonObject => {
  if (outcome?.status !== 'ok') throw new Error(`not ok: ${JSON.stringify(outcome)}`);
  return outcome.facts;
};

describe.skipIf(pwsh === undefined && !required)('Windows scripts run under PowerShell with stubbed cmdlets', () => {
  it('finds PowerShell (CI installs it) and prints its version', () => {
    expect(pwsh, 'pwsh not found on PATH or in ~/.dotnet/tools').toBeDefined();
    writeHomes(homes);
    const version = execFileSync(pwsh as string, ['-NoProfile', '-NonInteractive', '-Command', '$PSVersionTable.PSVersion.ToString()'], {
      encoding: 'utf8',
      timeout: 60_000,
    }).trim();
    // eslint-disable-next-line no-console -- the version the scripts ran under, in the test log
    console.log(`PowerShell ${version}`);
    ciNote(`PowerShell ${version} (pwsh)`);
    expect(version).toMatch(/^7\./);
  });

  it.each(['typical', 'one', 'empty'] as const)(
    '%s: every script exits 0 (but the OS one when CIM is denied) and prints JSON',
    async (scenario) => {
      await collect(scenario);
      const mine = runs.filter((r) => r.scenario === scenario);
      expect(mine.length).toBeGreaterThanOrEqual(12);
      const failures = mine
        .filter((r) => r.result.exitCode !== 0)
        .map((r) => `${r.script.split('\n')[2]?.slice(0, 60) ?? ''}: ${r.result.stderr.slice(0, 300)}`);
      if (scenario === 'empty') {
        expect(failures).toHaveLength(1);
        expect(failures[0]).toContain('Access denied');
      } else expect(failures).toEqual([]);
    },
    900_000,
  );

  it("typical: the collectors read every probe's facts, non-ASCII names and dates intact", async () => {
    const o = await collect('typical');
    expect(facts(o.os)).toMatchObject({
      distributionName: 'Windows 11 Pro 23H2',
      versionMajor: 11,
      kernel: '10.0.22631.4460',
      architecture: 'x86_64',
      hostname: 'PC-ZOË',
    });
    const apps = JSON.stringify(facts(o['installed-apps']));
    for (const name of ['Ünïcödé Editor', 'Signal 7.1', 'Notepad++', 'MSTeams']) expect(apps).toContain(name);
    const activity = JSON.stringify(facts(o['app-activity']));
    expect(activity).toContain('Signal.exe');
    expect(activity).toContain('Zoë');
    const browsers = JSON.stringify(facts(o.browsers));
    expect(browsers).toContain('Ünïcödé');
    expect(browsers).toContain('https://chat.example.lu');
    expect(browsers).toContain('ab12cd34.default-release');
    expect(facts(o.firewall)).toMatchObject({ enabled: true, defaultInbound: 'deny' });
    expect(facts(o['screen-lock'])).toMatchObject({ lockEnabled: true, secondsToLock: 900 });
    expect(facts(o.login)).toMatchObject({ autologin: false, guestLogin: false });
    expect(facts(o.management)).toMatchObject({ enrolled: true, lastCheckIn: '2026-11-20T08:00:00.000Z' });
    expect(facts(o['disk-encryption'])).toMatchObject({
      volumes: expect.arrayContaining([expect.objectContaining({ mount: 'C:', encrypted: true, cipher: 'aes-xts', keyBits: 256 })]) as unknown,
    });
    expect(JSON.stringify(facts(o.firewall))).toContain('Public');
    expect(JSON.stringify(facts(o['screen-lock']))).toContain('Zoë');
    expect(JSON.stringify(facts(o.login))).toContain('Zoë');
    // Dates: [datetime] through the scripts' Iso function, whatever their Kind.
    expect(facts(o.updates)).toMatchObject({
      listsUpdatedAt: '2026-11-20T06:00:00.000Z',
      lastUpgradeAt: '2026-11-15T03:00:00.000Z',
      lastUpgradeCommand: expect.stringContaining('Sécurité') as unknown,
    });
    expect(JSON.stringify(facts(o.management))).toContain('C1A3D2B4-1111-4A4A-9B9B-0123456789AB');
    const sockets = JSON.stringify(facts(o['listening-services']));
    expect(sockets).toContain('5939');
    expect(sockets).toContain('svchost');
    // Issue 17 sources: powercfg through /qh (real captures), the offline update search.
    expect(JSON.stringify(facts(o['screen-lock']))).toContain('STANDBYIDLE): AC 1800 s, DC 900 s');
    expect(facts(o.updates)).toMatchObject({ pendingUpdates: 2, pendingSecurityUpdates: 1 });
    expect(JSON.stringify(facts(o.updates))).toContain('Mise à jour cumulative');
  }, 900_000);

  it('one: one-element collections are read as lists of one', async () => {
    const o = await collect('one');
    // One profile answered (an object, not a list): read, and the two missing ones make the whole unknown, not a pass.
    expect(facts(o.firewall)).toMatchObject({ enabled: null, profiles: [{ name: 'Public', enabled: true, defaultInbound: 'deny' }] });
    expect(JSON.stringify(facts(o.firewall))).toContain('no Domain, Private profile');
    expect(facts(o['disk-encryption'])).toMatchObject({ volumes: [expect.objectContaining({ mount: 'C:', encrypted: true, keyBits: 512 })] });
    expect(JSON.stringify(facts(o['listening-services']))).toContain('3389');
    expect(JSON.stringify(facts(o['installed-apps']))).toContain('MSTeams');
    expect(facts(o.os)).toMatchObject({ hostname: null, versionMajor: 11 });
    // powercfg /qh refused: /query answers.
    expect(JSON.stringify(facts(o['screen-lock']))).toContain('CONSOLELOCK): AC 1, DC 1');
    expect(facts(o.updates)).toMatchObject({ pendingUpdates: 1, pendingSecurityUpdates: 0 });
  }, 900_000);

  it('empty: nothing found or nothing allowed reads as unknown or empty, never as a pass', async () => {
    const o = await collect('empty');
    expect(o.os).toMatchObject({ status: 'error', message: expect.stringContaining('Access denied') as unknown });
    expect(facts(o['disk-encryption'])).toMatchObject({ volumes: [], systemVolumeEncrypted: null });
    expect(JSON.stringify(facts(o['disk-encryption']))).toContain('Get-BitLockerVolume: Access denied');
    expect(facts(o.firewall)).toMatchObject({ enabled: null, defaultInbound: null, reasons: ['no Domain, Private, Public profile in the answer'] });
    expect(facts(o['screen-lock'])).toMatchObject({ lockEnabled: null });
    expect(facts(o.login)).toMatchObject({ autologin: null, guestLogin: false });
    expect(facts(o.updates)).toMatchObject({ automatic: null, pendingSecurityUpdates: null });
    expect(JSON.stringify(facts(o['disk-encryption']))).toContain('manage-bde -status listed no volume');
    expect(JSON.stringify(facts(o['screen-lock']))).toContain('powercfg could not be read');
    expect(facts(o.management)).toMatchObject({ enrolled: null });
    expect(JSON.stringify(facts(o['installed-apps']))).toContain('Access is denied');
    expect(facts(o['listening-services'])).toMatchObject({ sockets: [] });
    for (const id of ['firewall', 'screen-lock', 'login', 'updates', 'management', 'app-activity', 'browsers']) expect(o[id]?.status, id).toBe('ok');
  }, 900_000);

  it('runs the one script the fixtures do not hold: app activity on a target that is not live (no processes)', async () => {
    const policy = await loadPolicy(join(root, 'policies', 'lu-state-charter.yaml'));
    const host = stubHost(pwsh as string, 'typical', homes, runs);
    const context: ProbeContext = {
      platform: 'windows',
      now: new Date('2026-11-20T10:00:00Z'),
      catalog: policy.catalog,
      capabilities: { read: true, exec: true, live: false },
    };
    const outcome = await (probes['app-activity'] as NonNullable<(typeof probes)[string]>).collect(host, context);
    expect(outcome).toMatchObject({ status: 'ok', facts: { processes: null, processCount: null, notes: ['processes: needs a live system'] } });
    expect(JSON.stringify(outcome)).toContain('matrix.example.lu');
    expect(fixtureScripts().has(runs[runs.length - 1]?.script ?? '')).toBe(false);
  }, 900_000);

  it('executed every script the Windows fixtures hold, and prints the counts', () => {
    const expected = fixtureScripts();
    const executed = new Set(runs.map((r) => r.script));
    const missing = [...expected].filter((s) => !executed.has(s)).map((s) => s.split('\n')[2]?.slice(0, 80));
    expect(missing).toEqual([]);
    expect(expected.size).toBeGreaterThanOrEqual(12);
    expect(executed.size).toBe(expected.size + 1);
    const note = `Windows scripts: ${String(expected.size)} in the fixtures (parsed by powershell-ast.test.ts), ${String(executed.size)} distinct executed here, ${String(runs.length)} runs`;
    // eslint-disable-next-line no-console -- the counts, in the test log
    console.log(note);
    ciNote(note);
  });
});

describe('dates in both serialisations', () => {
  it('reads Windows PowerShell 5.1 `/Date(ms)/` and PowerShell 7 ISO text as the same instant', () => {
    // 5.1: ConvertTo-Json writes [datetime] as "\/Date(1763629200000)\/", which JSON.parse makes "/Date(1763629200000)/".
    expect(dateOf('/Date(1763629200000)/')).toBe('2025-11-20T09:00:00.000Z');
    expect(dateOf('/Date(1763629200000+0100)/')).toBe('2025-11-20T09:00:00.000Z');
    // 7: ISO 8601 with the offset of the DateTime's Kind.
    expect(dateOf('2025-11-20T09:00:00Z')).toBe('2025-11-20T09:00:00.000Z');
    expect(dateOf('2025-11-20T10:00:00+01:00')).toBe('2025-11-20T09:00:00.000Z');
  });
});

/**
 * Generates the Windows replay fixtures (fixtures/hosts/windows11-*) by running charter's own
 * Windows collectors, through their real PowerShell scripts, under PowerShell 7 with the stubs of
 * ./windows-stubs (stubs.ps1, shapes.ps1, and machines/<name>.ps1 saying what each cmdlet, COM
 * object, registry key and native program answers on that machine; real files in its user homes,
 * machine-homes.ts). Every probe that runs on Windows collects through a recording host, so the
 * JSON each script printed is read by the probes' decoders before it is written: a probe that
 * cannot read its answer makes generation fail. What the recording holds becomes commands.json.
 *
 * Two things are changed between PowerShell's output and the file, both to look like Windows:
 * the user homes' directory on this machine becomes `C:\Users` (with `\` separators) wherever it
 * appears, and line ends become CRLF. One command per fixture is stored as UTF-16LE with a byte
 * order mark, the way a host hands such output over (decode.ts reads it).
 *
 * NOT RECORDED ON WINDOWS: what this cannot show is listed in stub-host.ts.
 * src/platform/windows/fixtures.test.ts regenerates both fixtures in memory and compares them with the
 * committed files (UPDATE_WINDOWS_FIXTURES=1 rewrites them).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { recordingHost } from '../hosts/recorder.js';
import type { RecordedCommand, ReplayManifest } from '../hosts/replay-format.js';
import type { Catalog } from '../policy/catalog.js';
import { probes } from '../probes/index.js';
import { windowsOsScript } from '../probes/os/windows.js';
import { windowsFirewallScript } from '../probes/firewall/windows.js';
import { writeMachineHomes } from './windows-stubs/machine-homes.js';
import { stubHost, stubMachines, type StubMachine, type StubRun } from './windows-stubs/stub-host.js';

export const windowsFixtureNames = stubMachines;
export type WindowsFixtureName = StubMachine;

export const recordedAt = '2026-11-20T10:00:00.000Z';

/** Text written as UTF-16LE with a BOM, as a host hands it over (bytes decoded as UTF-8). */
export const asUtf16leSeenAsUtf8 = (text: string): string => Buffer.from(`\uFEFF${text}`, 'utf16le').toString('utf8');

/** The script whose output each fixture stores as UTF-16LE. */
const utf16Script: Record<StubMachine, string> = {
  'windows11-compliant': windowsOsScript,
  'windows11-noncompliant': windowsFirewallScript,
};

const escapeRegExp = (text: string): string => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * `dir` and the path below it, wherever it appears in `text` (JSON or plain), as the same path
 * under `C:\Users`; `backslash` is how a `\` is written (`\\` inside JSON strings).
 */
export const asWindowsHomes = (text: string, dir: string, backslash: string): string =>
  text.replace(new RegExp(`${escapeRegExp(dir)}((?:/[^"/\\r\\n]*)*)`, 'g'), (_all, rest: string) => `C:${backslash}Users${rest.replace(/\//g, backslash)}`);

const crlf = (text: string): string => text.replace(/\r?\n/g, '\r\n');

const isJsonOutput = (command: RecordedCommand): boolean => command.argv[0] === 'powershell.exe';

/**
 * Runs every Windows probe of charter against the machine's stubs and returns the commands they
 * ran, as commands.json stores them (sorted by argv, so the file does not depend on run order).
 */
export const generateWindowsCommands = async (machine: StubMachine, pwsh: string, catalog: Catalog): Promise<RecordedCommand[]> => {
  const homes = mkdtempSync(join(tmpdir(), 'charter-winfix-'));
  try {
    writeMachineHomes(machine, homes);
    const runs: StubRun[] = [];
    const host = recordingHost(stubHost(pwsh, machine, homes, runs));
    const context = { platform: 'windows' as const, now: new Date(recordedAt), catalog, capabilities: host.capabilities };
    const windowsProbes = Object.values(probes).filter((probe) => probe.platforms.includes('windows'));
    const outcomes = await Promise.all(windowsProbes.map(async (probe) => ({ id: probe.id, outcome: await probe.collect(host, context) })));
    const fromPwsh = runs.filter((r) => r.result.exitCode !== 0 || r.result.stderr.trim() !== '');
    if (fromPwsh.length > 0) throw new Error(`${machine}: scripts failed under PowerShell:\n${fromPwsh.map((r) => r.result.stderr.slice(0, 400)).join('\n')}`);
    const failed = outcomes.filter(({ outcome }) => outcome.status !== 'ok').map(({ id, outcome }) => `${id}: ${JSON.stringify(outcome).slice(0, 400)}`);
    if (failed.length > 0) throw new Error(`${machine}: probes did not read their answer:\n${failed.join('\n')}`);
    return host
      .recording()
      .commands.map((command) => {
        const json = isJsonOutput(command);
        const stdout = crlf(asWindowsHomes(command.stdout, homes, json ? '\\\\' : '\\'));
        const script = command.argv[command.argv.indexOf('-Command') + 1];
        return {
          argv: command.argv,
          exitCode: command.exitCode,
          stdout: script === utf16Script[machine] ? asUtf16leSeenAsUtf8(stdout) : stdout,
          stderr: crlf(asWindowsHomes(command.stderr, homes, '\\')),
          timedOut: command.timedOut,
        };
      })
      .sort((a, b) => (JSON.stringify(a.argv) < JSON.stringify(b.argv) ? -1 : 1));
  } finally {
    rmSync(homes, { recursive: true, force: true });
  }
};

export const fixtureManifest = (name: StubMachine): ReplayManifest => ({
  platform: 'windows',
  name,
  recordedAt,
  tool: 'generated by src/testing/windows-fixtures.ts: charter scripts run under PowerShell 7 with stubbed Windows cmdlets (not recorded on Windows)',
  capabilities: { read: true, exec: true, live: true },
});

/** The files of a fixture directory as text, by file name. */
export const generateWindowsFixture = async (name: StubMachine, pwsh: string, catalog: Catalog): Promise<Record<string, string>> => ({
  'host.json': `${JSON.stringify(fixtureManifest(name), null, 2)}\n`,
  'commands.json': `${JSON.stringify(await generateWindowsCommands(name, pwsh, catalog), null, 2)}\n`,
});

/**
 * A Host that runs charter's Windows PowerShell scripts for real, under PowerShell 7 (`pwsh`), with
 * the Windows-only cmdlets, COM objects, registry and native programs replaced by the stubs in
 * stubs.ps1, which build their objects with shapes.ps1 and answer from a stub set: a test scenario
 * (scenarios.ps1) or a fixture machine (machines/<name>.ps1, see ../windows-fixtures.ts). Each
 * `powershell.exe -NoProfile -NonInteractive -Command <script>` a probe runs becomes
 * `pwsh -NoProfile -NonInteractive -Command <prelude + script>` (an argv array, no shell), and
 * `dsregcmd.exe /status` runs the stub of that name. User homes are real directories under `homes`
 * (see writeHomes and machine-homes.ts), so the file-reading parts of the scripts run against real files.
 *
 * What this proves: every script runs to the end without a runtime error under PowerShell, its
 * trailer's JSON decodes, and charter's own collectors accept it. What it cannot: Windows PowerShell
 * 5.1's own serialisation (e.g. dates as `/Date(...)/`, which PowerShell 7 writes as ISO text), the
 * real cmdlets' behaviour beyond the documented shapes the stubs copy, and Windows file semantics.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { delimiter, join } from 'node:path';
import type { Host, RunResult } from '../../hosts/host.js';
import { psQuote } from '../../platform/windows/powershell.js';

/** PowerShell 7 on PATH or where `dotnet tool install --global` puts it (.ci/run installs it), else undefined. */
export const findPwsh = (): string | undefined => {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.dotnet', 'tools')];
  return dirs.map((dir) => join(dir, 'pwsh')).find((path) => existsSync(path));
};

/** The test scenarios of scenarios.ps1 (several / one / no elements). */
export type StubScenario = 'typical' | 'one' | 'empty';
/** The fixture machines of machines/*.ps1, whose runs become fixtures/hosts/<name>/commands.json. */
export const stubMachines = ['windows11-compliant', 'windows11-noncompliant'] as const;
export type StubMachine = (typeof stubMachines)[number];
/** What the stubs answer: a test scenario or a fixture machine. */
export type StubSet = StubScenario | StubMachine;

const stubs = readFileSync(new URL('./stubs.ps1', import.meta.url), 'utf8');
const shapes = readFileSync(new URL('./shapes.ps1', import.meta.url), 'utf8');
const isMachine = (set: StubSet): set is StubMachine => (stubMachines as readonly string[]).includes(set);
/** The data file of a stub set: scenarios.ps1 for the test scenarios, machines/<name>.ps1 for a fixture machine. */
const dataOf = (set: StubSet): string => readFileSync(new URL(isMachine(set) ? `./machines/${set}.ps1` : './scenarios.ps1', import.meta.url), 'utf8');

/** Real outputs of native programs (cited in each folder's README), for the stubs to print. */
const captureFiles: Record<string, URL> = {
  'powercfg-query-hyperv.txt': new URL('../../probes/screen-lock/testdata/powercfg-query-hyperv.txt', import.meta.url),
  'powercfg-qh-standbyidle.txt': new URL('../../probes/screen-lock/testdata/powercfg-qh-standbyidle.txt', import.meta.url),
  'powercfg-display-lock.txt': new URL('../../probes/screen-lock/testdata/powercfg-display-lock.txt', import.meta.url),
};
const captures = Object.entries(captureFiles)
  .map(([name, url]) => `${psQuote(name)} = ${psQuote(readFileSync(url, 'utf8'))}`)
  .join('; ');

/** The text put before a script: the stub set's name and homes, the stubs, the shapes, and the set's data. */
export const stubPrelude = (scenario: StubSet, homes: string): string =>
  // Errors as Windows PowerShell 5.1 prints them (message first, no colours), for runPowerShell's first line.
  `$ErrorView = 'NormalView'; if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }\n` +
  `$StubScenario = ${psQuote(scenario)}; $StubHomes = ${psQuote(homes)}; $StubCaptures = @{ ${captures} }\n${stubs}\n${shapes}\n${dataOf(scenario)}\n`;

/**
 * Real files in two user homes, Zoë and Bob: a Matrix client's config, a Chrome profile with a
 * Chrome Apps shortcut, a Firefox profile. Shapes as the browsers' and apps' own files.
 */
export const writeHomes = (homes: string): void => {
  const file = (path: string, text: string): void => {
    mkdirSync(join(path, '..'), { recursive: true });
    writeFileSync(path, text);
  };
  const zoe = join(homes, 'Zoë');
  const bob = join(homes, 'Bob');
  file(join(zoe, 'AppData/Roaming/Element/config.json'), '{"default_server_config":{"m.homeserver":{"base_url":"https://matrix.example.lu"}}}');
  file(join(zoe, 'AppData/Roaming/Signal/config.json'), '{}');
  const chrome = join(zoe, 'AppData/Local/Google/Chrome/User Data');
  file(join(chrome, 'Local State'), '{"profile":{"info_cache":{"Default":{"name":"Zoë"},"Profile 1":{"name":"Ünïcödé"}}}}');
  file(
    join(chrome, 'Default/Preferences'),
    '{"profile":{"content_settings":{"exceptions":{"notifications":{"https://chat.example.lu:443,*":{"setting":1,"last_modified":"13370000000000000"}}}}}}',
  );
  file(join(chrome, 'Profile 1/Preferences'), '{}');
  mkdirSync(join(chrome, 'Default/Web Applications/Manifest Resources/mjoklplbddabcmpepnokjaffbmgbkkgg'), { recursive: true });
  file(join(zoe, 'AppData/Roaming/Microsoft/Windows/Start Menu/Programs/Chrome Apps/Zoë Chat.lnk'), '');
  const firefox = join(bob, 'AppData/Roaming/Mozilla/Firefox');
  file(join(firefox, 'profiles.ini'), '[Profile0]\r\nName=default-release\r\nIsRelative=1\r\nPath=Profiles/ab12cd34.default-release\r\nDefault=1\r\n');
  file(join(firefox, 'Profiles/ab12cd34.default-release/prefs.js'), 'user_pref("browser.startup.page", 3);\n');
  mkdirSync(join(bob, 'AppData/Local'), { recursive: true });
};

/**
 * At most this many pwsh processes at once, across every stub host: each takes seconds of CPU to
 * start, and a machine shared with other test runs would otherwise push them past their time limit.
 */
const maxConcurrent = 2;
let running = 0;
const waiting: (() => void)[] = [];
const slot = async (): Promise<() => void> => {
  if (running >= maxConcurrent) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  return () => {
    running -= 1;
    waiting.shift()?.();
  };
};

/** Every script the host ran, with the stub set. */
export type StubRun = { scenario: StubSet; script: string; result: RunResult };

/** The native programs the stubs answer (stubs.ps1 defines a function of each name). */
const nativePrograms = new Set(['dsregcmd.exe']);

const execPwsh = async (pwsh: string, argv: readonly string[]): Promise<RunResult> => {
  const release = await slot();
  return new Promise((resolve) => {
    // No time limit of charter's (5 s): PowerShell 7's start-up on a shared CI machine may take longer.
    // NO_COLOR: errors in plain text even when the script fails to parse (before the prelude can say so).
    execFile(
      pwsh,
      argv,
      { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024, env: { ...process.env, NO_COLOR: '1' } },
      (error, stdout, stderr) => {
        release();
        const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
        resolve({ exitCode: code, stdout, stderr: error?.killed === true ? `killed after 120 s\n${stderr}` : stderr, timedOut: error?.killed === true });
      },
    );
  });
};

/**
 * `scenario` names the stub set; `runs` receives every PowerShell script run (not the native
 * programs, which run through the same stubs: `pwsh -Command <prelude> dsregcmd.exe /status`).
 */
export const stubHost = (pwsh: string, scenario: StubSet, homes: string, runs: StubRun[]): Host => ({
  kind: 'stub-pwsh',
  name: `pwsh-${scenario}`,
  capabilities: { read: true, exec: true, live: true },
  platform: () => Promise.resolve('windows'),
  readFile: () => Promise.resolve(undefined),
  readDir: () => Promise.resolve(undefined),
  stat: () => Promise.resolve(undefined),
  readLink: () => Promise.resolve(undefined),
  close: () => Promise.resolve(),
  run: async (file, args) => {
    if (nativePrograms.has(file)) {
      const line = [file, ...args].map((a) => psQuote(a)).join(' ');
      return execPwsh(pwsh, ['-NoProfile', '-NonInteractive', '-Command', `${stubPrelude(scenario, homes)}& ${line}; exit $LASTEXITCODE`]);
    }
    const at = args.indexOf('-Command');
    const script = at >= 0 ? args[at + 1] : undefined;
    if (file !== 'powershell.exe' || script === undefined) {
      return { exitCode: 127, stdout: '', stderr: `${file}: not stubbed`, timedOut: false, spawnError: 'ENOENT' };
    }
    const result = await execPwsh(pwsh, [...args.slice(0, at + 1), stubPrelude(scenario, homes) + script, ...args.slice(at + 2)]);
    runs.push({ scenario, script, result });
    return result;
  },
});

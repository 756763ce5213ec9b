/**
 * A Host that runs charter's Windows PowerShell scripts for real, under PowerShell 7 (`pwsh`), with
 * the Windows-only cmdlets, COM objects and registry replaced by the stubs in stubs.ps1 answering
 * from scenarios.ps1. Each `powershell.exe -NoProfile -NonInteractive -Command <script>` a probe
 * runs becomes `pwsh -NoProfile -NonInteractive -Command <prelude + script>` (an argv array, no
 * shell); `dsregcmd.exe /status` answers a fixed text. User homes are real directories under `homes`
 * (see writeHomes), so the file-reading parts of the scripts run against real files.
 *
 * What this proves: every script runs to the end without a runtime error under PowerShell, its
 * trailer's JSON decodes, and charter's own collectors accept it. What it cannot: Windows PowerShell
 * 5.1's own serialisation (e.g. dates as `/Date(...)/`, which PowerShell 7 writes as ISO text), the
 * real cmdlets' behaviour beyond the documented shapes the stubs copy, and Windows file semantics.
 */
import { execFile } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Host, RunResult } from '../../hosts/host.js';
import { psQuote } from '../../windows/powershell.js';

export type StubScenario = 'typical' | 'one' | 'empty';

const stubs = readFileSync(new URL('./stubs.ps1', import.meta.url), 'utf8');
const scenarios = readFileSync(new URL('./scenarios.ps1', import.meta.url), 'utf8');

/** Real outputs of native programs (cited in each folder's README), for the stubs to print. */
const captureFiles: Record<string, URL> = {
  'powercfg-query-hyperv.txt': new URL('../../probes/screen-lock/testdata/powercfg-query-hyperv.txt', import.meta.url),
  'powercfg-qh-standbyidle.txt': new URL('../../probes/screen-lock/testdata/powercfg-qh-standbyidle.txt', import.meta.url),
  'powercfg-display-lock.txt': new URL('../../probes/screen-lock/testdata/powercfg-display-lock.txt', import.meta.url),
};
const captures = Object.entries(captureFiles)
  .map(([name, url]) => `${psQuote(name)} = ${psQuote(readFileSync(url, 'utf8'))}`)
  .join('; ');

/** The text put before a script: the scenario's name and homes, the stubs, and their data. */
export const stubPrelude = (scenario: StubScenario, homes: string): string =>
  // Errors as Windows PowerShell 5.1 prints them (message first, no colours), for runPowerShell's first line.
  `$ErrorView = 'NormalView'; if ($PSStyle) { $PSStyle.OutputRendering = 'PlainText' }\n` +
  `$StubScenario = ${psQuote(scenario)}; $StubHomes = ${psQuote(homes)}; $StubCaptures = @{ ${captures} }\n${stubs}\n${scenarios}\n`;

/** `dsregcmd /status` as an Azure AD joined device prints it (Microsoft Learn, "Troubleshoot devices by using the dsregcmd command"). */
const dsregcmd = [
  '+----------------------------------------------------------------------+',
  '| Device State                                                         |',
  '+----------------------------------------------------------------------+',
  '',
  '             AzureAdJoined : YES',
  '          EnterpriseJoined : NO',
  '              DomainJoined : NO',
  '               Device Name : PC-ZOË',
  '',
].join('\r\n');

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

/** Every script the host ran, with the scenario. */
export type StubRun = { scenario: StubScenario; script: string; result: RunResult };

export const stubHost = (pwsh: string, scenario: StubScenario, homes: string, runs: StubRun[]): Host => ({
  kind: 'stub-pwsh',
  name: `pwsh-${scenario}`,
  capabilities: { read: true, exec: true, live: true },
  platform: () => Promise.resolve('windows'),
  readFile: () => Promise.resolve(undefined),
  readDir: () => Promise.resolve(undefined),
  stat: () => Promise.resolve(undefined),
  readLink: () => Promise.resolve(undefined),
  close: () => Promise.resolve(),
  run: (file, args) => {
    if (file === 'dsregcmd.exe') return Promise.resolve({ exitCode: 0, stdout: `${dsregcmd}\r\n`, stderr: '', timedOut: false });
    const at = args.indexOf('-Command');
    const script = at >= 0 ? args[at + 1] : undefined;
    if (file !== 'powershell.exe' || script === undefined) {
      return Promise.resolve({ exitCode: 127, stdout: '', stderr: `${file}: not stubbed`, timedOut: false, spawnError: 'ENOENT' });
    }
    const argv = [...args.slice(0, at + 1), stubPrelude(scenario, homes) + script, ...args.slice(at + 2)];
    return slot().then(
      (release) =>
        new Promise((resolve) => {
          // No time limit of charter's (5 s): PowerShell 7's start-up on a shared CI machine may take longer.
          execFile(pwsh, argv, { encoding: 'utf8', timeout: 120_000, maxBuffer: 64 * 1024 * 1024 }, (error, stdout, stderr) => {
            release();
            const code = error === null ? 0 : typeof error.code === 'number' ? error.code : 1;
            const result: RunResult = {
              exitCode: code,
              stdout,
              stderr: error?.killed === true ? `killed after 120 s\n${stderr}` : stderr,
              timedOut: error?.killed === true,
            };
            runs.push({ scenario, script, result });
            resolve(result);
          });
        }),
    );
  },
});

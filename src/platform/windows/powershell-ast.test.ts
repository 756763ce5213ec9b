/**
 * Every PowerShell script charter runs on Windows, parsed by PowerShell's own parser (PowerShell 7
 * on Linux, installed by .ci/run with `dotnet tool install --global PowerShell --version 7.6.10`):
 * no parse error, and no construct that Windows PowerShell 5.1, the powershell.exe charter starts,
 * does not have (ps51-check.ps1 lists them). The scripts are taken from the Windows replay
 * fixtures, which hold the exact argv of every command the probes ran (the fixture test fails when
 * a probe runs one they do not hold), so scripts built from the catalog are covered too.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir, tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { ciNote } from '../../testing/ci-notes.js';

const fixtures = ['windows11-compliant', 'windows11-noncompliant'].map((name) => new URL(`../../../fixtures/hosts/${name}/commands.json`, import.meta.url));
const checker = new URL('./ps51-check.ps1', import.meta.url).pathname;
/** PowerShell files shipped as examples, run by administrators on Windows PowerShell 5.1 too. */
const exampleScripts = [new URL('../../../examples/intune/Invoke-CharterCollect.ps1', import.meta.url).pathname];

const findPwsh = (): string | undefined => {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), join(homedir(), '.dotnet', 'tools')];
  return dirs.map((dir) => join(dir, 'pwsh')).find((path) => existsSync(path));
};

/** The `-Command` text of every powershell.exe argv the fixtures hold, once each. */
const scripts = (): string[] => {
  const found = new Set<string>();
  for (const file of fixtures) {
    const commands = JSON.parse(readFileSync(file, 'utf8')) as { argv: string[] }[];
    for (const { argv } of commands) {
      const at = argv.indexOf('-Command');
      if (argv[0] === 'powershell.exe' && at > 0 && argv[at + 1] !== undefined) found.add(argv[at + 1] as string);
    }
  }
  return [...found];
};

const pwsh = findPwsh();
const required = process.env.CHARTER_REQUIRE_ROOTS === '1';
const dir = mkdtempSync(join(tmpdir(), 'charter-ps-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

describe.skipIf(pwsh === undefined && !required)('PowerShell scripts under PowerShell’s own parser', () => {
  it('finds PowerShell 7 (CI installs it)', () => {
    expect(pwsh, 'pwsh not found on PATH or in ~/.dotnet/tools').toBeDefined();
  });

  it('parses every script (and the example scripts) without error and uses nothing Windows PowerShell 5.1 lacks', () => {
    const all = scripts();
    // One per probe and more: a fixture that lost its commands would make this check empty.
    expect(all.length).toBeGreaterThanOrEqual(10);
    const files = [
      ...all.map((script, i) => {
        const file = join(dir, `script-${String(i)}.ps1`);
        writeFileSync(file, script);
        return file;
      }),
      ...exampleScripts,
    ];
    const out = execFileSync(pwsh as string, ['-NoProfile', '-NonInteractive', '-File', checker, ...files], { encoding: 'utf8', timeout: 60_000 });
    const results = JSON.parse(out) as { file: string; errors: string[]; compat: string[] }[];
    expect(results).toHaveLength(files.length);
    const problems = results.flatMap((r) => {
      const first =
        readFileSync(r.file, 'utf8')
          .split('\n')
          .find((l) => /Get-|\$r =/.test(l) && !l.includes('$r = $null')) ?? r.file;
      return [...r.errors, ...r.compat].map((p) => `${first.trim().slice(0, 80)}: ${p}`);
    });
    expect(problems).toEqual([]);
    ciNote(
      `PowerShell scripts parsed: ${String(all.length)} from the Windows fixtures and ${String(exampleScripts.length)} example, no parse error, nothing Windows PowerShell 5.1 lacks`,
    );
  });

  it('catches the 7-only constructs it looks for (the checker itself works)', () => {
    const bad = join(dir, 'bad.ps1');
    writeFileSync(bad, '$a = $b ?? 1\n$c = $d ? 1 : 2\nGet-Item x && Get-Item y\n$e = ${f}?.Name\n$j = ConvertFrom-Json $t -AsHashtable\n$k = (\n');
    const out = execFileSync(pwsh as string, ['-NoProfile', '-NonInteractive', '-File', checker, bad], { encoding: 'utf8', timeout: 60_000 });
    const [result] = JSON.parse(out) as { errors: string[]; compat: string[] }[];
    expect(result?.errors.length).toBeGreaterThan(0);
    const compat = result?.compat.join('\n') ?? '';
    for (const construct of ['null-coalescing ??', 'ternary', 'pipeline chain', 'null-conditional', 'ConvertFrom-Json -AsHashtable'])
      expect(compat).toContain(construct);
  });
});

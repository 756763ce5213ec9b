import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { parsePsJson, powershellProgram, psArgs, psQuote, psScript, runNative, runPowerShell } from './powershell.js';

const script = psScript('$r = 1');
const key = [powershellProgram, ...psArgs(script)].join(' ');

describe('psScript', () => {
  it('wraps a body between a prologue that stops on errors and a trailer that prints ASCII-only JSON', () => {
    expect(script.startsWith("$ErrorActionPreference = 'Stop'")).toBe(true);
    expect(script).toContain('$r = 1');
    expect(script).toContain('ConvertTo-Json -InputObject $r -Depth 8 -Compress');
    expect(script).toContain("'[^\\u0000-\\u007F]'");
    expect(psArgs(script)).toEqual(['-NoProfile', '-NonInteractive', '-Command', script]);
  });

  it('quotes PowerShell literals', () => {
    expect(psQuote("AppData\\Roaming\\O'Brien")).toBe("'AppData\\Roaming\\O''Brien'");
  });
});

describe('runPowerShell', () => {
  it('parses the JSON a script printed, UTF-16LE or not', async () => {
    const utf16 = Buffer.from('\uFEFF{"a":"\\u00e9"}\r\n', 'utf16le').toString('utf8');
    const host = fakeHost({ platform: 'windows', commands: { [key]: { stdout: utf16 } } });
    expect(await runPowerShell(host, 'test', script)).toEqual({ ok: true, value: { a: 'é' } });
  });

  it('answers null for empty output', () => {
    expect(parsePsJson('\r\n')).toEqual({ ok: true, value: null });
  });

  it('turns a missing PowerShell, a non-zero exit, a timeout and garbage into reasons', async () => {
    expect(await runPowerShell(fakeHost(), 'test', script)).toEqual({ ok: false, reason: 'test: powershell.exe could not be started (ENOENT)' });
    const failing = fakeHost({ commands: { [key]: { exitCode: 1, stderr: '\r\nGet-Thing : Access is denied.\r\n' } } });
    expect(await runPowerShell(failing, 'test', script)).toEqual({ ok: false, reason: 'test: exit code 1: Get-Thing : Access is denied.' });
    const slow = fakeHost({ commands: { [key]: { timedOut: true, exitCode: 143 } } });
    expect(await runPowerShell(slow, 'test', script, 60_000)).toEqual({ ok: false, reason: 'test: timed out after 5000 ms' });
    const garbage = fakeHost({ commands: { [key]: { stdout: 'WARNING: x' } } });
    const answer = await runPowerShell(garbage, 'test', script);
    expect(answer.ok).toBe(false);
  });

  it('never throws, even when a replay refuses an unrecorded command', async () => {
    const refusing: Host = { ...fakeHost(), run: () => Promise.reject(new Error('command is not recorded')) };
    expect(await runPowerShell(refusing, 'test', script)).toEqual({ ok: false, reason: 'test: command is not recorded' });
    expect(await runNative(refusing, 'dsregcmd.exe', ['/status'])).toEqual({ ok: false, reason: 'dsregcmd.exe /status: command is not recorded' });
  });

  it('caps the time limit at 5 s', async () => {
    let seen: number | undefined;
    const host: Host = {
      ...fakeHost(),
      run: (_file, _args, options) => {
        seen = options?.timeoutMs;
        return Promise.resolve({ exitCode: 0, stdout: 'null', stderr: '', timedOut: false });
      },
    };
    await runPowerShell(host, 'test', script, 30_000);
    expect(seen).toBe(5_000);
  });
});

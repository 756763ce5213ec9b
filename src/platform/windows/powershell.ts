/**
 * Running a constant PowerShell script through `host.run` and reading its JSON answer.
 *
 * Every script is built once, at module load, by `psScript(body)`: the body leaves its answer in
 * `$r`; the common trailer converts it with `ConvertTo-Json -Depth 8 -Compress` and escapes every
 * non-ASCII character as `\uXXXX`, so the output means the same in any console code page and
 * survives being written as UTF-16LE (decode.ts). The argv is the same on every run, which is what
 * a replay matches on. Nothing here writes: the scripts only read (Get-*, registry reads).
 */
import type { Host } from '../../hosts/host.js';
import type { Json } from '../../model.js';
import { decodeText } from './decode.js';

export const powershellProgram = 'powershell.exe';

/** Per-command time limit; probes may ask for less, never more than the house rule's 5 s. */
export const defaultPsTimeoutMs = 5_000;

/**
 * `Iso $date` → `2026-11-20T09:12:00.000Z` (UTC, invariant culture: a custom format's `:` would
 * otherwise be the culture's time separator), `$null` for `$null` and DateTime.MinValue.
 */
const isoFunction =
  'function Iso($d) { if ($null -eq $d -or $d -isnot [datetime] -or $d.Year -lt 1601) { return $null }; ' +
  "$d.ToUniversalTime().ToString(\"yyyy-MM-dd'T'HH:mm:ss.fff'Z'\", [Globalization.CultureInfo]::InvariantCulture) }";

const prologue = `$ErrorActionPreference = 'Stop'; $ProgressPreference = 'SilentlyContinue'; $r = $null\n${isoFunction}\n`;

const trailer =
  '\n$j = ConvertTo-Json -InputObject $r -Depth 8 -Compress\n' +
  "[regex]::Replace([string]$j, '[^\\u0000-\\u007F]', { param($m) '\\u{0:x4}' -f [int][char]$m.Value })";

/** The full script text for a body that assigns its answer to `$r`. */
export const psScript = (body: string): string => `${prologue}${body.trim()}${trailer}`;

/** The argv after `powershell.exe` for a script. */
export const psArgs = (script: string): string[] => ['-NoProfile', '-NonInteractive', '-Command', script];

export type PsResult = { ok: true; value: Json } | { ok: false; reason: string };

const firstLine = (text: string): string =>
  decodeText(text)
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '') ?? '';

/** Parses the JSON a script printed (tolerating BOMs, UTF-16LE and CRLF); empty output is null. */
export const parsePsJson = (stdout: string | Buffer): PsResult => {
  const text = decodeText(stdout).trim();
  if (text === '') return { ok: true, value: null };
  try {
    return { ok: true, value: JSON.parse(text) as Json };
  } catch (error) {
    return { ok: false, reason: `output is not JSON (${error instanceof Error ? error.message : String(error)})` };
  }
};

/**
 * Runs one script and parses its JSON. Never throws: a missing PowerShell, a timeout, a non-zero
 * exit, unparsable output, or a command a replay did not record all become `{ok: false, reason}`.
 * `what` names the script in reasons (e.g. 'Get-NetFirewallProfile').
 */
export const runPowerShell = async (host: Host, what: string, script: string, timeoutMs = defaultPsTimeoutMs): Promise<PsResult> => {
  let result;
  try {
    result = await host.run(powershellProgram, psArgs(script), { timeoutMs: Math.min(timeoutMs, defaultPsTimeoutMs) });
  } catch (error) {
    return { ok: false, reason: `${what}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (result.spawnError !== undefined) return { ok: false, reason: `${what}: ${powershellProgram} could not be started (${result.spawnError})` };
  if (result.timedOut) return { ok: false, reason: `${what}: timed out after ${Math.min(timeoutMs, defaultPsTimeoutMs)} ms` };
  if (result.exitCode !== 0) {
    const detail = firstLine(result.stderr) || firstLine(result.stdout);
    return { ok: false, reason: `${what}: exit code ${result.exitCode}${detail ? `: ${detail}` : ''}` };
  }
  const parsed = parsePsJson(result.stdout);
  return parsed.ok ? parsed : { ok: false, reason: `${what}: ${parsed.reason}` };
};

/** Runs a native program (e.g. dsregcmd.exe) and decodes its text. Never throws. */
export const runNative = async (
  host: Host,
  file: string,
  args: readonly string[],
  timeoutMs = defaultPsTimeoutMs,
): Promise<{ ok: true; text: string } | { ok: false; reason: string }> => {
  const what = [file, ...args].join(' ');
  let result;
  try {
    result = await host.run(file, args, { timeoutMs: Math.min(timeoutMs, defaultPsTimeoutMs) });
  } catch (error) {
    return { ok: false, reason: `${what}: ${error instanceof Error ? error.message : String(error)}` };
  }
  if (result.spawnError !== undefined) return { ok: false, reason: `${what}: could not be started (${result.spawnError})` };
  if (result.timedOut) return { ok: false, reason: `${what}: timed out` };
  if (result.exitCode !== 0) {
    const detail = firstLine(result.stderr) || firstLine(result.stdout);
    return { ok: false, reason: `${what}: exit code ${result.exitCode}${detail ? `: ${detail}` : ''}` };
  }
  return { ok: true, text: decodeText(result.stdout) };
};

/** A PowerShell single-quoted string literal ('' doubles a quote). For building constant scripts from catalog data. */
export const psQuote = (text: string): string => `'${text.replace(/'/g, "''").replace(/[\u2018\u2019\u201a\u201b]/g, "''")}'`;

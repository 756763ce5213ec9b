/** Running a macOS tool as an optional extra: any failure (absent, unrecorded in a replay) is an answer, never a throw. */
import type { Host, RunResult } from '../../hosts/host.js';

export const toolTimeoutMs = 5_000;

export const runTool = async (host: Host, file: string, args: readonly string[], timeoutMs = toolTimeoutMs): Promise<RunResult> => {
  try {
    return await host.run(file, args, { timeoutMs });
  } catch (error) {
    const message = error instanceof Error ? error.message : String(error);
    return { exitCode: 127, stdout: '', stderr: message, timedOut: false, spawnError: message };
  }
};

/** True when the tool ran and exited 0 within its time limit. */
export const succeeded = (result: RunResult): boolean => result.spawnError === undefined && !result.timedOut && result.exitCode === 0;

/** One line saying why a tool gave no usable answer. */
export const failure = (command: string, result: RunResult): string => {
  if (result.spawnError !== undefined) return `${command}: could not run (${result.spawnError})`;
  if (result.timedOut) return `${command}: timed out`;
  const detail = (result.stderr.trim() || result.stdout.trim()).split(/\r?\n/)[0] ?? '';
  return `${command}: exit code ${result.exitCode}${detail === '' ? '' : ` (${detail})`}`;
};

/** Lines of command output: CRLF tolerated, trailing spaces and empty lines dropped. */
export const outputLines = (text: string): string[] =>
  text
    .replace(/^\uFEFF/, '')
    .split(/\r?\n/)
    .map((line) => line.trimEnd())
    .filter((line) => line.trim() !== '');

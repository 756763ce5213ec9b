/**
 * Ctrl-C and SIGTERM: charter stops what it started (local commands with their descendants, ssh
 * clients; see hosts/children.ts), says in one line what was interrupted, and exits 130 or 143.
 * Installed by bin/charter.js only: a program that calls `run()` keeps its own signal handling.
 * Reports being written are removed by write-output.ts on 'exit' (whole or not at all).
 */
import { killAllChildren } from '../hosts/children.js';
import { abortRun, type OutStream } from './io.js';

export const interruptExitCodes = { SIGINT: 130, SIGTERM: 143 } as const;
export type InterruptSignal = keyof typeof interruptExitCodes;

const counted = (count: number, what: string): string => `${String(count)} ${what}${count === 1 ? '' : 's'}`;

/** The line printed: what was running, what was stopped. */
export const interruptMessage = (command: string | undefined, signal: InterruptSignal, stopped: readonly string[]): string => {
  const kinds = new Map<string, number>();
  for (const what of stopped) kinds.set(what, (kinds.get(what) ?? 0) + 1);
  const list = [...kinds].map(([what, count]) => counted(count, what)).join(', ');
  return `charter${command === undefined ? '' : ` ${command}`}: interrupted by ${signal}${list === '' ? '' : `; stopped ${list}`}\n`;
};

/** Handle SIGINT and SIGTERM for the rest of the process (`argv`: the command line, for the message). */
export const installInterruptHandlers = (argv: readonly string[], stderr: OutStream = process.stderr): void => {
  const command = argv.find((word) => !word.startsWith('-'));
  const onSignal = (signal: InterruptSignal): void => {
    // What runs is killed (and counted for the message), then the work is aborted so that it
    // starts nothing more (probes, reads, worker threads) in the moment before the exit.
    const stopped = killAllChildren();
    abortRun(new Error(`interrupted by ${signal}`));
    stderr.write(interruptMessage(command, signal, stopped));
    process.exit(interruptExitCodes[signal]);
  };
  process.once('SIGINT', onSignal);
  process.once('SIGTERM', onSignal);
};

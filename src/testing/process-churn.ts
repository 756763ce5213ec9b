/**
 * Short-lived processes in a loop, for tests of code that scans /proc while processes come and go:
 * a child node process keeps a few `true` processes starting and exiting until it is stopped, its
 * time is up or it has started `maxSpawns` of them. Linux (and any system with `true`) only.
 */
import { spawn, type ChildProcess } from 'node:child_process';

export interface ProcessChurn {
  /** Stops the loop and waits for its process to end. */
  stop(): Promise<void>;
}

export interface ChurnOptions {
  /** Processes alive at once (default 4). */
  parallel?: number;
  /** The loop ends by itself after this long (default 120 s), in case `stop` is never called. */
  maxMs?: number;
  /** ... or after this many processes (default 200 000). */
  maxSpawns?: number;
}

const loop = String.raw`
const { spawn } = require('node:child_process');
const [parallel, maxMs, maxSpawns] = process.argv.slice(1).map(Number);
const end = Date.now() + maxMs;
let spawned = 0;
const next = () => {
  if (Date.now() > end || spawned >= maxSpawns) { process.exit(0); }
  spawned += 1;
  const child = spawn('true', [], { stdio: 'ignore' });
  child.on('exit', next);
  child.on('error', next);
};
for (let i = 0; i < parallel; i += 1) next();
process.send?.('started');
`;

/** Starts the loop; resolves once it runs. */
export const startProcessChurn = async (options: ChurnOptions = {}): Promise<ProcessChurn> => {
  const args = [String(options.parallel ?? 4), String(options.maxMs ?? 120_000), String(options.maxSpawns ?? 200_000)];
  const child: ChildProcess = spawn(process.execPath, ['-e', loop, ...args], { stdio: ['ignore', 'ignore', 'inherit', 'ipc'] });
  const ended = new Promise<void>((resolve) => {
    child.once('exit', () => {
      resolve();
    });
  });
  await new Promise<void>((resolve, reject) => {
    child.once('message', () => {
      resolve();
    });
    child.once('error', reject);
    void ended.then(resolve);
  });
  return {
    stop: async () => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await ended;
    },
  };
};

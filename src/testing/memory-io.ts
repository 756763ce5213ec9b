import type { Io } from '../cli/io.js';

export interface MemoryIo extends Io {
  out(): string;
  err(): string;
}

/** An Io that collects what the CLI writes; not a terminal unless `tty` is set. */
export const memoryIo = (options: { env?: Io['env']; cwd?: string; tty?: boolean; now?: Date } = {}): MemoryIo => {
  let out = '';
  let err = '';
  const tty = options.tty ?? false;
  return {
    stdout: { write: (t: string) => (out += t), isTTY: tty, getColorDepth: () => 8 },
    stderr: { write: (t: string) => (err += t), isTTY: tty, getColorDepth: () => 8 },
    env: options.env ?? {},
    cwd: options.cwd ?? process.cwd(),
    now: () => options.now ?? new Date('2026-11-22T08:00:00.000Z'),
    out: () => out,
    err: () => err,
  };
};

/** What the CLI may touch of the outside world; tests pass their own. */
export interface OutStream {
  write(text: string): unknown;
  isTTY?: boolean;
  getColorDepth?: (env?: Record<string, string | undefined>) => number;
}

export interface Io {
  stdout: OutStream;
  stderr: OutStream;
  env: Record<string, string | undefined>;
  cwd: string;
  /** The clock; reports take their times from here. */
  now: () => Date;
  /**
   * Aborted when the run is interrupted: passed down through check, collect and audit to the
   * probes, the hosts' commands and reads, and the worker threads, which stop what they do.
   */
  signal?: AbortSignal;
}

/** The process's run: aborted by the interrupt handlers (interrupt.ts) before they exit. */
const interruption = new AbortController();

/** Abort what the process runs (Ctrl-C, SIGTERM): every command, read and thread stops. */
export const abortRun = (reason: Error): void => {
  interruption.abort(reason);
};

const brokenPipe = (error: unknown): boolean => {
  const code = error instanceof Error && 'code' in error ? error.code : undefined;
  return code === 'EPIPE' || code === 'ERR_STREAM_DESTROYED';
};

/**
 * A standard stream whose reader may go away (`charter rules | head -1`): once it has, further
 * writes are dropped quietly, and the run goes on to its end and its own exit code, so files it
 * writes with --output are still written whole. Any other stream error is not ours to hide.
 */
export const quietWhenClosed = (stream: NodeJS.WriteStream): OutStream => {
  let closed = false;
  stream.on('error', (error: unknown) => {
    if (brokenPipe(error)) {
      closed = true;
      return;
    }
    throw error;
  });
  return {
    write: (text: string) => (closed ? true : stream.write(text)),
    get isTTY() {
      return stream.isTTY;
    },
    getColorDepth: (env) => (typeof stream.getColorDepth === 'function' ? stream.getColorDepth(env) : 1),
  };
};

export const nodeIo = (): Io => ({
  stdout: quietWhenClosed(process.stdout),
  stderr: quietWhenClosed(process.stderr),
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
  signal: interruption.signal,
});

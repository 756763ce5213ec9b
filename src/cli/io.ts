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
}

export const nodeIo = (): Io => ({
  stdout: process.stdout,
  stderr: process.stderr,
  env: process.env,
  cwd: process.cwd(),
  now: () => new Date(),
});

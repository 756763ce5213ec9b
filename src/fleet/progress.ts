/**
 * Audit progress on one terminal line, rewritten in place (`\r`): hosts done of total, problems so
 * far, rate and time left. Only on a terminal and never under CI: logs and pipes get nothing.
 */

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
}

export interface Progress {
  /** One host finished; `problem` when it was not compliant or could not be checked. */
  hostDone(problem: boolean): void;
  /** Clear the line (the summary follows on a clean line). */
  finish(): void;
}

const clearLine = '\r\u001b[2K';
/** Redraw at most this often: 10,000 hosts must not mean 10,000 writes. */
const minIntervalMs = 100;

const duration = (ms: number): string => {
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${String(s)}s`;
  const m = Math.floor(s / 60);
  return m < 60 ? `${String(m)}m${String(s % 60).padStart(2, '0')}s` : `${String(Math.floor(m / 60))}h${String(m % 60).padStart(2, '0')}m`;
};

/** The progress line for the given counts (pure). */
export const progressLine = (done: number, total: number, problems: number, elapsedMs: number): string => {
  const rate = elapsedMs > 0 ? (done * 1000) / elapsedMs : 0;
  const eta = rate > 0 && done < total ? `, ETA ${duration(((total - done) / rate) * 1000)}` : '';
  const shownRate = rate >= 10 ? Math.round(rate).toString() : rate.toFixed(1);
  return `charter: audited ${String(done)}/${String(total)} hosts, ${String(problems)} with problems, ${shownRate} hosts/s${eta}`;
};

const silent: Progress = { hostDone: () => undefined, finish: () => undefined };

/** A progress display on `stream` when it is a terminal and `CI` is not set; otherwise silent. */
export const createProgress = (
  stream: ProgressStream,
  env: Record<string, string | undefined>,
  total: number,
  clock: () => number = () => Date.now(),
): Progress => {
  if (stream.isTTY !== true || (env.CI !== undefined && env.CI !== '' && env.CI !== 'false' && env.CI !== '0')) return silent;
  const started = clock();
  let done = 0;
  let problems = 0;
  let drawnAt = -Infinity;
  let drawn = false;
  const draw = (): void => {
    const now = clock();
    drawnAt = now;
    drawn = true;
    stream.write(`${clearLine}${progressLine(done, total, problems, now - started)}`);
  };
  draw();
  return {
    hostDone: (problem) => {
      done += 1;
      if (problem) problems += 1;
      if (done === total || clock() - drawnAt >= minIntervalMs) draw();
    },
    finish: () => {
      if (drawn) stream.write(clearLine);
      drawn = false;
    },
  };
};

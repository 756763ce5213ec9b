/** Test helpers: find (and clean up) the processes a test started, by a unique argument, from /proc. */
import { readFile, readdir } from 'node:fs/promises';

/** A unique extra argument for `sleep` (GNU sleep adds its arguments up): `sleep 1000 MARKER`. */
export const sleepMarker = (): string => `0.${String(Date.now())}${String(process.pid)}${String(Math.floor(Math.random() * 1000))}`;

/** Live (non-zombie) processes whose argv holds `marker` as a whole argument. */
export const processesWith = async (marker: string): Promise<number[]> => {
  const found: number[] = [];
  for (const entry of await readdir('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    const cmdline = await readFile(`/proc/${entry}/cmdline`, 'utf8').catch(() => '');
    const stat = await readFile(`/proc/${entry}/stat`, 'utf8').catch(() => '');
    const state = stat.slice(stat.lastIndexOf(')') + 2).split(' ')[0];
    if (cmdline.split('\0').includes(marker) && state !== 'Z' && state !== 'X') found.push(Number(entry));
  }
  return found;
};

/** Wait until `test` holds, checking every 20 ms; throws after `ms`. */
export const waitFor = async (test: () => Promise<boolean>, ms: number): Promise<void> => {
  const deadline = Date.now() + ms;
  while (!(await test())) {
    if (Date.now() > deadline) throw new Error(`not within ${String(ms)} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
};

/** SIGKILL each process (cleanup after a failed test). */
export const killAll = (pids: readonly number[]): void => {
  for (const pid of pids) {
    try {
      process.kill(pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }
};

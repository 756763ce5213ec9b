/** `sysadminctl -screenLock status`: the password delay after the screen saver or sleep, for the console user. */
import { outputLines } from '../../platform/macos/run.js';

/**
 * `sysadminctl -screenLock status` writes one line to stderr, after a timestamp and
 * `sysadminctl[pid:tid]`: `screenLock delay is immediate`, `screenLock delay is 300 seconds`,
 * `screenLock is off` (some builds print `-1.000000 seconds` for off). Returns the delay in seconds,
 * 'off', or null when the text says neither.
 */
export const parseSysadminctlScreenLock = (text: string): number | 'off' | null => {
  const line = outputLines(text).find((l) => /screenLock/i.test(l));
  if (line === undefined) return null;
  if (/screenLock is off/i.test(line)) return 'off';
  if (/delay is immediate/i.test(line)) return 0;
  const seconds = /delay is (-?\d+(?:\.\d+)?) seconds?/i.exec(line);
  if (!seconds) return null;
  const value = Number(seconds[1]);
  return value < 0 ? 'off' : Math.round(value);
};

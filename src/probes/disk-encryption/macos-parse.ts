/**
 * Pure parsers of the macOS disk-encryption probe.
 *
 * `fdesetup status` (Apple's fdesetup(8); strings as collected in reference/probes.md §2.2):
 *   FileVault is On.
 *   FileVault is Off.
 *   FileVault is On, but needs to be restarted to finish.
 *   FileVault is Off, but will be enabled after the next restart.
 *   FileVault is Off, but needs to be restarted to finish.
 *   Encryption in progress: Percent completed = 42.3
 *   Decryption in progress: Percent completed = 12.0
 * plus informational lines (`FileVault master keychain appears to be installed.`, `Deferred
 * enablement appears to be active for user 'x'.`).
 */
import { outputLines } from '../../platform/macos/run.js';

export type FileVaultState = 'on' | 'off' | 'encrypting' | 'decrypting' | 'pending-restart' | 'unknown';

export interface FileVaultStatus {
  state: FileVaultState;
  /** true only for a settled `FileVault is On.` with no conversion in progress. */
  encrypted: boolean | null;
  /** The lines that decided it. */
  lines: string[];
}

export const parseFdesetupStatus = (text: string): FileVaultStatus => {
  const lines = outputLines(text).map((line) => line.trim());
  const first = lines.find((line) => /^FileVault is /i.test(line));
  const progress = lines.find((line) => /^(En|De)cryption in progress/i.test(line));
  const decided = [first, progress].filter((line): line is string => line !== undefined);
  if (progress !== undefined && /^Encryption/i.test(progress)) return { state: 'encrypting', encrypted: false, lines: decided };
  if (progress !== undefined) return { state: 'decrypting', encrypted: false, lines: decided };
  if (first === undefined) return { state: 'unknown', encrypted: null, lines };
  if (/^FileVault is On\.?$/i.test(first)) return { state: 'on', encrypted: true, lines: decided };
  if (/^FileVault is Off\.?$/i.test(first)) return { state: 'off', encrypted: false, lines: decided };
  if (/restart/i.test(first)) return { state: 'pending-restart', encrypted: false, lines: decided };
  return { state: 'unknown', encrypted: null, lines: decided };
};

/**
 * `sysctl vm.swapusage`: `vm.swapusage: total = 2048.00M  used = 1067.75M  free = 980.25M  (encrypted)`.
 * true when the line says (encrypted), false when it is a swapusage line without it, null otherwise.
 */
export const parseSwapUsage = (text: string): boolean | null => {
  const line = outputLines(text).find((l) => /vm\.swapusage|total\s*=/.test(l));
  if (line === undefined) return null;
  return /\(encrypted\)/i.test(line);
};

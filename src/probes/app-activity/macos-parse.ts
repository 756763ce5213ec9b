/** Pure helpers of the macOS app-activity probe: `ps` output and app bundle paths. */
import { outputLines } from '../../platform/macos/run.js';

/** The ps invocation: every process, unlimited width, no header; `comm` is the executable path on macOS. */
export const psArgs = ['-axww', '-o', 'pid=,uid=,comm='] as const;

export interface PsRow {
  pid: number;
  uid: number;
  /** Executable path (or bare name for processes whose path is unknown). */
  command: string;
}

/** `  PID UID COMMAND` rows; the command may contain spaces (`Google Drive`, `Slack Helper (Renderer)`). */
export const parsePs = (text: string): PsRow[] => {
  const rows: PsRow[] = [];
  for (const line of outputLines(text)) {
    const match = /^\s*(\d+)\s+(-?\d+)\s+(.+)$/.exec(line);
    if (!match) continue;
    rows.push({ pid: Number(match[1]), uid: Number(match[2]), command: (match[3] ?? '').trim() });
  }
  return rows;
};

export interface BundleOfPath {
  /** The outermost `*.app` folder: helpers inside Frameworks/ belong to it. */
  bundle: string;
  /** Its folder name without `.app`. */
  bundleName: string;
}

/** The outermost application bundle an executable path lies in; undefined outside bundles. */
export const outermostBundle = (path: string): BundleOfPath | undefined => {
  if (!path.startsWith('/')) return undefined;
  const segments = path.split('/');
  const index = segments.findIndex((segment) => /\.app$/i.test(segment));
  if (index < 0) return undefined;
  const name = segments[index] ?? '';
  return { bundle: segments.slice(0, index + 1).join('/'), bundleName: name.replace(/\.app$/i, '') };
};

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

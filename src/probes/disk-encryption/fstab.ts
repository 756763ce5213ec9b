/** /etc/fstab, as described in fstab(5): whitespace-separated fields, octal escapes, `#` comments. */
import { unescapeOctal } from './mountinfo.js';

export type FstabEntry = { spec: string; file: string; vfstype: string; options: string[] };

/** Whitespace-separated fields of the non-comment lines of fstab-like files (fstab, crypttab). */
export const tableRows = (text: string): string[][] =>
  text
    .split('\n')
    .map((line) => line.trim())
    .filter((line) => line !== '' && !line.startsWith('#'))
    .map((line) => line.split(/\s+/).map(unescapeOctal));

export const parseFstab = (text: string): FstabEntry[] =>
  tableRows(text).flatMap(([spec, file, vfstype, options]) =>
    spec && file && vfstype ? [{ spec, file, vfstype, options: (options ?? 'defaults').split(',') }] : [],
  );

/** The entry that mounts a mount point (the last one wins, as mount -a would stack them). */
export const fstabEntryFor = (entries: readonly FstabEntry[], mountPoint: string): FstabEntry | undefined =>
  entries.findLast((entry) => entry.file === mountPoint && entry.vfstype !== 'swap');

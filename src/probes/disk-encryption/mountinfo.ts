/** /proc/<pid>/mountinfo, as described in proc(5). */

export type MountEntry = {
  major: number;
  minor: number;
  /** Path inside the filesystem that is mounted (not `/` for bind mounts). */
  root: string;
  mountPoint: string;
  fsType: string;
  source: string;
  superOptions: string[];
};

/** Undo the kernel's octal escapes of space, tab, newline and backslash (`\040`). */
export const unescapeOctal = (text: string): string => text.replace(/\\([0-7]{3})/g, (_, octal: string) => String.fromCharCode(parseInt(octal, 8)));

export const parseMountinfo = (text: string): MountEntry[] => {
  const entries: MountEntry[] = [];
  for (const line of text.split('\n')) {
    const separator = line.indexOf(' - ');
    if (separator < 0) continue;
    const left = line.slice(0, separator).split(' ');
    const right = line.slice(separator + 3).split(' ');
    const device = /^(\d+):(\d+)$/.exec(left[2] ?? '');
    const [root, mountPoint] = [left[3], left[4]];
    const [fsType, source] = [right[0], right[1]];
    if (!device || root === undefined || mountPoint === undefined || !fsType || source === undefined) continue;
    entries.push({
      major: Number(device[1]),
      minor: Number(device[2]),
      root: unescapeOctal(root),
      mountPoint: unescapeOctal(mountPoint),
      fsType,
      source: unescapeOctal(source),
      superOptions: (right[2] ?? '').split(',').filter((option) => option !== ''),
    });
  }
  return entries;
};

/** The mount visible at a mount point: the last one listed there (later mounts stack on top). */
export const visibleMount = (entries: readonly MountEntry[], mountPoint: string): MountEntry | undefined =>
  entries.findLast((entry) => entry.mountPoint === mountPoint);

/** The visible mount holding a path: the longest mount point that is a prefix of it. */
export const mountHolding = (entries: readonly MountEntry[], path: string): MountEntry | undefined => {
  let best: MountEntry | undefined;
  for (const entry of entries) {
    const prefix = entry.mountPoint === '/' ? '/' : `${entry.mountPoint}/`;
    if (path !== entry.mountPoint && !path.startsWith(prefix)) continue;
    if (!best || entry.mountPoint.length >= best.mountPoint.length) best = entry;
  }
  return best;
};

/** Value of a `key=value` super option (e.g. overlay's `upperdir`). */
export const superOption = (entry: MountEntry, key: string): string | undefined =>
  entry.superOptions.find((option) => option.startsWith(`${key}=`))?.slice(key.length + 1);

/**
 * LVM metadata backups (/etc/lvm/backup/<vg>): each physical volume carries a
 * `device = "/dev/..."` hint naming the device it was on when the backup was written.
 */
export const lvmDeviceHints = (text: string): string[] => [...text.matchAll(/^\s*device\s*=\s*"([^"]+)"/gm)].flatMap((match) => (match[1] ? [match[1]] : []));

/**
 * Volume group of an LVM device path: `/dev/mapper/<vg>-<lv>` (a dash inside a name is doubled)
 * or `/dev/<vg>/<lv>`. Undefined for anything else.
 */
export const lvmVolumeGroup = (device: string): string | undefined => {
  const mapper = /^\/dev\/mapper\/((?:[^-]|--)+)-(?:[^-]|--)+$/.exec(device);
  if (mapper?.[1]) return mapper[1].replaceAll('--', '-');
  const direct = /^\/dev\/([^/]+)\/[^/]+$/.exec(device);
  if (direct?.[1] && !['mapper', 'disk', 'md', 'block', 'bus', 'char', 'fd', 'input', 'net', 'pts', 'shm', 'snd'].includes(direct[1])) {
    return direct[1];
  }
  return undefined;
};

/**
 * Managed preferences: what configuration profiles (MDM or installed by hand) set. macOS writes the
 * effective payload values to /Library/Managed Preferences/<domain>.plist (device scope) and
 * /Library/Managed Preferences/<user>/<domain>.plist (user scope); a managed value overrides the
 * user's own preference and cannot be changed in System Settings.
 */
import type { Host } from '../../hosts/host.js';
import { plistDict, readPlist, type PlainDict } from './plist.js';

export const managedDir = '/Library/Managed Preferences';

export interface ManagedDomain {
  /** The user scope wins over the device scope, key by key. */
  dict: PlainDict;
  /** The files that exist, for evidence. */
  paths: string[];
}

export const readManaged = async (host: Host, domain: string, user?: string): Promise<ManagedDomain | undefined> => {
  const paths = [`${managedDir}/${domain}.plist`, ...(user === undefined ? [] : [`${managedDir}/${user}/${domain}.plist`])];
  const reads = await Promise.all(paths.map((path) => readPlist(host, path)));
  const found = paths.filter((_, index) => reads[index]?.status === 'ok');
  if (found.length === 0) return undefined;
  const dict: PlainDict = {};
  for (const read of reads) Object.assign(dict, plistDict(read) ?? {});
  return { dict, paths: found };
};

/** The macOS release, from SystemVersion.plist (present on every macOS system volume, readable offline). */
import type { Host } from '../../hosts/host.js';
import { plistDict, readPlist, stringValue } from './plist.js';

export const systemVersionPath = '/System/Library/CoreServices/SystemVersion.plist';

export interface SystemVersion {
  productName: string | null;
  version: string | null;
  build: string | null;
  /** Rapid Security Response suffix such as `(a)` (ProductVersionExtra, macOS 13+). */
  extra: string | null;
}

export const readSystemVersion = async (host: Host): Promise<SystemVersion | undefined> => {
  const dict = plistDict(await readPlist(host, systemVersionPath));
  if (dict === undefined) return undefined;
  return {
    productName: stringValue(dict, 'ProductName'),
    version: stringValue(dict, 'ProductVersion'),
    build: stringValue(dict, 'ProductBuildVersion'),
    extra: stringValue(dict, 'ProductVersionExtra'),
  };
};

/** [major, minor] of a version such as '14.5' or '10.15.7'; undefined when it is not one. */
export const versionParts = (version: string | null): [number, number] | undefined => {
  const match = /^(\d+)(?:\.(\d+))?/.exec(version ?? '');
  if (!match) return undefined;
  return [Number(match[1]), Number(match[2] ?? '0')];
};

/** Marketing names by major version (10.x releases by minor). */
const names: Readonly<Record<string, string>> = {
  '10.13': 'High Sierra',
  '10.14': 'Mojave',
  '10.15': 'Catalina',
  '11': 'Big Sur',
  '12': 'Monterey',
  '13': 'Ventura',
  '14': 'Sonoma',
  '15': 'Sequoia',
  '26': 'Tahoe',
};

export const releaseName = (version: string | null): string | null => {
  const parts = versionParts(version);
  if (!parts) return null;
  const [major, minor] = parts;
  return names[major === 10 ? `10.${minor}` : String(major)] ?? null;
};

/** Which operating system a filesystem at rest holds, from marker files any install has. */
import type { Platform } from '../model.js';

const markers: readonly (readonly [Platform, readonly string[]])[] = [
  ['linux', ['/etc/os-release', '/usr/lib/os-release', '/etc/debian_version', '/etc/alpine-release', '/etc/redhat-release', '/bin/sh']],
  ['macos', ['/System/Library/CoreServices/SystemVersion.plist']],
  ['windows', ['/Windows/System32', '/windows/system32']],
];

/** `exists` answers whether a path exists inside the scanned root (following links inside it). */
export const detectPlatform = async (exists: (path: string) => Promise<boolean>): Promise<Platform | undefined> => {
  for (const [platform, paths] of markers) {
    for (const path of paths) if (await exists(path)) return platform;
  }
  return undefined;
};

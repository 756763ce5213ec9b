/** Pure helpers of the macOS os probe. */
import { isDict, stringValue, type PlainDict } from '../../platform/macos/plist.js';
import { releaseName, versionParts, type SystemVersion } from '../../platform/macos/system-version.js';

export interface MacosRelease {
  distribution: 'macos';
  distributionName: string | null;
  version: string | null;
  versionMajor: number | null;
  build: string | null;
  codename: string | null;
}

/** 'macOS 14.5 Sonoma' (with a Rapid Security Response suffix when there is one). */
export const macosRelease = (system: SystemVersion | undefined): MacosRelease => {
  const version = system?.version ?? null;
  const name = releaseName(version);
  const product = system?.productName ?? 'macOS';
  const full = version === null ? null : [product, [version, system?.extra].filter(Boolean).join(' '), name].filter(Boolean).join(' ');
  const parts = versionParts(version);
  return {
    distribution: 'macos',
    distributionName: full,
    version,
    versionMajor: parts === undefined ? null : parts[0] === 10 ? 10 : parts[0],
    build: system?.build ?? null,
    codename: name === null ? null : name.toLowerCase().replace(/\s+/g, '-'),
  };
};

/**
 * The host name from SystemConfiguration's preferences.plist: System.System.HostName when set,
 * else System.Network.HostNames.LocalHostName (the Bonjour name), else System.System.ComputerName.
 */
export const configuredHostname = (preferences: PlainDict | undefined): string | null => {
  const system = preferences?.System;
  if (!isDict(system)) return null;
  const inner = isDict(system.System) ? system.System : undefined;
  const network = isDict(system.Network) && isDict(system.Network.HostNames) ? system.Network.HostNames : undefined;
  return stringValue(inner, 'HostName') ?? stringValue(network, 'LocalHostName') ?? stringValue(inner, 'ComputerName');
};

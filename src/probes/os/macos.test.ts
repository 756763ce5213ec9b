import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';
import { configuredHostname, macosRelease } from './macos-parse.js';

const systemVersion = build({ ProductName: 'macOS', ProductVersion: '14.5', ProductBuildVersion: '23F79' });

describe('macosRelease', () => {
  it('names the release, its major version and build', () => {
    expect(macosRelease({ productName: 'macOS', version: '14.5', build: '23F79', extra: null })).toEqual({
      distribution: 'macos',
      distributionName: 'macOS 14.5 Sonoma',
      version: '14.5',
      versionMajor: 14,
      build: '23F79',
      codename: 'sonoma',
    });
    expect(macosRelease({ productName: 'macOS', version: '13.4.1', build: '22F770820d', extra: '(c)' }).distributionName).toBe('macOS 13.4.1 (c) Ventura');
    expect(macosRelease({ productName: 'Mac OS X', version: '10.15.7', build: '19H2', extra: null })).toMatchObject({ versionMajor: 10, codename: 'catalina' });
    expect(macosRelease(undefined)).toMatchObject({ version: null, versionMajor: null, distributionName: null });
  });

  it('takes the configured host name from preferences.plist', () => {
    expect(configuredHostname({ System: { System: { ComputerName: 'Alice Mac' }, Network: { HostNames: { LocalHostName: 'alice-mac' } } } })).toBe('alice-mac');
    expect(configuredHostname({ System: { System: { HostName: 'a.example.lu' } } })).toBe('a.example.lu');
    expect(configuredHostname(undefined)).toBeNull();
  });
});

describe('collectMacos (os)', () => {
  it('live: SystemVersion.plist plus uname and hostname', async () => {
    const host = fakeHost({
      platform: 'macos',
      files: { '/System/Library/CoreServices/SystemVersion.plist': systemVersion },
      commands: { 'uname -r': { stdout: '23.5.0\n' }, 'uname -m': { stdout: 'arm64\n' }, hostname: { stdout: 'mac.local\n' } },
    });
    const outcome = await collectMacos(host, { platform: 'macos', now: new Date(), catalog: { apps: [] }, capabilities: host.capabilities });
    expect(outcome).toMatchObject({
      status: 'ok',
      facts: {
        family: 'macos',
        distribution: 'macos',
        version: '14.5',
        versionMajor: 14,
        build: '23F79',
        kernel: '23.5.0',
        architecture: 'arm64',
        hostname: 'mac.local',
        isContainerImage: false,
      },
    });
  });

  it('at rest: no commands, host name from the configuration', async () => {
    const host = fakeHost({
      platform: 'macos',
      capabilities: { live: false, exec: false },
      files: {
        '/System/Library/CoreServices/SystemVersion.plist': systemVersion,
        '/Library/Preferences/SystemConfiguration/preferences.plist': build({ System: { Network: { HostNames: { LocalHostName: 'img' } } } }),
      },
    });
    const outcome = await collectMacos(host, { platform: 'macos', now: new Date(), catalog: { apps: [] }, capabilities: host.capabilities });
    expect(host.ran).toEqual([]);
    expect(outcome).toMatchObject({ status: 'ok', facts: { kernel: null, architecture: null, hostname: 'img', isContainerImage: true } });
  });
});

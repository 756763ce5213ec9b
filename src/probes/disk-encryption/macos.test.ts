import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';
import { parseFdesetupStatus, parseSwapUsage } from './macos-parse.js';

const context = (host: Host) => ({ platform: 'macos' as const, now: new Date(), catalog: { apps: [] }, capabilities: host.capabilities });
const systemVersion = {
  '/System/Library/CoreServices/SystemVersion.plist': build({ ProductName: 'macOS', ProductVersion: '14.5', ProductBuildVersion: '23F79' }),
};

describe('parseFdesetupStatus', () => {
  it.each([
    ['FileVault is On.\n', 'on', true],
    ['FileVault is On.\r\nFileVault master keychain appears to be installed.\r\n', 'on', true],
    ['FileVault is Off.\n', 'off', false],
    ['FileVault is On.\nEncryption in progress: Percent completed = 42.3\n', 'encrypting', false],
    ['FileVault is On.\nDecryption in progress: Percent completed = 12.0\n', 'decrypting', false],
    ['FileVault is Off, but will be enabled after the next restart.\n', 'pending-restart', false],
    ['FileVault is On, but needs to be restarted to finish.\n', 'pending-restart', false],
    ['Error: something else\n', 'unknown', null],
  ] as const)('%j → %s', (text, state, encrypted) => {
    expect(parseFdesetupStatus(text)).toMatchObject({ state, encrypted });
  });

  it('reads vm.swapusage', () => {
    expect(parseSwapUsage('vm.swapusage: total = 2048.00M  used = 1067.75M  free = 980.25M  (encrypted)\n')).toBe(true);
    expect(parseSwapUsage('vm.swapusage: total = 0.00M  used = 0.00M  free = 0.00M\n')).toBe(false);
    expect(parseSwapUsage('')).toBeNull();
  });
});

describe('collectMacos (disk-encryption)', () => {
  it('FileVault on: encrypted, documented XTS-AES-128 (aes-xts, 256 bits), swap encrypted', async () => {
    const host = fakeHost({
      platform: 'macos',
      files: systemVersion,
      commands: {
        'fdesetup status': { stdout: 'FileVault is On.\n' },
        'sysctl vm.swapusage': { stdout: 'vm.swapusage: total = 1024.00M  used = 0.00M  free = 1024.00M  (encrypted)\n' },
      },
    });
    expect(await collectMacos(host, context(host))).toMatchObject({
      status: 'ok',
      facts: { systemVolumeEncrypted: true, systemVolumeCipher: 'aes-xts', systemVolumeKeyBits: 256, swapEncrypted: true, method: ['fdesetup', 'sysctl'] },
    });
  });

  it('fdesetup missing: unknown; swap from the release', async () => {
    const host = fakeHost({ platform: 'macos', files: systemVersion });
    expect(await collectMacos(host, context(host))).toMatchObject({
      status: 'ok',
      facts: { systemVolumeEncrypted: null, systemVolumeCipher: null, swapEncrypted: true, swapVia: 'macOS 14.5: swap is always encrypted since OS X 10.7' },
    });
  });

  it('at rest: FileVault unknown, no command run', async () => {
    const host = fakeHost({ platform: 'macos', files: systemVersion, capabilities: { live: false, exec: false } });
    const outcome = await collectMacos(host, context(host));
    expect(host.ran).toEqual([]);
    expect(outcome).toMatchObject({ status: 'ok', facts: { systemVolumeEncrypted: null, swapEncrypted: true } });
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { powershellProgram, psArgs } from '../../platform/windows/powershell.js';
import type { ProbeContext } from '../probe.js';
import { collectWindows, windowsEncryptionScript } from './windows.js';
import { cipherOf, windowsEncryptionFacts } from './windows-parse.js';

const context: ProbeContext = {
  platform: 'windows',
  now: new Date('2026-11-20T10:00:00Z'),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true },
};
const key = [powershellProgram, ...psArgs(windowsEncryptionScript)].join(' ');
const on = {
  MountPoint: 'C:',
  VolumeType: 0,
  VolumeStatus: 1,
  ProtectionStatus: 1,
  EncryptionMethod: 7,
  EncryptionPercentage: 100,
  KeyProtector: ['Tpm', 'RecoveryPassword'],
};

const sample = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');
const denied = {
  bitlocker: null,
  bitlockerError: 'Access denied',
  cim: null,
  cimError: 'Access denied',
  pagingFiles: ['C:\\pagefile.sys'],
  ntfsEncryptPagingFile: 0,
};

describe('windows disk-encryption facts from manage-bde, when neither the BitLocker cmdlets nor CIM answer', () => {
  it('reads the German (real) output: C: fully decrypted, so not encrypted, and so is the paging file on it', () => {
    const facts = windowsEncryptionFacts({
      ...denied,
      systemDrive: 'C:',
      manageBde: { text: sample('manage-bde-de-decrypted.txt'), exit: 0, systemProtectionExit: 1 },
    });
    expect(facts).toMatchObject({ systemVolumeEncrypted: false, swapEncrypted: false, method: expect.arrayContaining(['manage-bde -status']) as unknown });
    expect(JSON.stringify(facts.volumes)).toContain('Vollständig entschlüsselt');
    expect(JSON.stringify(facts.reasons)).toContain('Get-BitLockerVolume: Access denied');
  });

  it('an encryption still in progress is not encrypted, even at 100 % with protection on (German, real)', () => {
    const facts = windowsEncryptionFacts({
      ...denied,
      systemDrive: 'C:',
      manageBde: { text: sample('manage-bde-de-encrypting.txt'), exit: 0, systemProtectionExit: 0 },
    });
    expect(facts).toMatchObject({ systemVolumeEncrypted: false });
  });

  it('a fully encrypted volume with protection on is encrypted (English, real, as the system drive)', () => {
    const facts = windowsEncryptionFacts({
      ...denied,
      systemDrive: 'M:',
      pagingFiles: [],
      manageBde: { text: sample('manage-bde-en-data-volume.txt'), exit: 0, systemProtectionExit: 0 },
    });
    expect(facts).toMatchObject({ systemVolumeEncrypted: true, systemVolumeCipher: 'aes-xts', systemVolumeKeyBits: 256 });
  });

  it('in a language without known words, the -protectionaserrorlevel exit code decides protection; an error code decides nothing', () => {
    const foreign = sample('manage-bde-en-data-volume.txt')
      .replace('Protection On', 'Beveiliging ingeschakeld')
      .replace('Used Space Only Encrypted', 'Alleen gebruikte ruimte versleuteld');
    const on = windowsEncryptionFacts({ ...denied, systemDrive: 'M:', manageBde: { text: foreign, exit: 0, systemProtectionExit: 0 } });
    expect(on).toMatchObject({ systemVolumeEncrypted: true });
    const off = windowsEncryptionFacts({ ...denied, systemDrive: 'M:', manageBde: { text: foreign, exit: 0, systemProtectionExit: 1 } });
    expect(off).toMatchObject({ systemVolumeEncrypted: false });
    const unknown = windowsEncryptionFacts({ ...denied, systemDrive: 'M:', manageBde: { text: foreign, exit: 0, systemProtectionExit: -2147024891 } });
    expect(unknown).toMatchObject({ systemVolumeEncrypted: null });
  });

  it('manage-bde denied too: unknown, with every reason', () => {
    const facts = windowsEncryptionFacts({
      ...denied,
      systemDrive: 'C:',
      manageBde: { text: 'ERROR: An attempt to access a required resource was denied.', exit: -2147024891, systemProtectionExit: -2147024891 },
    });
    expect(facts).toMatchObject({ volumes: [], systemVolumeEncrypted: null });
    expect(JSON.stringify(facts.reasons)).toContain('manage-bde -status listed no volume (exit code -2147024891)');
  });
});

describe('windows disk-encryption facts', () => {
  it('spells ciphers and whole-key sizes as on Linux', () => {
    expect(cipherOf('XtsAes128')).toEqual({ cipher: 'aes-xts', keyBits: 256 });
    expect(cipherOf('XtsAes256')).toEqual({ cipher: 'aes-xts', keyBits: 512 });
    expect(cipherOf('Aes128')).toEqual({ cipher: 'aes-cbc', keyBits: 128 });
    expect(cipherOf('None')).toEqual({ cipher: null, keyBits: null });
  });

  it('reads Get-BitLockerVolume numbers (PowerShell 5.1) and names (PowerShell 7) alike', () => {
    const numbers = windowsEncryptionFacts({ systemDrive: 'C:', bitlocker: on, pagingFiles: ['C:\\pagefile.sys'], ntfsEncryptPagingFile: 0 });
    const names = windowsEncryptionFacts({
      systemDrive: 'C:',
      bitlocker: [{ ...on, VolumeStatus: 'FullyEncrypted', ProtectionStatus: 'On', EncryptionMethod: 'XtsAes256', KeyProtector: [{ KeyProtectorType: 1 }] }],
      pagingFiles: ['C:\\pagefile.sys'],
    });
    for (const facts of [numbers, names]) {
      expect(facts).toMatchObject({ systemVolumeEncrypted: true, systemVolumeCipher: 'aes-xts', systemVolumeKeyBits: 512, swapEncrypted: true });
    }
    expect(names.volumes).toMatchObject([{ keyProtectors: ['Tpm'] }]);
  });

  it('does not count suspended protection or encryption in progress as encrypted', () => {
    expect(windowsEncryptionFacts({ systemDrive: 'C:', bitlocker: { ...on, ProtectionStatus: 0 }, pagingFiles: [] })).toMatchObject({
      systemVolumeEncrypted: false,
      systemVolumeCipher: null,
      swapEncrypted: true,
      swapVia: 'no paging file',
    });
    expect(windowsEncryptionFacts({ systemDrive: 'C:', bitlocker: { ...on, VolumeStatus: 2, EncryptionPercentage: 40 } }).systemVolumeEncrypted).toBe(false);
  });

  it('falls back to Win32_EncryptableVolume, then to the Shell property, and says why', () => {
    const cim = windowsEncryptionFacts({
      systemDrive: 'C:',
      bitlocker: null,
      bitlockerError: "The term 'Get-BitLockerVolume' is not recognized",
      cim: [
        { DriveLetter: 'C:', ConversionStatus: 1, ProtectionStatus: 1, EncryptionMethod: 6 },
        { DriveLetter: 'D:', ConversionStatus: 0, ProtectionStatus: 0, EncryptionMethod: 0 },
      ],
      pagingFiles: ['D:\\pagefile.sys'],
      ntfsEncryptPagingFile: 0,
    });
    expect(cim).toMatchObject({
      systemVolumeEncrypted: true,
      systemVolumeKeyBits: 256,
      swapEncrypted: false,
      method: ['Win32_EncryptableVolume', 'Win32_PageFileUsage', 'NtfsEncryptPagingFile'],
    });
    expect(cim.reasons).toEqual(["Get-BitLockerVolume: The term 'Get-BitLockerVolume' is not recognized"]);
    const shell = windowsEncryptionFacts({
      systemDrive: 'C:',
      bitlocker: null,
      cim: null,
      cimError: 'Access denied',
      shellProtection: 1,
      pagingFiles: ['C:\\pagefile.sys'],
      ntfsEncryptPagingFile: 1,
    });
    expect(shell).toMatchObject({
      systemVolumeEncrypted: true,
      systemVolumeCipher: null,
      swapEncrypted: true,
      swapVia: 'NtfsEncryptPagingFile = 1: NTFS encrypts the paging files',
    });
    expect(windowsEncryptionFacts({ systemDrive: 'C:', bitlocker: null, cim: null })).toMatchObject({ systemVolumeEncrypted: null, swapEncrypted: null });
  });

  it('collects only on a running system', async () => {
    const host = fakeHost({ platform: 'windows', commands: { [key]: { stdout: JSON.stringify({ systemDrive: 'C:', bitlocker: on, pagingFiles: [] }) } } });
    expect(await collectWindows(host, context)).toMatchObject({ status: 'ok', facts: { systemVolumeEncrypted: true } });
    expect((await collectWindows(host, { ...context, capabilities: { read: true, exec: true, live: false } })).status).toBe('unsupported');
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseManageBde } from './parse-manage-bde.js';

const sample = (name: string): string => readFileSync(new URL(`./testdata/${name}`, import.meta.url), 'utf8');

describe('parseManageBde', () => {
  it('English (real): used space only encrypted, protection on', () => {
    expect(parseManageBde(sample('manage-bde-en-data-volume.txt'))).toEqual([
      expect.objectContaining({
        MountPoint: 'M:',
        VolumeStatus: 'FullyEncrypted',
        ProtectionStatus: 'On',
        EncryptionMethod: 'XtsAes128',
        EncryptionPercentage: 100,
      }),
    ]);
  });

  it('German (real): quoted drive letter, comma decimals, fully decrypted and encryption in progress', () => {
    expect(parseManageBde(sample('manage-bde-de-decrypted.txt'))).toEqual([
      expect.objectContaining({ MountPoint: 'C:', VolumeStatus: 'FullyDecrypted', ProtectionStatus: 'Off', EncryptionMethod: null, EncryptionPercentage: 0 }),
    ]);
    expect(parseManageBde(sample('manage-bde-de-encrypting.txt'))).toEqual([
      expect.objectContaining({
        MountPoint: 'C:',
        VolumeStatus: 'EncryptionInProgress',
        ProtectionStatus: 'On',
        EncryptionMethod: 'XtsAes128',
        EncryptionPercentage: 100,
      }),
    ]);
  });

  it('French (built from documentation): labels with a space before the colon', () => {
    expect(parseManageBde(sample('manage-bde-fr-encrypting.txt'))).toEqual([
      expect.objectContaining({
        MountPoint: 'C:',
        VolumeStatus: 'EncryptionInProgress',
        ProtectionStatus: 'Off',
        EncryptionMethod: 'XtsAes128',
        EncryptionPercentage: 37.4,
      }),
    ]);
  });

  it('reads fields by position in a language it has no words for: status from the percentage, protection unknown', () => {
    // Every label and word replaced (e.g. a Dutch or Polish Windows): only numbers and cipher names survive.
    const foreign = sample('manage-bde-en-data-volume.txt')
      .split('\n')
      .map((line) => {
        if (line.startsWith('Volume ')) return line.replace('Volume', 'Wolumin');
        const kv = /^( +)[^:]+:( +)(.*)$/.exec(line);
        if (!kv) return line;
        const value = /^\d|XTS|%/.test(kv[3] ?? '') ? (kv[3] ?? '') : 'Słowo nieznane';
        return `${kv[1] ?? ''}Pole:${kv[2] ?? ''}${value}`;
      })
      .join('\n');
    expect(foreign).not.toMatch(/Protection|Conversion|Encrypted/);
    expect(parseManageBde(foreign)).toEqual([
      expect.objectContaining({
        MountPoint: 'M:',
        VolumeStatus: 'FullyEncrypted',
        ProtectionStatus: null,
        EncryptionMethod: 'XtsAes128',
        EncryptionPercentage: 100,
      }),
    ]);
  });

  it('several volumes, one without a drive letter skipped; an error message reads as no volume', () => {
    const two = `${sample('manage-bde-fr-encrypting.txt')}\nVolume \\\\?\\Volume{e2af13ec-0000-0000-0000-100000000000}\\ [Bek Volume]\n[Data Volume]\n\n    Size:                 0.04 GB\n    BitLocker Version:    None\n    Conversion Status:    Fully Decrypted\n\n${sample('manage-bde-en-data-volume.txt').split('\n').slice(3).join('\n')}`;
    expect(parseManageBde(two).map((v) => [v.MountPoint, v.VolumeStatus])).toEqual([
      ['C:', 'EncryptionInProgress'],
      ['M:', 'FullyEncrypted'],
    ]);
    expect(parseManageBde('ERROR: An attempt to access a required resource was denied.\r\n')).toEqual([]);
  });
});

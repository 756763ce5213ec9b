import { describe, expect, it } from 'vitest';
import { cryptsetupScheme, parseCryptsetupStatus } from './cryptsetup.js';
import { effectiveUid } from './proc-status.js';
import { sample } from '../../testing/disk-encryption-samples.js';

describe('parseCryptsetupStatus', () => {
  it('reads the LUKS1 status quoted in ceph-volume', () => {
    expect(parseCryptsetupStatus(sample('public/ceph-cryptsetup-status-luks1.txt'))).toEqual({
      active: true,
      inUse: true,
      type: 'LUKS1',
      cipher: 'aes-xts-plain64',
      keyBits: 256,
      device: '/dev/sdc2',
      keyLocation: null,
    });
  });

  it('reads nothing from the errors recorded on this VM (no device-mapper; not root)', () => {
    expect(parseCryptsetupStatus(sample('debian12-vm/cryptsetup-status-root-no-dm.stderr'))).toBeUndefined();
    expect(parseCryptsetupStatus(sample('debian12-vm/cryptsetup-status-nonroot.stderr'))).toBeUndefined();
  });

  it('reads an inactive mapping and the LUKS2 key location line', () => {
    expect(parseCryptsetupStatus('/dev/mapper/x is inactive.\n')).toMatchObject({ active: false, inUse: false, type: null, cipher: null });
    const luks2 = '/dev/mapper/root is active.\n  type:    LUKS2\n  cipher:  aes-xts-plain64\n  keysize: 512 bits\n  key location: keyring\n';
    expect(parseCryptsetupStatus(luks2)).toMatchObject({ active: true, inUse: false, type: 'LUKS2', keyBits: 512, keyLocation: 'keyring' });
  });

  it('maps cryptsetup types to schemes', () => {
    expect(['LUKS1', 'LUKS2', 'PLAIN', 'TCRYPT'].map(cryptsetupScheme)).toEqual(['luks1', 'luks2', 'plain', 'dm-crypt']);
    expect(cryptsetupScheme(null)).toBeNull();
  });
});

describe('effectiveUid', () => {
  it('reads root from /proc/self/status recorded on this VM', () => {
    expect(effectiveUid(sample('debian12-vm/proc-self-status'))).toBe(0);
    expect(effectiveUid('Uid:\t1000\t1000\t1000\t1000\n')).toBe(1000);
    expect(effectiveUid('Name: x\n')).toBeNull();
  });
});

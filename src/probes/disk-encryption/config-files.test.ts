import { describe, expect, it } from 'vitest';
import { crypttabScheme, isVolatile, parseCrypttab } from './crypttab.js';
import { fstabEntryFor, parseFstab } from './fstab.js';
import { luksKernelParameters } from './kernel-cmdline.js';
import { lvmDeviceHints, lvmVolumeGroup } from './lvm-backup.js';
import { sample } from '../../testing/disk-encryption-samples.js';
import { zfsVerdict } from './zfs.js';

describe('fstab and crypttab', () => {
  it('reads the unconfigured fstab and the empty crypttab template recorded on this VM', () => {
    expect(parseFstab(sample('debian12-vm/fstab'))).toEqual([]);
    expect(parseCrypttab(sample('debian12-vm/crypttab'))).toEqual([]);
  });

  // Lines in the forms documented by fstab(5) and crypttab(5).
  it('reads entries, defaults and escapes', () => {
    const fstab = parseFstab(
      '/dev/mapper/vg-root /               ext4    errors=remount-ro 0       1\n' +
        'UUID=1234 /mnt/my\\040disk vfat umask=0077 0 1\n' +
        '/dev/mapper/cryptswap none swap sw 0 0\n' +
        'tmpfs /tmp tmpfs\n',
    );
    expect(fstabEntryFor(fstab, '/')).toEqual({ spec: '/dev/mapper/vg-root', file: '/', vfstype: 'ext4', options: ['errors=remount-ro'] });
    expect(fstabEntryFor(fstab, '/mnt/my disk')?.spec).toBe('UUID=1234');
    expect(fstabEntryFor(fstab, 'none')).toBeUndefined();
    expect(fstabEntryFor(fstab, '/tmp')?.options).toEqual(['defaults']);

    const crypttab = parseCrypttab(
      'sda3_crypt UUID=5f0e-11 none luks,discard\n' +
        'cryptswap /dev/sda2 /dev/urandom swap,cipher=aes-xts-plain64,size=256\n' +
        'data /dev/sdb1\n' +
        'old /dev/sdc1 - plain\n',
    );
    expect(crypttab).toEqual([
      { name: 'sda3_crypt', device: 'UUID=5f0e-11', keyfile: null, options: ['luks', 'discard'] },
      { name: 'cryptswap', device: '/dev/sda2', keyfile: '/dev/urandom', options: ['swap', 'cipher=aes-xts-plain64', 'size=256'] },
      { name: 'data', device: '/dev/sdb1', keyfile: null, options: [] },
      { name: 'old', device: '/dev/sdc1', keyfile: null, options: ['plain'] },
    ]);
    expect(crypttab.map(isVolatile)).toEqual([false, true, false, false]);
    expect(crypttab.map(crypttabScheme)).toEqual(['dm-crypt', 'dm-crypt', 'dm-crypt', 'plain']);
  });
});

describe('LVM metadata backups', () => {
  it('reads device hints', () => {
    const backup = 'vg {\n\tphysical_volumes {\n\t\tpv0 {\n\t\t\tid = "abc"\n\t\t\tdevice = "/dev/mapper/sda3_crypt"\t# Hint only\n\t\t}\n\t}\n}\n';
    expect(lvmDeviceHints(backup)).toEqual(['/dev/mapper/sda3_crypt']);
  });

  it('names the volume group of an LVM device path', () => {
    expect(lvmVolumeGroup('/dev/mapper/ubuntu--vg-ubuntu--lv')).toBe('ubuntu-vg');
    expect(lvmVolumeGroup('/dev/mapper/debian--vg-root')).toBe('debian-vg');
    expect(lvmVolumeGroup('/dev/vg0/root')).toBe('vg0');
    expect(lvmVolumeGroup('/dev/mapper/sda3_crypt')).toBeUndefined();
    expect(lvmVolumeGroup('/dev/disk/by-uuid')).toBeUndefined();
    expect(lvmVolumeGroup('UUID=1234')).toBeUndefined();
  });
});

describe('kernel parameters', () => {
  it('finds LUKS unlock parameters', () => {
    expect(luksKernelParameters('GRUB_CMDLINE_LINUX="rd.luks.uuid=luks-1234 rhgb quiet"\n')).toEqual(['rd.luks.uuid=luks-1234']);
    expect(luksKernelParameters('options cryptdevice=UUID=abcd:cryptroot root=/dev/mapper/cryptroot rw')).toEqual(['cryptdevice=UUID=abcd:cryptroot']);
    expect(luksKernelParameters(sample('debian12-vm/mountinfo'))).toEqual([]);
  });
});

describe('zfsVerdict', () => {
  it('reads native encryption and refuses to conclude from encryption=off', () => {
    expect(zfsVerdict('rpool/ROOT/ubuntu', 'aes-256-gcm\n')).toEqual({
      encrypted: true,
      scheme: 'zfs-native',
      cipher: 'aes-256-gcm',
      keyBits: 256,
      via: 'zfs rpool/ROOT/ubuntu encryption=aes-256-gcm',
    });
    expect(zfsVerdict('tank', 'off\n')?.encrypted).toBeNull();
    expect(zfsVerdict('tank', '')).toBeUndefined();
  });
});

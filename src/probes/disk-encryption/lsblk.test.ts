import { describe, expect, it } from 'vitest';
import { lsblkBoolean, lsblkChains, lsblkVerdict, mountedAt, namedKernelDevice, parseLsblk } from './lsblk.js';
import { sample } from '../../testing/disk-encryption-samples.js';

describe('parseLsblk', () => {
  it('reads the lsblk -J recorded on this VM (no udev, so FSTYPE is null)', () => {
    expect(parseLsblk(sample('debian12-vm/lsblk.json'))).toEqual([
      { name: 'zram0', kname: 'zram0', type: 'disk', fstype: null, mountpoints: [], pkname: null, readOnly: null, children: [] },
      { name: 'vda', kname: 'vda', type: 'disk', fstype: null, mountpoints: ['/'], pkname: null, readOnly: null, children: [] },
    ]);
  });

  it('reads the old single MOUNTPOINT column', () => {
    const roots = parseLsblk(sample('debian12-vm/lsblk-mountpoint-column.json'));
    expect(roots?.find((node) => node.name === 'vda')?.mountpoints).toEqual(['/']);
  });

  it('reads swap mount points', () => {
    const roots = parseLsblk(sample('debian12-vm/lsblk-with-swaps.json')) ?? [];
    expect(roots.filter(mountedAt('[SWAP]')).map((node) => node.kname)).toEqual(['loop0', 'zram0']);
  });

  it('takes "0"/"1" strings and JSON booleans alike', () => {
    expect([true, false, '1', '0', 1, 0, 'x', null].map(lsblkBoolean)).toEqual([true, false, true, false, true, false, null, null]);
    const roots = parseLsblk('{"blockdevices": [{"name":"sda","rm":"0","ro":"1","type":"disk","mountpoint":null}]}');
    expect(roots?.[0]).toMatchObject({ name: 'sda', kname: 'sda', readOnly: true, mountpoints: [] });
  });

  it('rejects what is not lsblk JSON', () => {
    expect(parseLsblk('lsblk: unknown column: MOUNTPOINTS')).toBeUndefined();
    expect(parseLsblk('{"devices": []}')).toBeUndefined();
  });
});

describe('lsblkVerdict', () => {
  it('finds LVM on LUKS under / in the real Ubuntu sample published by fleet', () => {
    const roots = parseLsblk(sample('public/fleet-ubuntu-luks-lvm-lsblk.json')) ?? [];
    expect(lsblkChains(roots, mountedAt('/'))[0]?.map((node) => node.type)).toEqual(['disk', 'part', 'crypt', 'lvm']);
    expect(lsblkVerdict(roots, mountedAt('/'))).toEqual({
      encrypted: true,
      scheme: 'dm-crypt',
      cipher: null,
      keyBits: null,
      via: 'lsblk ancestor type crypt (dm_crypt-0)',
      cryptName: 'dm_crypt-0',
    });
    expect(lsblkVerdict(roots, mountedAt('/boot'))).toMatchObject({ encrypted: false, via: 'lsblk: no crypt ancestor in nvme0n1 (disk) > nvme0n1p2 (part)' });
    expect(lsblkVerdict(roots, mountedAt('/home'))).toBeUndefined();
  });

  it('says not encrypted for the VM disk', () => {
    const roots = parseLsblk(sample('debian12-vm/lsblk.json')) ?? [];
    expect(lsblkVerdict(roots, mountedAt('/'))).toMatchObject({ encrypted: false, via: 'lsblk: no crypt ancestor in vda (disk)' });
    expect(lsblkVerdict(roots, namedKernelDevice('zram0'))?.encrypted).toBe(false);
  });

  it('needs a crypt layer on every path when a volume spans devices', () => {
    const spanning = JSON.stringify({
      blockdevices: [
        { name: 'sda', type: 'disk', children: [{ name: 'sda1_crypt', type: 'crypt', children: [{ name: 'vg-data', type: 'lvm', mountpoints: ['/home'] }] }] },
        { name: 'sdb', type: 'disk', children: [{ name: 'vg-data', type: 'lvm', mountpoints: ['/home'] }] },
      ],
    });
    expect(lsblkVerdict(parseLsblk(spanning) ?? [], mountedAt('/home'))).toMatchObject({
      encrypted: false,
      via: 'lsblk: no crypt ancestor in sdb (disk) > vg-data (lvm)',
    });
  });
});

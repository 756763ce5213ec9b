import { describe, expect, it } from 'vitest';
import { mountHolding, parseMountinfo, superOption, unescapeOctal, visibleMount } from './mountinfo.js';
import { overlayBacking, overlayDataRoot } from './overlay.js';
import { sample } from '../../testing/disk-encryption-samples.js';
import { parseSwaps } from './swaps.js';

describe('parseMountinfo', () => {
  it('finds / on /dev/vda (254:0) in the mountinfo recorded on this VM', () => {
    const mounts = parseMountinfo(sample('debian12-vm/mountinfo'));
    expect(mounts).toHaveLength(20);
    expect(visibleMount(mounts, '/')).toEqual({
      major: 254,
      minor: 0,
      root: '/',
      mountPoint: '/',
      fsType: 'ext4',
      source: '/dev/vda',
      superOptions: ['rw', 'discard', 'resv_strict', 'resuid=65534', 'resgid=65534'],
    });
    expect(visibleMount(mounts, '/home')).toBeUndefined();
    // /dev/pts is mounted twice there; the later mount is the one in use.
    expect(mounts.filter((mount) => mount.mountPoint === '/dev/pts')).toHaveLength(2);
    expect(visibleMount(mounts, '/dev/pts')?.minor).toBe(26);
  });

  it('reads the LVM root of the Ubuntu host in jc, whose super options are empty', () => {
    const mounts = parseMountinfo(sample('public/jc-ubuntu-lvm-pid_mountinfo'));
    expect(visibleMount(mounts, '/')).toMatchObject({ major: 253, minor: 0, fsType: 'ext4', source: '/dev/mapper/ubuntu--vg-ubuntu--lv', superOptions: [] });
    expect(visibleMount(mounts, '/boot')).toMatchObject({ major: 8, minor: 2, source: '/dev/sda2' });
    expect(visibleMount(mounts, '/run/snapd/ns/lxd.mnt')?.root).toBe('mnt:[4026532641]');
  });

  it('finds the mount holding a path by longest prefix', () => {
    const mounts = parseMountinfo(sample('public/jc-ubuntu-lvm-pid_mountinfo'));
    expect(mountHolding(mounts, '/swap.img')?.source).toBe('/dev/mapper/ubuntu--vg-ubuntu--lv');
    expect(mountHolding(mounts, '/boot/vmlinuz')?.source).toBe('/dev/sda2');
    expect(mountHolding(mounts, '/bootx')?.mountPoint).toBe('/');
  });

  it('undoes octal escapes', () => {
    expect(unescapeOctal('/mnt/my\\040disk\\011x\\134y')).toBe('/mnt/my disk\tx\\y');
    const [entry] = parseMountinfo('40 1 8:3 / /mnt/my\\040disk rw - ext4 /dev/sda3 rw\n');
    expect(entry?.mountPoint).toBe('/mnt/my disk');
  });
});

// Shape of a Docker container's mountinfo (overlay root, runtime files bind-mounted from the data
// root), constructed from proc(5) and Docker's default layout; see the README.
const container = [
  '600 500 0:52 / / rw,relatime - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/ABC:/var/lib/docker/overlay2/l/DEF,upperdir=/var/lib/docker/overlay2/0123/diff,workdir=/var/lib/docker/overlay2/0123/work',
  '601 600 0:55 / /proc rw,nosuid,nodev,noexec,relatime - proc proc rw',
  '610 600 253:1 /var/lib/docker/containers/abcd/resolv.conf /etc/resolv.conf rw,relatime - ext4 /dev/mapper/vg-root rw',
  '611 600 253:1 /var/lib/docker/containers/abcd/hosts /etc/hosts rw,relatime - ext4 /dev/mapper/vg-root rw',
].join('\n');

describe('overlay roots', () => {
  it('finds the data root and a bind mount from it', () => {
    const mounts = parseMountinfo(container);
    const root = visibleMount(mounts, '/');
    expect(root && superOption(root, 'upperdir')).toBe('/var/lib/docker/overlay2/0123/diff');
    expect(root && overlayDataRoot(root)).toBe('/var/lib/docker');
    expect(root && overlayBacking(mounts, root)).toMatchObject({
      dataRoot: '/var/lib/docker',
      witness: { mountPoint: '/etc/resolv.conf', major: 253, minor: 1 },
    });
  });

  it('finds nothing when no bind mount comes from the data root', () => {
    const mounts = parseMountinfo(container.split('\n').slice(0, 2).join('\n'));
    const root = visibleMount(mounts, '/');
    expect(root && overlayBacking(mounts, root)).toBeUndefined();
  });
});

describe('parseSwaps', () => {
  it('reads an empty /proc/swaps recorded on this VM', () => {
    expect(parseSwaps(sample('debian12-vm/proc-swaps'))).toEqual([]);
  });

  it('reads zram, file and partition swaps recorded on this VM', () => {
    expect(parseSwaps(sample('debian12-vm/proc-swaps-zram-file-loop'))).toEqual([
      { filename: '/dev/zram0', type: 'partition', sizeKiB: 65532, usedKiB: 0, priority: -2 },
      { filename: '/tmp/charter-swapfile', type: 'file', sizeKiB: 32764, usedKiB: 0, priority: -3 },
      { filename: '/dev/loop0', type: 'partition', sizeKiB: 32764, usedKiB: 0, priority: -4 },
    ]);
  });

  it('reads the Ubuntu swap file in jc', () => {
    expect(parseSwaps(sample('public/jc-ubuntu-swaps'))).toEqual([{ filename: '/swap.img', type: 'file', sizeKiB: 3996668, usedKiB: 0, priority: -2 }]);
  });
});

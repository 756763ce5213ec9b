import { describe, expect, it } from 'vitest';
import type { Host } from './hosts/host.js';
import { classifyTarget, detectTargetClass, fstabMountPoints, kernelImages, readClassEvidence } from './target-class.js';
import { fakeHost } from './testing/fake-host.js';

const none = { kernel: [], bootloader: [], fstab: [], containerMarkers: [] };
const atRest = { capabilities: { live: false, exec: false } };

/** What debootstrap --variant=minbase writes: no kernel, no boot loader, an fstab that is one comment. */
const minbase = {
  '/etc/os-release': 'ID=debian\nVERSION_ID="12"\n',
  '/etc/fstab': '# UNCONFIGURED FSTAB FOR BASE SYSTEM\n',
  '/usr/bin/sh': '',
  '/boot/.keep': '',
};

describe('fstabMountPoints', () => {
  it('lists what the lines mount, not comments or blank lines', () => {
    expect(fstabMountPoints('# UNCONFIGURED FSTAB FOR BASE SYSTEM\n')).toEqual([]);
    expect(fstabMountPoints('')).toEqual([]);
    expect(fstabMountPoints('# <file system> <mount point>\n\nUUID=1234 / ext4 errors=remount-ro 0 1\n  /dev/mapper/swap none swap sw 0 0\n')).toEqual([
      '/',
      'none',
    ]);
  });

  it('leaves out what mounts no disk at boot: noauto lines (Alpine containers have two), pseudo filesystems', () => {
    expect(fstabMountPoints('/dev/cdrom\t/media/cdrom\tiso9660\tnoauto,ro 0 0\n/dev/usbdisk\t/media/usb\tvfat\tnoauto,ro 0 0\n')).toEqual([]);
    expect(fstabMountPoints('proc /proc proc defaults 0 0\ntmpfs /tmp tmpfs nosuid,nodev 0 0\nLABEL=root / ext4 defaults 0 1\n')).toEqual(['/']);
  });
});

describe('kernelImages', () => {
  it('keeps kernel images among /boot entries', () => {
    expect(kernelImages(['config-6.1.0-18-amd64', 'vmlinuz-6.1.0-18-amd64', 'initrd.img-6.1.0-18-amd64', 'grub', 'System.map-6.1.0-18-amd64'])).toEqual([
      'vmlinuz-6.1.0-18-amd64',
    ]);
    expect(kernelImages(['vmlinux', 'Image', 'bzImage', 'vmlinuz.old', 'Imagery'])).toEqual(['Image', 'bzImage', 'vmlinux', 'vmlinuz.old']);
  });
});

describe('classifyTarget', () => {
  it('a running system is live, whatever it holds', () => {
    expect(classifyTarget('local', true, none).targetClass).toBe('live');
    expect(classifyTarget('ssh', true, { ...none, containerMarkers: ['/.dockerenv'] }).targetClass).toBe('live');
  });

  it('an image archive is a container image unless it boots by itself', () => {
    expect(classifyTarget('image', false, none)).toEqual({
      targetClass: 'container-image',
      reason: 'an image archive with no kernel, boot loader or /etc/fstab entry',
    });
    expect(classifyTarget('image', false, { ...none, kernel: ['/boot/vmlinuz-6.1.0-18-amd64'] }).targetClass).toBe('os-image');
    expect(classifyTarget('image', false, { ...none, bootloader: ['/boot/grub/grub.cfg'] }).targetClass).toBe('os-image');
    expect(classifyTarget('image', false, { ...none, fstab: ['/etc/fstab: /'] }).targetClass).toBe('os-image');
  });

  it('a root directory is an OS image unless it has no kernel, no boot loader and no fstab entry', () => {
    expect(classifyTarget('root', false, { ...none, kernel: ['/lib/modules/6.1.0-18-amd64'] })).toEqual({
      targetClass: 'os-image',
      reason: 'it boots by itself: /lib/modules/6.1.0-18-amd64',
    });
    expect(classifyTarget('root', false, { ...none, fstab: ['/etc/fstab: /', '/etc/fstab: /boot', '/etc/fstab: none', '/etc/fstab: /home'] }).reason).toBe(
      'it boots by itself: /etc/fstab: /, /etc/fstab: /boot, /etc/fstab: none, ...',
    );
    expect(classifyTarget('root', false, none).targetClass).toBe('container-image');
  });

  it('container markers are named but do not outweigh a kernel (VMs built from container images keep /.dockerenv)', () => {
    expect(classifyTarget('root', false, { ...none, containerMarkers: ['/.dockerenv'] })).toEqual({
      targetClass: 'container-image',
      reason: 'a filesystem with no kernel, boot loader or /etc/fstab entry (/.dockerenv)',
    });
    expect(classifyTarget('root', false, { ...none, containerMarkers: ['/.dockerenv'], kernel: ['/boot/vmlinuz-6.1.0-18-amd64'] }).targetClass).toBe(
      'os-image',
    );
  });
});

describe('readClassEvidence and detectTargetClass', () => {
  it('a debootstrap minbase root is a container image', async () => {
    const host = fakeHost({ files: minbase, ...atRest });
    expect(await readClassEvidence(host)).toEqual(none);
    expect((await detectTargetClass(host)).targetClass).toBe('container-image');
  });

  it('a workstation root (kernel, modules, GRUB, fstab) is an OS image', async () => {
    const host = fakeHost({
      files: {
        ...minbase,
        '/etc/fstab': '# /etc/fstab\n/dev/mapper/vg-root / ext4 errors=remount-ro 0 1\nUUID=AB12 /boot ext4 defaults 0 2\n',
        '/boot/vmlinuz-6.1.0-18-amd64': '',
        '/boot/grub/grub.cfg': '',
        '/usr/lib/modules/6.1.0-18-amd64/modules.dep': '',
        '/.dockerenv': '',
      },
      ...atRest,
    });
    expect(await readClassEvidence(host)).toEqual({
      kernel: ['/boot/vmlinuz-6.1.0-18-amd64', '/usr/lib/modules/6.1.0-18-amd64'],
      bootloader: ['/boot/grub/grub.cfg'],
      fstab: ['/etc/fstab: /', '/etc/fstab: /boot'],
      containerMarkers: ['/.dockerenv'],
    });
    expect((await detectTargetClass(host)).targetClass).toBe('os-image');
  });

  it('macOS and Windows roots are OS images by their kernels', async () => {
    const mac = fakeHost({ platform: 'macos', files: { '/System/Library/Kernels/kernel': '' }, ...atRest });
    const windows = fakeHost({ platform: 'windows', files: { '/Windows/System32/ntoskrnl.exe': '' }, ...atRest });
    expect((await detectTargetClass(mac)).targetClass).toBe('os-image');
    expect((await detectTargetClass(windows)).targetClass).toBe('os-image');
  });

  it('a live host is live without reading anything', async () => {
    const host = fakeHost({ files: minbase });
    const read: string[] = [];
    const spy: Host = { ...host, readFile: (p) => (read.push(p), host.readFile(p)), readDir: (p) => (read.push(p), host.readDir(p)) };
    expect((await detectTargetClass(spy)).targetClass).toBe('live');
    expect(read).toEqual([]);
  });

  it('a snapshot keeps the class it was collected with; one at rest without a class is an OS image', async () => {
    const base = fakeHost({ ...atRest });
    const recorded: Host = { ...base, precollected: { facts: {}, collectedAt: '2026-11-22T00:00:00Z', targetClass: 'container-image' } };
    const old: Host = { ...base, precollected: { facts: {}, collectedAt: '2026-11-22T00:00:00Z' } };
    const liveForced: Host = { ...fakeHost(), precollected: { facts: {}, collectedAt: '2026-11-22T00:00:00Z', targetClass: 'os-image' } };
    expect((await detectTargetClass(recorded)).targetClass).toBe('container-image');
    expect((await detectTargetClass(old)).targetClass).toBe('os-image');
    expect((await detectTargetClass(liveForced)).targetClass).toBe('os-image');
  });
});

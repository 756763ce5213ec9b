/**
 * The class of a target (live, os-image, container-image), told from what it holds.
 *
 * A running system is `live`. A filesystem at rest (`root:DIR`, `image:FILE`, a replay recorded at
 * rest) is an `os-image` when it holds evidence that it boots by itself: a kernel (/boot/vmlinuz-*,
 * /vmlinuz, a module tree under /lib/modules or /usr/lib/modules, the macOS or Windows kernel), a
 * boot loader (GRUB, systemd-boot entries, an EFI system partition, extlinux), or /etc/fstab lines
 * that mount a disk at boot. Without any of these it is a `container-image`: what `docker save` or an
 * OCI build writes, and what debootstrap --variant=minbase leaves (its fstab is one comment line).
 * Container markers (/.dockerenv, /run/.containerenv) are reported but decide nothing: VMs built
 * from container images keep them, and a kernel says more. A snapshot carries the class it was
 * collected with. `--target-class` overrides all of this.
 */
import type { Host } from './hosts/host.js';
import { readText } from './hosts/host.js';
import type { TargetClass } from './model.js';

/** What a filesystem at rest holds that tells a bootable OS from a container image; paths found. */
export interface ClassEvidence {
  kernel: string[];
  bootloader: string[];
  /** `/etc/fstab: <mount point>` for every line that mounts something. */
  fstab: string[];
  containerMarkers: string[];
}

export interface ClassDecision {
  targetClass: TargetClass;
  /** Why, in English: the evidence that decided. */
  reason: string;
}

/** Filesystems that are no disk: an fstab line for one says nothing about booting. */
const pseudoFilesystems = new Set([
  'proc',
  'sysfs',
  'tmpfs',
  'devtmpfs',
  'devpts',
  'cgroup',
  'cgroup2',
  'securityfs',
  'debugfs',
  'mqueue',
  'hugetlbfs',
  'none',
]);

/**
 * The mount points of the /etc/fstab lines that mount a disk at boot: not blank, not a comment, not
 * `noauto` (Alpine's base layout, in every Alpine container, lists a CD-ROM and a USB disk so), not a
 * pseudo filesystem (proc, tmpfs, ...).
 */
export const fstabMountPoints = (text: string): string[] =>
  text
    .split('\n')
    .map((line) => line.trim().split(/\s+/))
    .filter(
      ([device = '', , type = '', options = '']) =>
        device !== '' && !device.startsWith('#') && !pseudoFilesystems.has(type) && !options.split(',').includes('noauto'),
    )
    .map(([device = '', mount]) => mount ?? device);

/** Kernel images among the names of /boot's entries (vmlinuz-6.1.0-18-amd64, vmlinux, bzImage, Image). */
export const kernelImages = (names: readonly string[]): string[] =>
  names.filter((name) => /^(vmlinuz|vmlinux|bzImage|Image|zImage)([-.].*)?$/.test(name)).sort();

/** The class of a target from the evidence its content gives. Pure. */
export const classifyTarget = (kind: string, live: boolean, evidence: ClassEvidence): ClassDecision => {
  if (live) return { targetClass: 'live', reason: 'a running system' };
  const booting = [...evidence.kernel, ...evidence.bootloader, ...evidence.fstab];
  if (booting.length > 0) {
    return { targetClass: 'os-image', reason: `it boots by itself: ${booting.slice(0, 3).join(', ')}${booting.length > 3 ? ', ...' : ''}` };
  }
  const markers = evidence.containerMarkers.length > 0 ? ` (${evidence.containerMarkers.join(', ')})` : '';
  return {
    targetClass: 'container-image',
    reason: `${kind === 'image' ? 'an image archive' : 'a filesystem'} with no kernel, boot loader or /etc/fstab entry${markers}`,
  };
};

const existing = async (host: Host, paths: readonly string[]): Promise<string[]> => {
  const found = await Promise.all(paths.map(async (path) => ((await host.stat(path)) === undefined ? undefined : path)));
  return found.filter((path): path is string => path !== undefined);
};

/** Non-empty directories' entries as `dir/entry`; the first directory that has any wins (/lib is often /usr/lib). */
const firstListing = async (host: Host, dirs: readonly string[]): Promise<string[]> => {
  for (const dir of dirs) {
    const entries = await host.readDir(dir);
    if (entries !== undefined && entries.length > 0) return entries.sort().map((entry) => `${dir}/${entry}`);
  }
  return [];
};

/** Read the evidence from a filesystem at rest: a handful of stats and listings, nothing executed. */
export const readClassEvidence = async (host: Host): Promise<ClassEvidence> => {
  const boot = (await host.readDir('/boot')) ?? [];
  const kernel = [
    ...kernelImages(boot).map((name) => `/boot/${name}`),
    ...(await existing(host, ['/vmlinuz', '/System/Library/Kernels/kernel', '/Windows/System32/ntoskrnl.exe', '/windows/system32/ntoskrnl.exe'])),
    ...(await firstListing(host, ['/lib/modules', '/usr/lib/modules'])),
  ];
  const loaderEntries = await firstListing(host, ['/boot/loader/entries']);
  const bootloader = [
    ...(await existing(host, ['/boot/grub/grub.cfg', '/boot/grub2/grub.cfg', '/boot/extlinux/extlinux.conf', '/boot/efi/EFI', '/efi/EFI'])),
    ...loaderEntries,
  ];
  const fstabText = await readText(host, '/etc/fstab');
  const fstab = fstabText === undefined ? [] : fstabMountPoints(fstabText).map((mount) => `/etc/fstab: ${mount}`);
  const containerMarkers = await existing(host, ['/.dockerenv', '/run/.containerenv']);
  return { kernel, bootloader, fstab, containerMarkers };
};

/**
 * The class of an opened host: live when it runs; the recorded class of a snapshot (os-image for a
 * snapshot at rest that recorded none: the class under which more rules are judged); otherwise
 * told from its content.
 */
export const detectTargetClass = async (host: Host): Promise<ClassDecision> => {
  const recorded = host.precollected?.targetClass;
  if (recorded !== undefined) return { targetClass: recorded, reason: 'as recorded in the snapshot' };
  if (host.capabilities.live) return { targetClass: 'live', reason: 'a running system' };
  if (host.precollected !== undefined) return { targetClass: 'os-image', reason: 'a snapshot at rest that records no class' };
  return classifyTarget(host.kind, false, await readClassEvidence(host));
};

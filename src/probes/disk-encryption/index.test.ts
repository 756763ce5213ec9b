import { describe, expect, it } from 'vitest';
import type { Platform } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { diskEncryption } from './index.js';
import { sample } from '../../testing/disk-encryption-samples.js';

type LayerSpec = { dmName?: string; dmUuid?: string; slaves?: string[] };

/**
 * A sysfs tree in the fake host: /sys/dev/block/<maj:min> links to the device and /sys/class/block/<name>
 * holds dm/name, dm/uuid and slaves/, as the kernel lays them out (the real VM's links are recorded in
 * fixtures/samples/disk-encryption/debian12-vm/sysfs-links.txt).
 */
const sysfs = (numbers: Record<string, string>, layers: Record<string, LayerSpec>): FakeHostSpec => {
  const files: Record<string, string> = {};
  const dirs: Record<string, string[]> = {};
  const links: Record<string, string> = {};
  const describe = (dir: string, layer: LayerSpec): void => {
    if (layer.dmName !== undefined) files[`${dir}/dm/name`] = `${layer.dmName}\n`;
    if (layer.dmUuid !== undefined) files[`${dir}/dm/uuid`] = `${layer.dmUuid}\n`;
    dirs[`${dir}/slaves`] = layer.slaves ?? [];
  };
  for (const [name, layer] of Object.entries(layers)) {
    links[`/sys/class/block/${name}`] = `../../devices/virtual/block/${name}`;
    describe(`/sys/class/block/${name}`, layer);
  }
  for (const [number, name] of Object.entries(numbers)) {
    links[`/sys/dev/block/${number}`] = `../../devices/virtual/block/${name}`;
    describe(`/sys/dev/block/${number}`, layers[name] ?? {});
  }
  return { files, dirs, links };
};

const merge = (...specs: FakeHostSpec[]): FakeHostSpec => ({
  files: Object.assign({}, ...specs.map((spec) => spec.files ?? {})) as Record<string, string>,
  dirs: Object.assign({}, ...specs.map((spec) => spec.dirs ?? {})) as Record<string, string[]>,
  links: Object.assign({}, ...specs.map((spec) => spec.links ?? {})) as Record<string, string>,
  commands: Object.assign({}, ...specs.map((spec) => spec.commands ?? {})) as FakeHostSpec['commands'],
  capabilities: Object.assign({}, ...specs.map((spec) => spec.capabilities ?? {})) as FakeHostSpec['capabilities'],
});

const lsblkArgv = 'lsblk -J -o NAME,KNAME,TYPE,FSTYPE,MOUNTPOINTS,PKNAME';

const collect = async (spec: FakeHostSpec, platform: Platform = 'linux') => {
  const host = fakeHost(spec);
  const context: ProbeContext = {
    platform,
    now: new Date(0),
    catalog: { apps: [] },
    capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
  };
  const outcome = await diskEncryption.collect(host, context);
  if (outcome.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return { facts: outcome.facts, ran: host.ran.map((argv) => argv.join(' ')) };
};

/** This VM as recorded: / is ext4 on /dev/vda (254:0), no device-mapper, no swap, running as root. */
const debianVm: FakeHostSpec = merge({
  files: {
    '/proc/self/mountinfo': sample('debian12-vm/mountinfo'),
    '/proc/swaps': sample('debian12-vm/proc-swaps'),
    '/proc/self/status': sample('debian12-vm/proc-self-status'),
    '/etc/crypttab': sample('debian12-vm/crypttab'),
    '/etc/fstab': sample('debian12-vm/fstab'),
  },
  links: { '/sys/dev/block/254:0': '../../devices/pci0000:00/0000:00:02.0/virtio1/block/vda' },
  dirs: { '/sys/dev/block/254:0/slaves': [] },
  commands: { [lsblkArgv]: { stdout: sample('debian12-vm/lsblk.json') } },
});

describe('disk-encryption on a running system', () => {
  it('reports the recorded VM disk as not encrypted, from sysfs and lsblk', async () => {
    const { facts, ran } = await collect(debianVm);
    expect(facts).toEqual({
      volumes: [
        {
          mount: '/',
          device: '/dev/vda',
          fstype: 'ext4',
          encrypted: false,
          scheme: null,
          cipher: null,
          keyBits: null,
          via: 'sysfs: no dm-crypt layer in vda',
        },
      ],
      systemVolumeEncrypted: false,
      systemVolumeCipher: null,
      systemVolumeKeyBits: null,
      swapEncrypted: true,
      swap: [],
      swapVia: 'no active swap',
      crypttab: [],
      method: ['crypttab', 'mountinfo', 'lsblk', 'sysfs'],
    });
    expect(ran).toEqual([lsblkArgv]);
  });

  it('finds the unencrypted swap areas recorded on the VM (zram, a file on /, a loop device)', async () => {
    const spec = merge(debianVm, {
      files: { '/proc/swaps': sample('debian12-vm/proc-swaps-zram-file-loop') },
      links: { '/sys/class/block/loop0': '../../devices/virtual/block/loop0' },
      dirs: { '/sys/class/block/loop0/slaves': [] },
      commands: { [lsblkArgv]: { stdout: sample('debian12-vm/lsblk-with-swaps.json') } },
    });
    const { facts } = await collect(spec);
    expect(facts.swap).toEqual([
      { device: '/dev/zram0', type: 'zram', encrypted: null, via: 'zram: compressed RAM, never written to disk' },
      { device: '/tmp/charter-swapfile', type: 'file', encrypted: false, via: 'swap file on /: sysfs: no dm-crypt layer in vda' },
      { device: '/dev/loop0', type: 'partition', encrypted: false, via: 'sysfs: no dm-crypt layer in loop0' },
    ]);
    expect(facts.swapEncrypted).toBe(false);
    expect(facts.swapVia).toBe('not encrypted: /tmp/charter-swapfile, /dev/loop0');
  });

  it('says swap is encrypted when the only swap is zram', async () => {
    const { facts } = await collect(merge(debianVm, { files: { '/proc/swaps': 'Filename\tType\tSize\tUsed\tPriority\n/dev/zram0 partition 65532 0 -2\n' } }));
    expect(facts.swapEncrypted).toBe(true);
    expect(facts.swapVia).toBe('only zram swap (compressed RAM, never written to disk)');
  });

  // LVM on LUKS, numbered as in the Ubuntu lsblk sample published by fleet (dm_crypt-0 252:0, the LV 252:1).
  const luksUnderLvm = merge(
    sysfs(
      { '252:1': 'dm-1' },
      {
        'dm-1': { dmName: 'ubuntu--vg-ubuntu--lv', dmUuid: 'LVM-pV8TgNKMJVNrolJgMhVwg4CAeFFAIMC83IU1hvimWWlvmd5xQddtMIqRtjwOuKTz', slaves: ['dm-0'] },
        'dm-0': { dmName: 'dm_crypt-0', dmUuid: 'CRYPT-LUKS1-2945485357c546ed93cd25c67602ef2d-dm_crypt-0', slaves: ['nvme0n1p3'] },
        nvme0n1p3: {},
      },
    ),
    {
      files: {
        '/proc/self/mountinfo': '30 1 252:1 / / rw,relatime shared:1 - ext4 /dev/mapper/ubuntu--vg-ubuntu--lv rw\n',
        '/proc/swaps': sample('public/jc-ubuntu-swaps'),
        '/etc/crypttab': 'dm_crypt-0 UUID=29454853-57c5-46ed-93cd-25c67602ef2d none luks\n',
      },
      commands: { [lsblkArgv]: { stdout: sample('public/fleet-ubuntu-luks-lvm-lsblk.json') } },
    },
  );

  it('walks LVM down to LUKS as an unprivileged user, without cryptsetup', async () => {
    const { facts, ran } = await collect(merge(luksUnderLvm, { files: { '/proc/self/status': 'Uid:\t1000\t1000\t1000\t1000\n' } }));
    expect(facts.volumes).toEqual([
      {
        mount: '/',
        device: '/dev/mapper/ubuntu--vg-ubuntu--lv',
        fstype: 'ext4',
        encrypted: true,
        scheme: 'luks1',
        cipher: null,
        keyBits: null,
        via: 'sysfs dm uuid CRYPT-LUKS1-… on dm-0 (dm_crypt-0) below dm-1 (ubuntu--vg-ubuntu--lv)',
      },
    ]);
    expect(facts.systemVolumeEncrypted).toBe(true);
    expect(facts.swap).toEqual([
      {
        device: '/swap.img',
        type: 'file',
        encrypted: true,
        via: 'swap file on /: sysfs dm uuid CRYPT-LUKS1-… on dm-0 (dm_crypt-0) below dm-1 (ubuntu--vg-ubuntu--lv)',
      },
    ]);
    expect(facts.swapEncrypted).toBe(true);
    expect(facts.crypttab).toEqual([{ name: 'dm_crypt-0', device: 'UUID=29454853-57c5-46ed-93cd-25c67602ef2d', keyfile: null, options: ['luks'] }]);
    expect(ran).toEqual([lsblkArgv]);
  });

  it('adds cipher and key size from cryptsetup status when root', async () => {
    const spec = merge(luksUnderLvm, {
      files: { '/proc/self/status': sample('debian12-vm/proc-self-status') },
      commands: { 'cryptsetup status dm_crypt-0': { stdout: sample('public/ceph-cryptsetup-status-luks1.txt') } },
    });
    const { facts, ran } = await collect(spec);
    expect(facts.volumes).toMatchObject([{ encrypted: true, scheme: 'luks1', cipher: 'aes-xts-plain64', keyBits: 256 }]);
    expect(ran.filter((argv) => argv.startsWith('cryptsetup'))).toEqual(['cryptsetup status dm_crypt-0']);
    expect(facts.method).toEqual(['crypttab', 'mountinfo', 'lsblk', 'sysfs', 'cryptsetup']);
  });

  it('keeps the verdict and leaves cipher null when cryptsetup refuses', async () => {
    const spec = merge(luksUnderLvm, {
      files: { '/proc/self/status': sample('debian12-vm/proc-self-status') },
      commands: { 'cryptsetup status dm_crypt-0': { exitCode: 1, stderr: sample('debian12-vm/cryptsetup-status-root-no-dm.stderr') } },
    });
    const { facts } = await collect(spec);
    expect(facts.volumes).toMatchObject([{ encrypted: true, scheme: 'luks1', cipher: null, keyBits: null }]);
  });

  it('falls back to lsblk when sysfs does not know the device', async () => {
    const withoutSysfs: FakeHostSpec = {
      ...luksUnderLvm,
      files: Object.fromEntries(Object.entries(luksUnderLvm.files ?? {}).filter(([path]) => !path.startsWith('/sys/'))),
      links: {},
      dirs: {},
    };
    const { facts } = await collect(withoutSysfs);
    expect(facts.volumes).toMatchObject([{ encrypted: true, scheme: 'dm-crypt', via: 'lsblk ancestor type crypt (dm_crypt-0)' }]);
    expect(facts.method).toEqual(['crypttab', 'mountinfo', 'lsblk']);
  });

  it('works without exec (a replayed or restricted host) from sysfs alone', async () => {
    const { facts, ran } = await collect(merge(luksUnderLvm, { capabilities: { exec: false } }));
    expect(ran).toEqual([]);
    expect(facts.systemVolumeEncrypted).toBe(true);
    expect(facts.method).toEqual(['crypttab', 'mountinfo', 'sysfs']);
  });

  it('follows a btrfs source path when mountinfo shows an anonymous device number', async () => {
    const spec = merge(
      sysfs(
        {},
        { 'dm-0': { dmName: 'luks-21fc9b67', dmUuid: 'CRYPT-LUKS2-21fc9b67752e42fb83bb8c92864382e9-luks-21fc9b67', slaves: ['nvme0n1p3'] }, nvme0n1p3: {} },
      ),
      {
        capabilities: { exec: false },
        files: {
          '/proc/self/mountinfo':
            '60 1 0:33 /root / rw,relatime shared:1 - btrfs /dev/mapper/luks-21fc9b67 rw,seclabel,compress=zstd:1,subvol=/root\n' +
            '61 60 0:33 /home /home rw,relatime shared:2 - btrfs /dev/mapper/luks-21fc9b67 rw,seclabel,compress=zstd:1,subvol=/home\n',
          '/proc/swaps': 'Filename\tType\tSize\tUsed\tPriority\n',
        },
        links: { '/dev/mapper/luks-21fc9b67': '../dm-0' },
      },
    );
    const { facts } = await collect(spec);
    expect(facts.volumes).toMatchObject([
      { mount: '/', fstype: 'btrfs', encrypted: true, scheme: 'luks2', via: 'sysfs dm uuid CRYPT-LUKS2-… on dm-0 (luks-21fc9b67)' },
      { mount: '/home', fstype: 'btrfs', encrypted: true, scheme: 'luks2' },
    ]);
  });

  it('reports the device behind a Docker overlay root, and null when it cannot be seen', async () => {
    const overlay =
      '600 500 0:52 / / rw,relatime - overlay overlay rw,lowerdir=/var/lib/docker/overlay2/l/ABC,upperdir=/var/lib/docker/overlay2/0123/diff,workdir=/var/lib/docker/overlay2/0123/work\n';
    const hosts = '611 600 253:1 /var/lib/docker/containers/abcd/hosts /etc/hosts rw,relatime - ext4 /dev/mapper/vg-root rw\n';
    const tree = sysfs(
      { '253:1': 'dm-1' },
      {
        'dm-1': { dmName: 'vg-root', dmUuid: 'LVM-abc', slaves: ['dm-0'] },
        'dm-0': { dmName: 'sda3_crypt', dmUuid: 'CRYPT-LUKS2-abc-sda3_crypt', slaves: ['sda3'] },
        sda3: {},
      },
    );
    const base = { capabilities: { exec: false }, files: { '/proc/swaps': 'Filename\tType\tSize\tUsed\tPriority\n' } };
    const seen = await collect(merge(tree, base, { files: { '/proc/self/mountinfo': overlay + hosts } }));
    expect(seen.facts.volumes).toEqual([
      {
        mount: '/',
        device: '/dev/mapper/vg-root',
        fstype: 'overlay',
        encrypted: true,
        scheme: 'luks2',
        cipher: null,
        keyBits: null,
        via: 'overlay layers under /var/lib/docker, on the device of /etc/hosts: sysfs dm uuid CRYPT-LUKS2-… on dm-0 (sda3_crypt) below dm-1 (vg-root)',
      },
    ]);
    const hidden = await collect(merge(tree, base, { files: { '/proc/self/mountinfo': overlay } }));
    expect(hidden.facts.volumes).toMatchObject([
      { device: 'overlay', encrypted: null, via: 'overlay (container) root: its backing device is not visible from inside' },
    ]);
    expect(hidden.facts.systemVolumeEncrypted).toBeNull();
  });

  it('reads ZFS native encryption and reports tmpfs as unknown', async () => {
    const { facts } = await collect({
      files: {
        '/proc/self/mountinfo': '70 1 0:40 / / rw,relatime - zfs rpool/ROOT/ubuntu rw,xattr,posixacl\n71 70 0:41 / /home rw - tmpfs tmpfs rw\n',
        '/proc/swaps': 'Filename\tType\tSize\tUsed\tPriority\n',
      },
      commands: { 'zfs get -H -o value encryption rpool/ROOT/ubuntu': { stdout: 'aes-256-gcm\n' } },
    });
    expect(facts.volumes).toMatchObject([
      { mount: '/', encrypted: true, scheme: 'zfs-native', cipher: 'aes-256-gcm', keyBits: 256 },
      { mount: '/home', encrypted: null, via: 'tmpfs: held in memory, not on a disk' },
    ]);
  });
});

describe('disk-encryption on a target at rest', () => {
  const atRest = { capabilities: { exec: false, live: false } };

  it('takes / from fstab and decides it from crypttab', async () => {
    const { facts, ran } = await collect({
      ...atRest,
      files: {
        '/etc/fstab': '/dev/mapper/root_crypt / ext4 defaults 0 1\n/dev/mapper/cryptswap none swap sw 0 0\n',
        '/etc/crypttab': 'root_crypt UUID=1111 none luks,discard\ncryptswap /dev/sda2 /dev/urandom swap\n',
        '/proc/self/mountinfo': 'never read for a target at rest\n',
      },
    });
    expect(ran).toEqual([]);
    expect(facts).toEqual({
      volumes: [
        {
          mount: '/',
          device: '/dev/mapper/root_crypt',
          fstype: 'ext4',
          encrypted: true,
          scheme: 'dm-crypt',
          cipher: null,
          keyBits: null,
          via: 'crypttab configuration: root_crypt unlocks UUID=1111',
        },
      ],
      systemVolumeEncrypted: true,
      systemVolumeCipher: null,
      systemVolumeKeyBits: null,
      swapEncrypted: true,
      swap: [{ device: '/dev/mapper/cryptswap', type: 'partition', encrypted: true, via: 'crypttab configuration: cryptswap unlocks /dev/sda2' }],
      swapVia: 'every swap area is encrypted',
      crypttab: [
        { name: 'root_crypt', device: 'UUID=1111', keyfile: null, options: ['luks', 'discard'] },
        { name: 'cryptswap', device: '/dev/sda2', keyfile: '/dev/urandom', options: ['swap'] },
      ],
      method: ['crypttab', 'fstab'],
    });
  });

  it('follows an LVM volume to its physical volume through the metadata backup', async () => {
    const files = {
      '/etc/fstab': '/dev/mapper/debian--vg-root / ext4 errors=remount-ro 0 1\n/dev/mapper/debian--vg-swap_1 none swap sw 0 0\n',
      '/etc/crypttab': 'sda3_crypt UUID=5f0e none luks,discard\n',
      '/etc/lvm/backup/debian-vg': 'debian-vg {\n\tphysical_volumes {\n\t\tpv0 {\n\t\t\tdevice = "/dev/mapper/sda3_crypt"\t# Hint only\n\t\t}\n\t}\n}\n',
    };
    const { facts } = await collect({ ...atRest, files });
    expect(facts.volumes).toMatchObject([
      { encrypted: true, via: 'crypttab configuration: /etc/lvm/backup/debian-vg puts debian-vg on /dev/mapper/sda3_crypt' },
    ]);
    expect(facts.swapEncrypted).toBe(true);
    expect(facts.method).toEqual(['crypttab', 'fstab', 'lvm-backup']);

    const plain = { ...files, '/etc/lvm/backup/debian-vg': 'debian-vg {\n\tphysical_volumes {\n\t\tpv0 {\n\t\t\tdevice = "/dev/sda3"\n\t\t}\n\t}\n}\n' };
    expect((await collect({ ...atRest, files: plain })).facts.systemVolumeEncrypted).toBe(false);

    const noBackup = Object.fromEntries(Object.entries(files).filter(([path]) => !path.startsWith('/etc/lvm/')));
    const unknown = await collect({ ...atRest, files: noBackup });
    expect(unknown.facts.volumes).toMatchObject([{ encrypted: null, via: '/dev/mapper/debian--vg-root cannot be tied to what boot unlocks (sda3_crypt)' }]);
  });

  it('says not encrypted when nothing is unlocked at boot, and unknown when the kernel unlocks something', async () => {
    const fstab = 'UUID=abcd / ext4 defaults 0 1\n/swapfile none swap sw 0 0\n';
    const clear = await collect({ ...atRest, files: { '/etc/fstab': fstab } });
    expect(clear.facts).toMatchObject({
      systemVolumeEncrypted: false,
      systemVolumeCipher: null,
      systemVolumeKeyBits: null,
      swapEncrypted: false,
      swap: [{ device: '/swapfile', type: 'file', encrypted: false }],
    });
    const arch = await collect({
      ...atRest,
      files: { '/etc/fstab': fstab, '/boot/loader/entries/arch.conf': 'title Arch\noptions cryptdevice=UUID=1234:root root=/dev/mapper/root rw\n' },
    });
    expect(arch.facts.volumes).toMatchObject([{ encrypted: null, via: 'UUID=abcd cannot be tied to what boot unlocks (cryptdevice=UUID=1234:root)' }]);
  });

  it('answers null for an image without a root entry in fstab (a container image)', async () => {
    const { facts } = await collect({ ...atRest, files: { '/etc/fstab': sample('debian12-vm/fstab') } });
    expect(facts).toMatchObject({
      volumes: [{ mount: '/', device: null, encrypted: null, via: 'no fstab entry for /' }],
      systemVolumeEncrypted: null,
      swapEncrypted: true,
      swapVia: 'no swap configured in fstab',
      method: ['fstab'],
    });
  });
});

describe('disk-encryption elsewhere', () => {
  it('on Windows without PowerShell, fails saying so instead of guessing', async () => {
    const host = fakeHost();
    const context: ProbeContext = { platform: 'windows', now: new Date(0), catalog: { apps: [] }, capabilities: host.capabilities };
    expect(await diskEncryption.collect(host, context)).toEqual({
      status: 'error',
      message: expect.stringContaining('powershell.exe could not be started') as string,
    });
  });
});

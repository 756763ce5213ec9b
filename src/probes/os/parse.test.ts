import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  cgroupContainerHint,
  dpkgArchMachine,
  elfMachine,
  firstLine,
  isBlockDeviceRoot,
  osReleaseFacts,
  parseOsRelease,
  rootMount,
  ubuntuProFacts,
} from './parse.js';

const sample = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/samples/os/${name}`, import.meta.url));

describe('parseOsRelease', () => {
  it('reads the Debian 12 os-release recorded on this machine', () => {
    const fields = parseOsRelease(sample('debian12-vm/os-release').toString('utf8'));
    expect(fields.PRETTY_NAME).toBe('Debian GNU/Linux 12 (bookworm)');
    expect(osReleaseFacts(fields)).toEqual({
      distribution: 'debian',
      distributionName: 'Debian GNU/Linux 12 (bookworm)',
      distributionLike: [],
      version: '12',
      codename: 'bookworm',
    });
  });

  // Constructed from the quoting rules of os-release(5) (see fixtures/samples/os/README.md).
  it('follows shell quoting: single, double, escapes, comments, concatenation', () => {
    const text = [
      '# a comment',
      '',
      'NAME=\'Single "quoted"\'',
      'PRETTY_NAME="Double \\"escaped\\" \\$HOME \\\\ \\`x\\` \\n kept"',
      'ID=plain',
      'ID_LIKE="rhel centos  fedora"',
      'VERSION_ID=ab"cd"\'ef\'',
      'VERSION_CODENAME=with\\ space',
      'BUILD_ID=rolling # trailing comment',
      'not a field',
      '  VARIANT_ID="indented"  ',
      'EMPTY=',
    ].join('\n');
    expect(parseOsRelease(text)).toEqual({
      NAME: 'Single "quoted"',
      PRETTY_NAME: 'Double "escaped" $HOME \\ `x` \\n kept',
      ID: 'plain',
      ID_LIKE: 'rhel centos  fedora',
      VERSION_ID: 'abcdef',
      VERSION_CODENAME: 'with space',
      BUILD_ID: 'rolling',
      VARIANT_ID: 'indented',
      EMPTY: '',
    });
  });

  it('defaults ID to linux, falls back to NAME and UBUNTU_CODENAME, and splits ID_LIKE', () => {
    expect(osReleaseFacts(parseOsRelease('NAME="Some OS"\nUBUNTU_CODENAME=noble\nID_LIKE="ubuntu debian"\n'))).toEqual({
      distribution: 'linux',
      distributionName: 'Some OS',
      distributionLike: ['ubuntu', 'debian'],
      version: null,
      codename: 'noble',
    });
  });

  it('keeps an unterminated quote as the text read so far', () => {
    expect(parseOsRelease('NAME="broken\n').NAME).toBe('broken');
  });
});

describe('elfMachine', () => {
  it('reads x86_64 from the header of /usr/bin/env recorded on this machine', () => {
    expect(elfMachine(sample('debian12-vm/usr-bin-env.head64'))).toBe('x86_64');
  });

  it('honours byte order and class', () => {
    const header = (cls: number, data: number, machine: number): Uint8Array => {
      const bytes = new Uint8Array(64);
      bytes.set([0x7f, 0x45, 0x4c, 0x46, cls, data], 0);
      if (data === 1) bytes.set([machine & 0xff, machine >> 8], 18);
      else bytes.set([machine >> 8, machine & 0xff], 18);
      return bytes;
    };
    expect(elfMachine(header(2, 1, 0xb7))).toBe('aarch64');
    expect(elfMachine(header(2, 2, 0x16))).toBe('s390x');
    expect(elfMachine(header(2, 1, 0x15))).toBe('ppc64le');
    expect(elfMachine(header(2, 2, 0x15))).toBe('ppc64');
    expect(elfMachine(header(1, 1, 0x03))).toBe('i686');
    expect(elfMachine(header(2, 1, 0x102))).toBe('loongarch64');
    expect(elfMachine(header(2, 1, 0x9999))).toBeNull();
    expect(elfMachine(Buffer.from('#!/bin/sh\n'))).toBeNull();
  });
});

describe('small readers', () => {
  it('firstLine trims and treats empty as unknown', () => {
    expect(firstLine(sample('debian12-vm/proc-sys-kernel-osrelease').toString())).toBe('6.18.44-fc-v769');
    expect(firstLine(sample('debian12-vm/proc-sys-kernel-arch').toString())).toBe('x86_64');
    expect(firstLine('\n')).toBeNull();
    expect(firstLine(undefined)).toBeNull();
  });

  it('maps dpkg architecture names to uname -m names', () => {
    expect(dpkgArchMachine('amd64\ni386\n')).toBe('x86_64');
    expect(dpkgArchMachine('arm64\n')).toBe('aarch64');
    expect(dpkgArchMachine('hurd-i386\n')).toBe('hurd-i386');
    expect(dpkgArchMachine(undefined)).toBeNull();
  });

  it('finds no container runtime in the cgroup file of this VM', () => {
    expect(cgroupContainerHint(sample('debian12-vm/proc-1-cgroup').toString())).toBeNull();
  });

  it('names the runtime found in a cgroup path', () => {
    expect(cgroupContainerHint('0::/system.slice/docker-0123abcd.scope\n')).toBe('docker');
    expect(cgroupContainerHint('12:pids:/kubepods/besteffort/pod1234/abcd\n')).toBe('kubepods');
    expect(cgroupContainerHint('0::/lxc/c1\n')).toBe('lxc');
    expect(cgroupContainerHint('0::/user.slice/user-1000.slice/session-2.scope\n')).toBeNull();
    expect(cgroupContainerHint('0::/\n')).toBeNull();
  });
});

describe('rootMount', () => {
  it('finds / on /dev/vda in the mountinfo recorded on this VM', () => {
    const mountinfo = readFileSync(new URL('../../../fixtures/samples/disk-encryption/debian12-vm/mountinfo', import.meta.url), 'utf8');
    const root = rootMount(mountinfo);
    expect(root).toEqual({ root: '/', fsType: 'ext4', source: '/dev/vda' });
    expect(root && isBlockDeviceRoot(root)).toBe(true);
  });

  it('does not count an overlay or a bind-mounted directory as a block-device root', () => {
    const overlay = rootMount('600 500 0:52 / / rw - overlay overlay rw,upperdir=/u\n');
    expect(overlay && isBlockDeviceRoot(overlay)).toBe(false);
    const vfs = rootMount('600 500 8:1 /var/lib/docker/vfs/dir/abc / rw - ext4 /dev/sda1 rw\n');
    expect(vfs && isBlockDeviceRoot(vfs)).toBe(false);
    expect(rootMount('')).toBeNull();
  });
});

describe('ubuntuProFacts', () => {
  it('reads the attached status recorded in the management samples (no services listed)', () => {
    const text = readFileSync(new URL('../../../fixtures/samples/management/ubuntu-pro-status.json', import.meta.url), 'utf8');
    expect(ubuntuProFacts(text)).toEqual({ attached: true, enabledServices: [] });
  });

  it('lists enabled services only, sorted, and gives null for anything that is not a status document', () => {
    const text = JSON.stringify({
      attached: false,
      services: [{ name: 'esm-infra', status: 'n/a' }, { name: 'fips', status: 'enabled' }, 'junk', { status: 'enabled' }],
    });
    expect(ubuntuProFacts(text)).toEqual({ attached: false, enabledServices: ['fips'] });
    expect(ubuntuProFacts('not json')).toBeNull();
    expect(ubuntuProFacts('[]')).toBeNull();
    expect(ubuntuProFacts('{"services": []}')).toBeNull();
  });
});

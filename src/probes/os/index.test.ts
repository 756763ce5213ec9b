import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { os } from './index.js';

const sample = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/samples/os/debian12-vm/${name}`, import.meta.url));

const context = (spec: FakeHostSpec, platform: Platform = 'linux'): ProbeContext => ({
  platform,
  now: new Date(0),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
});

const run = async (spec: FakeHostSpec, platform: Platform = 'linux') => os.collect(fakeHost(spec), context(spec, platform));

/** This VM as recorded (see fixtures/samples/os/README.md). */
const debianVm: FakeHostSpec = {
  files: {
    '/usr/lib/os-release': sample('os-release'),
    '/proc/sys/kernel/osrelease': sample('proc-sys-kernel-osrelease'),
    '/proc/sys/kernel/arch': sample('proc-sys-kernel-arch'),
    '/proc/sys/kernel/hostname': sample('proc-sys-kernel-hostname'),
    '/etc/hostname': sample('etc-hostname'),
    '/proc/1/cgroup': sample('proc-1-cgroup'),
    '/usr/bin/env': sample('usr-bin-env.head64'),
    '/.dockerenv': sample('dockerenv'),
    '/proc/self/mountinfo': readFileSync(new URL('../../../fixtures/samples/disk-encryption/debian12-vm/mountinfo', import.meta.url)),
  },
};

describe('os probe', () => {
  it('describes the recorded Debian 12 VM', async () => {
    expect(await run(debianVm)).toEqual({
      status: 'ok',
      facts: {
        family: 'linux',
        distribution: 'debian',
        distributionName: 'Debian GNU/Linux 12 (bookworm)',
        distributionLike: [],
        version: '12',
        codename: 'bookworm',
        kernel: '6.18.44-fc-v769',
        architecture: 'x86_64',
        hostname: 'vm',
        isContainer: null,
        containerEvidence: ['/.dockerenv exists, but / is /dev/vda (ext4), a block device: likely left over from an image build'],
        isContainerImage: false,
        ubuntuPro: null,
      },
    });
  });

  it('trusts /.dockerenv when / is an overlay', async () => {
    const outcome = await run({
      files: {
        '/.dockerenv': '',
        '/proc/1/cgroup': '0::/\n',
        '/proc/self/mountinfo': '600 500 0:52 / / rw,relatime - overlay overlay rw,lowerdir=/l,upperdir=/u,workdir=/w\n',
      },
    });
    expect(outcome.status === 'ok' && outcome.facts).toMatchObject({ isContainer: true, containerEvidence: ['/.dockerenv exists'] });
  });

  it('says false when the cgroup file was read and no marker exists', async () => {
    const outcome = await run({ files: { '/proc/1/cgroup': sample('proc-1-cgroup') } });
    expect(outcome.status === 'ok' && outcome.facts.isContainer).toBe(false);
  });

  it('prefers /etc/os-release over /usr/lib/os-release', async () => {
    const outcome = await run({ files: { '/etc/os-release': 'ID=alpine\nVERSION_ID=3.19.1\n', '/usr/lib/os-release': 'ID=debian\n' } });
    expect(outcome.status === 'ok' && outcome.facts.distribution).toBe('alpine');
  });

  it('answers null for everything it cannot read, never a guess', async () => {
    const outcome = await run({ files: {} });
    expect(outcome).toEqual({
      status: 'ok',
      facts: {
        family: 'linux',
        distribution: null,
        distributionName: null,
        distributionLike: [],
        version: null,
        codename: null,
        kernel: null,
        architecture: null,
        hostname: null,
        isContainer: null,
        containerEvidence: [],
        isContainerImage: false,
        ubuntuPro: null,
      },
    });
  });

  it('asks uname -m when /proc/sys/kernel/arch is missing', async () => {
    const host = fakeHost({ commands: { 'uname -m': { stdout: 'aarch64\n' } } });
    const outcome = await os.collect(host, context({}));
    expect(outcome.status === 'ok' && outcome.facts.architecture).toBe('aarch64');
    expect(host.ran).toEqual([['uname', '-m']]);
  });

  it('reads an image at rest without /proc and without running anything', async () => {
    const spec: FakeHostSpec = {
      capabilities: { exec: false, live: false },
      files: {
        '/usr/lib/os-release': sample('os-release'),
        '/etc/hostname': 'builder\n',
        '/bin/sh': sample('usr-bin-env.head64'),
        '/proc/sys/kernel/osrelease': 'must not be read\n',
        '/.dockerenv': '',
      },
    };
    const host = fakeHost(spec);
    const outcome = await os.collect(host, context(spec));
    expect(host.ran).toEqual([]);
    expect(outcome.status === 'ok' && outcome.facts).toMatchObject({
      kernel: null,
      architecture: 'x86_64',
      hostname: 'builder',
      isContainer: null,
      isContainerImage: true,
    });
  });

  it('falls back to the dpkg architecture list', async () => {
    const outcome = await run({ capabilities: { live: false, exec: false }, files: { '/var/lib/dpkg/arch': 'arm64\narmhf\n' } });
    expect(outcome.status === 'ok' && outcome.facts.architecture).toBe('aarch64');
  });

  it('reports container markers with their evidence', async () => {
    const outcome = await run({
      files: {
        '/run/.containerenv': '',
        '/run/systemd/container': 'podman\n',
        '/proc/1/cgroup': '0::/\n',
      },
    });
    expect(outcome.status === 'ok' && outcome.facts).toMatchObject({
      isContainer: true,
      containerEvidence: ['/run/.containerenv exists', '/run/systemd/container says podman'],
    });
  });

  it('reads Ubuntu Pro from the status cache on Ubuntu only', async () => {
    const osRelease = 'ID=ubuntu\nVERSION_ID="22.04"\n';
    const status = JSON.stringify({
      attached: true,
      services: [
        { name: 'livepatch', status: 'enabled' },
        { name: 'esm-infra', status: 'enabled' },
        { name: 'esm-apps', status: 'disabled' },
      ],
    });
    const attached = await run({ files: { '/etc/os-release': osRelease, '/var/lib/ubuntu-advantage/status.json': status } });
    expect(attached.status === 'ok' && attached.facts.ubuntuPro).toEqual({ attached: true, enabledServices: ['esm-infra', 'livepatch'] });
    const absent = await run({ files: { '/etc/os-release': osRelease } });
    expect(absent.status === 'ok' && absent.facts.ubuntuPro).toBeNull();
    const notUbuntu = await run({ files: { '/etc/os-release': 'ID=debian\n', '/var/lib/ubuntu-advantage/status.json': status } });
    expect(notUbuntu.status === 'ok' && notUbuntu.facts.ubuntuPro).toBeNull();
  });

  it('dispatches to the macOS and Windows collectors (covered by macos.test.ts and windows.test.ts)', async () => {
    expect((await run({}, 'macos')).status).toBe('ok');
    expect(await run({}, 'windows')).toEqual({ status: 'error', message: expect.stringContaining('powershell.exe could not be started') as string });
  });
});

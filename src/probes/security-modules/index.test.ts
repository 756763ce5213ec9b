import { describe, expect, it } from 'vitest';
import type { JsonObject, Platform } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import { rootSnapshot, sample } from '../../testing/root-snapshot.js';
import type { ProbeContext } from '../probe.js';
import { securityModules } from './index.js';

const text = (path: string): string => sample('security-modules', path).toString('utf8');

const atRest = { read: true, exec: false, live: false };

const run = async (spec: FakeHostSpec, platform: Platform = 'linux') => {
  const host = fakeHost(spec);
  const context: ProbeContext = {
    platform,
    now: new Date(0),
    catalog: { apps: [] },
    capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
  };
  const outcome = await securityModules.collect(host, context);
  return { outcome, host, facts: outcome.status === 'ok' ? outcome.facts : ({} as JsonObject) };
};

const moduleNames = text('debian12-vm/sys-module-listing').trim().split('\n');

/** This VM as recorded: no AppArmor in the kernel, SELinux built in but not selected, securityfs not mounted. */
const debianVm: FakeHostSpec = {
  files: { '/proc/cmdline': text('debian12-vm/proc-cmdline') },
  dirs: { '/sys/module': moduleNames, '/sys/kernel/security': [] },
};

/**
 * An Ubuntu 24.10 host with AppArmor: the profile list is real (moby/profiles); the sysfs flag and the
 * LSM list are written in their documented formats (`Y`, comma list), not recorded.
 */
const ubuntuAppArmor = (profiles: string | undefined): FakeHostSpec => ({
  files: {
    '/proc/cmdline': 'BOOT_IMAGE=/vmlinuz root=/dev/sda1 ro quiet splash\n',
    '/sys/module/apparmor/parameters/enabled': 'Y\n',
    '/sys/kernel/security/lsm': 'lockdown,capability,landlock,yama,apparmor',
    ...(profiles === undefined ? {} : { '/sys/kernel/security/apparmor/profiles': profiles }),
  },
  dirs: { '/sys/module': ['apparmor', 'kernel'] },
  stats: { '/sys/kernel/security/apparmor/profiles': { type: 'file', mode: 0o444 }, '/sbin/apparmor_parser': { type: 'file' } },
});

const withFiles = (spec: FakeHostSpec, files: Record<string, string>): FakeHostSpec => ({
  ...spec,
  files: { ...spec.files, ...files },
});

describe('security-modules probe, live', () => {
  it('reports no MAC on this VM (no AppArmor in the kernel, securityfs not mounted)', async () => {
    const { facts } = await run(debianVm);
    expect(facts).toMatchObject({
      module: null,
      enforcing: false,
      apparmor: { installed: false, enabled: false, profilesEnforce: null, profilesComplain: null, profilesLoaded: null },
      selinux: { mode: 'disabled', configuredMode: null, policy: null },
      lsm: null,
    });
    expect(facts.reasons).toEqual([
      'securityfs is not mounted at /sys/kernel/security: the active LSM list is unknown',
      'neither AppArmor nor SELinux is active',
    ]);
  });

  it('reads the LSM list once securityfs is mounted', async () => {
    const { facts } = await run(withFiles(debianVm, { '/sys/kernel/security/lsm': text('debian12-vm/sys-kernel-security-lsm') }));
    expect(facts.lsm).toEqual(['lockdown', 'capability', 'landlock', 'bpf']);
    expect(facts.enforcing).toBe(false);
  });

  it('passes AppArmor with profiles in enforce mode', async () => {
    const { facts } = await run(ubuntuAppArmor(text('public/moby-ubuntu2410-apparmor-profiles')));
    expect(facts).toMatchObject({
      module: 'apparmor',
      enforcing: true,
      apparmor: { installed: true, enabled: true, profilesEnforce: 24, profilesComplain: 5, profilesLoaded: 121 },
      selinux: { mode: 'disabled' },
      lsm: ['lockdown', 'capability', 'landlock', 'yama', 'apparmor'],
    });
    expect(facts.reasons).toEqual([]);
  });

  it('does not pass AppArmor with every profile in complain mode', async () => {
    const complainOnly = text('public/moby-ubuntu2410-apparmor-profiles').replaceAll('(enforce)', '(complain)');
    const { facts } = await run(ubuntuAppArmor(complainOnly));
    expect(facts.enforcing).toBe(false);
    expect(facts.reasons).toContain('AppArmor is enabled but no profile is in enforce mode');
  });

  it('answers null, with the reason, when the profile list is root-only', async () => {
    const { facts } = await run(ubuntuAppArmor(undefined));
    expect(facts).toMatchObject({
      module: 'apparmor',
      enforcing: null,
      apparmor: { enabled: true, profilesEnforce: null, profilesComplain: null, profilesLoaded: null },
    });
    expect(facts.reasons).toEqual(['/sys/kernel/security/apparmor/profiles is readable by root only: profile modes are unknown (run as root)']);
  });

  it('does not trust the module flag when apparmor is not in the LSM list', async () => {
    const spec = withFiles(ubuntuAppArmor(text('public/moby-ubuntu2410-apparmor-profiles')), {
      '/sys/kernel/security/lsm': 'lockdown,capability,landlock',
      '/proc/cmdline': 'root=/dev/sda1 ro apparmor=0\n',
    });
    const { facts } = await run(spec);
    expect(facts.module).toBeNull();
    expect(facts.enforcing).toBe(false);
    expect(facts.reasons).toContain('apparmor is switched off on the kernel command line (apparmor=0)');
  });

  it('reads SELinux enforcing and permissive', async () => {
    const selinux = (enforce: string): FakeHostSpec =>
      withFiles(debianVm, {
        '/sys/fs/selinux/enforce': enforce,
        '/sys/kernel/security/lsm': 'lockdown,capability,selinux',
        '/etc/selinux/config': text('edits/selinux-config-enforcing'),
      });
    const enforcing = await run(selinux('1'));
    expect(enforcing.facts).toMatchObject({
      module: 'selinux',
      enforcing: true,
      selinux: { mode: 'enforcing', configuredMode: 'enforcing', policy: 'default' },
    });
    const permissive = await run(selinux('0'));
    expect(permissive.facts).toMatchObject({ module: 'selinux', enforcing: false, selinux: { mode: 'permissive' } });
    expect(permissive.facts.reasons).toContain('SELinux is permissive');
  });

  it('is unsupported off Linux', async () => {
    const { outcome } = await run({}, 'windows');
    expect(outcome.status).toBe('unsupported');
  });
});

describe('security-modules probe, at rest', () => {
  const root = (name: string, files: Record<string, string> = {}): FakeHostSpec => {
    const snapshot = rootSnapshot('security-modules', name);
    return { ...snapshot, files: { ...snapshot.files, ...files }, capabilities: atRest };
  };

  it('reads the Debian 12 apparmor root: installed, enabled at boot, two profiles in enforce mode', async () => {
    const { facts, host } = await run(root('apparmor', { '/etc/default/grub': text('debian-packages/grub-default') }));
    expect(facts).toMatchObject({
      module: 'apparmor',
      enforcing: true,
      apparmor: { installed: true, enabled: true, profilesEnforce: 2, profilesComplain: 0, profilesLoaded: 2 },
      selinux: { mode: null, configuredMode: null, policy: null },
      lsm: null,
    });
    expect(facts.evidence).toContain('apparmor.service enabled (/etc/systemd/system/sysinit.target.wants/apparmor.service)');
    expect(host.ran).toEqual([]);
  });

  it('fails when GRUB switches AppArmor off', async () => {
    const { facts, host } = await run(root('apparmor', { '/etc/default/grub': text('edits/grub-default-apparmor0') }));
    expect(facts).toMatchObject({ module: null, enforcing: false, apparmor: { installed: true, enabled: false } });
    expect(facts.reasons).toContain('AppArmor is switched off on the GRUB command line (apparmor=0)');
    expect(host.ran).toEqual([]);
  });

  it('honours /etc/apparmor.d/disable and force-complain', async () => {
    const snapshot = root('apparmor');
    const { facts } = await run({
      ...snapshot,
      links: {
        ...snapshot.links,
        '/etc/apparmor.d/disable/lsb_release': '/etc/apparmor.d/lsb_release',
        '/etc/apparmor.d/force-complain/nvidia_modprobe': '/etc/apparmor.d/nvidia_modprobe',
      },
    });
    expect(facts).toMatchObject({ enforcing: false, apparmor: { profilesEnforce: 0, profilesComplain: 1, profilesLoaded: 1 } });
  });

  it('fails the clean root: no MAC at all', async () => {
    const { facts, host } = await run(root('clean'));
    expect(facts).toMatchObject({
      module: null,
      enforcing: false,
      apparmor: { installed: false, enabled: false, profilesEnforce: 0, profilesComplain: 0, profilesLoaded: 0 },
      selinux: { mode: null, configuredMode: null, policy: null },
    });
    expect(facts.reasons).toEqual(['AppArmor is not installed (no apparmor_parser)', 'SELinux is not configured (no /etc/selinux/config)']);
    expect(host.ran).toEqual([]);
  });

  it('reads SELinux configured enforcing (selinux-activate + selinux-config-enforcing)', async () => {
    const { facts, host } = await run(
      root('clean', {
        '/etc/selinux/config': text('edits/selinux-config-enforcing'),
        '/etc/default/grub': text('edits/grub-default-selinux'),
      }),
    );
    expect(facts).toMatchObject({ module: 'selinux', enforcing: true, selinux: { configuredMode: 'enforcing', policy: 'default' } });
    expect(host.ran).toEqual([]);
  });

  it('prefers SELinux over an enabled AppArmor only when GRUB selects it', async () => {
    const both = (grub: string) => root('apparmor', { '/etc/selinux/config': text('debian-packages/selinux-config'), '/etc/default/grub': text(grub) });
    expect((await run(both('debian-packages/grub-default'))).facts).toMatchObject({ module: 'apparmor', enforcing: true });
    const selinux = await run(both('edits/grub-default-selinux'));
    expect(selinux.facts).toMatchObject({ module: 'selinux', enforcing: false });
    expect(selinux.facts.reasons).toContain('SELinux is configured permissive');
  });
});

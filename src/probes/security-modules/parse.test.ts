import { describe, expect, it } from 'vitest';
import { sample } from '../../testing/root-snapshot.js';
import {
  isProfileFileName,
  parseAppArmorProfiles,
  parseGrubCmdline,
  parseLsmList,
  parseSecurityParameters,
  parseSelinuxConfig,
  parseSelinuxEnforce,
  parseYesNo,
  profileFileMode,
} from './parse.js';

const text = (path: string): string => sample('security-modules', path).toString('utf8');

describe('parseAppArmorProfiles', () => {
  it('counts the modes of a real Ubuntu 24.10 profile list (moby/profiles)', () => {
    expect(parseAppArmorProfiles(text('public/moby-ubuntu2410-apparmor-profiles'))).toEqual({
      loaded: 121,
      enforce: 24,
      complain: 5,
      kill: 0,
      unconfined: 92,
    });
  });

  it('takes the mode from the last parenthesised group', () => {
    expect(parseAppArmorProfiles('foo (bar) (kill)\nMongoDB Compass (complain)\n\n')).toEqual({
      loaded: 2,
      enforce: 0,
      complain: 1,
      kill: 1,
      unconfined: 0,
    });
  });
});

describe('sysfs and securityfs values', () => {
  it('reads the LSM list recorded on this VM', () => {
    expect(parseLsmList(text('debian12-vm/sys-kernel-security-lsm'))).toEqual(['lockdown', 'capability', 'landlock', 'bpf']);
  });

  it('reads Y/N and 1/0', () => {
    expect(parseYesNo('Y\n')).toBe(true);
    expect(parseYesNo('N\n')).toBe(false);
    expect(parseYesNo('')).toBeNull();
    expect(parseSelinuxEnforce('1')).toBe('enforcing');
    expect(parseSelinuxEnforce('0\n')).toBe('permissive');
    expect(parseSelinuxEnforce('x')).toBeNull();
  });
});

describe('parseSecurityParameters', () => {
  it('finds nothing on this VM and ignores what follows --', () => {
    const params = parseSecurityParameters(text('debian12-vm/proc-cmdline'));
    expect(params.found).toEqual([]);
    expect(parseSecurityParameters('quiet -- apparmor=0').apparmor).toBeNull();
  });

  it('keeps the last occurrence of each parameter', () => {
    expect(parseSecurityParameters('apparmor=1 security=apparmor apparmor=0 lsm=landlock,selinux selinux=1')).toEqual({
      apparmor: '0',
      selinux: '1',
      enforcing: null,
      security: 'apparmor',
      lsm: ['landlock', 'selinux'],
      found: ['apparmor=1', 'security=apparmor', 'apparmor=0', 'lsm=landlock,selinux', 'selinux=1'],
    });
  });
});

describe('parseSelinuxConfig', () => {
  it("reads Debian's /etc/selinux/config template (permissive)", () => {
    expect(parseSelinuxConfig(text('debian-packages/selinux-config'))).toEqual({ mode: 'permissive', policy: 'default' });
  });

  it('reads the file after selinux-config-enforcing', () => {
    expect(parseSelinuxConfig(text('edits/selinux-config-enforcing'))).toEqual({ mode: 'enforcing', policy: 'default' });
  });
});

describe('parseGrubCmdline', () => {
  it("reads Debian's /etc/default/grub", () => {
    expect(parseGrubCmdline([text('debian-packages/grub-default')])).toEqual({ linux: '', linuxDefault: 'quiet' });
  });

  it('reads the edited variants', () => {
    expect(parseGrubCmdline([text('edits/grub-default-selinux')]).linux).toBe('security=selinux');
    expect(parseGrubCmdline([text('edits/grub-default-apparmor0')]).linux).toBe('apparmor=0');
  });

  it('expands $GRUB_CMDLINE_LINUX in later snippets', () => {
    const snippet = 'GRUB_CMDLINE_LINUX="$GRUB_CMDLINE_LINUX lsm=landlock,apparmor"\n';
    expect(parseGrubCmdline([text('edits/grub-default-apparmor0'), snippet]).linux).toBe('apparmor=0 lsm=landlock,apparmor');
  });
});

describe('AppArmor profile files', () => {
  it('reads the profiles shipped by the Debian 12 apparmor package as enforce', () => {
    expect(profileFileMode(text('roots/apparmor/files/etc/apparmor.d/lsb_release'))).toBe('enforce');
    expect(profileFileMode(text('roots/apparmor/files/etc/apparmor.d/nvidia_modprobe'))).toBe('enforce');
  });

  it('honours flags=(...)', () => {
    expect(profileFileMode('abi <abi/4.0>,\ninclude <tunables/global>\nprofile firefox /usr/lib/firefox/firefox flags=(unconfined) {\n}\n')).toBe('unconfined');
    expect(profileFileMode('/usr/sbin/foo flags=(attach_disconnected, complain) {\n}\n')).toBe('complain');
    expect(profileFileMode('# only a comment {\n')).toBeNull();
  });

  it('skips backup files', () => {
    expect(['lsb_release', 'foo.dpkg-old', 'README', '.hidden', 'bar~'].filter(isProfileFileName)).toEqual(['lsb_release']);
  });
});

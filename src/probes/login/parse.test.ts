import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  displayManagerFromUnit,
  effectiveExecStart,
  gdmAutologin,
  gettyAutologinUser,
  inittabAutologins,
  lightdmSeats,
  lxdmAutologin,
  parseIni,
  sddmAutologin,
} from './parse.js';

/** Samples: fixtures/samples/login/README.md (Debian 12 package files, and marked edits of them). */
const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/login/${name}`, import.meta.url), 'utf8');

describe('parseIni', () => {
  it('reads sections, trims around =, skips comments', () => {
    expect(parseIni('# c\n; c\ntop=1\n[daemon]\n  AutomaticLogin = agent \n[x]\nnovalue\n')).toEqual([
      { section: '', key: 'top', value: '1', line: 3 },
      { section: 'daemon', key: 'AutomaticLogin', value: 'agent', line: 5 },
    ]);
  });
});

describe('gdmAutologin', () => {
  it('finds nothing in the daemon.conf Debian ships (everything commented out)', () => {
    expect(gdmAutologin('/etc/gdm3/daemon.conf', sample('gdm3-daemon.conf'))).toEqual({ users: [], guest: false, evidence: [] });
  });

  it('finds automatic and timed login', () => {
    expect(gdmAutologin('/etc/gdm3/daemon.conf', sample('gdm3-daemon.conf.autologin'))).toEqual({
      users: ['agent'],
      guest: false,
      evidence: ['/etc/gdm3/daemon.conf:10: AutomaticLoginEnable=true', '/etc/gdm3/daemon.conf:11: AutomaticLogin=agent'],
    });
    expect(gdmAutologin('/etc/gdm/custom.conf', sample('gdm3-daemon.conf.timed')).users).toEqual(['agent']);
  });

  it('needs both the flag and a user, in [daemon]', () => {
    expect(gdmAutologin('c', '[daemon]\nAutomaticLoginEnable=false\nAutomaticLogin=agent\n').users).toEqual([]);
    expect(gdmAutologin('c', '[daemon]\nAutomaticLoginEnable=True\nAutomaticLogin=\n').users).toEqual([]);
    expect(gdmAutologin('c', '[security]\nAutomaticLoginEnable=true\nAutomaticLogin=agent\n').users).toEqual([]);
    expect(gdmAutologin('c', '[daemon]\nTimedLoginEnable=1\nTimedLogin=kiosk\n').users).toEqual(['kiosk']);
  });
});

describe('lightdmSeats', () => {
  const debian = [
    { path: '/usr/share/lightdm/lightdm.conf.d/01_debian.conf', text: sample('lightdm-01_debian.conf') },
    { path: '/etc/lightdm/lightdm.conf', text: sample('lightdm.conf') },
  ];

  it('reads the Debian 12 package defaults: no autologin, allow-guest left at its default (true)', () => {
    expect(lightdmSeats(debian)).toEqual({
      autologin: { users: [], guest: false, evidence: [] },
      allowGuest: { value: true, at: null },
      guestScript: 'guest-account',
    });
  });

  it('finds autologin-user and allow-guest=false in edited lightdm.conf', () => {
    const auto = lightdmSeats([debian[0]!, { path: '/etc/lightdm/lightdm.conf', text: sample('lightdm.conf.autologin') }]);
    expect(auto.autologin).toEqual({ users: ['agent'], guest: false, evidence: ['/etc/lightdm/lightdm.conf:126: autologin-user=agent'] });
    const noGuest = lightdmSeats([debian[0]!, { path: '/etc/lightdm/lightdm.conf', text: sample('lightdm.conf.no-guest') }]);
    expect(noGuest.allowGuest).toEqual({ value: false, at: '/etc/lightdm/lightdm.conf:115' });
    const guest = lightdmSeats([{ path: '/etc/lightdm/lightdm.conf', text: sample('lightdm.conf.autologin-guest') }]);
    expect(guest.autologin.guest).toBe(true);
  });

  it('lets later files win, reads [SeatDefaults], and judges named seats on top of the defaults', () => {
    const seats = lightdmSeats([
      { path: '/usr/share/lightdm/lightdm.conf.d/50-ubuntu.conf', text: '[SeatDefaults]\nallow-guest=false\nautologin-user=kiosk\n' },
      { path: '/etc/lightdm/lightdm.conf', text: '[Seat:*]\nautologin-user=\n[Seat:seat1]\nallow-guest=true\n' },
    ]);
    expect(seats.autologin.users).toEqual([]);
    expect(seats.allowGuest).toEqual({ value: true, at: '/etc/lightdm/lightdm.conf:4' });
    expect(lightdmSeats([{ path: 'l', text: '[LightDM]\nguest-account-script=/opt/guest\n' }]).guestScript).toBe('/opt/guest');
  });

  it('autologin-user overrides autologin-guest', () => {
    const seats = lightdmSeats([{ path: 'l', text: '[Seat:*]\nautologin-guest=true\nautologin-user=agent\n' }]);
    expect(seats.autologin).toMatchObject({ users: ['agent'], guest: false });
  });
});

describe('sddmAutologin', () => {
  it('treats the empty User= of the real sddm --example-config output as off', () => {
    expect(sddmAutologin([{ path: '/etc/sddm.conf', text: sample('sddm-example-config') }])).toEqual({
      users: [],
      guest: false,
      evidence: ['/etc/sddm.conf:9: User='],
    });
  });

  it('finds User=agent, and lets /etc/sddm.conf override a drop-in', () => {
    expect(sddmAutologin([{ path: '/etc/sddm.conf.d/a.conf', text: sample('sddm.conf.autologin') }]).users).toEqual(['agent']);
    expect(
      sddmAutologin([
        { path: '/etc/sddm.conf.d/a.conf', text: sample('sddm.conf.autologin') },
        { path: '/etc/sddm.conf', text: '[Autologin]\nUser=\n' },
      ]).users,
    ).toEqual([]);
  });
});

describe('lxdmAutologin', () => {
  it('reads the Debian lxdm.conf (commented) and an edit of it', () => {
    expect(lxdmAutologin('/etc/lxdm/lxdm.conf', sample('lxdm.conf')).users).toEqual([]);
    expect(lxdmAutologin('/etc/lxdm/lxdm.conf', sample('lxdm.conf.autologin'))).toEqual({
      users: ['agent'],
      guest: false,
      evidence: ['/etc/lxdm/lxdm.conf:3: autologin=agent'],
    });
  });
});

describe('gettys', () => {
  it('reads the user from agetty command lines', () => {
    expect(gettyAutologinUser("-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM")).toBeUndefined();
    expect(gettyAutologinUser('-/sbin/agetty --autologin agent --noclear %I $TERM')).toBe('agent');
    expect(gettyAutologinUser('-/sbin/agetty --autologin=kiosk %I')).toBe('kiosk');
    expect(gettyAutologinUser('/sbin/agetty -a root tty1')).toBe('root');
    expect(gettyAutologinUser('/sbin/agetty --autologin --noclear')).toBeUndefined();
  });

  it('applies an override drop-in on top of the real getty@.service', () => {
    const unit = { path: '/lib/systemd/system/getty@.service', text: sample('getty@.service') };
    expect(effectiveExecStart([unit])).toEqual({ value: "-/sbin/agetty -o '-p -- \\\\u' --noclear - $TERM", at: '/lib/systemd/system/getty@.service:39' });
    const override = { path: '/etc/systemd/system/getty@tty1.service.d/override.conf', text: sample('getty-autologin-override.conf') };
    const exec = effectiveExecStart([unit, override]);
    expect(exec?.at).toBe('/etc/systemd/system/getty@tty1.service.d/override.conf:3');
    expect(gettyAutologinUser(exec?.value ?? '')).toBe('agent');
    expect(effectiveExecStart([unit, override, { path: 'z.conf', text: '[Service]\nExecStart=\n' }])).toBeUndefined();
  });

  it('reads sysvinit inittab getty lines', () => {
    const text =
      '# 1:2345:respawn:/sbin/getty --autologin nobody tty1\n1:2345:respawn:/sbin/getty --noclear 38400 tty1\n2:23:respawn:/sbin/agetty -a kiosk 38400 tty2\n';
    expect(inittabAutologins('/etc/inittab', text)).toEqual([{ user: 'kiosk', at: '/etc/inittab:3' }]);
  });
});

describe('displayManagerFromUnit', () => {
  it('names the display manager of the real sddm root link, and gdm for gdm3', () => {
    expect(displayManagerFromUnit(sample('sddm-display-manager.service.readlink').trim())).toBe('sddm');
    expect(displayManagerFromUnit('/lib/systemd/system/gdm3.service')).toBe('gdm');
    expect(displayManagerFromUnit('/dev/null')).toBeNull();
  });
});

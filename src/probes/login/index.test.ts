import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { login } from './index.js';

const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/login/${name}`, import.meta.url), 'utf8');

const atRest = { exec: false, live: false };

const collect = async (spec: FakeHostSpec, platform: Platform = 'linux') => {
  const host = fakeHost(spec);
  const context: ProbeContext = {
    platform,
    now: new Date(0),
    catalog: { apps: [] },
    capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
  };
  const outcome = await login.collect(host, context);
  return { outcome, facts: outcome.status === 'ok' ? outcome.facts : undefined, ran: host.ran };
};

/** gdm3 as its Debian 12 package installs it (files from gdm3_43.0-3_amd64.deb). */
const gdm3 = (daemonConf: string): FakeHostSpec['files'] => ({
  '/usr/sbin/gdm3': '',
  '/lib/systemd/system/gdm.service': '[Unit]\n',
  '/etc/gdm3/daemon.conf': daemonConf,
});

const lightdm = (conf: string): FakeHostSpec['files'] => ({
  '/usr/sbin/lightdm': '',
  '/lib/systemd/system/lightdm.service': '[Unit]\n',
  '/usr/share/lightdm/lightdm.conf.d/01_debian.conf': sample('lightdm-01_debian.conf'),
  '/etc/lightdm/lightdm.conf': conf,
});

describe('login probe', () => {
  it('passes a stock Debian gdm3 at rest, without running anything', async () => {
    const { facts, ran } = await collect({
      capabilities: atRest,
      files: gdm3(sample('gdm3-daemon.conf')),
      links: { '/etc/systemd/system/display-manager.service': '/lib/systemd/system/gdm3.service' },
    });
    expect(ran).toEqual([]);
    expect(facts).toEqual({
      displayManagers: ['gdm'],
      enabledDisplayManager: 'gdm',
      autologin: false,
      autologinUsers: [],
      guestLogin: false,
      evidence: [],
    });
  });

  it('fails gdm3 with AutomaticLoginEnable', async () => {
    const { facts, ran } = await collect({ files: gdm3(sample('gdm3-daemon.conf.autologin')) });
    expect(ran).toEqual([]);
    expect(facts).toMatchObject({
      autologin: true,
      autologinUsers: ['agent'],
      evidence: ['/etc/gdm3/daemon.conf:10: AutomaticLoginEnable=true', '/etc/gdm3/daemon.conf:11: AutomaticLogin=agent'],
    });
  });

  it('reads /etc/gdm/custom.conf and timed login', async () => {
    const { facts } = await collect({ files: { '/usr/sbin/gdm': '', '/etc/gdm/custom.conf': sample('gdm3-daemon.conf.timed') } });
    expect(facts).toMatchObject({ displayManagers: ['gdm'], autologin: true, autologinUsers: ['agent'] });
  });

  it('LightDM from Debian: guest allowed by default but no guest-account script, so no guest login', async () => {
    const { facts } = await collect({ capabilities: atRest, files: lightdm(sample('lightdm.conf')) });
    expect(facts).toEqual({
      displayManagers: ['lightdm'],
      enabledDisplayManager: null,
      autologin: false,
      autologinUsers: [],
      guestLogin: false,
      evidence: ['lightdm: allow-guest=true (LightDM default)', 'lightdm: guest-account script guest-account is not installed, so no guest session can start'],
    });
  });

  it('LightDM with a guest-account script: guest login, and autologin-guest logs the guest in', async () => {
    const withScript = { ...lightdm(sample('lightdm.conf')), '/usr/sbin/guest-account': '#!/bin/sh\n' };
    expect((await collect({ files: withScript })).facts).toMatchObject({ guestLogin: true, autologin: false });
    const autoGuest = { ...lightdm(sample('lightdm.conf.autologin-guest')), '/usr/sbin/guest-account': '#!/bin/sh\n' };
    expect((await collect({ files: autoGuest })).facts).toMatchObject({ guestLogin: true, autologin: true, autologinUsers: ['guest'] });
    const autoGuestNoScript = lightdm(sample('lightdm.conf.autologin-guest'));
    expect((await collect({ files: autoGuestNoScript })).facts).toMatchObject({ guestLogin: false, autologin: false });
  });

  it('LightDM allow-guest=false and autologin-user', async () => {
    const noGuest = { ...lightdm(sample('lightdm.conf.no-guest')), '/usr/sbin/guest-account': '' };
    expect((await collect({ files: noGuest })).facts).toMatchObject({ guestLogin: false });
    const auto = { ...lightdm(sample('lightdm.conf.autologin')), '/etc/lightdm/lightdm.conf.d/90-kiosk.conf': '[Seat:*]\nautologin-user=kiosk\n' };
    // /etc/lightdm/lightdm.conf is read after lightdm.conf.d, so it wins.
    expect((await collect({ files: auto })).facts).toMatchObject({ autologin: true, autologinUsers: ['agent'] });
  });

  it('SDDM as the recorded Debian root has it, with and without an autologin drop-in', async () => {
    const base = {
      '/usr/bin/sddm': '',
      '/lib/systemd/system/sddm.service': '[Unit]\n',
    };
    const links = { '/etc/systemd/system/display-manager.service': sample('sddm-display-manager.service.readlink').trim() };
    expect((await collect({ files: base, links })).facts).toMatchObject({
      displayManagers: ['sddm'],
      enabledDisplayManager: 'sddm',
      autologin: false,
    });
    const auto = { ...base, '/etc/sddm.conf.d/autologin.conf': sample('sddm.conf.autologin') };
    expect((await collect({ files: auto, links, capabilities: atRest })).facts).toMatchObject({
      autologin: true,
      autologinUsers: ['agent'],
      evidence: ['/etc/sddm.conf.d/autologin.conf:9: User=agent'],
    });
  });

  it('LXDM and nodm', async () => {
    const lx = { '/usr/sbin/lxdm': '', '/etc/lxdm/lxdm.conf': sample('lxdm.conf.autologin') };
    expect((await collect({ files: lx })).facts).toMatchObject({ displayManagers: ['lxdm'], autologin: true, autologinUsers: ['agent'] });
    const nodm = { '/usr/sbin/nodm': '', '/etc/default/nodm': 'NODM_ENABLED=true\nNODM_USER="kiosk"\n' };
    expect((await collect({ files: nodm })).facts).toMatchObject({ displayManagers: ['nodm'], autologin: true, autologinUsers: ['kiosk'] });
  });

  it('ignores autologin settings of a display manager that is not installed, and says so', async () => {
    const { facts } = await collect({ files: { '/etc/sddm.conf': sample('sddm.conf.autologin') } });
    expect(facts).toMatchObject({
      displayManagers: [],
      autologin: false,
      evidence: ['/etc/sddm.conf:9: User=agent (sddm is not installed: ignored)'],
    });
  });

  it('finds console autologin in a getty drop-in on top of the real getty@.service', async () => {
    const { facts, ran } = await collect({
      capabilities: atRest,
      files: {
        '/lib/systemd/system/getty@.service': sample('getty@.service'),
        '/etc/systemd/system/getty@tty1.service.d/override.conf': sample('getty-autologin-override.conf'),
      },
    });
    expect(ran).toEqual([]);
    expect(facts).toMatchObject({
      displayManagers: [],
      autologin: true,
      autologinUsers: ['agent'],
      evidence: [
        "/etc/systemd/system/getty@tty1.service.d/override.conf:3: getty@tty1.service ExecStart=-/sbin/agetty -o '-p -f -- \\\\u' --noclear --autologin agent %I $TERM",
      ],
    });
  });

  it('a template drop-in (getty@.service.d) and a later reset', async () => {
    const files = {
      '/lib/systemd/system/getty@.service': sample('getty@.service'),
      '/etc/systemd/system/getty@.service.d/autologin.conf': sample('getty-autologin-override.conf'),
    };
    expect((await collect({ files })).facts).toMatchObject({ autologin: true, autologinUsers: ['agent'] });
    const reset = { ...files, '/etc/systemd/system/getty@.service.d/zz-reset.conf': '[Service]\nExecStart=\nExecStart=-/sbin/agetty --noclear %I $TERM\n' };
    expect((await collect({ files: reset })).facts).toMatchObject({ autologin: false });
  });

  it('answers null, not false, when a configuration file cannot be read', async () => {
    const { facts } = await collect({
      files: { '/usr/sbin/gdm3': '' },
      stats: { '/etc/gdm3/daemon.conf': { mode: 0o600 } },
    });
    expect(facts).toMatchObject({ autologin: null, evidence: ['/etc/gdm3/daemon.conf: exists but cannot be read'] });
    const light = await collect({ files: { '/usr/sbin/lightdm': '' }, stats: { '/etc/lightdm/lightdm.conf': { mode: 0o600 } } });
    expect(light.facts).toMatchObject({ autologin: null, guestLogin: null });
  });

  it('says false for a machine without any display manager or getty autologin', async () => {
    expect((await collect({ files: {} })).facts).toEqual({
      displayManagers: [],
      enabledDisplayManager: null,
      autologin: false,
      autologinUsers: [],
      guestLogin: false,
      evidence: [],
    });
  });

  it('reads /etc/X11/default-display-manager when there is no systemd alias', async () => {
    const { facts } = await collect({ files: { ...gdm3(sample('gdm3-daemon.conf')), '/etc/X11/default-display-manager': '/usr/sbin/gdm3\n' } });
    expect(facts?.enabledDisplayManager).toBe('gdm');
  });

  it('on Windows without PowerShell, fails saying so instead of guessing', async () => {
    expect((await collect({}, 'windows')).outcome).toEqual({
      status: 'error',
      message: expect.stringContaining('powershell.exe could not be started') as string,
    });
  });
});

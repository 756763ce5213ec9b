import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { ConfigLayer } from './user-lock.js';
import { parseXfconf, type XfconfChannel } from './xfce.js';
import { commandLineLockAfter, judgeLightLocker, readXfcePower } from './xfce-power.js';

/** Real channels from public dotfiles: see testdata/README.md. */
const channel = (
  name: string,
  file = `/home/agent/.config/xfce4/xfconf/xfce-perchannel-xml/xfce4-power-manager.xml`,
  system = false,
): ConfigLayer<XfconfChannel> => ({
  file,
  system,
  config: parseXfconf(readFileSync(new URL(`./testdata/xfce-power/${name}`, import.meta.url), 'utf8')),
});
const constructed = (xml: string, file: string, system: boolean): ConfigLayer<XfconfChannel> => ({ file, system, config: parseXfconf(xml) });

describe('readXfcePower', () => {
  it('reads blanking, presentation mode and lock on suspend from real channels; reset (empty) properties are not set', () => {
    const full = readXfcePower([channel('7aske-dotfiles.xml')]);
    expect([full.blankOnAc.value, full.blankOnBattery.value, full.presentationMode.value, full.lockOnSuspend.value]).toEqual([10, 5, false, true]);
    const reset = readXfcePower([channel('11philip22-xubuntu.xml')]);
    expect([reset.blankOnAc.value, reset.blankOnBattery.value, reset.lockOnSuspend.value]).toEqual([null, 15, null]);
    const sparse = readXfcePower([channel('antidote1911-myxfce.xml')]);
    expect([sparse.blankOnAc.value, sparse.blankOnBattery.value, sparse.lockOnSuspend.value]).toEqual([null, null, true]);
  });

  it("the user's file wins over the system default, unless the default is locked for everyone", () => {
    const system = '/etc/xdg/xfce4/xfconf/xfce-perchannel-xml/xfce4-power-manager.xml';
    const open = constructed(
      '<channel name="xfce4-power-manager"><property name="xfce4-power-manager" type="empty"><property name="blank-on-ac" type="int" value="3"/></property></channel>',
      system,
      true,
    );
    const locked = constructed(
      '<channel name="xfce4-power-manager" locked="*"><property name="xfce4-power-manager" type="empty"><property name="blank-on-ac" type="int" value="3"/></property></channel>',
      system,
      true,
    );
    expect(readXfcePower([open, channel('7aske-dotfiles.xml')]).blankOnAc).toMatchObject({ value: 10 });
    expect(readXfcePower([locked, channel('7aske-dotfiles.xml')]).blankOnAc).toEqual({ value: 3, file: system });
  });
});

describe('judgeLightLocker', () => {
  const power = readXfcePower([channel('7aske-dotfiles.xml')]);
  it("locks the worst blanking time plus light-locker's delay after it", () => {
    expect(judgeLightLocker('agent', power, { lockAfterSeconds: 5, evidence: [] })).toMatchObject({
      lockEnabled: true,
      idleSeconds: 600,
      lockDelaySeconds: 5,
      secondsToLock: 605,
    });
  });
  it('0 seconds in light-locker, a screen that never blanks or presentation mode: no idle lock', () => {
    expect(judgeLightLocker('agent', power, { lockAfterSeconds: 0, evidence: [] })).toMatchObject({ lockEnabled: false, secondsToLock: null });
    const never = readXfcePower([
      constructed(
        '<channel name="x"><property name="xfce4-power-manager" type="empty"><property name="blank-on-ac" type="int" value="0"/><property name="blank-on-battery" type="int" value="5"/><property name="presentation-mode" type="bool" value="false"/></property></channel>',
        '/f',
        false,
      ),
    ]);
    expect(judgeLightLocker('agent', never, { lockAfterSeconds: 5, evidence: [] }).lockEnabled).toBe(false);
    const presenting = readXfcePower([
      constructed(
        '<channel name="x"><property name="xfce4-power-manager" type="empty"><property name="blank-on-ac" type="int" value="5"/><property name="blank-on-battery" type="int" value="5"/><property name="presentation-mode" type="bool" value="true"/></property></channel>',
        '/f',
        false,
      ),
    ]);
    expect(judgeLightLocker('agent', presenting, { lockAfterSeconds: 5, evidence: [] }).lockEnabled).toBe(false);
  });
  it('unknown blanking or an unknown light-locker delay is unknown, never a lock', () => {
    expect(judgeLightLocker('agent', readXfcePower([channel('11philip22-xubuntu.xml')]), { lockAfterSeconds: 5, evidence: [] })).toMatchObject({
      lockEnabled: null,
      secondsToLock: null,
    });
    expect(judgeLightLocker('agent', power, { lockAfterSeconds: null, evidence: [] })).toMatchObject({ lockEnabled: null, secondsToLock: null });
  });
});

describe('commandLineLockAfter', () => {
  it('reads both option spellings; absent is undefined, a non-number null', () => {
    expect(commandLineLockAfter('light-locker --lock-after-screensaver=900 --late-locking')).toBe(900);
    expect(commandLineLockAfter('light-locker --lock-after-screensaver 10')).toBe(10);
    expect(commandLineLockAfter('light-locker')).toBeUndefined();
    expect(commandLineLockAfter('light-locker --lock-after-screensaver=$DELAY')).toBeNull();
  });
});

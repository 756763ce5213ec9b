import { describe, expect, it } from 'vitest';
import { screenLockSample } from '../../testing/dconf-samples.js';
import { judgeKde, parseKconfig, resolveKconfig, type Kconfig } from './kde.js';
import { type ConfigLayer } from './user-lock.js';

const text = (path: string): string => screenLockSample(path).toString('utf8');
const kconfig = (file: string, system: boolean, sample: string): ConfigLayer<Kconfig> => ({ file, system, config: parseKconfig(text(sample)) });

describe('KDE kscreenlockerrc', () => {
  it('parses groups, nested groups and [$i] markers', () => {
    const config = parseKconfig(text('kde/aosc-etc-xdg/kscreenlockerrc'));
    expect(config.groups.get('Daemon')?.get('Timeout')).toEqual({ value: '15', immutable: false });
    expect(config.groups.get('Greeter][Wallpaper][org.kde.image][General')?.get('Image')?.value).toBe('file:///usr/share/wallpapers/Soundness');
    expect(parseKconfig(text('kde/constructed/etc-xdg-immutable-group')).immutableGroups.has('Daemon')).toBe(true);
    expect(parseKconfig(text('kde/constructed/etc-xdg-immutable-key')).groups.get('Daemon')?.get('Timeout')).toEqual({ value: '10', immutable: true });
    expect(parseKconfig('[$i]\n[Daemon]\nAutolock=true\n').immutableFile).toBe(true);
    expect(parseKconfig('[Daemon]\nName[de]=x\n').groups.get('Daemon')?.size ?? 0).toBe(0);
  });

  it('uses KDE defaults (5 min, 5 s grace) when no file sets them', () => {
    const lock = judgeKde('u', [
      kconfig('/etc/xdg/kscreenlockerrc', true, 'kde/plasma-phone-etc-xdg/kscreenlockerrc'),
      kconfig('~/.config/kscreenlockerrc', false, 'kde/9999years-home/kscreenlockerrc'),
    ]);
    expect(lock).toMatchObject({ source: 'kde-default', lockEnabled: true, idleSeconds: 300, lockDelaySeconds: 5, secondsToLock: 305, enforced: false });
  });

  it('lets the user turn locking off unless the system file is immutable', () => {
    const off = kconfig('~/.config/kscreenlockerrc', false, 'kde/constructed/home-autolock-off');
    expect(judgeKde('u', [off])).toMatchObject({ lockEnabled: false, secondsToLock: null, idleSeconds: 600 });
    const key = judgeKde('u', [kconfig('/etc/xdg/kscreenlockerrc', true, 'kde/constructed/etc-xdg-immutable-key'), off]);
    expect(key).toMatchObject({ lockEnabled: false, idleSeconds: 600, enforced: false });
    expect(resolveKconfig([kconfig('/etc/xdg/kscreenlockerrc', true, 'kde/constructed/etc-xdg-immutable-key'), off], 'Daemon', ['Timeout'])).toEqual({
      value: '10',
      file: '/etc/xdg/kscreenlockerrc',
      immutable: true,
    });
  });

  it('treats Timeout=0 as unknown (versions disagree) and clamps LockGrace', () => {
    const layer = (body: string): ConfigLayer<Kconfig> => ({ file: 'f', system: false, config: parseKconfig(body) });
    expect(judgeKde('u', [layer('[Daemon]\nTimeout=0\n')])).toMatchObject({ lockEnabled: null, idleSeconds: null });
    expect(judgeKde('u', [layer('[Daemon]\nLockGrace=900\n')]).lockDelaySeconds).toBe(300);
    expect(judgeKde('u', [layer('[Daemon]\nLockGracePeriod=10\n')]).lockDelaySeconds).toBe(10);
  });
});

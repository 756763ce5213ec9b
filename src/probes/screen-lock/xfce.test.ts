import { describe, expect, it } from 'vitest';
import { screenLockSample } from '../../testing/dconf-samples.js';
import { type ConfigLayer } from './user-lock.js';
import { judgeXfce, parseXfconf, type XfconfChannel } from './xfce.js';

const text = (path: string): string => screenLockSample(path).toString('utf8');
const xfconf = (file: string, system: boolean, sample: string): ConfigLayer<XfconfChannel> => ({ file, system, config: parseXfconf(text(sample)) });

describe('XFCE xfce4-screensaver channel', () => {
  it('flattens nested properties into paths', () => {
    const channel = parseXfconf(text('xfce/elainajones-home/xfce4-screensaver.xml'));
    expect(channel.name).toBe('xfce4-screensaver');
    expect(channel.properties.get('/saver/idle-activation/delay')).toEqual({ type: 'int', value: '30', locked: null });
    expect(channel.properties.get('/lock/saver-activation/delay')?.value).toBe('2');
  });

  it('judges the recorded user channels', () => {
    expect(judgeXfce('u', [xfconf('~/x.xml', false, 'xfce/elainajones-home/xfce4-screensaver.xml')], true)).toMatchObject({
      source: 'xfconf',
      lockEnabled: true,
      idleSeconds: 1800,
      lockDelaySeconds: 120,
      secondsToLock: 1920,
      enforced: false,
    });
    const off = judgeXfce('u', [xfconf('~/x.xml', false, 'xfce/7aske-home/xfce4-screensaver.xml')], true);
    expect(off).toMatchObject({ lockEnabled: false, secondsToLock: null });
    expect(off.evidence).toContain('xfce4-screensaver /saver/enabled is false: the screen does not lock on idle');
  });

  it('honours a locked system channel over the user file', () => {
    const lock = judgeXfce(
      'u',
      [xfconf('/etc/xdg/x.xml', true, 'xfce/constructed/etc-xdg-locked.xml'), xfconf('~/x.xml', false, 'xfce/7aske-home/xfce4-screensaver.xml')],
      true,
    );
    expect(lock).toMatchObject({ lockEnabled: true, idleSeconds: 600, lockDelaySeconds: 0, secondsToLock: 600, enforced: true });
  });

  it('says unknown when xfce4-screensaver is not installed', () => {
    expect(judgeXfce('u', [], false)).toMatchObject({ source: 'xfce-default', lockEnabled: null });
  });
});

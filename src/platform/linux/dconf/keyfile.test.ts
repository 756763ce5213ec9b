import { describe, expect, it } from 'vitest';
import { parseKeyfile, parseLocks, parseProfile } from './keyfile.js';
import { screenLockSample } from '../../../testing/dconf-samples.js';

describe('dconf text formats', () => {
  it('reads a dconf keyfile', () => {
    const entries = parseKeyfile(screenLockSample('dconf/db/local.d/00-screen-lock').toString('utf8'));
    expect(entries.map(({ group, key, value }) => `[${group}] ${key}=${value}`)).toEqual([
      '[org/gnome/desktop/screensaver] lock-enabled=true',
      '[org/gnome/desktop/screensaver] lock-delay=uint32 0',
      '[org/gnome/desktop/session] idle-delay=uint32 300',
      '[org/gnome/desktop/lockdown] disable-lock-screen=false',
    ]);
  });

  it('skips comments, localised keys and lines outside groups', () => {
    expect(parseKeyfile('k=1\n# c\n[g]\n a = 1 \nname[de]=x\n')).toEqual([{ group: 'g', key: 'a', value: '1', line: 4 }]);
  });

  it('reads a lock list', () => {
    expect(parseLocks(screenLockSample('dconf/db/local.d/locks/00-screen-lock').toString('utf8'))).toEqual([
      '/org/gnome/desktop/screensaver/lock-enabled',
      '/org/gnome/desktop/screensaver/lock-delay',
      '/org/gnome/desktop/session/idle-delay',
      '/org/gnome/desktop/lockdown/disable-lock-screen',
    ]);
  });

  it('reads a profile like dconf-engine-profile.c', () => {
    expect(parseProfile('# comment\nuser-db:user\n  system-db:local  # site policy\nsystem-db:site\nbogus\nfile-db:/opt/db\n')).toEqual([
      { kind: 'user-db', name: 'user' },
      { kind: 'system-db', name: 'local' },
      { kind: 'system-db', name: 'site' },
      { kind: 'file-db', name: '/opt/db' },
    ]);
  });
});

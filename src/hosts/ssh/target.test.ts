import { describe, expect, it } from 'vitest';
import { UsageError } from '../../errors.js';
import { formatSshTarget, parseSshTarget } from './target.js';

describe('parseSshTarget', () => {
  it('reads [user@]host[:port] and bracketed IPv6 addresses', () => {
    expect(parseSshTarget('web1')).toEqual({ host: 'web1' });
    expect(parseSshTarget('alice@web1.example.lu:2222')).toEqual({ user: 'alice', host: 'web1.example.lu', port: 2222 });
    expect(parseSshTarget('root@[::1]:22')).toEqual({ user: 'root', host: '::1', port: 22 });
    expect(parseSshTarget('a.b@corp@10.0.0.1')).toEqual({ user: 'a.b@corp', host: '10.0.0.1' });
    expect(formatSshTarget(parseSshTarget('root@[::1]:22'))).toBe('root@[::1]:22');
  });

  it('refuses anything ssh could take for an option or a shell could interpret', () => {
    for (const bad of [
      '-oProxyCommand=id',
      'alice@-oProxyCommand=id',
      '-l@host',
      'host:0',
      'host:70000',
      'host:22x',
      'a b',
      'host;id',
      '$(id)',
      'host\n',
      '[::1',
      '',
    ]) {
      expect(() => parseSshTarget(bad), bad).toThrow(UsageError);
    }
  });
});

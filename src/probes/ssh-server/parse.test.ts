import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  effectiveConfig,
  flattenSshdConfig,
  globComponentRegExp,
  includePatterns,
  listenAddressPort,
  parseSshdConfig,
  parseSshdT,
  permitRootLogin,
  tokenizeSshdLine,
  yesNo,
} from './parse.js';

/** Samples: fixtures/samples/ssh-server/README.md (Debian 12 openssh-server 1:9.2p1-2+deb12u10 in a debootstrap root). */
const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/ssh-server/${name}`, import.meta.url), 'utf8');

const debianMain = sample('debian12-default/sshd_config');
const glob = '/etc/ssh/sshd_config.d/*.conf';

const resolve = (dropIns: Record<string, string>) => {
  const files = new Map<string, string>([['/etc/ssh/sshd_config', debianMain]]);
  for (const [name, text] of Object.entries(dropIns)) files.set(`/etc/ssh/sshd_config.d/${name}`, text);
  const expansions = new Map([
    [
      glob,
      Object.keys(dropIns)
        .sort()
        .map((name) => `/etc/ssh/sshd_config.d/${name}`),
    ],
  ]);
  return effectiveConfig(flattenSshdConfig('/etc/ssh/sshd_config', files, expansions));
};

describe('tokenizeSshdLine', () => {
  it('splits keyword and arguments, with = and quotes, and skips comments', () => {
    expect(tokenizeSshdLine('  PermitRootLogin no')).toEqual(['PermitRootLogin', 'no']);
    expect(tokenizeSshdLine('Port=2222')).toEqual(['Port', '2222']);
    expect(tokenizeSshdLine('Subsystem\tsftp\t/usr/lib/openssh/sftp-server')).toEqual(['Subsystem', 'sftp', '/usr/lib/openssh/sftp-server']);
    expect(tokenizeSshdLine('Banner "/etc/issue net"')).toEqual(['Banner', '/etc/issue net']);
    expect(tokenizeSshdLine('#PermitRootLogin prohibit-password')).toBeUndefined();
    expect(tokenizeSshdLine('   ')).toBeUndefined();
  });
});

describe('the Debian 12 sshd_config', () => {
  it('has one Include of the drop-in directory, relative paths made absolute', () => {
    expect(includePatterns(parseSshdConfig(debianMain))).toEqual([glob]);
    expect(includePatterns(parseSshdConfig('Include extra/*.conf other.conf\n'))).toEqual(['/etc/ssh/extra/*.conf', '/etc/ssh/other.conf']);
  });

  it('sets only KbdInteractiveAuthentication and UsePAM among the checked keywords', () => {
    const config = resolve({});
    expect(config.global.get('kbdinteractiveauthentication')).toEqual({ value: 'no', at: '/etc/ssh/sshd_config:62' });
    expect(config.global.get('usepam')).toEqual({ value: 'yes', at: '/etc/ssh/sshd_config:85' });
    expect(config.global.has('permitrootlogin')).toBe(false);
    expect(config.global.has('passwordauthentication')).toBe(false);
    expect(config.multi.get('port')).toBeUndefined();
    expect(config.matchBlocks).toEqual([]);
  });

  it('lets the first value win: the hardened drop-ins are read before the main file, 50 before 60', () => {
    const config = resolve({
      '50-hardening.conf': sample('debian12-hardened/50-hardening.conf'),
      '60-later.conf': sample('debian12-hardened/60-later.conf'),
    });
    expect(config.global.get('permitrootlogin')).toEqual({ value: 'no', at: '/etc/ssh/sshd_config.d/50-hardening.conf:2' });
    expect(config.global.get('passwordauthentication')).toEqual({ value: 'no', at: '/etc/ssh/sshd_config.d/50-hardening.conf:3' });
    expect(config.multi.get('port')).toEqual([{ value: '2222', at: '/etc/ssh/sshd_config.d/50-hardening.conf:4' }]);
    // The Match block of the drop-in ends with its file: the main file's lines after the Include are global again.
    expect(config.matchBlocks).toEqual([
      {
        criteria: 'Address 10.0.0.0/8',
        at: '/etc/ssh/sshd_config.d/50-hardening.conf:6',
        settings: { passwordauthentication: 'yes', permitrootlogin: 'prohibit-password' },
      },
    ]);
    expect(config.global.get('x11forwarding')?.at).toBe('/etc/ssh/sshd_config:90');
  });

  it('maps ChallengeResponseAuthentication onto KbdInteractiveAuthentication (weak drop-in wins over the main file)', () => {
    const config = resolve({ '10-legacy.conf': sample('debian12-weak/10-legacy.conf') });
    expect(config.global.get('kbdinteractiveauthentication')).toEqual({ value: 'yes', at: '/etc/ssh/sshd_config.d/10-legacy.conf:4' });
    expect(config.global.get('permitemptypasswords')?.value).toBe('yes');
  });

  it('treats Match all as the end of a Match block, and keywords case-insensitively', () => {
    const files = new Map([['/m', 'Match User backup\n  PASSWORDAUTHENTICATION yes\nMatch all\npasswordauthentication no\n']]);
    const config = effectiveConfig(flattenSshdConfig('/m', files, new Map()));
    expect(config.global.get('passwordauthentication')).toEqual({ value: 'no', at: '/m:4' });
    expect(config.matchBlocks).toEqual([{ criteria: 'User backup', at: '/m:1', settings: { passwordauthentication: 'yes' } }]);
  });

  it('an Include inside a Match block is conditional', () => {
    const files = new Map([
      ['/m', 'Match Group admins\nInclude /x.conf\n'],
      ['/x.conf', 'PermitRootLogin yes\n'],
    ]);
    const config = effectiveConfig(flattenSshdConfig('/m', files, new Map([['/x.conf', ['/x.conf']]])));
    expect(config.global.has('permitrootlogin')).toBe(false);
    expect(config.matchBlocks[0]?.settings).toEqual({ permitrootlogin: 'yes' });
  });
});

describe('parseSshdT', () => {
  it('reads the real sshd -T output of the default Debian 12 configuration', () => {
    const settings = parseSshdT(sample('debian12-default/sshd-T.stdout'));
    expect(settings.get('permitrootlogin')).toEqual(['without-password']);
    expect(settings.get('passwordauthentication')).toEqual(['yes']);
    expect(settings.get('kbdinteractiveauthentication')).toEqual(['no']);
    expect(settings.get('port')).toEqual(['22']);
    expect(settings.get('listenaddress')).toEqual(['[::]:22', '0.0.0.0:22']);
  });

  it('reads the hardened and weak recordings', () => {
    const hardened = parseSshdT(sample('debian12-hardened/sshd-T.stdout'));
    expect([hardened.get('permitrootlogin'), hardened.get('passwordauthentication'), hardened.get('port')]).toEqual([['no'], ['no'], ['2222']]);
    const weak = parseSshdT(sample('debian12-weak/sshd-T.stdout'));
    expect([weak.get('permitrootlogin'), weak.get('kbdinteractiveauthentication'), weak.get('permitemptypasswords')]).toEqual([['yes'], ['yes'], ['yes']]);
  });
});

describe('values', () => {
  it('normalises PermitRootLogin and yes/no flags', () => {
    expect(permitRootLogin('without-password')).toBe('prohibit-password');
    expect(permitRootLogin('No')).toBe('no');
    expect(permitRootLogin('maybe')).toBeNull();
    expect([yesNo('YES'), yesNo('no'), yesNo('true')]).toEqual([true, false, null]);
  });

  it('reads ports of ListenAddress', () => {
    expect(listenAddressPort('[::]:22')).toBe(22);
    expect(listenAddressPort('0.0.0.0:2222')).toBe(2222);
    expect(listenAddressPort('192.0.2.1')).toBeNull();
    expect(listenAddressPort('::1')).toBeNull();
  });

  it('globs like glob(3): no hidden files, sets and negated sets', () => {
    const re = globComponentRegExp('*.conf');
    expect(['a.conf', '.hidden.conf', 'a.conf.bak'].filter((n) => re.test(n))).toEqual(['a.conf']);
    expect(globComponentRegExp('[0-4]?-*.conf').test('10-x.conf')).toBe(true);
    expect(globComponentRegExp('[!0-4]*').test('5')).toBe(true);
    expect(globComponentRegExp('[!0-4]*').test('1')).toBe(false);
    expect(globComponentRegExp('.*').test('.hidden')).toBe(true);
  });

  it("matches a hostile *a*a*…*b glob from the machine without backtracking (an exponential matcher would not finish before the test's limit)", () => {
    expect(globComponentRegExp(`${'*a'.repeat(25)}*b`).test('a'.repeat(80))).toBe(false);
  });
});

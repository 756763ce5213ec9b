import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { grantsAllAsRoot, isLocked, parseGroup, parseShadow, parseSudoers, passwdPasswordFields, sudoersDirEntry } from './parse.js';

/**
 * Samples: fixtures/samples/accounts/README.md. debian12-sudo is a debootstrap root with sudo and user
 * agent; debian12-weak is a copy changed with real tools (usermod, useradd, passwd -d, chpasswd) and
 * fake accounts. No file comes from this machine's /etc/shadow.
 */
const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/accounts/${name}`, import.meta.url), 'utf8');

describe('passwdPasswordFields', () => {
  it('reads the x of every account of the real passwd files', () => {
    const fields = passwdPasswordFields(sample('debian12-weak/passwd'));
    expect(fields.get('root')).toBe('x');
    expect(fields.get('guest')).toBe('x');
    expect([...fields.values()].every((f) => f === 'x')).toBe(true);
    expect(passwdPasswordFields('nopw::1001:1001::/home/nopw:/bin/sh\n').get('nopw')).toBe('');
  });
});

describe('parseShadow', () => {
  it('reads the debootstrap root shadow: everything locked with * or !', () => {
    const entries = parseShadow(sample('debian12-sudo/shadow'));
    expect(entries[0]).toEqual({ name: 'root', password: '*', expireDays: null });
    expect(entries.find((e) => e.name === 'agent')).toEqual({ name: 'agent', password: '!', expireDays: null });
    expect(entries.every((e) => isLocked(e.password))).toBe(true);
  });

  it('reads the changed root: a yescrypt root hash and passwd -d guest (empty field)', () => {
    const entries = parseShadow(sample('debian12-weak/shadow'));
    const root = entries.find((e) => e.name === 'root');
    expect(root?.password.startsWith('$y$')).toBe(true);
    expect(isLocked(root?.password ?? '')).toBe(false);
    expect(entries.find((e) => e.name === 'guest')?.password).toBe('');
    expect(parseShadow('old:!$6$x:19000:0:99999:7::19500:\n')).toEqual([{ name: 'old', password: '!$6$x', expireDays: 19500 }]);
  });
});

describe('parseGroup', () => {
  it('reads members of the real group files', () => {
    expect(parseGroup(sample('debian12-weak/group')).find((g) => g.name === 'sudo')).toEqual({ name: 'sudo', gid: 27, members: ['agent'] });
    const vm = parseGroup(sample('group-debian12-vm'));
    expect(vm.find((g) => g.name === 'sudo')).toEqual({ name: 'sudo', gid: 27, members: [] });
    expect(vm.find((g) => g.name === 'ssl-cert')?.members).toEqual(['postgres']);
  });
});

describe('parseSudoers', () => {
  it('finds root and %sudo in the Debian 12 sudoers and its includedir', () => {
    const file = parseSudoers('/etc/sudoers', sample('debian12-sudo/sudoers'));
    expect(file.grants).toEqual([
      { who: ['root'], at: '/etc/sudoers:47' },
      { who: ['%sudo'], at: '/etc/sudoers:50' },
    ]);
    expect(file.includeDirs).toEqual(['/etc/sudoers.d']);
  });

  it('ignores the sudoers.d README (all comments) and grants for one command', () => {
    expect(parseSudoers('/etc/sudoers.d/README', sample('debian12-sudo/sudoers.d-README')).grants).toEqual([]);
    expect(parseSudoers('/etc/sudoers.d/ops', sample('debian12-weak/sudoers.d-ops')).grants).toEqual([{ who: ['ops'], at: '/etc/sudoers.d/ops:2' }]);
  });

  it('handles aliases, lists, continuations, uid specs, tags and runas', () => {
    const text = [
      'User_Alias ADMINS = alice, %wheel',
      'Cmnd_Alias EVERYTHING = ALL',
      'ADMINS ALL = EVERYTHING',
      'bob, carol ALL=(ALL) \\',
      '    NOPASSWD: /usr/bin/apt, ALL',
      '#1001 ALL=(ALL:ALL) ALL',
      'dave ALL=(:adm) ALL',
      'erin ALL=(nobody) ALL',
      'frank ALL=(nobody) /bin/ls, (root) ALL',
      'gina ALL = /bin/ls : other = TIMEOUT=5m ALL',
      'Defaults:hank !requiretty',
      'ivan ALL=(ALL) ALL, !/bin/su # trailing comment',
    ].join('\n');
    const file = parseSudoers('s', text);
    expect(file.grants.map((g) => g.who)).toEqual([['ADMINS'], ['bob', 'carol'], ['#1001'], ['frank'], ['gina'], ['ivan']]);
    expect(file.userAliases.get('ADMINS')).toEqual(['alice', '%wheel']);
    expect(file.grants[1]?.at).toBe('s:4');
  });

  it('reads #include lines as directives, not comments', () => {
    const file = parseSudoers('s', '#includedir /etc/sudoers.d\n#include /etc/sudoers.local\n# comment ALL=(ALL) ALL\n');
    expect(file).toMatchObject({ includeDirs: ['/etc/sudoers.d'], includes: ['/etc/sudoers.local'], grants: [] });
  });

  it('judges Cmnd_Spec_Lists', () => {
    expect(grantsAllAsRoot('(ALL:ALL) ALL', new Map())).toBe(true);
    expect(grantsAllAsRoot('(root) /usr/bin/journalctl', new Map())).toBe(false);
    expect(grantsAllAsRoot('!ALL', new Map())).toBe(false);
  });

  it('skips sudoers.d names with a dot or ending in ~, like sudo', () => {
    expect(['README', 'ops', 'ops~', 'ops.dpkg-old'].filter(sudoersDirEntry)).toEqual(['README', 'ops']);
  });
});

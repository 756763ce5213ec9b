import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { accounts } from './index.js';

/** Samples: fixtures/samples/accounts/README.md (fake accounts only; nothing from this machine's shadow). */
const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/accounts/${name}`, import.meta.url), 'utf8');

const atRest = { exec: false, live: false };
/** 2026-11-22, the day the samples were made (day 20779 since 1970, as in their shadow files). */
const now = new Date('2026-11-22T12:00:00Z');

const collect = async (spec: FakeHostSpec, platform: Platform = 'linux') => {
  const host = fakeHost(spec);
  const context: ProbeContext = {
    platform,
    now,
    catalog: { apps: [] },
    capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
  };
  const outcome = await accounts.collect(host, context);
  return { outcome, facts: outcome.status === 'ok' ? outcome.facts : undefined, ran: host.ran };
};

const root = (dir: 'debian12-sudo' | 'debian12-weak'): Record<string, string> => ({
  '/etc/passwd': sample(`${dir}/passwd`),
  '/etc/group': sample(`${dir}/group`),
  '/etc/shadow': sample(`${dir}/shadow`),
  '/etc/sudoers': sample(`${dir}/sudoers`),
  ...(dir === 'debian12-sudo'
    ? { '/etc/sudoers.d/README': sample('debian12-sudo/sudoers.d-README') }
    : { '/etc/sudoers.d/ops': sample('debian12-weak/sudoers.d-ops') }),
});

describe('accounts probe', () => {
  it('passes the clean Debian 12 root with sudo, at rest, without running anything', async () => {
    const { facts, ran } = await collect({ files: root('debian12-sudo'), capabilities: atRest });
    expect(ran).toEqual([]);
    expect(facts).toEqual({
      extraUid0: [],
      emptyPasswords: [],
      rootLocked: true,
      admins: [{ user: 'root', via: ['uid 0', '/etc/sudoers:47'] }],
      adminGroupMembers: [],
      guestAccounts: [],
      reasons: [],
    });
  });

  it('fails the changed root: toor uid 0, guest without password, root unlocked, extra admins', async () => {
    const { facts, ran } = await collect({ files: root('debian12-weak') });
    expect(ran).toEqual([]);
    expect(facts).toEqual({
      extraUid0: ['toor'],
      emptyPasswords: ['guest'],
      rootLocked: false,
      admins: [
        { user: 'agent', via: ['group sudo', '/etc/sudoers:50'] },
        { user: 'ops', via: ['/etc/sudoers.d/ops:2'] },
        { user: 'root', via: ['uid 0', '/etc/sudoers:47'] },
        { user: 'toor', via: ['uid 0'] },
      ],
      adminGroupMembers: ['agent'],
      guestAccounts: ['guest'],
      reasons: [],
    });
  });

  it('as a normal user: shadow and sudoers unreadable give null with reasons', async () => {
    const files = { ...root('debian12-weak') };
    delete files['/etc/shadow'];
    delete files['/etc/sudoers'];
    delete files['/etc/sudoers.d/ops'];
    const { facts } = await collect({
      files,
      stats: { '/etc/shadow': { mode: 0o640 }, '/etc/sudoers': { mode: 0o440 } },
    });
    expect(facts).toEqual({
      extraUid0: ['toor'],
      emptyPasswords: null,
      rootLocked: null,
      admins: null,
      adminGroupMembers: ['agent'],
      guestAccounts: null,
      reasons: [
        '/etc/shadow cannot be read (root needed): password states unknown',
        '/etc/sudoers cannot be read (root needed): sudoers grants unknown',
        'guest has a login shell; whether it is enabled needs /etc/shadow',
      ],
    });
  });

  it('a readable sudoers with an unreadable drop-in still makes admins unknown', async () => {
    const files = { ...root('debian12-weak') };
    delete files['/etc/sudoers.d/ops'];
    const { facts } = await collect({ files, stats: { '/etc/sudoers.d/ops': { mode: 0o440 } } });
    expect(facts?.admins).toBeNull();
    expect(facts?.reasons).toEqual(['/etc/sudoers.d/ops cannot be read (root needed): sudoers grants unknown']);
  });

  it('without sudo installed, admins come from uid 0 and the admin groups', async () => {
    const files = { ...root('debian12-weak') };
    delete files['/etc/sudoers'];
    delete files['/etc/sudoers.d/ops'];
    const { facts } = await collect({ files });
    expect(facts?.admins).toEqual([
      { user: 'agent', via: ['group sudo'] },
      { user: 'root', via: ['uid 0'] },
      { user: 'toor', via: ['uid 0'] },
    ]);
    expect(facts?.reasons).toEqual(['no /etc/sudoers (sudo not installed)']);
  });

  it('knows an empty passwd password field without shadow, and skips expired or locked guests', async () => {
    const passwd = [
      'root:x:0:0:root:/root:/bin/bash',
      'nopw::1001:1001::/home/nopw:/bin/sh',
      'guest1:x:1002:1002::/home/guest1:/bin/bash',
      'guest2:x:1003:1003::/home/guest2:/bin/bash',
      'guestsys:x:998:998::/nonexistent:/usr/sbin/nologin',
      'wheelie:x:1004:10::/home/wheelie:/bin/bash',
    ].join('\n');
    // Built from shadow(5), fake accounts: guest1 expired on day 20000, guest2 locked.
    const shadow = 'root:!:20779:0:99999:7:::\nguest1:$y$j9T$fake$fake:20779:0:99999:7::20000:\nguest2:!$y$j9T$fake$fake:20779:0:99999:7:::\n';
    const group = 'root:x:0:\nwheel:x:10:\n';
    const { facts } = await collect({ files: { '/etc/passwd': passwd, '/etc/shadow': shadow, '/etc/group': group } });
    expect(facts).toMatchObject({
      emptyPasswords: ['nopw'],
      rootLocked: true,
      guestAccounts: [],
      adminGroupMembers: ['wheelie'],
    });
  });

  it('answers null for everything without /etc/passwd', async () => {
    const { facts } = await collect({ files: {} });
    expect(facts).toMatchObject({ extraUid0: null, emptyPasswords: null, rootLocked: null, admins: null, reasons: ['no /etc/passwd'] });
  });

  it('is Linux only', async () => {
    expect((await collect({}, 'windows')).outcome).toEqual({ status: 'unsupported', reason: 'not implemented on windows' });
  });
});

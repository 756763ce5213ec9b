import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { sample } from '../../testing/updates-samples.js';
import type { InstalledApp } from './app.js';
import { systemApp } from './app.js';
import { attachDebtags, usefulTags } from './declared-debtags.js';
import { runShared } from '../../platform/run-shared.js';
import { runMemo } from '../../run-memo.js';

describe('usefulTags', () => {
  it('keeps the facets the classification reads and drops the others, from a real Tag field (openssh-client, bookworm-updates)', () => {
    expect(
      usefulTags(
        'implemented-in::c, interface::commandline, interface::shell, network::client, protocol::sftp, protocol::ssh, role::program, ' +
          'security::authentication, security::cryptography, uitoolkit::ncurses, use::login, use::transmission, works-with::file',
      ),
    ).toEqual([
      'interface::commandline',
      'interface::shell',
      'network::client',
      'protocol::sftp',
      'protocol::ssh',
      'role::program',
      'use::login',
      'use::transmission',
      'works-with::file',
    ]);
  });

  it('works on tags no list here contains: sub-tags, the brace short form, devel::library only, junk', () => {
    expect(usefulTags('works-with::image:raster, web::{microblog, blog}, protocol::{xmpp}')).toEqual([
      'works-with::image:raster',
      'web::microblog',
      'web::blog',
      'protocol::xmpp',
    ]);
    expect(usefulTags('devel::library, devel::lang:ruby, made-up::thing, use::, ::x, , use::chatting,use::chatting')).toEqual([
      'devel::library',
      'use::chatting',
    ]);
    expect(usefulTags('')).toEqual([]);
  });
});

const updatesList = 'deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages';
const securityList = 'deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages';
const lists = '/var/lib/apt/lists';
const dpkg = (name: string, version: string): InstalledApp => systemApp('dpkg', { name, version, path: '/var/lib/dpkg/status', id: `${name}:amd64` });

describe('attachDebtags', () => {
  it('looks a package up in every list: a security list without tags does not hide the tags of another', async () => {
    const host = fakeHost({
      files: {
        [`${lists}/${updatesList}`]: sample(`debian12-pending-root/lists/${updatesList}`),
        [`${lists}/${securityList}`]: sample(`debian12-pending-root/lists/${securityList}.trimmed`),
      },
    });
    // Installed at a version neither list offers: the newest tagged stanza is used.
    const apps = [dpkg('openssh-client', '1:9.2p1-2+deb12u3'), dpkg('libssl3', '3.0.17-1~deb12u2'), dpkg('openssl', '3.0.17-1~deb12u2')];
    const source = await attachDebtags(host, apps, true);
    expect(source).toEqual({
      scheme: 'debtags',
      status: 'ok',
      detail: '2 package lists read; 2 installed packages of 3 with tags saying what they are used for, work with or speak',
    });
    expect(apps[0]?.metadata).toEqual([
      { scheme: 'debtags', file: `${lists}/${updatesList}`, field: 'Tag', values: expect.arrayContaining(['use::login', 'protocol::ssh']) },
    ]);
    // libssl3 is tagged role::shared-lib only: nothing that says what it does, so no entry.
    expect(apps[1]?.metadata).toBeUndefined();
    expect(apps[2]?.metadata?.[0]?.values).toEqual(['interface::commandline', 'protocol::ssl', 'role::program', 'use::checking']);
  });

  it('gives each host of a run that shares the lists what it gets alone, in arrays of its own', async () => {
    const contents = new Map([
      [`${lists}/${updatesList}`, sample(`debian12-pending-root/lists/${updatesList}`)],
      [`${lists}/${securityList}`, sample(`debian12-pending-root/lists/${securityList}.trimmed`)],
    ]);
    const host = () => {
      const made = fakeHost({ files: Object.fromEntries(contents) });
      made.readFile = (path) => Promise.resolve(contents.get(path));
      return made;
    };
    const appsOf = () => [dpkg('openssh-client', '1:9.2p1-2+deb12u3'), dpkg('libssl3', '3.0.17-1~deb12u2'), dpkg('openssl', '3.0.17-1~deb12u2')];
    const alone = appsOf();
    const aloneSource = await attachDebtags(host(), alone, true);
    const memo = runMemo();
    const hosts = [appsOf(), appsOf()];
    for (const apps of hosts) {
      const reader = host();
      expect(await attachDebtags(reader, apps, true, { shared: runShared(reader), memo })).toEqual(aloneSource);
      expect(apps).toEqual(alone);
    }
    const [first, second] = hosts.map((apps) => apps[2]?.metadata?.[0]?.values);
    expect(first).toEqual(['interface::commandline', 'protocol::ssl', 'role::program', 'use::checking']);
    expect(first).not.toBe(second);
    expect(Object.isFrozen(first)).toBe(false);
  });

  it('says package tags are unknown when there are no lists, no tags in them, or an unreadable list', async () => {
    const apps = [dpkg('openssl', '3.0.17-1~deb12u2')];
    expect(await attachDebtags(fakeHost({ dirs: { [lists]: ['lock', 'partial'] } }), apps, true)).toEqual({
      scheme: 'debtags',
      status: 'absent',
      detail: 'no apt package lists in /var/lib/apt/lists: package tags unknown',
    });
    const untagged = fakeHost({ files: { [`${lists}/${securityList}`]: sample(`debian12-pending-root/lists/${securityList}.trimmed`) } });
    expect(await attachDebtags(untagged, apps, true)).toMatchObject({ status: 'absent', detail: expect.stringContaining('none carries a Tag field') });
    const xz = fakeHost({
      files: {
        [`${lists}/${updatesList}.xz`]: Buffer.from('\u00fd7zXZ'),
        [`${lists}/${securityList}`]: sample(`debian12-pending-root/lists/${securityList}.trimmed`),
      },
    });
    expect(await attachDebtags(xz, apps, true)).toMatchObject({ status: 'error', detail: expect.stringContaining('xz compression is not supported') });
    expect(await attachDebtags(fakeHost(), [], false)).toMatchObject({ status: 'absent', detail: 'no dpkg database: package tags not looked up' });
    expect(apps[0]?.metadata).toBeUndefined();
  });
});

import { cpSync, lstatSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, readlinkSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Platform } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import type { InstalledApp, SourceReport } from './app.js';
import { openRoot } from '../../hosts/root.js';
import { debianRoot } from '../../testing/debian-roots.js';
import { installedApps } from './index.js';
import { rpmQueryFormat } from './parse.js';

const samples = new URL('../../../fixtures/samples/installed-apps/', import.meta.url);
const sample = (name: string): string => readFileSync(new URL(name, samples), 'utf8');

/** The recorded Flatpak installation tree (files and symlinks), mounted at `root` in a fake host. */
const flatpakTree = (root: string): Pick<FakeHostSpec, 'files' | 'links'> => {
  const files: Record<string, string> = {};
  const links: Record<string, string> = {};
  const walk = (dir: string, at: string): void => {
    for (const name of readdirSync(dir)) {
      const path = `${dir}/${name}`;
      const stat = lstatSync(path);
      if (stat.isSymbolicLink()) links[`${at}/${name}`] = readlinkSync(path);
      else if (stat.isDirectory()) walk(path, `${at}/${name}`);
      else files[`${at}/${name}`] = readFileSync(path, 'utf8');
    }
  };
  walk(new URL('flatpak-user-installation', samples).pathname, root);
  return { files, links };
};

const passwd = 'root:x:0:0:root:/root:/bin/bash\nalice:x:1000:1000:Alice:/home/alice:/bin/bash\n';
const rpmCommand = `rpm --dbpath /var/lib/rpm -qa --qf ${rpmQueryFormat}`;

/** A Debian 12 desktop as recorded, with a user Flatpak, an AppImage, /opt vendors and an rpm database. */
const desktop = (): FakeHostSpec => {
  const userFlatpak = flatpakTree('/home/alice/.local/share/flatpak');
  const systemFlatpak = flatpakTree('/var/lib/flatpak');
  return {
    files: {
      '/etc/passwd': passwd,
      '/var/lib/dpkg/status': sample('dpkg-status-debian12'),
      '/usr/share/applications/vim.desktop': sample('desktop-vim.desktop'),
      '/usr/share/applications/python3.11.desktop': sample('desktop-python3.11.desktop'),
      '/usr/share/applications/mimeinfo.cache': '[MIME Cache]\n',
      '/home/alice/.local/share/applications/vim.desktop': sample('desktop-vim.desktop'),
      '/home/alice/Downloads/Signal-7.1.0-x86_64.AppImage': 'ELF',
      '/home/alice/Downloads/notes.txt': 'not an app',
      '/opt/Signal/signal-desktop': 'ELF',
      '/opt/README': 'a file, not a vendor directory',
      '/var/lib/rpm/rpmdb.sqlite': '',
      ...userFlatpak.files,
      ...systemFlatpak.files,
    },
    links: { ...userFlatpak.links, ...systemFlatpak.links },
    dirs: { '/root': [], '/opt/teamviewer': [] },
    stats: { '/home/alice': { type: 'directory', uid: 1000 }, '/opt/teamviewer': { type: 'directory' } },
    commands: { [rpmCommand]: { stdout: sample('rpm-qa-qf-debian12-rpm4.18') } },
  };
};

const context = (spec: FakeHostSpec, platform: Platform = 'linux'): ProbeContext => ({
  platform,
  now: new Date(0),
  catalog: { apps: [] },
  capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
});

interface Facts {
  apps: InstalledApp[];
  sources: SourceReport[];
  count: number;
  metadataSources: { scheme: string; status: string; detail: string }[];
}

const schemeStatus = (facts: Facts): Record<string, string> => Object.fromEntries(facts.metadataSources.map((m) => [m.scheme, m.status]));

const collect = async (spec: FakeHostSpec): Promise<Facts> => {
  const outcome = await installedApps.collect(fakeHost(spec), context(spec));
  if (outcome.status !== 'ok') throw new Error(`expected ok, got ${JSON.stringify(outcome)}`);
  return outcome.facts as unknown as Facts;
};

const status = (facts: Facts): Record<string, string> => Object.fromEntries(facts.sources.map((s) => [s.source, s.status]));

describe('installed-apps', () => {
  it('declares its facts and platforms', () => {
    expect(installedApps.id).toBe('installed-apps');
    expect(installedApps.platforms).toEqual(['linux', 'macos', 'windows']);
    expect(Object.keys(installedApps.facts)).toEqual(['apps', 'sources', 'count', 'metadataSources']);
  });

  it('is unsupported off Linux and on targets it cannot read', async () => {
    const host = fakeHost({ platform: 'macos' });
    expect((await installedApps.collect(host, context({}, 'macos'))).status).toBe('ok'); // macos.test.ts covers macOS
    const blind: FakeHostSpec = { capabilities: { read: false } };
    expect((await installedApps.collect(fakeHost(blind), context(blind))).status).toBe('unsupported');
  });

  it('collects every source of a recorded Debian desktop', async () => {
    const facts = await collect(desktop());
    expect(status(facts)).toEqual({
      dpkg: 'ok',
      rpm: 'ok',
      apk: 'absent',
      pacman: 'absent',
      flatpak: 'ok',
      snap: 'absent',
      'desktop-file': 'ok',
      appimage: 'ok',
      'opt-dir': 'ok',
    });
    expect(facts.count).toBe(facts.apps.length);
    const by = (source: string) => facts.apps.filter((a) => a.source === source);
    expect(by('dpkg')).toHaveLength(710);
    expect(by('dpkg')).toContainEqual({
      name: 'vim',
      version: '2:9.0.1378-2+deb12u2',
      source: 'dpkg',
      scope: 'system',
      user: null,
      path: '/var/lib/dpkg/status',
      id: 'vim:amd64',
    });
    expect(by('rpm')).toContainEqual({
      name: 'charter-fixture-hello',
      version: '2:1.2.3-4',
      source: 'rpm',
      scope: 'system',
      user: null,
      path: '/var/lib/rpm',
      id: 'charter-fixture-hello.noarch',
    });
    expect(by('flatpak')).toEqual([
      {
        name: 'Charter Fixture App',
        version: '3.1.4',
        source: 'flatpak',
        scope: 'system',
        user: null,
        path: '/var/lib/flatpak/app/org.charter.FixtureApp',
        id: 'org.charter.FixtureApp',
      },
      {
        name: 'Charter Fixture App',
        version: '3.1.4',
        source: 'flatpak',
        scope: 'user',
        user: 'alice',
        path: '/home/alice/.local/share/flatpak/app/org.charter.FixtureApp',
        id: 'org.charter.FixtureApp',
      },
    ]);
    // NoDisplay launchers (python3.11) are left out; the same launcher in a home is the user's.
    expect(by('desktop-file').map((a) => [a.id, a.scope, a.user])).toEqual([
      ['vim', 'system', null],
      ['vim', 'user', 'alice'],
    ]);
    // What each launcher declares rides on its entry, read from the file the entry names.
    expect(by('desktop-file')[1]?.metadata).toEqual([
      {
        scheme: 'freedesktop',
        file: '/home/alice/.local/share/applications/vim.desktop',
        field: 'Categories',
        values: ['Utility', 'TextEditor'],
        keywords: ['Text', 'editor', 'Text Editor'],
      },
    ]);
    expect(by('appimage')).toEqual([
      {
        name: 'Signal',
        version: null,
        source: 'appimage',
        scope: 'user',
        user: 'alice',
        path: '/home/alice/Downloads/Signal-7.1.0-x86_64.AppImage',
        id: null,
      },
    ]);
    expect(by('opt-dir').map((a) => a.path)).toEqual(['/opt/Signal', '/opt/teamviewer']);
  });

  it('never reads the files of a Flatpak deploy', async () => {
    const spec = desktop();
    const host = fakeHost(spec);
    const read: string[] = [];
    const readFile = host.readFile.bind(host);
    host.readFile = (path) => {
      read.push(path);
      return readFile(path);
    };
    await installedApps.collect(host, context(spec));
    const flatpakReads = read.filter((p) => p.includes('/flatpak/app/'));
    expect(flatpakReads.every((p) => /\/(metadata|[^/]+\.(metainfo|appdata)\.xml)$/.test(p))).toBe(true);
    expect(flatpakReads.length).toBeLessThanOrEqual(8);
  });

  it('reports an rpm database it cannot read on a target that cannot run commands', async () => {
    const spec = { ...desktop(), capabilities: { exec: false } };
    const facts = await collect(spec);
    expect(facts.sources.find((s) => s.source === 'rpm')).toEqual({
      source: 'rpm',
      status: 'error',
      detail: 'rpm database present but not readable without rpm (/var/lib/rpm); this target cannot run commands',
    });
    expect(facts.apps.some((a) => a.source === 'rpm')).toBe(false);
    expect(status(facts).dpkg).toBe('ok');
  });

  it('reports an rpm database when rpm is missing, and no database when /var/lib/rpm is empty', async () => {
    const missing = desktop();
    missing.commands = {};
    const facts = await collect(missing);
    expect(facts.sources.find((s) => s.source === 'rpm')?.detail).toMatch(/not readable without rpm .*could not be started \(ENOENT\)/);

    const empty = desktop();
    const files = { ...empty.files };
    delete files['/var/lib/rpm/rpmdb.sqlite'];
    const host = fakeHost({ ...empty, files, dirs: { ...empty.dirs, '/var/lib/rpm': [] } });
    const outcome = await installedApps.collect(host, context(empty));
    expect(outcome.status === 'ok' && (outcome.facts.sources as unknown as SourceReport[]).find((s) => s.source === 'rpm')?.status).toBe('absent');
    expect(host.ran).toEqual([]);
  });

  it('reads a distroless image: status.d files without their md5sums', async () => {
    const facts = await collect({
      files: {
        '/var/lib/dpkg/status.d/base-files': sample('dpkg-status.d-base-files-scancode-rust'),
        '/var/lib/dpkg/status.d/base-files.md5sums': 'd41d8cd98f00b204e9800998ecf8427e  usr/share/doc/base-files/README\n',
      },
    });
    expect(facts.apps).toEqual([
      {
        name: 'base-files',
        version: '11.1+deb11u8',
        source: 'dpkg',
        scope: 'system',
        user: null,
        path: '/var/lib/dpkg/status.d/base-files',
        id: 'base-files:amd64',
      },
    ]);
    expect(facts.sources.find((s) => s.source === 'appimage')?.status).toBe('absent');
  });

  it('reads apk and pacman databases', async () => {
    const facts = await collect({
      files: {
        '/lib/apk/db/installed': sample('apk-installed-osv-scalibr-different-arch'),
        '/var/lib/pacman/local/ALPM_DB_VERSION': '9\n',
        '/var/lib/pacman/local/gawk-5.3.1-1/desc': sample('pacman-desc-osv-scalibr-valid'),
        '/var/lib/pacman/local/gawk-5.3.1-1/files': '%FILES%\nusr/\n',
      },
    });
    expect(facts.apps.map((a) => [a.source, a.name, a.version, a.path])).toEqual([
      ['apk', 'alpine-baselayout-data', '3.4.3-r1', '/lib/apk/db/installed'],
      ['pacman', 'gawk', '5.3.1-1', '/var/lib/pacman/local/gawk-5.3.1-1'],
    ]);
  });

  it('reads snaps from state.json, with versions from mounted snaps', async () => {
    const facts = await collect({
      files: {
        '/var/lib/snapd/state.json': sample('snapd-state-ubuntu2004.snaps.json'),
        '/snap/lxd/22753/meta/snap.yaml': 'name: lxd\nversion: 4.0.9-a29c6f1\n',
      },
    });
    const snaps = facts.apps.filter((a) => a.source === 'snap');
    expect(snaps.map((a) => a.name)).toEqual(['core18', 'core20', 'lxd', 'snapd']);
    expect(snaps.find((a) => a.name === 'lxd')).toEqual({
      name: 'lxd',
      version: '4.0.9-a29c6f1',
      source: 'snap',
      scope: 'system',
      user: null,
      path: '/var/lib/snapd/snaps/lxd_22753.snap',
      id: 'lxd',
    });
    expect(snaps.find((a) => a.name === 'core18')?.version).toBeNull();
  });

  it('falls back to /snap/<name>/current when state.json cannot be read', async () => {
    const spec: FakeHostSpec = {
      files: { '/snap/core/16928/meta/snap.yaml': sample('snap-yaml-osv-scalibr-single-arch.yaml'), '/snap/README': 'x' },
      links: { '/snap/core/current': '16928' },
      dirs: { '/snap/bin': [] },
    };
    const host = fakeHost(spec);
    host.readFile = (path) => (path === '/var/lib/snapd/state.json' ? Promise.reject(new Error('EACCES: permission denied')) : fakeHost(spec).readFile(path));
    const outcome = await installedApps.collect(host, context(spec));
    const facts = (outcome.status === 'ok' ? outcome.facts : {}) as unknown as Facts;
    expect(facts.apps.filter((a) => a.source === 'snap').map((a) => [a.name, a.version, a.path])).toEqual([
      ['core', '16-2.61.4-20240607', '/var/lib/snapd/snaps/core_16928.snap'],
    ]);
    expect(facts.sources.find((s) => s.source === 'snap')).toMatchObject({ status: 'ok', detail: expect.stringContaining('EACCES') });
  });

  it('turns a failing source into its own error and keeps the others', async () => {
    const spec: FakeHostSpec = { files: { '/var/lib/dpkg/status': sample('dpkg-status-debian12') }, dirs: { '/opt/x': [] } };
    const host = fakeHost(spec);
    host.readDir = (path) => (path === '/opt' ? Promise.reject(new Error('EIO')) : fakeHost(spec).readDir(path));
    const outcome = await installedApps.collect(host, context(spec));
    const facts = (outcome.status === 'ok' ? outcome.facts : {}) as unknown as Facts;
    expect(facts.sources.find((s) => s.source === 'opt-dir')).toEqual({ source: 'opt-dir', status: 'error', detail: 'EIO' });
    expect(facts.count).toBe(710);
  });

  it('sorts apps by source, then name, system before users', async () => {
    const facts = await collect(desktop());
    const keys = facts.apps.map(
      (a) =>
        `${String(['dpkg', 'rpm', 'apk', 'pacman', 'flatpak', 'snap', 'desktop-file', 'appimage', 'opt-dir'].indexOf(a.source)).padStart(2, '0')}${a.name}`,
    );
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
  });

  it('says which metadata schemes it could read: tags and metainfo are absent, not empty, on a root without them', async () => {
    const facts = await collect(desktop());
    expect(schemeStatus(facts)).toEqual({ freedesktop: 'ok', appstream: 'absent', debtags: 'absent', macos: 'absent' });
    expect(facts.metadataSources.find((m) => m.scheme === 'debtags')?.detail).toBe('no apt package lists in /var/lib/apt/lists: package tags unknown');
  });

  it('attaches Flatpak and snap exported launchers to their flatpak and snap entries, never as look-alikes', async () => {
    // Constructed from the specifications (app-metadata.md §1.4): the system installation's exports
    // link to the recorded deploy's launcher (X-Flatpak=org.charter.FixtureApp); snapd's launcher
    // is written as wrappers/desktop.go writes one (X-SnapInstanceName, X-SnapAppName).
    const spec = desktop();
    const deployLauncher =
      Object.keys(spec.files ?? {}).find(
        (p) => p.startsWith('/var/lib/flatpak/app/') && p.endsWith('/export/share/applications/org.charter.FixtureApp.desktop'),
      ) ?? '';
    const exported = (spec.files ?? {})[deployLauncher] as string;
    const snapLauncher =
      '[Desktop Entry]\nX-SnapInstanceName=lxd\nName=LXD UI\nExec=env BAMF_DESKTOP_FILE_HINT=/var/lib/snapd/desktop/applications/lxd_lxd.desktop /snap/bin/lxd\nType=Application\nCategories=System;Emulator;\nKeywords=container;vm;\nX-SnapAppName=lxd\n';
    const gone = exported.replace(/X-Flatpak=.*/, 'X-Flatpak=org.example.Gone').replace(/^Name=.*$/m, 'Name=Gone App');
    spec.files = {
      ...spec.files,
      '/var/lib/flatpak/exports/share/applications/org.charter.FixtureApp.desktop': exported,
      '/var/lib/flatpak/exports/share/applications/org.example.Gone.desktop': gone,
      '/var/lib/flatpak/exports/share/applications/org.example.Hidden.desktop': `${gone.replace('org.example.Gone', 'org.example.Hidden')}NoDisplay=true\n`,
      '/var/lib/snapd/desktop/applications/lxd_lxd.desktop': snapLauncher,
      '/var/lib/snapd/state.json': sample('snapd-state-ubuntu2004.snaps.json'),
    };
    const plain = await collect(desktop());
    const facts = await collect(spec);
    const flatpaks = facts.apps.filter((a) => a.source === 'flatpak');
    expect(flatpaks.find((a) => a.scope === 'system')?.metadata).toEqual([
      {
        scheme: 'freedesktop',
        file: '/var/lib/flatpak/exports/share/applications/org.charter.FixtureApp.desktop',
        field: 'Categories',
        values: ['Utility'],
      },
    ]);
    // The user's installation has no exports here: its entry declares nothing.
    expect(flatpaks.find((a) => a.scope === 'user')?.metadata).toBeUndefined();
    expect(facts.apps.find((a) => a.source === 'snap' && a.id === 'lxd')?.metadata).toEqual([
      {
        scheme: 'freedesktop',
        file: '/var/lib/snapd/desktop/applications/lxd_lxd.desktop',
        field: 'Categories',
        values: ['System', 'Emulator'],
        keywords: ['container', 'vm'],
      },
    ]);
    // One new entry only: the launcher of a flatpak no installation lists, kept so it is not lost; the hidden one stays out.
    const added = facts.apps.filter((a) => !plain.apps.some((b) => b.source === a.source && b.path === a.path && b.id === a.id) && a.source !== 'snap');
    expect(added.map((a) => [a.source, a.id, a.path])).toEqual([
      ['desktop-file', 'org.example.Gone', '/var/lib/flatpak/exports/share/applications/org.example.Gone.desktop'],
    ]);
    expect(facts.metadataSources.find((m) => m.scheme === 'freedesktop')?.detail).toContain(
      '2 exported launchers attached to its flatpak or snap, 1 exported launcher of no listed app',
    );
  });

  it("attaches a Flatpak's own metainfo categories to its flatpak entry, naming the deploy file read", async () => {
    // The recorded metainfo declares no categories; this edit of it adds the ones telegram-desktop declares.
    const spec = desktop();
    const files = { ...spec.files };
    const metainfo =
      Object.keys(files).find((p) => p.startsWith('/home/alice/') && p.endsWith('/export/share/metainfo/org.charter.FixtureApp.metainfo.xml')) ?? '';
    files[metainfo] = String(files[metainfo]).replace(
      '</component>',
      '<categories><category>Network</category><category>InstantMessaging</category></categories></component>',
    );
    const facts = await collect({ ...spec, files });
    const flatpaks = facts.apps.filter((a) => a.source === 'flatpak');
    expect(flatpaks.find((a) => a.scope === 'user')?.metadata).toEqual([
      { scheme: 'appstream', file: metainfo, field: 'categories', values: ['Network', 'InstantMessaging'] },
    ]);
    expect(flatpaks.find((a) => a.scope === 'system')?.metadata).toBeUndefined();
    expect(facts.metadataSources.find((m) => m.scheme === 'appstream')).toMatchObject({
      status: 'ok',
      detail: expect.stringContaining('1 flatpak with metainfo declaring categories or keywords'),
    });
  });

  const messenger = debianRoot('messenger');
  it.skipIf(messenger === undefined)(
    'reads what telegram-desktop declares on a real Debian 12 root: desktop categories, metainfo and package tags',
    async () => {
      const host = await openRoot(messenger ?? '');
      try {
        const outcome = await installedApps.collect(host, { platform: 'linux', now: new Date(0), catalog: { apps: [] }, capabilities: host.capabilities });
        if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
        const facts = outcome.facts as unknown as Facts;
        expect(schemeStatus(facts)).toEqual({ freedesktop: 'ok', appstream: 'ok', debtags: 'ok', macos: 'absent' });
        const launcher = facts.apps.find((a) => a.source === 'desktop-file' && a.id === 'org.telegram.desktop');
        expect(launcher?.metadata).toEqual([
          {
            scheme: 'freedesktop',
            file: '/usr/share/applications/org.telegram.desktop.desktop',
            field: 'Categories',
            values: ['Chat', 'Network', 'InstantMessaging', 'Qt'],
            keywords: ['tg', 'chat', 'im', 'messaging', 'messenger', 'sms', 'tdesktop'],
          },
          {
            scheme: 'appstream',
            file: '/usr/share/metainfo/org.telegram.desktop.metainfo.xml',
            field: 'categories',
            values: ['Network', 'InstantMessaging'],
            keywords: ['tg', 'telegram', 'tdesktop', 'messaging', 'messenger', 'chat', 'sms', 'im'],
          },
        ]);
        // telegram-desktop is installed from bookworm-security, which has no Tag fields; main tags it only
        // network::client, interface, role and uitoolkit: nothing that says what it is used for, so no entry.
        const telegram = facts.apps.find((a) => a.source === 'dpkg' && a.name === 'telegram-desktop');
        expect(telegram?.version).toBe('4.6.5+ds-2+deb12u1');
        expect(telegram?.metadata).toBeUndefined();
        // A package whose tags say what it does carries them, read from the main list.
        expect(facts.apps.find((a) => a.source === 'dpkg' && a.name === 'gpgv')?.metadata).toEqual([
          {
            scheme: 'debtags',
            file: '/var/lib/apt/lists/deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages',
            field: 'Tag',
            values: ['interface::commandline', 'role::program', 'use::checking'],
          },
        ]);
        // Facets the classification does not use are not carried.
        expect(JSON.stringify(facts.apps)).not.toMatch(/implemented-in::|uitoolkit::/);
      } finally {
        await host.close();
      }
    },
  );

  it('reads the exports of a root laid out like a Flatpak and snapd system (links followed inside the root)', async () => {
    // Constructed from the specifications (app-metadata.md §1.4): the recorded installation tree is
    // copied to /var/lib/flatpak, and exports/share/applications holds the relative link flatpak
    // makes into the app's current deploy (flatpak/flatpak common/flatpak-dir.c @55ec5bd5); snapd's
    // launcher is a plain file next to its state.
    const root = mkdtempSync(join(tmpdir(), 'charter-exports-'));
    try {
      cpSync(new URL('flatpak-user-installation', samples).pathname, join(root, 'var/lib/flatpak'), { recursive: true, verbatimSymlinks: true });
      const exports = join(root, 'var/lib/flatpak/exports/share/applications');
      mkdirSync(exports, { recursive: true });
      symlinkSync(
        '../../../app/org.charter.FixtureApp/current/active/export/share/applications/org.charter.FixtureApp.desktop',
        join(exports, 'org.charter.FixtureApp.desktop'),
      );
      mkdirSync(join(root, 'var/lib/snapd/desktop/applications'), { recursive: true });
      writeFileSync(join(root, 'var/lib/snapd/state.json'), sample('snapd-state-ubuntu2004.snaps.json'));
      writeFileSync(
        join(root, 'var/lib/snapd/desktop/applications/lxd_lxd.desktop'),
        '[Desktop Entry]\nX-SnapInstanceName=lxd\nName=LXD\nExec=/snap/bin/lxd\nType=Application\nCategories=System;\nX-SnapAppName=lxd\n',
      );
      mkdirSync(join(root, 'etc'));
      writeFileSync(join(root, 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\n');
      const host = await openRoot(root);
      try {
        const outcome = await installedApps.collect(host, { platform: 'linux', now: new Date(0), catalog: { apps: [] }, capabilities: host.capabilities });
        if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
        const facts = outcome.facts as unknown as Facts;
        expect(
          facts.apps.filter((a) => a.metadata !== undefined).map((a) => [a.source, a.id, a.metadata?.map((m) => [m.scheme, m.file, m.values.join(';')])]),
        ).toEqual([
          ['flatpak', 'org.charter.FixtureApp', [['freedesktop', '/var/lib/flatpak/exports/share/applications/org.charter.FixtureApp.desktop', 'Utility']]],
          ['snap', 'lxd', [['freedesktop', '/var/lib/snapd/desktop/applications/lxd_lxd.desktop', 'System']]],
        ]);
        expect(facts.apps.some((a) => a.source === 'desktop-file')).toBe(false);
      } finally {
        await host.close();
      }
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

import { readFileSync, readlinkSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import {
  appImageName,
  desktopList,
  parseApkInstalled,
  parseDesktopEntry,
  parseDpkgStatus,
  parseFlatpakMetadata,
  parseKeyFile,
  parseMetainfo,
  parsePacmanDesc,
  parseRpmQuery,
  parseSnapState,
  parseSnapYamlVersion,
} from './parse.js';

/** Recorded samples; provenance of each in fixtures/samples/installed-apps/README.md. */
const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/installed-apps/${name}`, import.meta.url), 'utf8');

/** The recorded Flatpak deploy directory: `<arch>/<branch>/active` links to the commit directory. */
const flatpakRef = 'flatpak-user-installation/app/org.charter.FixtureApp/x86_64/stable';
const flatpakDeploy = `${flatpakRef}/${readlinkSync(new URL(`../../../fixtures/samples/installed-apps/${flatpakRef}/active`, import.meta.url))}`;

describe('parseDpkgStatus', () => {
  const status = sample('dpkg-status-debian12');

  it('reads every installed package of a real Debian 12 status file', () => {
    const packages = parseDpkgStatus(status);
    expect(packages).toHaveLength(710);
    expect(packages).toContainEqual({ name: 'dpkg', version: '1.21.22', architecture: 'amd64' });
    expect(packages).toContainEqual({ name: 'vim', version: '2:9.0.1378-2+deb12u2', architecture: 'amd64' });
    expect(packages).toContainEqual({ name: 'tzdata', version: '2025b-0+deb12u2', architecture: 'all' });
    // Continuation lines (Description, Conffiles) never leak in as packages or fields.
    expect(packages.every((p) => /^[a-z0-9][a-z0-9+.-]+$/.test(p.name))).toBe(true);
  });

  it('gives the same answer without the trailing blank line and with CRLF line ends', () => {
    const expected = parseDpkgStatus(status);
    expect(parseDpkgStatus(status.replace(/\n+$/, ''))).toEqual(expected);
    expect(parseDpkgStatus(status.replace(/\n/g, '\r\n'))).toEqual(expected);
  });

  // The edge cases below rewrite the Status line of a real stanza taken from the recorded file.
  const stanza = (name: string): string => {
    const start = status.indexOf(`Package: ${name}\n`);
    const end = status.indexOf('\n\n', start);
    return status.slice(start, end + 1);
  };
  const withStatus = (text: string, value: string): string => text.replace(/^Status: .*$/m, `Status: ${value}`);

  it('keeps installed and held packages and drops removed, purged and half-installed ones', () => {
    const bash = stanza('bash');
    const parse = (value: string) => parseDpkgStatus(withStatus(bash, value)).map((p) => p.name);
    expect(parse('install ok installed')).toEqual(['bash']);
    expect(parse('hold ok installed')).toEqual(['bash']);
    expect(parse('install ok triggers-pending')).toEqual(['bash']);
    // Selected for removal but not removed yet: the files are still there.
    expect(parse('deinstall ok installed')).toEqual(['bash']);
    expect(parse('deinstall ok config-files')).toEqual([]);
    expect(parse('purge ok not-installed')).toEqual([]);
    expect(parse('install reinstreq half-installed')).toEqual([]);
    expect(parse('install ok unpacked')).toEqual([]);
    expect(parseDpkgStatus(bash.replace(/^Status: .*\n/m, ''))).toEqual([]);
  });

  it('keeps one entry per architecture of a multi-arch package', () => {
    const amd64 = stanza('libc6');
    const i386 = amd64.replace('Architecture: amd64', 'Architecture: i386');
    expect(parseDpkgStatus(`${amd64}\n${i386}`)).toEqual([
      { name: 'libc6', version: '2.36-9+deb12u14', architecture: 'amd64' },
      { name: 'libc6', version: '2.36-9+deb12u14', architecture: 'i386' },
    ]);
  });

  it('reads a distroless status.d file, with or without a Status line', () => {
    const baseFiles = sample('dpkg-status.d-base-files-scancode-rust');
    const expected = [{ name: 'base-files', version: '11.1+deb11u8', architecture: 'amd64' }];
    expect(parseDpkgStatus(baseFiles, { statusOptional: true })).toEqual(expected);
    const noStatus = baseFiles.replace(/^Status: .*\n/m, '');
    expect(parseDpkgStatus(noStatus, { statusOptional: true })).toEqual(expected);
    expect(parseDpkgStatus(noStatus)).toEqual([]);
  });
});

describe('parseRpmQuery', () => {
  it('reads a real rpm 4.18 query, with (none) for unset epoch and vendor', () => {
    expect(parseRpmQuery(sample('rpm-qa-qf-debian12-rpm4.18'))).toEqual([
      { name: 'charter-fixture-novendor', version: '0.9-1.fc40', architecture: 'x86_64', vendor: null },
      { name: 'charter-fixture-hello', version: '2:1.2.3-4', architecture: 'noarch', vendor: 'charter test fixtures' },
    ]);
  });

  it('leaves out imported signing keys', () => {
    const keys = 'gpg-pubkey\t(none)\t8d1b4e56-5c3e9d6c\t(none)\t(none)\n';
    expect(parseRpmQuery(keys + sample('rpm-qa-qf-debian12-rpm4.18')).map((p) => p.name)).toEqual(['charter-fixture-novendor', 'charter-fixture-hello']);
  });
});

describe('parseApkInstalled', () => {
  it('reads an Alpine installed database', () => {
    expect(parseApkInstalled(sample('apk-installed-osv-scalibr-different-arch'))).toEqual([
      { name: 'alpine-baselayout-data', version: '3.4.3-r1', architecture: 'noarch' },
    ]);
  });
});

describe('parsePacmanDesc', () => {
  it('reads an Arch local database desc file', () => {
    expect(parsePacmanDesc(sample('pacman-desc-osv-scalibr-valid'))).toEqual({
      name: 'gawk',
      version: '5.3.1-1',
      architecture: 'x86_64',
    });
  });

  it('answers undefined without %NAME%', () => {
    expect(parsePacmanDesc('%VERSION%\n1.0-1\n')).toBeUndefined();
  });
});

describe('parseDesktopEntry', () => {
  it('reads the unlocalised Name= among dozens of translations', () => {
    const vim = sample('desktop-vim.desktop');
    expect(parseKeyFile(vim).get('Desktop Entry')?.get('Name[de]')).toBe('Vim');
    expect(parseDesktopEntry(vim)).toEqual({
      name: 'Vim',
      exec: 'vim %F',
      noDisplay: false,
      hidden: false,
      flatpak: null,
      snap: null,
      categories: ['Utility', 'TextEditor'],
      keywords: ['Text', 'editor'],
      genericName: 'Text Editor',
    });
  });

  it('reads the unlocalised Categories, Keywords and GenericName of real packaged launchers', () => {
    expect(parseDesktopEntry(sample('desktop-org.telegram.desktop.desktop'))).toMatchObject({
      name: 'Telegram Desktop',
      categories: ['Chat', 'Network', 'InstantMessaging', 'Qt'],
      keywords: ['tg', 'chat', 'im', 'messaging', 'messenger', 'sms', 'tdesktop'],
      genericName: null,
    });
    // chromium.desktop translates GenericName and Comment into dozens of languages; Keywords has no trailing `;`.
    expect(parseDesktopEntry(sample('desktop-chromium.desktop'))).toMatchObject({
      categories: ['Network', 'WebBrowser'],
      keywords: ['browser'],
      genericName: 'Web Browser',
    });
  });

  it('reports NoDisplay=true', () => {
    expect(parseDesktopEntry(sample('desktop-python3.11.desktop'))).toMatchObject({
      name: 'Python (v3.11)',
      noDisplay: true,
    });
  });

  it('reads X-Flatpak on a launcher Flatpak exported', () => {
    const exported = sample(`${flatpakDeploy}/export/share/applications/org.charter.FixtureApp.desktop`);
    expect(parseDesktopEntry(exported)).toMatchObject({ name: 'Charter Fixture App', flatpak: 'org.charter.FixtureApp' });
  });

  it('skips entries that are not applications', () => {
    expect(parseDesktopEntry('[Desktop Entry]\nType=Link\nName=Docs\nURL=https://example.org\n')).toBeUndefined();
    expect(parseDesktopEntry('[Other Group]\nName=Nope\n')).toBeUndefined();
  });
});

describe('desktopList', () => {
  it('splits on unescaped semicolons, with or without a trailing one, and drops empty values', () => {
    expect(desktopList('A;B;')).toEqual(['A', 'B']);
    expect(desktopList('A;B')).toEqual(['A', 'B']);
    expect(desktopList(';;A;;')).toEqual(['A']);
    expect(desktopList('')).toEqual([]);
    expect(desktopList(undefined)).toEqual([]);
  });

  it('reads the escapes of the Desktop Entry Specification', () => {
    expect(desktopList('semi\\;colon;back\\\\slash;two\\swords;tab\\t1')).toEqual(['semi;colon', 'back\\slash', 'two words', 'tab\t1']);
    // An unknown escape is kept as written; a lone trailing backslash too.
    expect(desktopList('odd\\q;end\\')).toEqual(['odd\\q', 'end\\']);
  });
});

describe('Flatpak metadata and metainfo', () => {
  it('reads the app id from a real deploy metadata file', () => {
    expect(parseFlatpakMetadata(sample(`${flatpakDeploy}/metadata`))).toEqual({
      id: 'org.charter.FixtureApp',
      runtime: 'org.charter.Platform/x86_64/1',
    });
  });

  it('reads name and newest release from the metainfo Flatpak exported', () => {
    expect(parseMetainfo(sample(`${flatpakDeploy}/export/share/metainfo/org.charter.FixtureApp.metainfo.xml`))).toEqual({
      name: 'Charter Fixture App',
      version: '3.1.4',
    });
  });

  it('skips translated names', () => {
    expect(parseMetainfo(sample('metainfo-osv-scalibr-valid.xml'))).toEqual({
      name: 'GNU Image Manipulation Program',
      version: '2.10.38',
    });
  });

  it('picks the newest release by date even when it is not listed first', () => {
    const xml = sample('metainfo-osv-scalibr-valid.xml');
    const swapped = xml.replace('version="2.10.38" date="2024-05-02"', 'version="2.10.38" date="2022-05-02"');
    expect(parseMetainfo(swapped).version).toBe('2.10.36');
  });
});

describe('parseSnapState', () => {
  const state = sample('snapd-state-ubuntu2004.snaps.json');

  it('reads installed snaps and their current revision from an Ubuntu 20.04 state.json', () => {
    expect(parseSnapState(state)).toEqual([
      { name: 'core18', revision: '2538', active: true, channel: 'latest/stable', type: 'base' },
      { name: 'core20', revision: '1587', active: true, channel: 'latest/stable', type: 'base' },
      { name: 'lxd', revision: '22753', active: true, channel: '4.0/stable/ubuntu-20.04', type: 'app' },
      { name: 'snapd', revision: '16292', active: true, channel: 'latest/stable', type: 'snapd' },
    ]);
  });

  it('reads numeric revisions (current snapd) and local x-revisions', () => {
    const numeric = state.replace('"current":"22753"', '"current":22753').replace('"current":"1587"', '"current":-3');
    const byName = new Map(parseSnapState(numeric).map((s) => [s.name, s.revision]));
    expect(byName.get('lxd')).toBe('22753');
    expect(byName.get('core20')).toBe('x3');
  });

  it('answers nothing for a state without snaps and throws on a truncated file', () => {
    expect(parseSnapState('{"data":{}}')).toEqual([]);
    expect(() => parseSnapState(state.slice(0, 100))).toThrow();
  });
});

describe('parseSnapYamlVersion', () => {
  it('reads version from meta/snap.yaml', () => {
    expect(parseSnapYamlVersion(sample('snap-yaml-osv-scalibr-single-arch.yaml'))).toBe('16-2.61.4-20240607');
  });

  it('keeps a numeric-looking version as written', () => {
    expect(parseSnapYamlVersion('name: x\nversion: 1.10\n')).toBe('1.10');
    expect(parseSnapYamlVersion('name: x\n')).toBeNull();
    expect(parseSnapYamlVersion(': : :\n\t- [')).toBeNull();
  });
});

describe('appImageName', () => {
  it('drops the version, architecture and extension', () => {
    expect(appImageName('Signal-7.1.0-x86_64.AppImage')).toBe('Signal');
    expect(appImageName('balenaEtcher-1.18.11-x64.AppImage')).toBe('balenaEtcher');
    expect(appImageName('Obsidian_v1.5.3.appimage')).toBe('Obsidian');
    expect(appImageName('Telegram.AppImage')).toBe('Telegram');
    expect(appImageName('2048.AppImage')).toBe('2048');
  });
});

import { describe, expect, it } from 'vitest';
import {
  classifyListFiles,
  isSecuritySource,
  nameHashes,
  packagesScanner,
  parseReleaseHeader,
  pendingUpdates,
  releaseFor,
  releaseInfo,
  scanPackagesIndex,
  type Offer,
} from './apt-lists.js';
import { decodeLz4, decodeLz4Frames } from '../../platform/codecs/lz4.js';
import { sample, sampleText } from '../../testing/updates-samples.js';

const securityRelease = 'deb.debian.org_debian-security_dists_bookworm-security_InRelease';

describe('Release files', () => {
  it('reads the header of a clear-signed InRelease file', () => {
    const fields = parseReleaseHeader(sampleText(`debian12-vm/lists/${securityRelease}`));
    expect(fields.get('suite')).toBe('oldstable-security');
    expect(fields.get('codename')).toBe('bookworm-security');
    expect(fields.get('label')).toBe('Debian-Security');
    expect(fields.has('sha256')).toBe(false);
  });

  it('maps Packages indexes to their Release file and tells security sources', () => {
    const releases = [
      releaseInfo(securityRelease, sampleText(`debian12-vm/lists/${securityRelease}`)),
      releaseInfo('deb.debian.org_debian_dists_bookworm_InRelease', sampleText('debian12-vm/lists/deb.debian.org_debian_dists_bookworm_InRelease.header')),
      releaseInfo(
        'deb.debian.org_debian_dists_bookworm-updates_InRelease',
        sampleText('debian12-vm/lists/deb.debian.org_debian_dists_bookworm-updates_InRelease'),
      ),
    ];
    const files = classifyListFiles([
      'deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages.lz4',
      'deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages',
      'deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.xz',
      'deb.debian.org_debian_dists_bookworm_main_i18n_Translation-en',
      'lock',
      'partial',
      ...releases.map((r) => r.file),
    ]);
    expect(files.packages.map((p) => p.compression)).toEqual(['xz', 'none', 'lz4']);
    const dists = files.packages.map((p) => releaseFor(p.file, releases)?.dist);
    expect(dists).toEqual(['bookworm-security', 'bookworm-updates', 'bookworm']);
    expect(files.packages.map((p) => isSecuritySource(p.file, releaseFor(p.file, releases)))).toEqual([true, false, false]);
    expect(
      isSecuritySource(
        'security.debian.org_dists_buster_updates_main_binary-amd64_Packages',
        releaseInfo('security.debian.org_dists_buster_updates_InRelease', 'Suite: oldoldstable\n'),
      ),
    ).toBe(true);
  });
});

describe('scanPackagesIndex', () => {
  it('finds the installed packages in a real (trimmed) index and nothing else', () => {
    const index = sample('debian12-pending-root/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.trimmed');
    const wanted = new Set(['openssl', 'libssl3', 'tzdata', 'not-installed']);
    const entries = scanPackagesIndex(index, wanted, nameHashes(wanted));
    expect(entries.filter((e) => e.name === 'openssl')).toEqual([{ name: 'openssl', version: '3.0.22-1~deb12u2', architecture: 'amd64' }]);
    expect(new Set(entries.map((e) => e.name))).toEqual(new Set(['openssl', 'libssl3', 'tzdata']));
  });

  it('counts every stanza of a full index when every name is wanted', () => {
    const text = sampleText('debian12-pending-root/lists/deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages');
    const names = new Set([...text.matchAll(/^Package: (.+)$/gm)].map((m) => m[1] ?? ''));
    const entries = scanPackagesIndex(Buffer.from(text, 'latin1'), names, nameHashes(names));
    expect(entries.length).toBe([...text.matchAll(/^Package: /gm)].length);
  });
});

describe('scanPackagesIndex: package tags', () => {
  const list = 'debian12-pending-root/lists/deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages';

  it('reads a Tag field over its continuation lines, and no tag where a stanza has none', () => {
    const text = sampleText(list);
    const names = new Set([...text.matchAll(/^Package: (.+)$/gm)].map((m) => m[1] ?? ''));
    const entries = scanPackagesIndex(Buffer.from(text, 'latin1'), names, nameHashes(names));
    const ssh = entries.find((e) => e.name === 'openssh-client');
    expect(ssh?.tag).toBe(
      'implemented-in::c, interface::commandline, interface::shell, network::client, protocol::sftp, protocol::ssh, role::program, ' +
        'security::authentication, security::cryptography, uitoolkit::ncurses, use::login, use::transmission, works-with::file',
    );
    expect(entries.find((e) => e.name === 'ca-certificates')?.tag).toBe('protocol::ssl, role::app-data, security::authentication');
    // As many tagged entries as the list has Tag fields; no tag leaks from one stanza into the next.
    expect(entries.filter((e) => e.tag !== undefined)).toHaveLength([...text.matchAll(/^Tag: /gm)].length);
    expect(entries.every((e) => e.tag === undefined || !e.tag.includes('Package:'))).toBe(true);
  });

  it('finds no tag in a list without Tag fields (bookworm-security has none)', () => {
    const index = sample('debian12-pending-root/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.trimmed');
    const wanted = new Set(['openssl', 'libssl3', 'tzdata']);
    expect(scanPackagesIndex(index, wanted, nameHashes(wanted)).filter((e) => e.tag !== undefined)).toEqual([]);
  });
});

describe('packagesScanner', () => {
  it('finds in pieces what a scan of the whole index finds, wherever the pieces are cut', () => {
    const raw = sample('debian12-vm/lists/deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4');
    const whole = decodeLz4Frames(raw);
    // Every other package, and names that are not there: what is found depends on the names.
    const all = [...whole.toString('latin1').matchAll(/^Package: (.+)$/gm)].map((m) => m[1] ?? '');
    const wanted = new Set([...all.filter((_, i) => i % 2 === 0), 'not-a-package', '']);
    const expected = scanPackagesIndex(whole, wanted, nameHashes(wanted));
    expect(expected.length).toBeGreaterThan(100);
    for (const pieceBytes of [1, 777, 65_536, 1 << 20]) {
      const scanner = packagesScanner(wanted, nameHashes(wanted));
      decodeLz4(raw, scanner.consume, pieceBytes);
      expect(scanner.entries).toEqual(expected);
    }
  });

  it('scans a plain index handed over in arbitrary cuts, Tag fields over continuation lines included', () => {
    const text = sample('debian12-pending-root/lists/deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages');
    const names = new Set([...text.toString('latin1').matchAll(/^Package: (.+)$/gm)].map((m) => m[1] ?? ''));
    const expected = scanPackagesIndex(text, names, nameHashes(names));
    expect(expected.some((e) => e.tag !== undefined)).toBe(true);
    for (const step of [1, 13, 500, 4096]) {
      const scanner = packagesScanner(names, nameHashes(names));
      let pending = 0;
      for (let end = step; pending < text.length; end += step) {
        const last = end >= text.length;
        pending += scanner.consume(text.subarray(pending, Math.min(end, text.length)), last);
        if (last) break;
      }
      expect(scanner.entries).toEqual(expected);
    }
  });
});

describe('pendingUpdates', () => {
  const offer = (version: string, source: string, security = false, upgradesOnly = false): Offer => ({ version, source, security, upgradesOnly });
  const installed = (version: string) => [{ name: 'p', architecture: 'amd64', version, held: false }];

  it('takes the highest version and marks security, also when a newer non-security version masks it', () => {
    const offers = new Map([['p:amd64', [offer('1.0-1', 'bookworm'), offer('1.0-1+deb12u1', 'bookworm-security', true), offer('1.0-1+deb12u2', 'bookworm')]]]);
    expect(pendingUpdates(installed('1.0-1'), offers)).toEqual([
      { package: 'p', architecture: 'amd64', installed: '1.0-1', candidate: '1.0-1+deb12u2', security: true, source: 'bookworm', held: false },
    ]);
    expect(pendingUpdates(installed('1.0-1+deb12u1'), offers)[0]?.security).toBe(false);
    expect(pendingUpdates(installed('1.0-1+deb12u2'), offers)).toEqual([]);
  });

  it('uses ButAutomaticUpgrades sources only for packages installed from them', () => {
    const offers = new Map([['p:amd64', [offer('1.0-1', 'bookworm'), offer('2.0-1~bpo12+1', 'bookworm-backports', false, true)]]]);
    expect(pendingUpdates(installed('1.0-1'), offers)).toEqual([]);
    expect(pendingUpdates(installed('1.5-1~bpo12+1'), offers)[0]?.candidate).toBe('2.0-1~bpo12+1');
  });
});

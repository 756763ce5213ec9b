import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { scanPackagesList } from './apt-index.js';
import { nameHashes, scanPackagesIndex } from './apt-lists.js';
import { decodeLz4Frames } from '../../platform/codecs/lz4.js';
import { sample } from '../../testing/updates-samples.js';
import { runShared } from '../shared.js';

const file = 'deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages';
const path = `/var/lib/apt/lists/${file}`;

describe('scanPackagesList', () => {
  it('reads a list once per run for the probes that ask for the same packages', async () => {
    const host = fakeHost({ files: { [path]: sample(`debian12-pending-root/lists/${file}`) } });
    const reads: string[] = [];
    const readFile = host.readFile.bind(host);
    host.readFile = (p) => {
      reads.push(p);
      return readFile(p);
    };
    const wanted = new Set(['openssh-client', 'tzdata']);
    const run = { shared: runShared(host) };
    const [first, second] = await Promise.all([
      scanPackagesList(host, file, 'none', wanted, run),
      scanPackagesList(host, file, 'none', new Set(['tzdata', 'openssh-client']), run),
    ]);
    expect(second).toBe(first);
    expect(reads).toEqual([path]);
    expect('entries' in first && first.entries.map((e) => e.name).sort()).toEqual(['openssh-client', 'tzdata']);
    // Other packages are another scan.
    await scanPackagesList(host, file, 'none', new Set(['tzdata']), run);
    expect(reads).toEqual([path, path]);
    // Another run, on this host or another, reads for itself.
    expect(await scanPackagesList(host, file, 'none', wanted, { shared: runShared(host) })).toEqual(first);
    expect(reads).toEqual([path, path, path]);
    const other = fakeHost({ files: { [path]: sample(`debian12-pending-root/lists/${file}`) } });
    expect(await scanPackagesList(other, file, 'none', wanted, { shared: runShared(other) })).toEqual(first);
  });

  it('scans an lz4 list as it decodes it, and a Buffer shared between hosts (ssh) again for other packages', async () => {
    const lz4 = 'deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4';
    const raw = sample(`debian12-vm/lists/${lz4}`);
    const whole = decodeLz4Frames(raw);
    const expected = (names: Set<string>) => scanPackagesIndex(whole, names, nameHashes(names));
    const first = new Set(['openssl', 'libssl3', 'tzdata', 'not-installed']);
    const second = new Set(['openssl', 'curl', 'libcurl4']);
    // Two hosts whose reads return the same Buffer, as the ssh content store does.
    const [a, b] = [fakeHost({ files: {} }), fakeHost({ files: {} })];
    for (const host of [a, b]) host.readFile = () => Promise.resolve(raw);
    const scanA = await scanPackagesList(a, lz4, 'lz4', first);
    expect(scanA).toEqual({ entries: expected(first) });
    expect('entries' in scanA && scanA.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['openssl', 'libssl3', 'tzdata']));
    expect(await scanPackagesList(b, lz4, 'lz4', second)).toEqual({ entries: expected(second) });
    expect(await scanPackagesList(b, lz4, 'lz4', first)).toEqual({ entries: expected(first) });
  });

  it('answers why a list could not be used instead of throwing', async () => {
    const host = fakeHost({ files: { [`${path}.xz`]: Buffer.from('xz'), [`${path}.lz4`]: Buffer.from('not lz4') } });
    expect(await scanPackagesList(host, `${file}.xz`, 'xz', new Set(['x']))).toEqual({ problem: 'xz compression is not supported' });
    expect(await scanPackagesList(host, `${file}.lz4`, 'lz4', new Set(['x']))).toEqual({ problem: expect.stringContaining('LZ4') });
    expect(await scanPackagesList(host, 'missing_Packages', 'none', new Set(['x']))).toEqual({ problem: 'cannot be read' });
    host.readFile = () => Promise.reject(new Error('EIO'));
    expect(await scanPackagesList(host, 'other_Packages', 'none', new Set(['x']))).toEqual({ problem: 'EIO' });
  });
});

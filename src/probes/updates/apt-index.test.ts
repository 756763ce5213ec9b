import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { chunkedHost } from '../../testing/chunked-host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { scanPackagesList } from './apt-index.js';
import { nameHashes, scanPackagesIndex } from './apt-lists.js';
import { decodeLz4Frames } from '../../platform/codecs/lz4.js';
import { sample } from '../../testing/updates-samples.js';
import { runShared } from '../../platform/run-shared.js';
import { runMemo } from '../../run-memo.js';

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

  it('shares a list the hosts of a run read as one Buffer through the run’s memo, and nothing with another run', async () => {
    const lz4 = 'deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4';
    const raw = sample(`debian12-vm/lists/${lz4}`);
    const wanted = new Set(['openssl', 'libssl3', 'tzdata']);
    const entriesOf = (scan: Awaited<ReturnType<typeof scanPackagesList>>) => ('entries' in scan ? scan.entries : scan.problem);
    const [a, b] = [fakeHost({ files: {} }), fakeHost({ files: {} })];
    for (const host of [a, b]) host.readFile = () => Promise.resolve(raw);
    const memo = runMemo();
    const first = entriesOf(await scanPackagesList(a, lz4, 'lz4', wanted, { shared: runShared(a), memo }));
    expect(first).toEqual(scanPackagesIndex(decodeLz4Frames(raw), wanted, nameHashes(wanted)));
    // The second host of the run: the same scan, not a new one.
    expect(entriesOf(await scanPackagesList(b, lz4, 'lz4', wanted, { shared: runShared(b), memo }))).toBe(first);
    // Another run, or a probe run alone, scans for itself: the module keeps nothing.
    const again = entriesOf(await scanPackagesList(b, lz4, 'lz4', wanted, { shared: runShared(b), memo: runMemo() }));
    expect(again).toEqual(first);
    expect(again).not.toBe(first);
    expect(entriesOf(await scanPackagesList(b, lz4, 'lz4', wanted))).not.toBe(first);
    // A Buffer with the same bytes but another identity (another read) is never taken for it.
    const copy = Buffer.from(raw);
    b.readFile = () => Promise.resolve(copy);
    const fromCopy = entriesOf(await scanPackagesList(b, lz4, 'lz4', wanted, { shared: runShared(b), memo }));
    expect(fromCopy).toEqual(first);
    expect(fromCopy).not.toBe(first);
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

describe('scanPackagesList over a host that reads in pieces', () => {
  const trimmed = 'deb.debian.org_debian_dists_bookworm_main_binary-amd64_Packages';
  const plain = sample(`debian12-vm/lists/${trimmed}.trimmed`);
  const security = 'deb.debian.org_debian-security_dists_bookworm-security_main_binary-amd64_Packages.lz4';
  const lz4 = sample(`debian12-vm/lists/${security}`);
  const installed = (status: string): Set<string> => new Set([...status.matchAll(/^Package: (\S+)$/gm)].map((m) => m[1] ?? ''));
  const wanted = installed(sample('debian12-vm/dpkg-status').toString('utf8'));
  const whole = (data: Buffer) => ({ entries: scanPackagesIndex(data, wanted, nameHashes(wanted)) });
  const at = (data: Buffer, text: string, from = 0): number => {
    const found = data.indexOf(text, from);
    expect(found).toBeGreaterThan(-1);
    return found;
  };

  it('finds what a whole scan finds when pieces cut a stanza, a line, a field name and a UTF-8 sequence', async () => {
    // Real capture (fixtures/samples/updates/README.md): "Maintainer: Héctor Orón" is UTF-8 (c3 a9).
    const accent = at(plain, 'H\u00e9ctor');
    expect(plain[accent + 1]).toBe(0xc3);
    const openssl = at(plain, '\nPackage: openssl\n');
    const cuts = [
      accent + 2, // between the two bytes of "é"
      openssl + 3, // inside "Package: " of a wanted stanza
      openssl + 12, // inside the name "openssl"
      at(plain, '\nVersion: ', openssl) + 12, // inside its version
      at(plain, '\nArchitecture: ', openssl) + 5, // inside a field name
      at(plain, '\nTag: ', openssl) + 8, // inside a folded field
      at(plain, '\n\n', openssl) + 1, // between the blank line's two newlines
    ];
    const expected = whole(plain);
    expect(expected.entries.length).toBeGreaterThan(700);
    const host = chunkedHost(fakeHost({ files: { [`/var/lib/apt/lists/${trimmed}`]: plain } }), () => cuts);
    expect(await scanPackagesList(host, trimmed, 'none', wanted)).toEqual(expected);
    expect(host.pieces.get(`/var/lib/apt/lists/${trimmed}`)).toHaveLength(cuts.length + 1);
    // And cut every 997 bytes, wherever that falls.
    const everywhere = chunkedHost(fakeHost({ files: { [`/var/lib/apt/lists/${trimmed}`]: plain } }), (_, size) =>
      Array.from({ length: Math.floor(size / 997) }, (_, i) => (i + 1) * 997),
    );
    expect(await scanPackagesList(everywhere, trimmed, 'none', wanted)).toEqual(expected);
  });

  it('decodes an lz4 list whose pieces cut its frame header, a block size and a block', async () => {
    // Frame header: magic (4), FLG, BD, HC: 7 bytes here (no content size, no dictionary id).
    expect(lz4[4]).toBe(0x40);
    const firstBlock = 7;
    const firstSize = lz4.readUInt32LE(firstBlock) & 0x7fffffff;
    const second = firstBlock + 4 + firstSize;
    const cuts = [2, 5, firstBlock + 2, firstBlock + 4 + 1000, second + 1, second + 4 + 7, lz4.length - 2];
    const expected = whole(decodeLz4Frames(lz4));
    expect(expected.entries.map((e) => e.name)).toEqual(expect.arrayContaining(['openssl', 'libssl3']));
    const host = chunkedHost(fakeHost({ files: { [`/var/lib/apt/lists/${security}`]: lz4 } }), () => cuts);
    expect(await scanPackagesList(host, security, 'lz4', wanted)).toEqual(expected);
    const everywhere = chunkedHost(fakeHost({ files: { [`/var/lib/apt/lists/${security}`]: lz4 } }), (_, size) =>
      Array.from({ length: Math.floor(size / 4999) }, (_, i) => (i + 1) * 4999),
    );
    expect(await scanPackagesList(everywhere, security, 'lz4', wanted)).toEqual(expected);
  });

  it('gunzips a gz list as it comes (the recorded list, gzip-compressed here)', async () => {
    const gz = gzipSync(plain);
    const name = `${trimmed}.gz`;
    const host = chunkedHost(fakeHost({ files: { [`/var/lib/apt/lists/${name}`]: gz } }), (_, size) =>
      Array.from({ length: Math.floor(size / 3001) }, (_, i) => (i + 1) * 3001),
    );
    expect(await scanPackagesList(host, name, 'gz', wanted)).toEqual(whole(plain));
  });

  it('answers a problem for a list it cannot read or decode, and keeps nothing of a cut one', async () => {
    const files = {
      '/var/lib/apt/lists/cut_Packages.lz4': lz4.subarray(0, 300_000),
      '/var/lib/apt/lists/bad_Packages.lz4': Buffer.from('Package: x\nVersion: 1\n'),
      '/var/lib/apt/lists/cut_Packages.gz': gzipSync(plain).subarray(0, 50_000),
      '/var/lib/apt/lists/bad_Packages.gz': Buffer.from('not gzip at all'),
      '/var/lib/apt/lists/x_Packages.xz': Buffer.from('xz'),
    };
    const host = chunkedHost(fakeHost({ files }), (_, size) => [Math.floor(size / 2)]);
    expect(await scanPackagesList(host, 'cut_Packages.lz4', 'lz4', wanted)).toEqual({ problem: 'truncated LZ4 block' });
    expect(await scanPackagesList(host, 'bad_Packages.lz4', 'lz4', wanted)).toEqual({ problem: 'not an LZ4 frame at byte 0' });
    expect(await scanPackagesList(host, 'cut_Packages.gz', 'gz', wanted)).toEqual({ problem: 'unexpected end of file' });
    expect(await scanPackagesList(host, 'bad_Packages.gz', 'gz', wanted)).toEqual({ problem: 'incorrect header check' });
    expect(await scanPackagesList(host, 'x_Packages.xz', 'xz', wanted)).toEqual({ problem: 'xz compression is not supported' });
    expect(await scanPackagesList(host, 'missing_Packages', 'none', wanted)).toEqual({ problem: 'cannot be read' });
    expect(await scanPackagesList(host, 'missing_Packages.lz4', 'lz4', wanted)).toEqual({ problem: 'cannot be read' });
  });
});

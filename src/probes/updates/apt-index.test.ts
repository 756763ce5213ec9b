import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import { scanPackagesList } from './apt-index.js';
import { sample } from '../../testing/updates-samples.js';

const file = 'deb.debian.org_debian_dists_bookworm-updates_main_binary-amd64_Packages';
const path = `/var/lib/apt/lists/${file}`;

describe('scanPackagesList', () => {
  it('reads a list once per host for the probes that ask for the same packages', async () => {
    const host = fakeHost({ files: { [path]: sample(`debian12-pending-root/lists/${file}`) } });
    const reads: string[] = [];
    const readFile = host.readFile.bind(host);
    host.readFile = (p) => {
      reads.push(p);
      return readFile(p);
    };
    const wanted = new Set(['openssh-client', 'tzdata']);
    const [first, second] = await Promise.all([
      scanPackagesList(host, file, 'none', wanted),
      scanPackagesList(host, file, 'none', new Set(['tzdata', 'openssh-client'])),
    ]);
    expect(second).toBe(first);
    expect(reads).toEqual([path]);
    expect('entries' in first && first.entries.map((e) => e.name).sort()).toEqual(['openssh-client', 'tzdata']);
    // Another host reads for itself.
    const other = fakeHost({ files: { [path]: sample(`debian12-pending-root/lists/${file}`) } });
    expect(await scanPackagesList(other, file, 'none', wanted)).toEqual(first);
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

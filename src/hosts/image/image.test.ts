import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { execa } from 'execa';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { TargetError } from '../../errors.js';
import { dockerSaveArchive, writeOciLayout } from '../../testing/image-builder.js';
import { tarBytes } from '../../testing/tar-writer.js';
import { openImage, type ImageHost } from './index.js';

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'charter-image-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

const save = async (name: string, data: Buffer): Promise<string> => {
  const file = path.join(dir, name);
  await writeFile(file, data);
  return file;
};

const base = tarBytes([
  { name: './', type: 'directory' },
  { name: './etc/', type: 'directory' },
  { name: './etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
  { name: './etc/passwd', content: 'root:x:0:0:root:/root:/bin/bash\n' },
  { name: './etc/old.conf', content: 'removed by the upper layer' },
  { name: './usr/', type: 'directory' },
  { name: './usr/bin/', type: 'directory' },
  { name: './usr/bin/sh', content: 'shell', mode: 0o755 },
  { name: './bin', type: 'symlink', linkName: 'usr/bin' },
  { name: './var/', type: 'directory' },
  { name: './var/cache/', type: 'directory' },
  { name: './var/cache/a', content: 'hidden by the opaque marker' },
  { name: './usr/bin/big', content: Buffer.alloc(300 << 10, 7) },
]);

/** Every trick a hostile image may play. */
const hostile = tarBytes([
  { name: './etc/.wh.old.conf', content: '' },
  { name: './var/cache/.wh..wh..opq', content: '' },
  { name: './var/cache/b', content: 'upper' },
  { name: '../escape', content: 'outside' },
  { name: 'a/../../escape2', content: 'outside' },
  { name: '/etc/absolute', content: 'inside after all' },
  { name: './etc/shadow-link', type: 'symlink', linkName: '/etc/shadow' },
  { name: './etc/climb', type: 'symlink', linkName: '../../../../../etc/hostname' },
  { name: './etc/hard-out', type: 'hardlink', linkName: '../../etc/passwd' },
  { name: './etc/hard-missing', type: 'hardlink', linkName: 'etc/nothing' },
  { name: './etc/hard-in', type: 'hardlink', linkName: './etc/passwd' },
  { name: './dev/', type: 'directory' },
  { name: './dev/sda', type: 'char' },
  { name: './etc/loop-a', type: 'symlink', linkName: 'loop-b' },
  { name: './etc/loop-b', type: 'symlink', linkName: 'loop-a' },
  { name: `./etc/${'long-name-'.repeat(15)}`, content: 'pax path' },
]);

const strings = async (host: ImageHost, paths: string[]): Promise<string> => {
  const out: string[] = [];
  for (const p of paths) {
    out.push((await host.readFile(p))?.toString('latin1') ?? '', JSON.stringify(await host.readDir(p)), JSON.stringify(await host.stat(p)));
  }
  return out.join('\n');
};

describe('image:FILE host', () => {
  it('merges docker save layers: whiteouts, opaque directories, hard links, links re-rooted', async () => {
    const host = await openImage(await save('hostile.tar', dockerSaveArchive([base, gzipSync(hostile)])));
    expect(host.layout.format).toBe('docker-save');
    expect(await host.platform()).toBe('linux');
    expect((await host.readFile('/etc/os-release'))?.toString()).toContain('ID=debian');
    expect((await host.readFile('/bin/sh'))?.toString()).toBe('shell');
    expect(await host.readLink('/bin')).toBe('usr/bin');
    expect(await host.readFile('/etc/old.conf')).toBeUndefined();
    expect(await host.readDir('/var/cache')).toEqual(['b']);
    expect((await host.readFile('/etc/absolute'))?.toString()).toBe('inside after all');
    expect(await host.readFile('/etc/shadow-link')).toBeUndefined();
    expect(await host.readFile('/etc/climb')).toBeUndefined();
    expect((await host.readFile('/etc/hard-in'))?.toString()).toContain('root:x:0:0');
    expect(await host.stat('/etc/hard-out')).toBeUndefined();
    expect((await host.stat('/dev/sda'))?.type).toBe('other');
    expect(await host.readFile('/dev/sda')).toBeUndefined();
    expect(await host.readFile('/etc/loop-a')).toBeUndefined();
    expect((await host.readFile(`/etc/${'long-name-'.repeat(15)}`))?.toString()).toBe('pax path');
    expect(await host.readDir('/')).not.toContain('escape');
    expect(host.warnings.join('\n')).toMatch(/'\.\.\/escape' skipped/);
    expect(host.warnings.join('\n')).toMatch(/hard link '\.\/etc\/hard-out' skipped/);
    const run = await host.run('sh', ['-c', 'id']);
    expect(run.exitCode).toBe(127);
  });

  it('reads a file it did not keep by streaming its layer again', async () => {
    const host = await openImage(await save('big.tar', dockerSaveArchive([gzipSync(base)])));
    const big = await host.readFile('/usr/bin/big');
    expect(big?.length).toBe(300 << 10);
    expect(big?.every((b) => b === 7)).toBe(true);
  });

  it('shows nothing of the scanning machine in anything it reads', async () => {
    const host = await openImage(await save('hostile2.tar', dockerSaveArchive([base, hostile])));
    const seen = await strings(host, [
      '/etc/shadow-link',
      '/etc/climb',
      '/etc/hard-out',
      '/../../etc/hostname',
      '/etc/hostname',
      '/etc/machine-id',
      '/proc/self/environ',
    ]);
    for (const file of ['/etc/hostname', '/etc/machine-id']) {
      const secret = (await readFile(file, 'utf8').catch(() => '')).trim();
      if (secret.length >= 4) expect(seen).not.toContain(secret);
    }
  });

  it('opens an OCI layout as a directory and as a tar', async () => {
    const layoutDir = path.join(dir, 'oci');
    await writeOciLayout(layoutDir, [base, hostile]);
    const host = await openImage(layoutDir);
    expect(host.layout.format).toBe('oci');
    expect(host.layout.reference).toBe('charter-test');
    expect(await host.readDir('/var/cache')).toEqual(['b']);
    expect((await host.readFile('/bin/sh'))?.toString()).toBe('shell');
    const archive = path.join(dir, 'oci.tar');
    await execa('tar', ['-C', layoutDir, '-cf', archive, '.']);
    const fromTar = await openImage(archive);
    expect(fromTar.layout.format).toBe('oci');
    expect(await fromTar.readDir('/var/cache')).toEqual(['b']);
  });

  it('gives a clear error for truncated, corrupt, oversized and malformed archives', async () => {
    const refuse = async (name: string, data: Buffer, pattern: RegExp, options = {}) => {
      const file = await save(name, data);
      const attempt = openImage(file, options);
      await expect(attempt).rejects.toBeInstanceOf(TargetError);
      await expect(attempt).rejects.toThrow(pattern);
    };
    const liar = tarBytes([{ name: 'huge', content: 'tiny', declaredSize: 2 ** 40 }], { truncate: true });
    await refuse('liar.tar', dockerSaveArchive([liar]), /truncated archive: huge declares 1099511627776 bytes/);
    const corrupt = gzipSync(base);
    corrupt.fill(0x55, 40, 200);
    await refuse('corrupt.tar', dockerSaveArchive([corrupt]), /corrupt gzip stream/);
    const bomb = gzipSync(tarBytes([{ name: 'zeros', content: Buffer.alloc(4 << 20) }]));
    await refuse('bomb.tar', dockerSaveArchive([bomb]), /decompression bomb/, { maxUncompressedBytes: 1 << 20 });
    await refuse('notjson.tar', dockerSaveArchive([base], '{not json'), /manifest\.json is not valid JSON/);
    await refuse('missing.tar', dockerSaveArchive([base], [{ Layers: ['nope/layer.tar'] }]), /layer nope\/layer\.tar named by manifest\.json is missing/);
    await refuse('climb.tar', dockerSaveArchive([base], [{ Layers: ['../../etc/passwd'] }]), /leaves the archive/);
    await refuse('zstd.tar', dockerSaveArchive([Buffer.from([0x28, 0xb5, 0x2f, 0xfd, 0, 0, 0])]), /zstd/);
    await refuse('gz-outer.tar.gz', gzipSync(dockerSaveArchive([base])), /decompress it first/);
    await refuse('empty.tar', tarBytes([]), /neither a docker save archive/);
    await expect(openImage(path.join(dir, 'absent.tar'))).rejects.toThrow(/not found/);
  });
});

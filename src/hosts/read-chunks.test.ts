import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm, symlink, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { limits } from '../limits.js';
import { dockerSaveArchive } from '../testing/image-builder.js';
import { fakeHost } from '../testing/fake-host.js';
import { tarBytes } from '../testing/tar-writer.js';
import { abortable } from './abortable.js';
import { noticingDeniedReads, oversizedMark } from './denied-reads.js';
import { readChunks, type Host } from './host.js';
import { openImage } from './image/index.js';
import { localHost } from './local.js';
import { openReplay } from './replay.js';
import { openRoot } from './root.js';

let dir = '';
const content = Buffer.from(Array.from({ length: 200_003 }, (_, i) => (i * 7 + (i >> 9)) & 0xff));

beforeAll(async () => {
  dir = await mkdtemp(path.join(tmpdir(), 'charter-read-chunks-'));
  // A root filesystem, and the same tree as a replay recording's files/.
  for (const top of ['root', path.join('replay', 'files')]) {
    const base = path.join(dir, top);
    await mkdir(path.join(base, 'var', 'lib'), { recursive: true });
    await writeFile(path.join(base, 'var', 'lib', 'list'), content);
    await writeFile(path.join(base, 'var', 'lib', 'empty'), '');
    await symlink('/etc/secret', path.join(base, 'var', 'lib', 'outside'));
  }
  await writeFile(path.join(dir, 'replay', 'host.json'), JSON.stringify({ platform: 'linux' }));
  await mkdir(path.join(dir, 'etc'));
  await writeFile(path.join(dir, 'etc', 'secret'), 'outside the root');
  await writeFile(path.join(dir, 'root', 'var', 'lib', 'sparse'), 'x');
  await truncate(path.join(dir, 'root', 'var', 'lib', 'sparse'), limits.hostFileBytes + 1);
  execFileSync('mkfifo', [path.join(dir, 'root', 'var', 'lib', 'fifo')]);
});
afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

/** Every piece `readChunks` hands over, copied (the host may reuse its buffer), and its answer. */
const collect = async (host: Host, file: string, chunkBytes: number): Promise<{ answer: number | undefined; pieces: Buffer[] }> => {
  const pieces: Buffer[] = [];
  const answer = await readChunks(
    host,
    file,
    (piece) => {
      pieces.push(Buffer.from(piece));
    },
    chunkBytes,
  );
  return { answer, pieces };
};

describe('Host.readFileChunks', () => {
  const hosts: [string, () => Promise<{ host: Host; at: string }>][] = [
    ['local', async () => ({ host: await localHost.create(undefined, { cwd: dir }), at: path.join(dir, 'root') })],
    ['root:', async () => ({ host: await openRoot(path.join(dir, 'root')), at: '' })],
    ['replay:', async () => ({ host: await openReplay(path.join(dir, 'replay')), at: '' })],
  ];

  it.each(hosts)('%s hands over what readFile answers, in pieces of at most the size asked', async (_, open) => {
    const { host, at } = await open();
    expect('readFileChunks' in host).toBe(true);
    for (const chunkBytes of [1 << 20, 65_536, 4099]) {
      const { answer, pieces } = await collect(host, `${at}/var/lib/list`, chunkBytes);
      expect(answer).toBe(content.length);
      expect(Buffer.concat(pieces).equals(content)).toBe(true);
      expect(Math.max(...pieces.map((p) => p.length))).toBeLessThanOrEqual(chunkBytes);
      if (chunkBytes < content.length) expect(pieces.length).toBe(Math.ceil(content.length / chunkBytes));
    }
    expect(await collect(host, `${at}/var/lib/empty`, 4096)).toEqual({ answer: 0, pieces: [] });
    expect(await collect(host, `${at}/var/lib/missing`, 4096)).toEqual({ answer: undefined, pieces: [] });
    expect(await collect(host, `${at}/var/lib`, 4096)).toEqual({ answer: undefined, pieces: [] });
  });

  it('root: and replay: never follow a link out of the tree; local follows it, as readFile does', async () => {
    for (const host of [await openRoot(path.join(dir, 'root')), await openReplay(path.join(dir, 'replay'))]) {
      expect(await host.readFile('/var/lib/outside')).toBeUndefined();
      expect(await collect(host, '/var/lib/outside', 4096)).toEqual({ answer: undefined, pieces: [] });
    }
  });

  it('refuses a FIFO (it would block) and, on root:, a file over the cap, noting why', async () => {
    const local = await localHost.create(undefined, { cwd: dir });
    expect(await collect(local, path.join(dir, 'root', 'var', 'lib', 'fifo'), 4096)).toEqual({ answer: undefined, pieces: [] });
    const root = await openRoot(path.join(dir, 'root'));
    expect(await collect(root, '/var/lib/fifo', 4096)).toEqual({ answer: undefined, pieces: [] });
    const noted = new Set<string>();
    expect(await noticingDeniedReads(noted, () => collect(root, '/var/lib/sparse', 1 << 20))).toEqual({ answer: undefined, pieces: [] });
    expect([...noted]).toEqual([`/var/lib/sparse${oversizedMark}`]);
  });

  it('image: reads a file in place from an uncompressed layer, and from a compressed one', async () => {
    const layer = tarBytes([
      { name: './', type: 'directory' },
      { name: './etc/', type: 'directory' },
      { name: './etc/os-release', content: 'ID=debian\n' },
      { name: './usr/', type: 'directory' },
      { name: './usr/bin/', type: 'directory' },
      { name: './usr/bin/sh', content: 'shell', mode: 0o755 },
      // Over the size an image keeps in memory for such a path: read back from its layer.
      { name: './usr/bin/big', content },
    ]);
    for (const [name, layers] of [
      ['plain.tar', [layer]],
      ['gzip.tar', [gzipSync(layer)]],
    ] as const) {
      const file = path.join(dir, name);
      await writeFile(file, dockerSaveArchive([...layers]));
      const host = await openImage(file);
      const { answer, pieces } = await collect(host, '/usr/bin/big', 65_536);
      expect(answer).toBe(content.length);
      expect(Buffer.concat(pieces).equals(content)).toBe(true);
      expect(pieces.length).toBe(Math.ceil(content.length / 65_536));
      expect((await collect(host, '/etc/os-release', 4)).pieces.map(String)).toEqual(['ID=d', 'ebia', 'n\n']);
      expect(await collect(host, '/usr/bin', 4)).toEqual({ answer: undefined, pieces: [] });
    }
  });

  it('a host without it (ssh, a snapshot) hands over views of readFile', async () => {
    const host = fakeHost({ files: { '/list': content } });
    expect('readFileChunks' in host).toBe(false);
    const { answer, pieces } = await collect(host, '/list', 65_536);
    expect(answer).toBe(content.length);
    expect(pieces.map((p) => p.length)).toEqual([65_536, 65_536, 65_536, content.length - 3 * 65_536]);
    expect(await collect(host, '/missing', 10)).toEqual({ answer: undefined, pieces: [] });
  });

  it('behind abortable: kept, and stopped at the next piece once aborted', async () => {
    const controller = new AbortController();
    const root = await openRoot(path.join(dir, 'root'));
    const host = abortable(root, controller.signal);
    expect('readFileChunks' in host).toBe(true);
    expect('readFileChunks' in abortable(fakeHost(), controller.signal)).toBe(false);
    let pieces = 0;
    const reading = readChunks(
      host,
      '/var/lib/list',
      () => {
        pieces++;
        if (pieces === 2) controller.abort(new Error('probe timed out'));
      },
      10_000,
    );
    await expect(reading).rejects.toThrow('probe timed out');
    expect(pieces).toBe(2);
  });

  it('what the consumer throws ends the read and is thrown', async () => {
    const root = await openRoot(path.join(dir, 'root'));
    let pieces = 0;
    await expect(
      readChunks(
        root,
        '/var/lib/list',
        () => {
          pieces++;
          throw new Error('corrupt');
        },
        10_000,
      ),
    ).rejects.toThrow('corrupt');
    expect(pieces).toBe(1);
  });
});

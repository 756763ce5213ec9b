import { mkdtemp, readFile, rename, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { TargetError } from '../../errors.js';
import { writeOciLayout } from '../../testing/image-builder.js';
import { tarBytes } from '../../testing/tar-writer.js';
import { openImage } from './index.js';

const layer = tarBytes([
  { name: './', type: 'directory' },
  { name: './etc/', type: 'directory' },
  { name: './etc/os-release', content: 'ID=debian\nVERSION_ID="12"\n' },
]);

const secretLines = ['root:$6$saltsalt$verysecrethash:19000:0:99999:7:::', '{"not": "json", "token": "s3cr3t-token-value"'];
let dir = '';

afterAll(async () => {
  if (dir !== '') await rm(dir, { recursive: true, force: true });
});

const failure = async (target: string): Promise<TargetError> => {
  const error: unknown = await openImage(target).then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(TargetError);
  return error as TargetError;
};

describe('an OCI layout directory is confined', () => {
  it('refuses an index.json that is a symlink out of the layout, without quoting it', async () => {
    dir = await mkdtemp(path.join(tmpdir(), 'charter-layout-'));
    const secret = path.join(dir, 'secret');
    await writeFile(secret, `${secretLines.join('\n')}\n`);
    const layout = path.join(dir, 'layout');
    await writeOciLayout(layout, [layer]);
    await rm(path.join(layout, 'index.json'));
    await symlink(secret, path.join(layout, 'index.json'));
    const error = await failure(layout);
    expect(error.message).toMatch(/symlink out of the image layout/);
    expect(error.message).not.toContain('secret');
    expect(error.message).not.toContain('s3cr3t');
    expect(error.message).not.toContain('$6$');
  });

  it.runIf(process.getuid?.() === 0)('refuses index.json linked to /etc/shadow', async () => {
    const layout = path.join(dir, 'shadow-layout');
    await writeOciLayout(layout, [layer]);
    await rm(path.join(layout, 'index.json'));
    await symlink('/etc/shadow', path.join(layout, 'index.json'));
    const error = await failure(layout);
    const shadow = await readFile('/etc/shadow', 'utf8').catch(() => '');
    for (const line of shadow.split('\n').filter((l) => l.length > 0)) expect(error.message).not.toContain(line);
  });

  it('refuses a layer blob that is a symlink to a tar outside the layout', async () => {
    const layout = path.join(dir, 'blob-layout');
    await writeOciLayout(layout, [layer]);
    const index = JSON.parse(await readFile(path.join(layout, 'index.json'), 'utf8')) as { manifests: { digest: string }[] };
    const manifestDigest = index.manifests[0]?.digest.replace('sha256:', '') ?? '';
    const manifest = JSON.parse(await readFile(path.join(layout, 'blobs', 'sha256', manifestDigest), 'utf8')) as { layers: { digest: string }[] };
    const layerFile = path.join(layout, 'blobs', 'sha256', manifest.layers[0]?.digest.replace('sha256:', '') ?? '');
    const outside = path.join(dir, 'outside-layer');
    await rename(layerFile, outside);
    await symlink(outside, layerFile);
    expect((await failure(layout)).message).toMatch(/symlink out of the image layout/);
  });
});

/**
 * Builds image archives for tests: `docker save` layout (manifest.json + <id>/layer.tar, the
 * format `docker save` wrote before Docker 25, documented in moby's image/spec/v1.2.md) and the
 * OCI image layout (image-spec layout.md: oci-layout, index.json, blobs/sha256/<hex>).
 */
import { createHash } from 'node:crypto';
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { tarBytes } from './tar-writer.js';

const sha256 = (data: Buffer): string => createHash('sha256').update(data).digest('hex');

/** A docker save archive (a tar) holding the given layer blobs, lowest first. */
export const dockerSaveArchive = (layers: readonly Buffer[], manifest?: unknown): Buffer => {
  const config = Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } }));
  const configName = `${sha256(config)}.json`;
  const layerNames = layers.map((layer, i) => `${sha256(Buffer.concat([layer, Buffer.from([i])]))}/layer.tar`);
  const manifestJson = manifest ?? [{ Config: configName, RepoTags: ['charter-test:latest'], Layers: layerNames }];
  return tarBytes([
    { name: configName, content: config },
    ...layers.flatMap((layer, i) => [
      { name: `${(layerNames[i] ?? '').split('/')[0] ?? ''}/`, type: 'directory' as const },
      { name: layerNames[i] ?? '', content: layer },
    ]),
    { name: 'manifest.json', content: typeof manifestJson === 'string' ? manifestJson : JSON.stringify(manifestJson) },
  ]);
};

/** Writes an OCI image layout directory; gzip-compresses the layers when asked. */
export const writeOciLayout = async (dir: string, layers: readonly Buffer[], gzip = true): Promise<void> => {
  await mkdir(path.join(dir, 'blobs', 'sha256'), { recursive: true });
  const blob = async (data: Buffer): Promise<{ digest: string; size: number }> => {
    const hex = sha256(data);
    await writeFile(path.join(dir, 'blobs', 'sha256', hex), data);
    return { digest: `sha256:${hex}`, size: data.length };
  };
  const layerDescriptors = [];
  for (const layer of layers) {
    const data = gzip ? gzipSync(layer) : layer;
    layerDescriptors.push({
      mediaType: gzip ? 'application/vnd.oci.image.layer.v1.tar+gzip' : 'application/vnd.oci.image.layer.v1.tar',
      ...(await blob(data)),
    });
  }
  const config = await blob(Buffer.from(JSON.stringify({ architecture: 'amd64', os: 'linux', rootfs: { type: 'layers', diff_ids: [] } })));
  const manifest = Buffer.from(
    JSON.stringify({
      schemaVersion: 2,
      mediaType: 'application/vnd.oci.image.manifest.v1+json',
      config: { mediaType: 'application/vnd.oci.image.config.v1+json', ...config },
      layers: layerDescriptors,
    }),
  );
  const manifestBlob = await blob(manifest);
  await writeFile(path.join(dir, 'oci-layout'), JSON.stringify({ imageLayoutVersion: '1.0.0' }));
  await writeFile(
    path.join(dir, 'index.json'),
    JSON.stringify({
      schemaVersion: 2,
      manifests: [
        {
          mediaType: 'application/vnd.oci.image.manifest.v1+json',
          ...manifestBlob,
          platform: { architecture: 'amd64', os: 'linux' },
          annotations: { 'org.opencontainers.image.ref.name': 'charter-test' },
        },
      ],
    }),
  );
};

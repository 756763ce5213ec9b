/**
 * Where an image's layers are: a `docker save` archive (manifest.json, legacy `<id>/layer.tar`
 * layers or, since Docker 25, OCI blobs) or an OCI image layout (oci-layout + index.json +
 * blobs/sha256/…), as a directory or as a tar of one. Layers are found, never extracted.
 */
import { createReadStream } from 'node:fs';
import { open, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import type { Readable } from 'node:stream';
import { TargetError } from '../../errors.js';
import { readRegularFile } from '../../bounded-read.js';
import { readTar } from './tar-reader.js';

/** One layer blob: a byte range of a file (the archive itself, or a blob file of a layout). */
export interface BlobRange {
  /** Name for messages (e.g. `blobs/sha256/ab12…` or `3f…/layer.tar`). */
  name: string;
  file: string;
  start: number;
  size: number;
}

export interface ImageLayout {
  /** 'docker-save' or 'oci'. */
  format: string;
  layers: BlobRange[];
  /** Tags or the manifest digest, for display. */
  reference: string | null;
}

export const openBlob = (blob: BlobRange): Readable =>
  createReadStream(blob.file, { start: blob.start, end: blob.start + blob.size - 1, highWaterMark: 1 << 20 });

export const readMagic = async (blob: BlobRange): Promise<Buffer> => {
  const handle = await open(blob.file, 'r');
  try {
    const buffer = Buffer.alloc(Math.min(4, blob.size));
    await handle.read(buffer, 0, buffer.length, blob.start);
    return buffer;
  } finally {
    await handle.close();
  }
};

/** Archive-relative names: no absolute paths, no `..`, no NUL. */
const safeMember = (name: string, file: string, what: string): string => {
  const normal = path.posix.normalize(name.replace(/^\.\//, ''));
  if (name.includes('\0') || path.posix.isAbsolute(name) || normal === '..' || normal.startsWith('../')) {
    throw new TargetError(`${file}: ${what} names '${name}', which leaves the archive`);
  }
  return normal;
};

interface Members {
  /** Small members' content (JSON documents). */
  read(name: string): Promise<Buffer | undefined>;
  blob(name: string): Promise<BlobRange | undefined>;
}

const jsonOf = (buffer: Buffer | undefined, file: string, member: string): unknown => {
  if (buffer === undefined) return undefined;
  try {
    return JSON.parse(buffer.toString('utf8')) as unknown;
  } catch (error) {
    // The parser's message quotes the member's bytes: never echoed (the member may be any file).
    throw new TargetError(`${file}: ${member} is not valid JSON`, { cause: error });
  }
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const digestPath = (digest: unknown, file: string): string => {
  if (typeof digest !== 'string' || !/^sha256:[0-9a-f]{64}$/.test(digest)) {
    throw new TargetError(`${file}: unsupported or malformed digest ${JSON.stringify(digest)}`);
  }
  return `blobs/sha256/${digest.slice('sha256:'.length)}`;
};

const manifestTypes = new Set(['application/vnd.oci.image.manifest.v1+json', 'application/vnd.docker.distribution.manifest.v2+json']);
const indexTypes = new Set(['application/vnd.oci.image.index.v1+json', 'application/vnd.docker.distribution.manifest.list.v2+json']);

/** Picks the linux/amd64 manifest of an index, or its only one. */
const pickManifest = (index: Record<string, unknown>, file: string): Record<string, unknown> => {
  const manifests = Array.isArray(index.manifests) ? index.manifests.filter(isObject) : [];
  if (manifests.length === 0) throw new TargetError(`${file}: index.json lists no manifest`);
  const images = manifests.filter((m) => typeof m.mediaType !== 'string' || manifestTypes.has(m.mediaType) || indexTypes.has(m.mediaType));
  const platformOf = (m: Record<string, unknown>) => (isObject(m.platform) ? m.platform : {});
  const preferred = images.find((m) => platformOf(m).os === 'linux' && platformOf(m).architecture === 'amd64');
  const chosen = preferred ?? (images.length === 1 ? images[0] : undefined);
  if (chosen === undefined) throw new TargetError(`${file}: index.json lists ${String(images.length)} images and none is linux/amd64`);
  return chosen;
};

const ociLayers = async (members: Members, file: string): Promise<ImageLayout> => {
  const index = jsonOf(await members.read('index.json'), file, 'index.json');
  if (!isObject(index)) throw new TargetError(`${file}: index.json is not an OCI image index`);
  let descriptor = pickManifest(index, file);
  for (let depth = 0; typeof descriptor.mediaType === 'string' && indexTypes.has(descriptor.mediaType); depth += 1) {
    if (depth > 2) throw new TargetError(`${file}: image indexes nested too deep`);
    const nested = jsonOf(await members.read(digestPath(descriptor.digest, file)), file, String(descriptor.digest));
    if (!isObject(nested)) throw new TargetError(`${file}: ${String(descriptor.digest)} is missing or not an index`);
    descriptor = pickManifest(nested, file);
  }
  const manifestName = digestPath(descriptor.digest, file);
  const manifest = jsonOf(await members.read(manifestName), file, manifestName);
  if (!isObject(manifest) || !Array.isArray(manifest.layers)) throw new TargetError(`${file}: ${manifestName} is missing or not an image manifest`);
  const layers: BlobRange[] = [];
  for (const layer of manifest.layers) {
    if (!isObject(layer)) throw new TargetError(`${file}: ${manifestName} has a malformed layer entry`);
    const name = digestPath(layer.digest, file);
    const blob = await members.blob(name);
    if (blob === undefined) throw new TargetError(`${file}: layer ${name} named by ${manifestName} is missing`);
    layers.push(blob);
  }
  const annotations = isObject(descriptor.annotations) ? descriptor.annotations : {};
  const ref = annotations['org.opencontainers.image.ref.name'];
  return { format: 'oci', layers, reference: typeof ref === 'string' ? ref : String(descriptor.digest) };
};

const dockerLayers = async (members: Members, file: string, manifest: unknown): Promise<ImageLayout> => {
  if (!Array.isArray(manifest) || manifest.length === 0 || !isObject(manifest[0])) {
    throw new TargetError(`${file}: manifest.json is not a docker save manifest (an array of images)`);
  }
  if (manifest.length > 1) throw new TargetError(`${file}: the archive holds ${String(manifest.length)} images; save one image per archive`);
  const image = manifest[0];
  if (!Array.isArray(image.Layers)) throw new TargetError(`${file}: manifest.json has no Layers list`);
  const layers: BlobRange[] = [];
  for (const layer of image.Layers) {
    if (typeof layer !== 'string') throw new TargetError(`${file}: manifest.json has a non-string layer`);
    const name = safeMember(layer, file, 'manifest.json');
    const blob = await members.blob(name);
    if (blob === undefined) throw new TargetError(`${file}: layer ${name} named by manifest.json is missing`);
    layers.push(blob);
  }
  const tags = Array.isArray(image.RepoTags) ? image.RepoTags.filter((t): t is string => typeof t === 'string') : [];
  return { format: 'docker-save', layers, reference: tags.length > 0 ? tags.join(', ') : null };
};

const layoutOf = async (members: Members, file: string): Promise<ImageLayout> => {
  const manifest = jsonOf(await members.read('manifest.json'), file, 'manifest.json');
  if (manifest !== undefined) return dockerLayers(members, file, manifest);
  if ((await members.read('index.json')) !== undefined) return ociLayers(members, file);
  throw new TargetError(`${file}: neither a docker save archive (manifest.json) nor an OCI image layout (index.json)`);
};

/**
 * The members of an OCI layout directory, confined to it like `root:`: a member whose real path
 * (every symlink followed) is outside the layout is refused, unread and unquoted.
 */
const directoryMembers = (dir: string): Members => {
  const top = realpath(dir).catch(() => path.resolve(dir));
  const confined = async (name: string): Promise<string | undefined> => {
    const real = await realpath(path.join(dir, safeMember(name, dir, 'the image'))).catch(() => undefined);
    if (real === undefined) return undefined;
    const rest = path.relative(await top, real);
    if (rest === '' || rest.startsWith('..') || path.isAbsolute(rest)) {
      throw new TargetError(`${dir}: ${name} is a symlink out of the image layout; refused`);
    }
    return real;
  };
  return {
    read: async (name) => {
      const real = await confined(name);
      return real === undefined ? undefined : readRegularFile(real, keptMemberBytes).catch(() => undefined);
    },
    blob: async (name) => {
      const real = await confined(name);
      const info = real === undefined ? undefined : await stat(real).catch(() => undefined);
      return real !== undefined && info?.isFile() === true ? { name, file: real, start: 0, size: info.size } : undefined;
    },
  };
};

/** Small members are kept while the archive is indexed (JSON documents are small). */
const keptMemberBytes = 4 << 20;

const archiveMembers = async (file: string): Promise<Members> => {
  const entries = new Map<string, { start: number; size: number; content?: Buffer }>();
  try {
    await readTar(
      createReadStream(file, { highWaterMark: 1 << 20 }),
      (entry) => (entry.size <= keptMemberBytes && !/layer\.tar$/.test(entry.name) ? entry.size : 0),
      (entry, kept) => {
        if (entry.type !== 'file') return;
        const name = path.posix.normalize(entry.name.replace(/^\.\//, ''));
        const item: { start: number; size: number; content?: Buffer } = { start: entry.offset + 512, size: entry.size };
        if (kept !== undefined) item.content = kept;
        entries.set(name, item);
      },
    );
  } catch (error) {
    throw new TargetError(`${file}: not a readable tar archive: ${error instanceof Error ? error.message : String(error)}`, { cause: error });
  }
  return {
    read: (name) => Promise.resolve(entries.get(name)?.content),
    blob: (name) => {
      const entry = entries.get(name);
      return Promise.resolve(entry === undefined ? undefined : { name, file, start: entry.start, size: entry.size });
    },
  };
};

/** Finds the layers of FILE (an archive or a layout directory). Throws TargetError. */
export const findLayers = async (file: string): Promise<ImageLayout> => {
  const info = await stat(file).catch((error: unknown) => {
    throw new TargetError(`${file}: not found`, { cause: error });
  });
  if (info.isDirectory()) return layoutOf(directoryMembers(file), file);
  if (!info.isFile()) throw new TargetError(`${file}: not a file or directory`);
  const magic = await readMagic({ name: file, file, start: 0, size: info.size });
  if (magic[0] === 0x1f && magic[1] === 0x8b) {
    throw new TargetError(`${file}: the archive itself is gzip-compressed; decompress it first (gunzip), layers inside may stay compressed`);
  }
  return layoutOf(await archiveMembers(file), file);
};

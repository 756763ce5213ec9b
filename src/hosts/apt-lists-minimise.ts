/**
 * Recording minimisation for apt package lists. A Debian machine's lists hold every package of
 * the archive (the bookworm main list is about 45 MB); the updates probe only ever looks up the
 * packages that are installed. When a recording is written, each `/var/lib/apt/lists/*_Packages`
 * file (plain or `.lz4`) keeps only the stanzas of packages named in the recorded dpkg status, so
 * that a replay gives the probe exactly the same answers from a fraction of the bytes. The README
 * of every recorded fixture says so. `.lz4` lists are re-encoded as LZ4 frames with stored
 * (uncompressed) blocks, which any LZ4 reader accepts.
 */
import { decodeLz4Frames, isLz4Frame } from '../platform/codecs/lz4.js';

const listFile = /^\/var\/lib\/apt\/lists\/[^/]+_Packages(\.lz4)?$/;

/** xxHash32 (Yann Collet's spec, doc/xxhash_spec.md), for the LZ4 frame header checksum. */
export const xxh32 = (data: Uint8Array, seed = 0): number => {
  const p1 = 0x9e3779b1;
  const p2 = 0x85ebca77;
  const p3 = 0xc2b2ae3d;
  const p4 = 0x27d4eb2f;
  const p5 = 0x165667b1;
  const rotl = (x: number, r: number): number => ((x << r) | (x >>> (32 - r))) >>> 0;
  const word = (i: number): number => ((data[i] ?? 0) | ((data[i + 1] ?? 0) << 8) | ((data[i + 2] ?? 0) << 16) | ((data[i + 3] ?? 0) << 24)) >>> 0;
  const round = (acc: number, input: number): number => Math.imul(rotl((acc + Math.imul(input, p2)) >>> 0, 13), p1) >>> 0;
  let i = 0;
  let h: number;
  if (data.length >= 16) {
    let v1 = (seed + p1 + p2) >>> 0;
    let v2 = (seed + p2) >>> 0;
    let v3 = seed >>> 0;
    let v4 = (seed - p1) >>> 0;
    for (; i + 16 <= data.length; i += 16) {
      v1 = round(v1, word(i));
      v2 = round(v2, word(i + 4));
      v3 = round(v3, word(i + 8));
      v4 = round(v4, word(i + 12));
    }
    h = (rotl(v1, 1) + rotl(v2, 7) + rotl(v3, 12) + rotl(v4, 18)) >>> 0;
  } else {
    h = (seed + p5) >>> 0;
  }
  h = (h + data.length) >>> 0;
  for (; i + 4 <= data.length; i += 4) h = Math.imul(rotl((h + Math.imul(word(i), p3)) >>> 0, 17), p4) >>> 0;
  for (; i < data.length; i += 1) h = Math.imul(rotl((h + Math.imul(data[i] ?? 0, p5)) >>> 0, 11), p1) >>> 0;
  h = Math.imul(h ^ (h >>> 15), p2) >>> 0;
  h = Math.imul(h ^ (h >>> 13), p3) >>> 0;
  return (h ^ (h >>> 16)) >>> 0;
};

/** One LZ4 frame (version 1, independent 4 MB blocks, no checksums) with stored blocks. */
export const lz4StoredFrame = (content: Buffer): Buffer => {
  const descriptor = Buffer.from([0x60, 0x70]); // FLG: version 01, block independence; BD: 4 MB
  const header = Buffer.concat([Buffer.from([0x04, 0x22, 0x4d, 0x18]), descriptor, Buffer.from([(xxh32(descriptor) >>> 8) & 0xff])]);
  const parts: Buffer[] = [header];
  const blockMax = 4 << 20;
  for (let at = 0; at < content.length; at += blockMax) {
    const block = content.subarray(at, at + blockMax);
    const size = Buffer.alloc(4);
    size.writeUInt32LE((block.length | 0x80000000) >>> 0);
    parts.push(size, block);
  }
  parts.push(Buffer.alloc(4)); // EndMark
  return Buffer.concat(parts);
};

/** Installed package names from a dpkg status file. */
const installedNames = (status: string): Set<string> => {
  const names = new Set<string>();
  for (const stanza of status.split(/\n\n+/)) {
    const name = /^Package: (\S+)$/m.exec(stanza)?.[1];
    if (name !== undefined && /^Status: \S+ \S+ (installed|half-configured|unpacked|half-installed|triggers-\S+)$/m.test(stanza)) names.add(name);
  }
  return names;
};

const keepInstalled = (list: string, installed: ReadonlySet<string>): string =>
  list
    .split(/\n\n+/)
    .filter((stanza) => {
      const name = /^Package: (\S+)$/m.exec(stanza)?.[1];
      return name !== undefined && installed.has(name);
    })
    .map((stanza) => `${stanza.replace(/\n+$/, '')}\n`)
    .join('\n');

/**
 * Returns `files` with every apt Packages list cut down to the installed packages' stanzas, and
 * the paths that were cut. Without a recorded dpkg status nothing is changed.
 */
export const minimiseAptLists = (
  files: ReadonlyMap<string, Buffer | undefined>,
): { files: Map<string, Buffer | undefined>; minimised: string[] } => {
  const result = new Map(files);
  const status = files.get('/var/lib/dpkg/status');
  if (status === undefined) return { files: result, minimised: [] };
  const installed = installedNames(status.toString('utf8'));
  const minimised: string[] = [];
  for (const [p, bytes] of files) {
    if (bytes === undefined) continue;
    const match = listFile.exec(p);
    if (match === null) continue;
    const compressed = match[1] === '.lz4';
    if (compressed && !isLz4Frame(bytes)) continue;
    const text = (compressed ? decodeLz4Frames(bytes) : bytes).toString('utf8');
    const kept = Buffer.from(keepInstalled(text, installed));
    result.set(p, compressed ? lz4StoredFrame(kept) : kept);
    minimised.push(p);
  }
  return { files: result, minimised: minimised.sort() };
};

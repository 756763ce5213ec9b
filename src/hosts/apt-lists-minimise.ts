/**
 * Recording minimisation for apt package lists. A Debian machine's lists hold every package of
 * the archive (the bookworm main list is about 45 MB); the updates probe only ever looks up the
 * packages that are installed. When a recording is written, each `/var/lib/apt/lists/*_Packages`
 * file (plain or `.lz4`) keeps only the stanzas of packages named in the recorded dpkg status, so
 * that a replay gives the probe exactly the same answers from a fraction of the bytes. The README
 * of every recorded fixture says so. `.lz4` lists are re-encoded as LZ4 frames with stored
 * (uncompressed) blocks, which any LZ4 reader accepts.
 */
import { decodeLz4Frames, isLz4Frame, lz4StoredFrame } from '../platform/codecs/lz4.js';

const listFile = /^\/var\/lib\/apt\/lists\/[^/]+_Packages(\.lz4)?$/;

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
export const minimiseAptLists = (files: ReadonlyMap<string, Buffer | undefined>): { files: Map<string, Buffer | undefined>; minimised: string[] } => {
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

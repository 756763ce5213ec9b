import { readFileSync, readdirSync } from 'node:fs';
import type { FileStat } from '../hosts/host.js';

const samples = new URL('../../fixtures/samples/', import.meta.url);

/** A recorded sample file under fixtures/samples/<probe>/ (see the README there). */
export const sample = (probe: string, path: string): Buffer => readFileSync(new URL(`${probe}/${path}`, samples));

export interface RootSnapshot {
  files: Record<string, string | Buffer>;
  dirs: Record<string, string[]>;
  links: Record<string, string>;
  stats: Record<string, Partial<FileStat>>;
}

const walk = (dir: URL, prefix: string, out: Record<string, string | Buffer>): void => {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.isDirectory()) walk(new URL(`${entry.name}/`, dir), `${prefix}/${entry.name}`, out);
    else out[`${prefix}/${entry.name}`] = readFileSync(new URL(entry.name, dir));
  }
};

/**
 * A debootstrap root as recorded by fixtures/samples/logging/record.sh: `manifest.tsv` (type, path,
 * link target of the places the probes look at) plus byte-exact copies of configuration files
 * under `files/`. Symlinks answer readLink and stat (as the file they point to).
 */
export const rootSnapshot = (probe: string, name: string): RootSnapshot => {
  const base = new URL(`${probe}/roots/${name}/`, samples);
  const snapshot: RootSnapshot = { files: {}, dirs: {}, links: {}, stats: {} };
  for (const line of readFileSync(new URL('manifest.tsv', base), 'utf8').split('\n')) {
    const [type, path, target] = line.split('\t');
    if (path === undefined) continue;
    if (type === 'd') snapshot.dirs[path] = snapshot.dirs[path] ?? [];
    if (type === 'f') snapshot.stats[path] = { type: 'file' };
    if (type === 'l' && target !== undefined) {
      snapshot.links[path] = target;
      snapshot.stats[path] = { type: 'file' };
    }
  }
  try {
    walk(new URL('files/', base), '', snapshot.files);
  } catch {
    // a root without copied files (e.g. clean): the manifest alone
  }
  return snapshot;
};

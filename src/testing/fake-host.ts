import type { FileStat, Host, HostCapabilities, RunResult } from '../hosts/host.js';
import type { Platform } from '../model.js';

export interface FakeHostSpec {
  platform?: Platform;
  files?: Record<string, string | Buffer>;
  /** Extra directory listings (otherwise derived from `files`). */
  dirs?: Record<string, string[]>;
  stats?: Record<string, Partial<FileStat>>;
  links?: Record<string, string>;
  /** Keyed by argv joined with a single space. */
  commands?: Record<string, Partial<RunResult>>;
  capabilities?: Partial<HostCapabilities>;
}

/** An in-memory host for probe tests. Unknown commands answer like a missing program. */
export const fakeHost = (spec: FakeHostSpec = {}): Host & { ran: string[][] } => {
  const files = new Map(Object.entries(spec.files ?? {}).map(([p, c]) => [p, Buffer.from(c)]));
  const ran: string[][] = [];
  const listing = (dir: string): string[] | undefined => {
    const explicit = spec.dirs?.[dir];
    const prefix = dir.endsWith('/') ? dir : `${dir}/`;
    const derived = new Set<string>();
    for (const p of [...files.keys(), ...Object.keys(spec.stats ?? {}), ...Object.keys(spec.links ?? {})]) {
      if (p.startsWith(prefix)) derived.add(p.slice(prefix.length).split('/')[0] ?? '');
    }
    derived.delete('');
    if (!explicit && derived.size === 0) return undefined;
    return [...new Set([...(explicit ?? []), ...derived])].sort();
  };
  return {
    kind: 'fake',
    name: 'fake',
    ran,
    capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
    platform: () => Promise.resolve(spec.platform ?? 'linux'),
    readFile: (path) => Promise.resolve(files.get(path)),
    readDir: (path) => Promise.resolve(listing(path)),
    stat: (path) => {
      const explicit = spec.stats?.[path];
      const file = files.get(path);
      const base: FileStat | undefined = file
        ? { type: 'file', size: file.length, mtimeMs: 0, mode: 0o644, uid: 0 }
        : listing(path)
          ? { type: 'directory', size: 4096, mtimeMs: 0, mode: 0o755, uid: 0 }
          : undefined;
      if (!explicit && !base) return Promise.resolve(undefined);
      return Promise.resolve({ type: 'file', size: 0, mtimeMs: 0, mode: 0o644, uid: 0, ...base, ...explicit });
    },
    readLink: (path) => Promise.resolve(spec.links?.[path]),
    run: (file, args) => {
      const argv = [file, ...args];
      ran.push(argv);
      const answer = spec.commands?.[argv.join(' ')];
      if (!answer) {
        return Promise.resolve({ exitCode: 127, stdout: '', stderr: `${file}: not found`, timedOut: false, spawnError: 'ENOENT' });
      }
      return Promise.resolve({ exitCode: 0, stdout: '', stderr: '', timedOut: false, ...answer });
    },
    close: () => Promise.resolve(),
  };
};

import type { Host, RunResult } from '../hosts/host.js';
import { noteDeniedRead } from '../hosts/denied-reads.js';

/**
 * A recorded host with one way of failing forced on every probe, to provoke the reasons probes
 * give when they cannot see: every tool missing, every command timing out or refused, every read
 * denied (as an unprivileged user meets it), or nothing there at all.
 */
export const provocations = ['tools-missing', 'commands-time-out', 'commands-refused', 'reads-denied', 'nothing-there'] as const;
export type Provocation = (typeof provocations)[number];

const missing = (file: string): RunResult => ({ exitCode: 127, stdout: '', stderr: `${file}: not found`, timedOut: false, spawnError: 'ENOENT' });

export const provoked = (host: Host, how: Provocation): Host => {
  const reads = {
    readFile: (path: string) => host.readFile(path),
    readDir: (path: string) => host.readDir(path),
    stat: (path: string) => host.stat(path),
    readLink: (path: string) => host.readLink(path),
  };
  const denied = {
    readFile: (path: string) => {
      noteDeniedRead(path);
      return Promise.resolve(undefined);
    },
    readDir: (path: string) => {
      noteDeniedRead(path);
      return Promise.resolve(undefined);
    },
    stat: (path: string) => host.stat(path),
    readLink: (path: string) => host.readLink(path),
  };
  const nothing = {
    readFile: () => Promise.resolve(undefined),
    readDir: () => Promise.resolve(undefined),
    stat: () => Promise.resolve(undefined),
    readLink: () => Promise.resolve(undefined),
  };
  const run: Host['run'] = (file) => {
    if (how === 'commands-time-out') return Promise.resolve({ exitCode: -1, stdout: '', stderr: '', timedOut: true });
    if (how === 'commands-refused') return Promise.resolve({ exitCode: 1, stdout: '', stderr: 'Permission denied', timedOut: false });
    return Promise.resolve(missing(file));
  };
  return {
    kind: host.kind,
    name: host.name,
    capabilities: host.capabilities,
    platform: () => host.platform(),
    ...(how === 'reads-denied' ? denied : how === 'nothing-there' ? nothing : reads),
    run,
    close: () => host.close(),
  };
};

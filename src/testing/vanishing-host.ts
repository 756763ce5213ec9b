/**
 * A host whose reads can be made to fail the way things that vanish fail: wraps another host, and
 * for each read asks `intercept` first. It answers a value (`{ answer }`), throws a Node-style
 * system error (`{ code }`: ESRCH, ENOENT, EIO...), or lets the inner host answer (undefined).
 */
import type { FileStat, Host } from '../hosts/host.js';

export type ReadMethod = 'readFile' | 'readDir' | 'stat' | 'readLink';

export type Interception = { code: string } | { answer: Buffer | string[] | FileStat | string | undefined } | undefined;

export const systemError = (code: string, path: string): Error => Object.assign(new Error(`${code}: simulated, ${path}`), { code });

export const vanishingHost = (inner: Host, intercept: (method: ReadMethod, path: string) => Interception): Host => {
  const read =
    <T>(method: ReadMethod, fallback: (path: string) => Promise<T | undefined>) =>
    (path: string): Promise<T | undefined> => {
      const what = intercept(method, path);
      if (what === undefined) return fallback(path);
      if ('code' in what) return Promise.reject(systemError(what.code, path));
      return Promise.resolve(what.answer as T | undefined);
    };
  return {
    ...inner,
    kind: inner.kind,
    name: inner.name,
    capabilities: inner.capabilities,
    platform: () => inner.platform(),
    readFile: read<Buffer>('readFile', (p) => inner.readFile(p)),
    readDir: read<string[]>('readDir', (p) => inner.readDir(p)),
    stat: read<FileStat>('stat', (p) => inner.stat(p)),
    readLink: read<string>('readLink', (p) => inner.readLink(p)),
    run: (file, args, options) => inner.run(file, args, options),
    close: () => inner.close(),
  };
};

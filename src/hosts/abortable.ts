import { setMaxListeners } from 'node:events';
import type { ChunkConsumer, Host, RunResult } from './host.js';

/**
 * The host as one piece of work sees it: once `signal` is aborted (its probe timed out, its host's
 * time ran out, the run was interrupted) the work starts no read and no command, the commands it
 * runs are ended (a host that can stop them does: local processes are killed), and nothing it
 * still waits for holds it. What the work asks after that fails with the signal's reason, which
 * nobody awaits any more. The host itself stays open for the rest of the run.
 */
export const abortable = (host: Host, signal: AbortSignal): Host => {
  // What the work waits for, by the function that ends the wait: all of it is ended at once when
  // the signal fires. (Not Promise.race with one shared "aborted" promise: each race would leave a
  // reaction on it until the signal fires, thousands per probe, and cost two promises more.)
  const waiting = new Set<(reason: Error) => void>();
  const fail = (): void => {
    const reason = signal.reason as Error;
    for (const end of [...waiting]) end(reason);
    waiting.clear();
  };
  if (!signal.aborted) signal.addEventListener('abort', fail, { once: true });
  const guard = <T>(work: () => Promise<T>): Promise<T> => {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    const pending = work();
    return new Promise<T>((resolve, reject) => {
      waiting.add(reject);
      pending.then(
        (value) => {
          waiting.delete(reject);
          resolve(value);
        },
        (error: unknown) => {
          waiting.delete(reject);
          // eslint-disable-next-line @typescript-eslint/prefer-promise-reject-errors -- passed on as the host threw it
          reject(error);
        },
      );
    });
  };
  const chunked = host.readFileChunks?.bind(host);
  return {
    kind: host.kind,
    name: host.name,
    capabilities: host.capabilities,
    ...(host.precollected === undefined ? {} : { precollected: host.precollected }),
    platform: () => guard(() => host.platform()),
    readFile: (path) => guard(() => host.readFile(path)),
    // Only where the host has it (readChunks falls back to readFile); the read stops at the next piece once aborted.
    ...(chunked === undefined
      ? {}
      : {
          readFileChunks: (path: string, consume: ChunkConsumer, chunkBytes: number) =>
            guard(() =>
              chunked(
                path,
                (chunk) => {
                  if (signal.aborted) throw signal.reason as Error;
                  return consume(chunk);
                },
                chunkBytes,
              ),
            ),
        }),
    readDir: (path) => guard(() => host.readDir(path)),
    stat: (path) => guard(() => host.stat(path)),
    readLink: (path) => guard(() => host.readLink(path)),
    run: (file, args, options): Promise<RunResult> =>
      guard(() => host.run(file, args, { ...options, signal: options?.signal === undefined ? signal : AbortSignal.any([signal, options.signal]) })),
    close: () => host.close(),
  };
};

/**
 * A signal that follows `outer` (aborted with its reason) and takes any number of listeners
 * without Node's leak warning: one per probe or per host is expected here, not a leak. `dispose`
 * stops following `outer` when the work is done.
 */
export const followingSignal = (outer: AbortSignal | undefined): { signal: AbortSignal; dispose: () => void } => {
  const controller = new AbortController();
  setMaxListeners(0, controller.signal);
  if (outer === undefined) return { signal: controller.signal, dispose: () => undefined };
  const follow = (): void => {
    controller.abort(outer.reason);
  };
  if (outer.aborted) follow();
  else outer.addEventListener('abort', follow, { once: true });
  return {
    signal: controller.signal,
    dispose: () => {
      outer.removeEventListener('abort', follow);
    },
  };
};

import { setMaxListeners } from 'node:events';
import type { Host, RunResult } from './host.js';

/**
 * The host as one piece of work sees it: once `signal` is aborted (its probe timed out, its host's
 * time ran out, the run was interrupted) the work starts no read and no command, the commands it
 * runs are ended (a host that can stop them does: local processes are killed), and nothing it
 * still waits for holds it. What the work asks after that fails with the signal's reason, which
 * nobody awaits any more. The host itself stays open for the rest of the run.
 */
export const abortable = (host: Host, signal: AbortSignal): Host => {
  const aborted = new Promise<never>((_resolve, reject) => {
    const fail = (): void => {
      reject(signal.reason as Error);
    };
    if (signal.aborted) fail();
    else signal.addEventListener('abort', fail, { once: true });
  });
  // Nobody may be waiting when the signal fires: not an unhandled rejection.
  aborted.catch(() => undefined);
  const guard = <T>(work: () => Promise<T>): Promise<T> => {
    if (signal.aborted) return Promise.reject(signal.reason as Error);
    return Promise.race([work(), aborted]);
  };
  return {
    kind: host.kind,
    name: host.name,
    capabilities: host.capabilities,
    ...(host.precollected === undefined ? {} : { precollected: host.precollected }),
    platform: () => guard(() => host.platform()),
    readFile: (path) => guard(() => host.readFile(path)),
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

/**
 * Work that several probes of one run need from the same target (the /proc process table, the scan
 * of an apt list, the index of systemd's .wants links), done once per run and held by the run:
 * `collect` makes one `RunShared` per collection and hands it to every probe in its context. No
 * module keeps a cache: a second run (another host, the same host later) does the work again.
 *
 * What the work could not read (permission, oversize) is noted for every probe that uses its
 * result, not only for the one that happened to start it: each probe's findings name what it did
 * not see, whichever probe ran first.
 *
 * It sits in src/platform, below the probes, because the platform helpers share their work through
 * it (linux/processes.ts, linux/units.ts, linux/homes.ts).
 */
import type { Host } from '../hosts/host.js';
import { noticingDeniedReads, noteDeniedReads } from '../hosts/denied-reads.js';

/**
 * One piece of shared work: `key` names it in the run (the same key must always mean the same
 * work and the same result type; parameters belong in the key), `run` does it on the target.
 */
export interface SharedWork<T> {
  readonly key: string;
  readonly run: (host: Host) => Promise<T>;
}

/** The run's shared work: the result of `work`, done at most once per run. */
export type RunShared = <T>(work: SharedWork<T>) => Promise<T>;

interface Done {
  readonly value: unknown;
  /** What the work could not read (as noted by the host: paths, or paths with the oversize mark). */
  readonly denied: ReadonlySet<string>;
}

/**
 * The shared work of one run on `host`. `host` is what the work reads with: it should stop when
 * the run is cancelled, not when the probe that first asked is (the others still wait for it).
 */
export const runShared = (host: Host): RunShared => {
  const started = new Map<string, Promise<Done>>();
  return async <T>(work: SharedWork<T>): Promise<T> => {
    let pending = started.get(work.key);
    if (pending === undefined) {
      const denied = new Set<string>();
      // Its own record: the denials belong to the work, then to each probe that uses it.
      pending = noticingDeniedReads(denied, () => work.run(host)).then((value) => ({ value, denied }));
      // Every caller awaits it; this only keeps a failure after the run's end from going unhandled.
      pending.catch(() => undefined);
      started.set(work.key, pending);
    }
    const done = await pending;
    noteDeniedReads(done.denied);
    // The key names one work and one result type (see SharedWork).
    return done.value as T;
  };
};

/** What shared work is reached through: a probe's context (or the part of it a helper is given). */
export interface SharedContext {
  readonly shared?: RunShared | undefined;
}

/**
 * In a probe: the run's result of `work`, or, when the probe runs outside a collection (alone, in
 * a test), the work done now for this probe alone, its denials noted for it as usual.
 */
export const shared = <T>(host: Host, context: SharedContext, work: SharedWork<T>): Promise<T> =>
  context.shared === undefined ? work.run(host) : context.shared(work);

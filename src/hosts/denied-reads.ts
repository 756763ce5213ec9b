import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * Paths a host could not read for lack of permission (EACCES, EPERM), noted for the probe whose
 * work asked for them. Hosts answer such a read `undefined`, like an absent path, so that a probe
 * never fails as a whole on one unreadable file; this record is how the collector still knows that
 * the probe did not see everything (run as root, it would have).
 */
const storage = new AsyncLocalStorage<Set<string>>();

/** Run `work` while noting every permission-denied read made for it; `denied` receives the paths. */
export const noticingDeniedReads = <T>(denied: Set<string>, work: () => Promise<T>): Promise<T> => storage.run(denied, work);

/** Called by a host when a read was refused for lack of permission. */
export const noteDeniedRead = (path: string): void => {
  storage.getStore()?.add(path);
};

/**
 * Notes again, for the work running now, reads another piece of work could not make (as that
 * work's record holds them): a result shared by several probes was read with those gaps by each.
 */
export const noteDeniedReads = (noted: Iterable<string>): void => {
  const store = storage.getStore();
  if (store === undefined) return;
  for (const path of noted) store.add(path);
};

/** How an oversized read is noted: the path and why, so that the reason says it was too big, not denied. */
export const oversizedMark = ' (over the per-file read limit)';

/** Called by a host when a file was not read because it is bigger than the per-file limit. */
export const noteOversizedRead = (path: string): void => {
  storage.getStore()?.add(`${path}${oversizedMark}`);
};

/**
 * File contents already received from some host of this process, by SHA-256 digest: a fleet of
 * machines built from one image and refreshed from the same mirror holds the same dpkg status and apt
 * lists (tens of MB), and the same release files, schemas and metadata (a few KB to a few hundred KB
 * each), which then cross the network and get decoded once per audit instead of once per host (see
 * agent.ts: the agent answers `same` for a content whose digest the batch lists). Every host given a
 * content by digest gets the very Buffer the first one received, so what is decoded per Buffer
 * (apt-index.ts) is decoded once. Bounded: the least recently used contents are dropped beyond
 * `maxBytes`. The Buffers are shared between hosts: read only. Digests are computed here, from the
 * bytes received: a host cannot make another host's answer into its own bytes.
 *
 * What a batch offers: when the size of every file it asks for is known (a read after the first
 * batch, whose stat came before), only the contents of those sizes, since the agent compares a
 * digest only for a file whose size is listed; otherwise the most recently used (the first batch).
 *
 * Transfers under way are tracked too, by path, size and modification time: a host about to ask for
 * a big file that another host is receiving right now, with the same size and time, waits for that
 * transfer first, so that its own answer can be `same` (the agent still compares digests; the wait
 * only saves sending the same bytes eight times when eight hosts start together).
 */
import { createHash } from 'node:crypto';
import type { FileStat } from '../host.js';
import { dedupBytes } from './agent.js';
import type { KnownContent } from './agent.js';

const maxBytes = 256 * 1024 * 1024;
/** How many digests a batch offers at most (the most recently used). */
const maxOffered = 256;

const contents = new Map<string, Buffer>();
let total = 0;

/**
 * The contents to offer, each with its digest: those of the given sizes (when every size asked for
 * is known), or the most recently used. Never more than `maxOffered`.
 */
export const heldContents = (sizes?: ReadonlySet<number>): Map<string, Buffer> => {
  const held = new Map<string, Buffer>();
  if (sizes !== undefined && sizes.size === 0) return held;
  const newestFirst = [...contents].reverse();
  for (const [digest, content] of newestFirst) {
    if (held.size >= maxOffered) break;
    if (sizes === undefined || sizes.has(content.length)) held.set(digest, content);
  }
  return held;
};

/** What a batch tells the agent about `held`. */
export const offered = (held: ReadonlyMap<string, Buffer>): KnownContent[] => [...held].map(([digest, content]) => ({ digest, size: content.length }));

const recall = (digest: string): Buffer | undefined => {
  const content = contents.get(digest);
  if (content !== undefined) {
    contents.delete(digest);
    contents.set(digest, content);
  }
  return content;
};

/** A content given by digest: it was used again (most recently used, the last dropped). */
export const used = (digest: string): void => {
  recall(digest);
};

/** Keep a received content when it is big; returns the Buffer to use (the held one when the same). */
export const remember = (content: Buffer): Buffer => {
  if (content.length < dedupBytes || content.length > maxBytes) return content;
  const digest = createHash('sha256').update(content).digest('hex');
  const known = recall(digest);
  if (known !== undefined) return known;
  contents.set(digest, content);
  total += content.length;
  for (const [oldest, buffer] of contents) {
    if (total <= maxBytes) break;
    contents.delete(oldest);
    total -= buffer.length;
  }
  return content;
};

const transfers = new Map<string, Promise<void>>();

const transferKey = (path: string, stat: FileStat | undefined): string | undefined =>
  stat?.type === 'file' && stat.size >= dedupBytes ? `${path}\0${String(stat.size)}\0${String(stat.mtimeMs)}` : undefined;

/** Wait for a transfer under way of what looks like the same big file (never rejects). */
export const sameTransfer = (path: string, stat: FileStat | undefined): Promise<void> | undefined => {
  const key = transferKey(path, stat);
  return key === undefined ? undefined : transfers.get(key);
};

/** Note that `done` brings the file at `path` (its stat as known before asking); returns `done`. */
export const trackTransfer = <T>(path: string, stat: FileStat | undefined, done: Promise<T>): Promise<T> => {
  const key = transferKey(path, stat);
  if (key === undefined || transfers.has(key)) return done;
  const settled = done.then(
    () => undefined,
    () => undefined,
  );
  transfers.set(key, settled);
  void settled.then(() => {
    if (transfers.get(key) === settled) transfers.delete(key);
  });
  return done;
};

/** How long a first batch waits for another host's (a slow or stuck host does not hold the others longer). */
const firstWaitMs = 10_000;

/** `promise` settled, or `ms` passed (never rejects). */
const settledWithin = (promise: Promise<void>, ms: number): Promise<void> =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, Math.max(0, ms));
    // A stuck host's answer keeps nothing alive: its own session does.
    timer.unref();
    void promise.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });

/** Sends first batches: see `firstBatch`. */
export type FirstBatchGate = <T>(send: () => Promise<T>, waitMs?: number) => Promise<T>;

/**
 * A gate for hosts' first batches (`send`). The first batches of an audit's first hosts go out
 * together and would each bring the same dpkg status and logs whole: until one has been answered,
 * one is sent at a time, so the others can offer its contents. After the first answer, every first
 * batch goes at once. A failed one lets the next go, and none waits more than `waitMs` (a host that
 * is slow to answer does not hold the others).
 */
export const firstBatchGate = (): FirstBatchGate => {
  let answered = false;
  let underWay: Promise<void> | undefined;
  return async <T>(send: () => Promise<T>, waitMs = firstWaitMs): Promise<T> => {
    const until = Date.now() + waitMs;
    while (!answered && underWay !== undefined && Date.now() < until) await settledWithin(underWay, until - Date.now());
    if (answered || underWay !== undefined) return send();
    const done = send();
    const settled = done.then(
      () => {
        answered = true;
      },
      () => undefined,
    );
    underWay = settled;
    void settled.then(() => {
      if (underWay === settled) underWay = undefined;
    });
    return done;
  };
};

/** The process's gate: once the first host of the process has its first answer, no host waits. */
export const firstBatch: FirstBatchGate = firstBatchGate();

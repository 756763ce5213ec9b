import { targetKinds } from './kinds.js';
import { Buffer, isAscii } from 'node:buffer';
import { FileRefused, gunzipBounded, readRegularFile, readRegularFileSync } from '../bounded-read.js';
import { limits } from '../limits.js';
import { resolve } from 'node:path';
import { TargetError, UsageError } from '../errors.js';
import { parseSnapshot } from './snapshot-format.js';
import type { Snapshot } from './snapshot-format.js';
import { defineHostKind } from './host.js';
import type { Host, RunResult } from './host.js';
import type { RunMemo } from '../run-memo.js';

const nothingToRun: RunResult = {
  exitCode: 127,
  stdout: '',
  stderr: 'a snapshot holds facts only: nothing can be run',
  timedOut: false,
  spawnError: 'ENOENT',
};

/**
 * A host made of facts collected earlier: no file, no command, only the recorded probe outcomes
 * (`precollected`), judged as of their collection time.
 */
export const hostFromSnapshot = (snapshot: Snapshot, file: string): Host => ({
  kind: 'snapshot',
  name: snapshot.host.name ?? file,
  capabilities: { ...snapshot.capabilities },
  precollected: {
    facts: snapshot.facts,
    collectedAt: snapshot.collectedAt,
    host: { ...snapshot.host },
    ...(snapshot.target.class === undefined ? {} : { targetClass: snapshot.target.class }),
    ...(snapshot.group === undefined ? {} : { group: snapshot.group }),
  },
  platform: () => Promise.resolve(snapshot.platform),
  readFile: () => Promise.resolve(undefined),
  readDir: () => Promise.resolve(undefined),
  stat: () => Promise.resolve(undefined),
  readLink: () => Promise.resolve(undefined),
  run: () => Promise.resolve({ ...nothingToRun }),
  close: () => Promise.resolve(),
});

const readProblem = (error: unknown): string => {
  if (error instanceof FileRefused) {
    return error.code === 'ENOENT'
      ? 'not found'
      : error.code === 'EISDIR' || error.reason.startsWith('is a directory')
        ? 'is a directory, not a snapshot file'
        : error.reason;
  }
  return error instanceof Error ? error.message : String(error);
};

/**
 * Read and validate a snapshot file, plain JSON or gzip (told by its first bytes, whatever its
 * name), at most limits.snapshotBytes once decompressed. Throws TargetError naming the file and
 * what is wrong.
 */
export const readSnapshot = async (file: string, shown: string = file, memo?: RunMemo): Promise<Snapshot> => {
  let text: string;
  try {
    text = textOf(gunzipBounded(file, await readRegularFile(file, limits.snapshotBytes), limits.snapshotBytes));
  } catch (error) {
    throw new TargetError(`${shown}: ${readProblem(error)}`, { cause: error });
  }
  return parseSnapshot(text, shown, memo);
};

/** One buffer reused for every file read: a new 70 KB buffer per snapshot piles up outside the heap until a collection. */
let scratch: Buffer = Buffer.allocUnsafe(1 << 20);

/** The text of a file (UTF-8), read into the scratch buffer. */
const readWhole = (file: string): string => {
  const read = readRegularFileSync(file, limits.snapshotBytes, scratch);
  scratch = read.scratch;
  return textOf(gunzipBounded(file, read.bytes, limits.snapshotBytes));
};

/** A snapshot's bytes as text. Nearly always ASCII, which decodes as is, without the UTF-8 decoder's work. */
const textOf = (bytes: Buffer): string => (isAscii(bytes) ? bytes.toString('latin1') : bytes.toString('utf8'));

/**
 * readSnapshot without the event loop: for a worker thread of `charter audit` that does nothing
 * else, a blocking read is several times cheaper than an asynchronous one (open, stat, read and
 * close each a round trip through the thread pool). Same results and errors.
 */
export const readSnapshotSync = (file: string, shown: string = file, memo?: RunMemo): Snapshot => {
  let text: string;
  try {
    text = readWhole(file);
  } catch (error) {
    throw new TargetError(`${shown}: ${readProblem(error)}`, { cause: error });
  }
  return parseSnapshot(text, shown, memo);
};

/**
 * Open a snapshot file as a host; `shown` is how errors and the host name spell the file. With a
 * run's memo, outcomes the run has read before are shared (parseSnapshot).
 */
export const openSnapshot = async (file: string, shown: string = file, memo?: RunMemo): Promise<Host> =>
  hostFromSnapshot(await readSnapshot(file, shown, memo), shown);

export const snapshotHost = defineHostKind({
  ...targetKinds.snapshot,
  create: (argument, context) => {
    if (argument === undefined || argument === '') {
      return Promise.reject(new UsageError('the snapshot target needs a file: snapshot:FILE'));
    }
    return openSnapshot(resolve(context.cwd, argument), argument);
  },
});

/**
 * Snapshot checks spread over worker threads. Checking a snapshot is pure CPU (parse, derive,
 * evaluate), so on a machine with N cores N threads check N hosts at a time. Work is pulled in
 * small batches, so a slow batch never idles the other threads; each result comes back as soon
 * as its batch is done and is recorded by the main thread exactly like an in-process one.
 */
import { Worker } from 'node:worker_threads';
import type { Language, Severity } from '../model.js';
import type { HostResult } from './model.js';

export interface SnapshotJob {
  index: number;
  file: string;
  shown: string;
}

export interface WorkerSettings {
  policyFile: string;
  policySha256: string;
  language: Language;
  failOn: Severity;
  tool: { name: string; version: string };
  hostTimeoutMs?: number;
  probeTimeoutMs?: number;
  concurrency: number;
}

export type WorkerReply = { kind: 'ready' } | { kind: 'results'; results: { index: number; result: HostResult }[] } | { kind: 'failed'; message: string };

const batchSize = 32;

interface PoolOptions {
  policy: { file: string; sha256: string };
  language: Language;
  failOn: Severity;
  tool: { name: string; version: string };
  hostTimeoutMs?: number;
  probeTimeoutMs?: number;
  concurrency?: number;
}

/** Checks every job in `count` worker threads running `script`; `record` gets each result. */
export const runInWorkers = async (
  jobs: readonly SnapshotJob[],
  options: PoolOptions,
  pool: { count: number; script: URL },
  record: (index: number, result: HostResult) => void,
): Promise<void> => {
  const settings: WorkerSettings = {
    policyFile: options.policy.file,
    policySha256: options.policy.sha256,
    language: options.language,
    failOn: options.failOn,
    tool: options.tool,
    concurrency: Math.max(1, Math.ceil((options.concurrency ?? 8) / pool.count)),
    ...(options.hostTimeoutMs === undefined ? {} : { hostTimeoutMs: options.hostTimeoutMs }),
    ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
  };
  let next = 0;
  const take = (): SnapshotJob[] => {
    const batch = jobs.slice(next, next + batchSize);
    next += batch.length;
    return batch;
  };
  const threads = Math.max(1, Math.min(pool.count, Math.ceil(jobs.length / batchSize)));
  await Promise.all(
    Array.from(
      { length: threads },
      () =>
        new Promise<void>((resolve, reject) => {
          const worker = new Worker(pool.script, { workerData: settings });
          const send = (): void => {
            const batch = take();
            if (batch.length === 0) {
              void worker.terminate().then(() => {
                resolve();
              });
              return;
            }
            worker.postMessage(batch);
          };
          worker.on('message', (reply: WorkerReply) => {
            if (reply.kind === 'failed') {
              reject(new Error(`audit worker: ${reply.message}`));
              void worker.terminate();
              return;
            }
            if (reply.kind === 'results') for (const { index, result } of reply.results) record(index, result);
            send();
          });
          worker.on('error', reject);
        }),
    ),
  );
};

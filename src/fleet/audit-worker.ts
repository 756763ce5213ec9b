/**
 * Worker thread entry (built to dist/audit-worker.js): loads the policy once, then checks the
 * snapshot files it is sent, in batches, and replies with their results. See worker-pool.ts.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicy } from '../policy/load.js';
import { checkOne } from './audit.js';
import { snapshotTarget } from './targets.js';
import { slimResult, type SnapshotJob, type WorkerReply, type WorkerSettings } from './worker-pool.js';

const port = parentPort;
const settings = workerData as WorkerSettings;

const reply = (message: WorkerReply): void => {
  port?.postMessage(message);
};

const main = async (): Promise<void> => {
  const policy = await loadPolicy(settings.policyFile);
  if (policy.sha256 !== settings.policySha256) {
    reply({ kind: 'failed', message: `${settings.policyFile} changed while the audit ran` });
    return;
  }
  const options = {
    policy,
    language: settings.language,
    failOn: settings.failOn,
    now: () => new Date(),
    tool: settings.tool,
    ...(settings.hostTimeoutMs === undefined ? {} : { hostTimeoutMs: settings.hostTimeoutMs }),
    ...(settings.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: settings.probeTimeoutMs }),
  };
  port?.on('message', (batch: SnapshotJob[]) => {
    void (async () => {
      const results: { index: number; result: Awaited<ReturnType<typeof checkOne>> }[] = [];
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < batch.length) {
          const job = batch[next];
          next += 1;
          if (job === undefined) continue;
          results.push({ index: job.index, result: slimResult(await checkOne(snapshotTarget(job.file, job.shown), options)) });
        }
      };
      await Promise.all(Array.from({ length: Math.min(settings.concurrency, batch.length) }, lane));
      reply({ kind: 'results', results });
    })();
  });
  reply({ kind: 'ready' });
};

main().catch((error: unknown) => {
  reply({ kind: 'failed', message: error instanceof Error ? error.message : String(error) });
});

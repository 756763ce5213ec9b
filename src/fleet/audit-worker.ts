/**
 * Worker thread entry (built to dist/audit-worker.js): loads the policy once, then checks the
 * snapshot files it is sent, in batches, and replies with their results packed (see worker-pool.ts).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { loadPolicy } from '../policy/load.js';
import { runMemo } from '../run-memo.js';
import { checkOne } from './audit.js';
import { blockingSnapshotTarget } from './targets.js';
import { packHost, ruleParts, type PackedHost, type SnapshotJob, type WorkerReply, type WorkerSettings } from './worker-pool.js';

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
    // This thread's hosts share the work of reading the same outcomes, deriving the same apps and
    // judging the same facts (src/run-memo.ts).
    memo: runMemo({ sharing: settings.sharing !== false }),
    ...(settings.governance === undefined ? {} : { governance: settings.governance }),
    ...(settings.targetClass === undefined ? {} : { targetClass: settings.targetClass }),
    ...(settings.hostTimeoutMs === undefined ? {} : { hostTimeoutMs: settings.hostTimeoutMs }),
    ...(settings.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: settings.probeTimeoutMs }),
  };
  const parts = ruleParts(policy, settings.language);
  const ruleIndex = new Map(policy.rules.map((rule, index) => [rule.id, index]));
  port?.on('message', (batch: SnapshotJob[]) => {
    void (async () => {
      const results: PackedHost[] = [];
      let next = 0;
      const lane = async (): Promise<void> => {
        while (next < batch.length) {
          const job = batch[next];
          next += 1;
          if (job === undefined) continue;
          // A blocking read: this thread has nothing else to do meanwhile. The result is printed
          // and serialised right away, so its evidence need not be copied off the facts first.
          const result = await checkOne(blockingSnapshotTarget(job.file, job.shown, job.folder), options, { detach: false });
          results.push(packHost(job.index, result, parts, ruleIndex, settings.failOn, settings.reports));
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

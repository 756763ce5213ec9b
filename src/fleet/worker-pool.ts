/**
 * Snapshot checks spread over worker threads. Checking a snapshot is pure CPU (parse, derive,
 * evaluate), so on a machine with N cores N threads check N hosts at a time. Work is pulled in
 * small batches, so a slow batch never idles the other threads; each result comes back as soon
 * as its batch is done and is recorded by the main thread exactly like an in-process one.
 */
import { Worker } from 'node:worker_threads';
import type { Finding, Language, Severity } from '../model.js';
import type { Policy } from '../policy/policy.js';
import { translate } from '../policy/policy.js';
import type { HostResult } from './model.js';

/** What every host's finding for a rule repeats: sent once, not 10,000 times across threads. */
type RuleParts = Pick<Finding, 'title' | 'theme' | 'severity' | 'remediation'>;

/** A result without the per-rule parts of its findings (worker side). */
export const slimResult = (result: HostResult): HostResult => {
  if (result.report === undefined) return result;
  // Only what differs per host travels; fullResult puts the rule's own parts back.
  const findings = result.report.findings.map(({ ruleId, status, message, evidence }) => ({ ruleId, status, message, evidence }) as Finding);
  return { ...result, report: { ...result.report, findings } };
};

/** Puts the per-rule parts back (main thread side). */
const fullResult = (result: HostResult, parts: ReadonlyMap<string, RuleParts>): HostResult => {
  if (result.report === undefined) return result;
  const findings = result.report.findings.map((finding) => {
    const rule = parts.get(finding.ruleId);
    return rule === undefined ? finding : { ruleId: finding.ruleId, ...rule, status: finding.status, message: finding.message, evidence: finding.evidence };
  });
  return { ...result, report: { ...result.report, findings } };
};

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
  policy: Policy;
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
  const parts = new Map<string, RuleParts>(
    options.policy.rules.map((rule) => [
      rule.id,
      { title: translate(rule.title, options.language), theme: rule.theme, severity: rule.severity, remediation: translate(rule.remediation, options.language) },
    ]),
  );
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
            if (reply.kind === 'results') for (const { index, result } of reply.results) record(index, fullResult(result, parts));
            send();
          });
          worker.on('error', reject);
        }),
    ),
  );
};

/**
 * Snapshot checks spread over worker threads. Checking a snapshot is pure CPU (parse, derive,
 * evaluate), so on a machine with N cores N threads check N hosts at a time. Work is pulled in
 * small batches, so a slow batch never idles the other threads; each result comes back as soon
 * as its batch is done and is recorded by the main thread like an in-process one. The workers do
 * the whole job of a host, down to printing its report as the json report prints it: the main
 * thread only counts outlines and stores text, so that it does not compete with them for the cores.
 */
import type { GovernanceInput } from '../governance/apply.js';
import { Worker } from 'node:worker_threads';
import type { Finding, Language, Severity, TargetClass } from '../model.js';
import { statuses } from '../model.js';
import type { Policy } from '../policy/policy.js';
import { translate } from '../policy/policy.js';
import type { RuleHead } from './aggregate.js';
import { isCompliant } from './aggregate.js';
import type { HostResult } from './model.js';
import { attachStoredPlace, attachStoredReport, reportJson } from './stored-report.js';
import { appendShared, memoryReportStore, type ReportStore, type SharedStoreFile, type TextPlace } from './report-store.js';

/** What every host's finding for a rule repeats: the rule's own title, theme and severity. */
type RuleParts = Pick<Finding, 'title' | 'theme' | 'severity' | 'remediation'>;

/** The per-rule parts of findings in `language`, by rule id (as evaluate writes them). */
export const ruleParts = (policy: Policy, language: Language): Map<string, RuleParts> =>
  new Map(
    policy.rules.map((rule) => [
      rule.id,
      { title: translate(rule.title, language), theme: rule.theme, severity: rule.severity, remediation: translate(rule.remediation, language) },
    ]),
  );

/**
 * One host's result as a worker thread sends it: strings and numbers, cheap to pass between
 * threads, and ready to print, so that the main thread mostly waits and joins text.
 */
export interface PackedHost {
  index: number;
  /** The result without its report. */
  head: Omit<HostResult, 'report'>;
  /**
   * The report as the json report prints it (reportJson): made where the CPU is free, put as it
   * is into the audit's report store by the main thread (report-store.ts), never parsed there
   * unless a reporter reads it.
   */
  reportText?: string;
  /**
   * Where the thread wrote that text itself, in the audit's store file (WorkerSettings.reports),
   * instead of sending it: the main thread then neither receives nor copies it.
   */
  reportPlace?: TextPlace;
  /**
   * For the aggregates without the report: compliance, and the findings as pairs (index of the
   * rule in the policy, index of the status in `statuses`). Absent when some finding's title,
   * theme or severity differs from its rule's: the aggregates then read the report.
   */
  outline?: { compliant: boolean; findings: number[] };
}

/** Worker side: a checked (or failed) host packed for the main thread. */
export const packHost = (
  index: number,
  result: HostResult,
  parts: ReadonlyMap<string, RuleParts>,
  ruleIndex: ReadonlyMap<string, number>,
  failOn: Severity,
  reports?: SharedStoreFile,
): PackedHost => {
  const { report, ...head } = result;
  if (report === undefined) return { index, head };
  const pairs: number[] = [];
  let exact = true as boolean;
  for (const finding of report.findings) {
    const rule = parts.get(finding.ruleId);
    const at = ruleIndex.get(finding.ruleId);
    if (rule === undefined || at === undefined || finding.title !== rule.title || finding.theme !== rule.theme || finding.severity !== rule.severity) {
      exact = false;
      break;
    }
    pairs.push(at, statuses.indexOf(finding.status));
  }
  const text = reportJson(report);
  return {
    index,
    head,
    ...(reports === undefined ? { reportText: text } : { reportPlace: appendShared(reports, text) }),
    ...(exact ? { outline: { compliant: isCompliant(report, failOn), findings: pairs } } : {}),
  };
};

/** Main thread side: the HostResult of a packed host, its report kept in `store` (read back on demand). */
export const unpackHost = (packed: PackedHost, store: ReportStore): HostResult => {
  const { source, name, status, reason, identity, incomplete, durationMs, groups } = packed.head;
  const result = { source, name, status, ...(reason === undefined ? {} : { reason }), ...(identity === undefined ? {} : { identity }) } as HostResult;
  if (packed.reportPlace !== undefined) attachStoredPlace(result, store, packed.reportPlace);
  else if (packed.reportText !== undefined) {
    if (store.append === undefined) attachStoredReport(result, store.put(packed.reportText));
    else attachStoredPlace(result, store, store.append(packed.reportText));
  }
  // After the report, as checkOne builds it.
  if (incomplete !== undefined) result.incomplete = incomplete;
  result.durationMs = durationMs;
  if (groups !== undefined) result.groups = groups;
  return result;
};

export interface SnapshotJob {
  index: number;
  file: string;
  shown: string;
  /** The snapshot's folder under the audit's directory (FleetTarget.folder). */
  folder?: string;
}

/** The jobs of a pool, each made when it is sent: a list of 30,000 held for the whole audit would grow the main thread's heap. */
export interface SnapshotJobs {
  count: number;
  job(i: number): SnapshotJob;
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
  /** Waivers and attestations (plain data, cloned into each thread). */
  governance?: GovernanceInput;
  targetClass?: TargetClass;
  /** False: no sharing between hosts (AuditOptions.sharing). */
  sharing?: boolean;
  /** The audit's store file, when it has one: each thread appends its hosts' reports there itself (PackedHost.reportPlace). */
  reports?: SharedStoreFile;
}

export type WorkerReply = { kind: 'ready' } | { kind: 'results'; results: PackedHost[] } | { kind: 'failed'; message: string };

const batchSize = 32;

/**
 * Each thread's old generation is bounded: V8 otherwise grows an isolate's heap long before it needs
 * to (an audit of 30,000 snapshots reached 625 MB of RSS with about 120 MB live per thread). The bound
 * leaves room for the biggest snapshot a thread may read (limits.snapshotBytes, 16 MiB, parsed and
 * checked: about 100 MB); a thread that still runs out ends, and its hosts are retried once and then
 * reported as not checked (see the crash handling below), never judged on less.
 *
 * The young generation is bounded too (24 MB, about half of V8's default): a thread's short-lived
 * objects (a snapshot's text, its findings) are collected sooner, for a few per cent more CPU. The
 * 30,000-snapshot bench peaked at 287 MB of RSS with it, 310 MB without (same machine, same load).
 */
const resourceLimits = { maxOldGenerationSizeMb: 192, maxYoungGenerationSizeMb: 24 };

interface PoolOptions {
  policy: Policy;
  language: Language;
  failOn: Severity;
  tool: { name: string; version: string };
  hostTimeoutMs?: number;
  probeTimeoutMs?: number;
  concurrency?: number;
  governance?: GovernanceInput;
  targetClass?: TargetClass;
  sharing?: boolean;
  /** Cancels the pool: every thread is terminated and no further batch is sent. */
  signal?: AbortSignal;
}

/** How the main thread counts a host the workers checked without reading its report. */
export interface HostOutline {
  compliant: boolean;
  findings: readonly number[];
  rules: readonly RuleHead[];
}

/** The audit worker: a built file, or (single executable) its bundled source run with `eval`. */
export type WorkerScript = URL | { source: string };

/** Checks every job in `count` worker threads running `script`; `record` gets each result. */
export const runInWorkers = async (
  given: readonly SnapshotJob[] | SnapshotJobs,
  options: PoolOptions & { store?: ReportStore },
  pool: { count: number; script: WorkerScript },
  record: (index: number, result: HostResult, outline?: HostOutline) => void,
): Promise<void> => {
  const settings: WorkerSettings = {
    policyFile: options.policy.file,
    policySha256: options.policy.sha256,
    language: options.language,
    failOn: options.failOn,
    tool: options.tool,
    concurrency: Math.max(1, Math.ceil((options.concurrency ?? 8) / pool.count)),
    ...(options.governance === undefined ? {} : { governance: options.governance }),
    ...(options.targetClass === undefined ? {} : { targetClass: options.targetClass }),
    ...(options.hostTimeoutMs === undefined ? {} : { hostTimeoutMs: options.hostTimeoutMs }),
    ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
    ...(options.sharing === false ? { sharing: false } : {}),
    ...(options.store?.shared === undefined ? {} : { reports: options.store.shared }),
  };
  const parts = ruleParts(options.policy, options.language);
  const store = options.store ?? memoryReportStore();
  const heads: RuleHead[] = options.policy.rules.map((rule) => {
    const { title, theme, severity } = parts.get(rule.id) ?? { title: '', theme: rule.theme, severity: rule.severity };
    return { ruleId: rule.id, title, theme, severity };
  });
  let next = 0;
  // Jobs of a batch whose thread crashed: checked again one by one, so that a snapshot that
  // crashes a thread takes only itself down the second time, not the 31 others of its batch.
  const retry: SnapshotJob[] = [];
  const retried = new Set<number>();
  const jobs: SnapshotJobs =
    'job' in given
      ? given
      : {
          count: given.length,
          job: (i) => {
            const job = given[i];
            if (job === undefined) throw new RangeError(`no job ${String(i)}`);
            return job;
          },
        };
  let pending = jobs.count;
  const take = (): SnapshotJob[] => {
    const again = retry.shift();
    if (again !== undefined) return [again];
    const batch: SnapshotJob[] = [];
    for (; next < jobs.count && batch.length < batchSize; next += 1) batch.push(jobs.job(next));
    return batch;
  };
  const done = (index: number, result: HostResult, outline?: HostOutline): void => {
    pending -= 1;
    record(index, result, outline);
  };
  const lost = (job: SnapshotJob, why: string): void => {
    done(job.index, {
      source: job.shown,
      name: job.shown,
      status: 'error',
      reason: `not checked: the worker thread checking it crashed twice (${why})`,
      durationMs: 0,
    });
  };
  const threads = Math.max(1, Math.min(pool.count, Math.ceil(jobs.count / batchSize)));
  const running = new Set<Worker>();
  // Every thread started, to wait for its end before returning: a thread may be writing to the
  // store's file, which the caller closes once the audit is done.
  const started = new Set<Worker>();
  const signal = options.signal;
  /**
   * One thread's life: it pulls batches until none is left. If it crashes (an uncaught error, an
   * exit, out of memory) after it was ready, its batch is retried once on a new thread and the
   * audit goes on; a host that crashes a thread again is reported as not checked. A thread that
   * cannot even start, or says it cannot work ('failed'), fails the audit: every thread would.
   */
  const lane = (): Promise<void> =>
    new Promise<void>((resolve, reject) => {
      const worker =
        'source' in pool.script
          ? new Worker(pool.script.source, { eval: true, workerData: settings, resourceLimits })
          : new Worker(pool.script, { workerData: settings, resourceLimits });
      running.add(worker);
      started.add(worker);
      let ready = false;
      let settled = false;
      // Ended by us (no work left, cancelled, or after 'failed'): its exit is not a crash.
      let closing = false;
      let inFlight: SnapshotJob[] = [];
      const finish = (error?: Error): void => {
        if (settled) return;
        settled = true;
        running.delete(worker);
        if (error === undefined) resolve();
        else reject(error);
      };
      const close = (): void => {
        closing = true;
        void worker.terminate().then(() => {
          finish();
        });
      };
      const send = (): void => {
        if (signal?.aborted === true) {
          close();
          return;
        }
        const batch = take();
        inFlight = batch;
        if (batch.length === 0) {
          close();
          return;
        }
        worker.postMessage(batch);
      };
      const crashed = (why: string): void => {
        if (settled) return;
        if (closing) {
          finish();
          return;
        }
        if (!ready) {
          finish(new Error(`audit worker: could not start (${why})`));
          return;
        }
        for (const job of inFlight) {
          if (retried.has(job.index)) lost(job, why);
          else {
            retried.add(job.index);
            retry.push(job);
          }
        }
        inFlight = [];
        running.delete(worker);
        settled = true;
        // Its work goes on in a new thread, while work is left (or cancelled: nothing more).
        if (pending > 0 && signal?.aborted !== true) lane().then(resolve, reject);
        else resolve();
      };
      worker.on('message', (reply: WorkerReply) => {
        if (reply.kind === 'failed') {
          closing = true;
          finish(new Error(`audit worker: ${reply.message}`));
          void worker.terminate();
          return;
        }
        if (reply.kind === 'ready') ready = true;
        if (reply.kind === 'results') {
          for (const packed of reply.results) {
            const { outline } = packed;
            done(packed.index, unpackHost(packed, store), outline === undefined ? undefined : { ...outline, rules: heads });
          }
        }
        send();
      });
      worker.on('error', (error: Error) => {
        crashed(error.message);
      });
      worker.on('exit', (code) => {
        crashed(`it exited with code ${String(code)}`);
      });
    });
  // Cancelled: every thread is ended now; the audit rejects with the reason (audit.ts).
  const stopAll = (): void => {
    for (const worker of running) void worker.terminate();
  };
  if (signal?.aborted === true) return;
  signal?.addEventListener('abort', stopAll, { once: true });
  try {
    await Promise.all(Array.from({ length: threads }, lane));
  } finally {
    signal?.removeEventListener('abort', stopAll);
    // A thread that failed or was cancelled may still run: none writes after this.
    await Promise.all([...started].map((worker) => worker.terminate()));
  }
};

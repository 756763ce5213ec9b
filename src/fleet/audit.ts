/**
 * The audit pipeline: one policy over many targets, with bounded concurrency and a time limit per
 * host. One host that cannot be opened, checked or that takes too long becomes a row with its
 * status and reason; the run goes on. Results are counted into the aggregates as they arrive.
 */
import type { GovernanceInput } from '../governance/apply.js';
import { check } from '../check.js';
import { followingSignal } from '../hosts/abortable.js';
import { TargetError } from '../errors.js';
import type { Host } from '../hosts/host.js';
import type { Finding, Language, Report, Severity, TargetClass } from '../model.js';
import type { Policy } from '../policy/policy.js';
import { staleAfterDays, translate } from '../policy/policy.js';
import { aggregatesOf, emptyTally, isFailure, tallyHost, tallyOutline } from './aggregate.js';
import { annotate, isStale, sameMachines } from './same-machine.js';
import type { AuditReport, HostResult } from './model.js';
import type { Baseline } from './baseline.js';
import { changeFold } from './baseline.js';
import { groupFold, groupsOf } from './groups.js';
import type { HostFold } from './host-fold.js';
import type { FleetTarget } from './targets.js';
import type { HostOutline, SnapshotJob, WorkerScript } from './worker-pool.js';
import { memoryReportStore, type ReportStore } from './report-store.js';
import { attachStoredPlace, attachStoredReport, reportJson, storedReports } from './stored-report.js';
import { runInWorkers } from './worker-pool.js';
import { memoryRows, spilledRows } from './audit-rows.js';
import { runMemo, share, sharedId, type RunMemo } from '../run-memo.js';
import { shareRowStrings, textPool } from './row-strings.js';

export const defaultConcurrency = 8;
export const defaultHostTimeoutMs = 120_000;

export interface AuditOptions {
  targets: readonly FleetTarget[];
  policy: Policy;
  language: Language;
  failOn: Severity;
  /** The clock; injected so reports are reproducible. */
  now: () => Date;
  tool: { name: string; version: string };
  /** Hosts checked at the same time. */
  concurrency?: number;
  /** Wall-clock limit for one host, from opening it to its report. */
  hostTimeoutMs?: number;
  probeTimeoutMs?: number;
  /** Called as each host finishes, in completion order; `failing`: not compliant, or not checked. */
  onHost?: (result: HostResult, failing: boolean) => void;
  /**
   * Worker threads for snapshot targets (CPU-bound: parse, derive, evaluate), and the built worker
   * script (dist/audit-worker.js). Other targets (ssh: I/O-bound) stay on the main thread.
   */
  workers?: { count: number; script: WorkerScript };
  /**
   * Where each checked host's report is kept, as text, from the moment the host is done: the rows
   * the audit returns read their `report` from it (report-store.ts), so memory holds rows, not
   * reports. In memory by default; `charter audit` gives a file. The caller closes it once the
   * reports are written.
   */
  store?: ReportStore;
  /**
   * Keep each host's row in the store too, once the host is counted, and read it back when the
   * report's `hosts` are read (audit-rows.ts): memory then does not grow with the number of hosts.
   * Needs a store that keeps places (report-store.ts); `hosts` is then a read-only array whose
   * every read gives a new copy of the row. `charter audit` sets it.
   */
  spillRows?: boolean;
  /** Waivers and attestations applied to every host (`--waivers`, `--attestations`). */
  governance?: GovernanceInput;
  /** The class every host is judged as (`--target-class`); each host's own when absent. */
  targetClass?: TargetClass;
  /** Read browser history on the hosts checked over ssh (--include-browser-history); snapshots hold what was collected. */
  includeBrowserHistory?: boolean;
  /**
   * Cancels the audit: hosts being checked stop their probes (commands ended, reads refused), no
   * further host is started, worker threads are terminated, and `audit` rejects with the reason.
   */
  signal?: AbortSignal;
  /** An earlier audit to compare with (`--baseline`): each host gets its HostResult.change, the report its `changes`. */
  baseline?: Baseline;
  /** Work the hosts checked in this thread share (src/run-memo.ts): one per audit when absent. */
  memo?: RunMemo;
  /**
   * Internal, not a user option: `false` makes each host read, derived and evaluated on its own
   * (no outcome, derived fact or finding shared between hosts), which is what the sharing is
   * proved against (audit-sharing.test.ts). Shared by default.
   */
  sharing?: boolean;
}

/**
 * The row of a host as the audit keeps it: its report, if it has one of its own, moved to the
 * store as the json report's text, and read back from there (report-store.ts).
 */
const stored = (result: HostResult, store: ReportStore): HostResult => {
  if (storedReports.has(result) || result.report === undefined) return result;
  const { report, ...row } = result;
  if (store.append === undefined) attachStoredReport(row, store.put(reportJson(report)));
  else attachStoredPlace(row, store, store.append(reportJson(report)));
  return row;
};

const messageOf = (error: unknown): string => (error instanceof Error ? error.message : String(error));

/**
 * A report as kept for the fleet: identical, except that the evidence of passing, skipped and
 * waived findings is dropped (the fleet reports show where rules fail; a host's full report is
 * one `charter check --target snapshot:FILE` away). This keeps 10,000 hosts in memory cheaply.
 */
const compact = (report: Report, detach: boolean): Report => ({
  ...report,
  findings: report.findings.map((f) =>
    f.status === 'pass' || f.status === 'skip' || f.status === 'waived'
      ? withoutEvidence(f)
      : detach
        ? // A copy: evidence values may be parts of the host's facts, which must not stay in memory.
          { ...f, evidence: JSON.parse(JSON.stringify(f.evidence)) as Report['findings'][number]['evidence'] }
        : f,
  ),
});

/** A finding without its evidence; for a finding the run's hosts share, one shared copy (so that it is printed once: reporters/json.ts). */
const compacted = new WeakMap<Finding, Finding>();
const withoutEvidence = (finding: Finding): Finding => {
  if (sharedId(finding) === undefined) return { ...finding, evidence: [] };
  let copy = compacted.get(finding);
  if (copy === undefined) compacted.set(finding, (copy = share({ ...finding, evidence: [] })));
  return copy;
};

/**
 * Check one target into its fleet row. `detach: false` keeps the failing findings' evidence as the
 * check made it, for a caller that serialises the result at once (a worker thread), instead of
 * copying it away from the host's facts.
 */
export const checkOne = async (
  target: FleetTarget,
  options: Omit<AuditOptions, 'targets'>,
  { detach = true }: { detach?: boolean } = {},
): Promise<HostResult> => {
  const started = Date.now();
  const timeoutMs = options.hostTimeoutMs ?? defaultHostTimeoutMs;
  let host: Host | undefined;
  // An object, not a let: the flag is set from the timer, after the work has started.
  const state = { timedOut: false };
  // This host's work stops at its time limit or when the audit is cancelled: probes end their
  // commands and reads instead of running on after the host was given up.
  // Closed once, by whichever comes first: the work's end or the give-up at the deadline.
  let closing: Promise<void> | undefined;
  const closeHost = (opened: Host): Promise<void> => (closing ??= opened.close());
  const controller = new AbortController();
  let giveUp: ((result: HostResult) => void) | undefined;
  const cancel = (): void => {
    state.timedOut = true;
    controller.abort(options.signal?.reason);
    giveUp?.({ source: target.source, name: host?.name ?? target.source, status: 'error', reason: 'cancelled before it was checked', durationMs: 0 });
  };
  const work = (async (): Promise<HostResult> => {
    try {
      host = await target.open(options.memo);
    } catch (error) {
      if (error instanceof TargetError) {
        return { source: target.source, name: target.name ?? target.source, status: target.openFailure, reason: error.message, durationMs: 0 };
      }
      throw error;
    }
    try {
      // Opened too late: the host already counts as timed out; do not start probing it.
      if (state.timedOut) throw new Error('timed out');
      const { report, incomplete } = await check({
        policy: options.policy,
        host,
        language: options.language,
        now: options.now,
        tool: options.tool,
        ...(options.probeTimeoutMs === undefined ? {} : { probeTimeoutMs: options.probeTimeoutMs }),
        ...(options.governance === undefined ? {} : { governance: options.governance }),
        ...(options.targetClass === undefined ? {} : { targetClass: options.targetClass }),
        ...(options.includeBrowserHistory === true ? { includeBrowserHistory: true } : {}),
        signal: controller.signal,
        ...(target.name === undefined ? {} : { aliases: [target.name] }),
        ...(options.memo === undefined ? {} : { memo: options.memo }),
      });
      return {
        source: target.source,
        name: target.name ?? report.host?.name ?? host.name,
        status: 'checked',
        ...(report.host === undefined ? {} : { identity: report.host }),
        report: compact(report, detach),
        ...(incomplete.length === 0 ? {} : { incomplete }),
        durationMs: 0,
      };
    } finally {
      await closeHost(host);
    }
  })();
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<HostResult>((resolve) => {
    giveUp = resolve;
    timer = setTimeout(() => {
      state.timedOut = true;
      controller.abort(new Error(`${target.source}: not done within ${String(timeoutMs)} ms`));
      resolve({
        source: target.source,
        name: target.name ?? host?.name ?? target.source,
        status: 'timeout',
        reason: `not done within ${String(timeoutMs)} ms`,
        durationMs: 0,
      });
    }, timeoutMs);
  });
  // Cancelled (before or while it runs): the host is given up like a timed-out one, at once.
  if (options.signal?.aborted === true) cancel();
  else options.signal?.addEventListener('abort', cancel, { once: true });
  // Whatever the abandoned work does after a timeout must not surface as an unhandled rejection.
  work.catch(() => undefined);
  let result: HostResult;
  try {
    result = await Promise.race([work, timeout]);
  } catch (error) {
    result = { source: target.source, name: target.name ?? host?.name ?? target.source, status: 'error', reason: messageOf(error), durationMs: 0 };
  } finally {
    clearTimeout(timer);
    options.signal?.removeEventListener('abort', cancel);
  }
  const groups = groupsOf({
    ...(target.groups === undefined ? {} : { inventory: target.groups }),
    ...(host?.precollected?.group === undefined ? {} : { field: host.precollected.group }),
    ...(target.folder === undefined ? {} : { folder: target.folder }),
  });
  if (groups !== undefined) result = { ...result, groups };
  if (state.timedOut) {
    // The abandoned work may wait forever (a stalled ssh session): end the host now, which kills
    // what it runs (its ssh client, its commands). A host still opening is closed by the work as
    // soon as it opens, and an ssh host does not take longer to open than the host time limit
    // (targets.ts); the CLI kills whatever child is left when the audit is done.
    if (host !== undefined) await closeHost(host).catch(() => undefined);
  }
  return { ...result, durationMs: Date.now() - started };
};

/** Check every target with the policy; never throws for one host's trouble. */
export const audit = async (options: AuditOptions): Promise<AuditReport> => {
  const started = options.now();
  const { targets } = options;
  const tally = emptyTally(options.failOn);
  const policy = {
    id: options.policy.id,
    version: options.policy.version,
    sha256: options.policy.sha256,
    title: translate(options.policy.title, options.language),
  };
  // Per group and against the baseline, also folded as hosts arrive.
  const groups = groupFold(options.failOn);
  const changes =
    options.baseline === undefined
      ? undefined
      : changeFold(
          options.baseline,
          policy,
          options.policy.rules.map((rule) => rule.id),
        );
  const folds: HostFold[] = changes === undefined ? [groups] : [groups, changes];
  const maxAgeDays = staleAfterDays(options.policy);
  const store = options.store ?? memoryReportStore();
  // Rows without their reports (kept in the store): the only per-host state kept to the end.
  const { append, read } = store;
  const spilled = options.spillRows === true && append !== undefined && read !== undefined;
  const rows = spilled ? spilledRows(targets.length, { ...store, append, read }) : memoryRows(targets.length);
  const rowText = textPool();
  const record = (index: number, result: HostResult, outline?: HostOutline): void => {
    // Rows kept in memory share the strings they have in common; spilled ones are text.
    if (!spilled) shareRowStrings(result, targets[index], rowText);
    if (result.identity !== undefined && isStale(result.identity.collectedAt, started, maxAgeDays)) annotate(result, { stale: true });
    if (outline === undefined) tallyHost(tally, result);
    else tallyOutline(tally, outline.findings, outline.rules, result);
    const failing = outline === undefined ? isFailure(result, options.failOn) : !outline.compliant;
    for (const fold of folds) fold.add(result, outline, 1, index);
    const row = stored(result, store);
    rows.keep(index, row);
    options.onHost?.(row, failing);
  };
  // One listener on the caller's signal; each host being checked listens to this one.
  const following = followingSignal(options.signal);
  options = { ...options, signal: following.signal, memo: options.memo ?? runMemo({ sharing: options.sharing !== false }) };
  const pooled = options.workers !== undefined && options.workers.count > 0;
  // Indexes of the targets checked here and of those sent to the worker threads; their jobs made
  // when sent (not one object per target held for the whole audit).
  const local: number[] = [];
  const offloaded: number[] = [];
  targets.forEach((target, index) => {
    if (pooled && target.snapshotFile !== undefined) offloaded.push(index);
    else local.push(index);
  });
  const jobs = {
    count: offloaded.length,
    job: (i: number): SnapshotJob => {
      const index = offloaded[i] ?? -1;
      const target = targets[index];
      const file = target?.snapshotFile;
      if (target === undefined || file === undefined) throw new Error(`audit: no snapshot target ${String(index)}`);
      const folder = target.folder;
      return { index, file, shown: target.source, ...(folder === undefined ? {} : { folder }) };
    },
  };
  let next = 0;
  const worker = async (): Promise<void> => {
    while (next < local.length && options.signal?.aborted !== true) {
      const index = local[next] ?? 0;
      next += 1;
      const target = targets[index];
      if (target === undefined) continue;
      record(index, await checkOne(target, options));
    }
  };
  const inProcess = Math.max(1, Math.min(options.concurrency ?? defaultConcurrency, local.length));
  try {
    await Promise.all([
      ...Array.from({ length: local.length === 0 ? 0 : inProcess }, worker),
      ...(options.workers !== undefined && offloaded.length > 0 ? [runInWorkers(jobs, { ...options, store }, options.workers, record)] : []),
    ]);
  } finally {
    following.dispose();
  }
  // Cancelled: what was checked is not a fleet's verdict.
  options.signal?.throwIfAborted();
  // One machine seen twice (two snapshots of it, an alias and an address) is one row: the latest.
  // Only the rows that share a machine key with another are read again (a few, not every one).
  const candidates = new Array<HostResult | undefined>(targets.length);
  for (const index of rows.sameMachineCandidates()) candidates[index] = rows.row(index);
  const folded = sameMachines(candidates);
  for (const [index, note] of folded.notes) {
    const result = candidates[index];
    if (result === undefined) continue;
    annotate(result, note);
    rows.keep(index, result);
  }
  for (const index of folded.dropped) {
    const result = candidates[index];
    // Taken out again from its report (read back from the store: a few rows, not every one).
    if (result === undefined) continue;
    tallyHost(tally, result, -1);
    for (const fold of folds) fold.add(result, undefined, -1, index);
  }
  tally.summary.duplicates += folded.dropped.size;
  const hosts = rows.list(folded.dropped);
  const { summary, rules, complete } = aggregatesOf(tally);
  const perGroup = groups.aggregates();
  const finished = options.now();
  return {
    schemaVersion: 1,
    tool: options.tool,
    policy,
    startedAt: started.toISOString(),
    durationMs: Math.max(0, finished.getTime() - started.getTime()),
    language: options.language,
    failOn: options.failOn,
    staleAfterDays: maxAgeDays,
    complete,
    summary,
    rules,
    ...(perGroup === undefined ? {} : { groups: perGroup }),
    ...(changes === undefined ? {} : { changes: changes.changes() }),
    hosts,
  };
};

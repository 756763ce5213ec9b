import { didYouMeanSuffix } from '../did-you-mean.js';
import { existsSync } from 'node:fs';
import { FileRefused, readRegularText } from '../bounded-read.js';
import { limits } from '../limits.js';
import { availableParallelism } from 'node:os';
import { resolve } from 'node:path';
import { UsageError } from '../errors.js';
import { audit } from '../fleet/audit.js';
import type { Baseline } from '../fleet/baseline.js';
import { readBaselineFile } from '../fleet/baseline.js';
import { parseInventory } from '../fleet/inventory.js';
import { createProgress } from '../fleet/progress.js';
import { fleetReporters } from '../reporters/audit/index.js';
import { fileReportStore, type ReportStore } from '../fleet/report-store.js';
import type { FleetReporter } from '../reporters/audit/reporter.js';
import { inventoryTargets, snapshotTargets } from '../fleet/targets.js';
import { killAllChildren } from '../hosts/children.js';
import { chooseKex, type KexChoice } from '../hosts/ssh/kex.js';
import { checkSshFiles, sshClientOptions, type SshFlags } from './ssh-flags.js';
import { messagesFor } from '../i18n/messages.js';
import { prefetchOf } from '../probes/reads.js';
import type { Language, Severity, TargetClass } from '../model.js';
import { colorLevel } from './color-level.js';
import type { Io } from './io.js';
import type { OutputRequest } from './output-requests.js';
import { loadPolicyForRun, type PolicyFlags } from './load-policy.js';
import { packageInfo } from '../package-info.js';
import { embedded, workerPreamble } from '../sea/embedded.js';
import type { WorkerScript } from '../fleet/worker-pool.js';
import type { HostResult } from '../fleet/model.js';
import { terminalSafe } from '../reporters/escape.js';
import { checkOutputPath, writeChunksAtomic, writeFileAtomic } from './write-output.js';
import { holdYoungGeneration } from './audit-heap.js';

export interface AuditFlags extends PolicyFlags, SshFlags {
  sources: string[];
  inventory?: string;
  /** The class every host is judged as, instead of each one's own. */
  targetClass?: TargetClass;
  outputs: OutputRequest[];
  concurrency: number;
  hostTimeout: number;
  failOn: Severity;
  lang: Language;
  color?: boolean;
  /** Read browser history on hosts checked over ssh: --include-browser-history. */
  includeBrowserHistory?: boolean;
  /** An earlier audit's JSON report to compare with: --baseline. */
  baseline?: string;
}

const readInventory = async (file: string, cwd: string): Promise<string> => {
  try {
    return await readRegularText(resolve(cwd, file), limits.inventoryBytes);
  } catch (error) {
    throw new UsageError(`--inventory ${file}: ${error instanceof FileRefused ? error.reason : error instanceof Error ? error.message : String(error)}`);
  }
};

/** The --baseline file, read and checked before any host is audited; UsageError (exit 2) naming it when unusable. */
const readBaseline = (file: string, cwd: string): Promise<Baseline> => readBaselineFile(resolve(cwd, file), file, limits.baselineBytes);

/** Snapshots per worker thread below which threads cost more than they save. */
const snapshotsPerThread = 200;

/**
 * Worker threads for the snapshot checks: one per core (at most 8), when there are enough
 * snapshots and the built worker (dist/audit-worker.js) is there. CHARTER_AUDIT_WORKERS=N forces
 * N threads (0: none).
 */
const auditWorkers = (snapshots: number, env: Io['env']): { count: number; script: WorkerScript } | undefined => {
  const sea = embedded();
  const script = sea
    ? { source: workerPreamble(sea) + sea.workerSource }
    : [new URL('../audit-worker.js', import.meta.url), new URL('./audit-worker.js', import.meta.url)].find((url) => existsSync(url));
  if (script === undefined) return undefined;
  const forced = env.CHARTER_AUDIT_WORKERS;
  const count = forced !== undefined && /^\d+$/.test(forced) ? Number(forced) : Math.min(8, availableParallelism(), Math.floor(snapshots / snapshotsPerThread));
  return count > 0 ? { count, script } : undefined;
};

/** A reason on one line, without the file name it starts with (already shown). */
const shortReason = (source: string, reason = ''): string => {
  const lines = (reason.startsWith(`${source}: `) ? reason.slice(source.length + 2) : reason).split('\n');
  const [first = '', second] = lines;
  return first.endsWith(':') && second !== undefined ? `${first} ${second.trim().replace(/^- /, '')}` : first;
};

/** The first five hosts that `wanted` takes, reading no further (each row may be read back from the report store). */
const firstHosts = (hosts: readonly HostResult[], wanted: (host: HostResult) => boolean): HostResult[] => {
  const found: HostResult[] = [];
  for (const host of hosts) {
    if (!wanted(host)) continue;
    found.push(host);
    if (found.length === 5) break;
  }
  return found;
};

/** `charter audit`: check many hosts, write the fleet reports, exit 0 / 1 (non-compliant or incomplete) / 2. */
export const auditCommand = async (flags: AuditFlags, io: Io, reporters: Readonly<Record<string, FleetReporter>> = fleetReporters): Promise<number> => {
  // Each host's report goes to a temporary file as the host is done: memory keeps rows, not reports.
  // Made when the audit starts (not for a usage error), closed whatever happens.
  let store: ReportStore | undefined;
  const kex: { choice?: KexChoice } = {};
  // Ctrl-C and SIGTERM end the process at once (interrupt.ts), before the `finally` below: the
  // key exchange's temporary ssh_config is removed on the way out all the same.
  const removeKexConfig = (): void => {
    kex.choice?.disposeSync();
  };
  process.once('exit', removeKexConfig);
  // Young generations held at their starting size while the audit runs (audit-heap.ts).
  const releaseYoungGeneration = holdYoungGeneration();
  try {
    return await auditWith(flags, io, reporters, () => (store ??= fileReportStore()), kex);
  } finally {
    releaseYoungGeneration();
    process.removeListener('exit', removeKexConfig);
    store?.close();
    await kex.choice?.dispose();
  }
};

const auditWith = async (
  flags: AuditFlags,
  io: Io,
  reporters: Readonly<Record<string, FleetReporter>>,
  reportStore: () => ReportStore,
  kex: { choice?: KexChoice },
): Promise<number> => {
  const outputs = flags.outputs.map((request) => {
    const reporter = reporters[request.format];
    if (!reporter)
      throw new UsageError(
        `unknown fleet report format '${request.format}': expected one of ${Object.keys(reporters).join(', ') || '(none available)'}${didYouMeanSuffix(request.format, Object.keys(reporters))}`,
      );
    return { ...request, reporter };
  });
  // Before the work: a long ssh audit must not end in a report that cannot be written.
  for (const { file } of outputs) if (file !== undefined) await checkOutputPath(resolve(io.cwd, file));
  const baseline = flags.baseline === undefined ? undefined : await readBaseline(flags.baseline, io.cwd);
  // The audit's own output files and its baseline are not snapshots, wherever they are.
  const targets = await snapshotTargets(flags.sources, io.cwd, [
    ...outputs.flatMap((o) => (o.file === undefined ? [] : [o.file])),
    ...(flags.baseline === undefined ? [] : [flags.baseline]),
  ]);
  if (flags.inventory !== undefined) {
    const hosts = parseInventory(await readInventory(flags.inventory, io.cwd), flags.inventory);
    await checkSshFiles(flags, io.cwd);
    const ssh = sshClientOptions(flags, io.cwd);
    // Once per audit: what the ssh client knows (`ssh -Q kex`), and so which key exchange it uses.
    kex.choice = await chooseKex({
      ...(flags.sshKex === undefined ? {} : { explicit: flags.sshKex }),
      ...(ssh.configFile === undefined ? {} : { userConfig: ssh.configFile }),
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    }).catch((error: unknown) => {
      throw new UsageError(error instanceof Error ? error.message : String(error));
    });
    targets.push(
      ...inventoryTargets(hosts, {
        ...ssh,
        ...(kex.choice.configFile === undefined ? {} : { configFile: kex.choice.configFile }),
        // A host that stalls while opening is given up (its ssh client killed) at its time limit.
        readTimeoutMs: Math.min(flags.hostTimeout, 120_000),
        prefetch: prefetchOf(),
      }),
    );
  }
  if (targets.length === 0) {
    throw new UsageError(
      flags.sources.length > 0
        ? `no snapshots (*.json or *.json.gz) in ${flags.sources.join(', ')}`
        : 'nothing to audit: give snapshot files or directories, or --inventory FILE',
    );
  }
  const { policy, governance } = await loadPolicyForRun(flags, io);
  const { name, version } = packageInfo();
  const progress = createProgress(io.stderr, io.env, targets.length);
  const workers = auditWorkers(targets.filter((t) => t.snapshotFile !== undefined).length, io.env);
  let report;
  try {
    report = await audit({
      targets,
      policy,
      language: flags.lang,
      failOn: flags.failOn,
      now: io.now,
      tool: { name, version },
      concurrency: flags.concurrency,
      hostTimeoutMs: flags.hostTimeout,
      ...(workers === undefined ? {} : { workers }),
      store: reportStore(),
      // The rows too: memory does not grow with the number of hosts (fleet/audit-rows.ts).
      spillRows: true,
      ...(governance === undefined ? {} : { governance }),
      ...(flags.targetClass === undefined ? {} : { targetClass: flags.targetClass }),
      ...(flags.includeBrowserHistory === true ? { includeBrowserHistory: true } : {}),
      ...(baseline === undefined ? {} : { baseline }),
      onHost: (_result, failing) => {
        progress.hostDone(failing);
      },
      ...(io.signal === undefined ? {} : { signal: io.signal }),
    });
  } finally {
    progress.finish();
    // Every host is done or given up: nothing it started may keep charter running.
    killAllChildren();
  }
  // Render stdout and small formats first: a reporter that throws leaves no file half-written.
  // Formats that grow with the fleet (json) are streamed into their file, whole or not at all.
  const messages = messagesFor(flags.lang);
  const renderOptions = (file: string | undefined) => ({ messages, color: file === undefined && colorLevel(io.stdout, io.env, flags.color) > 0 });
  const rendered = outputs.map(({ reporter, file }) => ({
    file,
    reporter,
    text: file !== undefined && reporter.chunks !== undefined ? undefined : reporter.render(report, renderOptions(file)),
  }));
  const s = report.summary;
  const counts =
    `${String(s.total)} hosts: ${String(s.compliant)} compliant, ${String(s.nonCompliant)} not compliant` +
    (s.undetermined > 0 ? ` (${String(s.undetermined)} undetermined: rules erred, none failed)` : '') +
    `, ${String(s.notChecked)} not checked` +
    (s.duplicates > 0 ? `; ${String(s.duplicates)} duplicate${s.duplicates === 1 ? '' : 's'} of a machine counted once` : '');
  for (const { file, reporter, text } of rendered) {
    if (file === undefined) {
      io.stdout.write(text ?? '');
      continue;
    }
    if (text === undefined && reporter.chunks !== undefined) await writeChunksAtomic(resolve(io.cwd, file), reporter.chunks(report, renderOptions(file)));
    else await writeFileAtomic(resolve(io.cwd, file), text ?? '');
    io.stderr.write(`charter: wrote ${terminalSafe(file)} (${counts})\n`);
  }
  const changes = report.changes;
  if (changes !== undefined && !changes.samePolicy) {
    const only = (ids: readonly string[]): string => (ids.length === 0 ? 'none' : ids.map(terminalSafe).join(', '));
    io.stderr.write(
      `charter: note: the baseline ${terminalSafe(changes.baseline.file)} was audited with policy ${terminalSafe(changes.baseline.policy.id)} ` +
        `${terminalSafe(changes.baseline.policy.version)} (sha256 ${terminalSafe(changes.baseline.policy.sha256.slice(0, 12))}), not this one: rules are compared by id; ` +
        `only in the baseline: ${only(changes.rulesOnlyInBaseline)}; only now: ${only(changes.rulesOnlyNow)}\n`,
    );
  }
  if (!report.complete) {
    io.stderr.write(`charter: the audit is incomplete: ${String(s.notChecked)} of ${String(s.total)} hosts could not be checked\n`);
    for (const host of firstHosts(report.hosts, (h) => h.status !== 'checked')) {
      io.stderr.write(`charter:   ${terminalSafe(host.source)}: ${host.status}: ${terminalSafe(shortReason(host.source, host.reason))}\n`);
    }
    if (s.notChecked > 5) io.stderr.write(`charter:   ... and ${String(s.notChecked - 5)} more (see the report)\n`);
  }
  if (s.incomplete > 0) {
    // Not a reason of its own for exit 1: the unknown facts are already error findings, which make
    // the host non-compliant when a rule at or above --fail-on reads them.
    io.stderr.write(`charter: ${String(s.incomplete)} checked host(s) could not see everything (their unknown facts are errors):\n`);
    for (const host of firstHosts(report.hosts, (h) => h.status === 'checked' && (h.incomplete?.length ?? 0) > 0)) {
      io.stderr.write(`charter:   ${terminalSafe(host.source)}: ${terminalSafe((host.incomplete ?? []).map((p) => p.probe).join(', '))}\n`);
    }
    if (s.incomplete > 5) io.stderr.write(`charter:   ... and ${String(s.incomplete - 5)} more (see the report)\n`);
  }
  return s.nonCompliant > 0 || !report.complete ? 1 : 0;
};

import type { Host } from './hosts/host.js';
import type { Facts, Platform, ProbeOutcome, ReasonCode, UnknownReason } from './model.js';
import { abortable, followingSignal } from './hosts/abortable.js';
import { noticingDeniedReads, oversizedMark } from './hosts/denied-reads.js';
import type { Catalog } from './policy/catalog.js';
import { notImplementedOn, type Need, type Probe } from './probes/probe.js';
import { probes } from './probes/index.js';
import { deriveFacts, probeInputsOf } from './probes/derived/index.js';
import { memoSlot, sameContent, share, type RunMemo } from './run-memo.js';
import { runShared, type RunShared } from './platform/run-shared.js';

export interface CollectOptions {
  platform: Platform;
  catalog: Catalog;
  now: Date;
  /** Per-probe wall-clock limit. */
  timeoutMs: number;
  /** Read browser history (visits per catalog origin): only with --include-browser-history. */
  includeBrowserHistory?: boolean;
  /** Cancels the whole collection: every probe stops its reads and commands (see hosts/abortable.ts). */
  signal?: AbortSignal;
  /** Judge the target as a running system (derived probes); default: the host's live capability. */
  live?: boolean;
  /** Work the derived probes share with the other hosts of the run (src/run-memo.ts). */
  memo?: RunMemo;
}

export const defaultProbeTimeoutMs = 30_000;

const needLabels: Record<Need, string> = {
  read: 'reading files',
  exec: 'running commands',
  live: 'a live system',
};

/**
 * The outcome of a fact family a snapshot does not hold: unknown, so an `error` (never "not
 * applicable": only a probe itself may say it does not apply to a platform or a target).
 */
export const notCollected = (id: string, kind: string): ProbeOutcome => ({
  status: 'error',
  message: `not in this ${kind}: collect it again with a charter that has the '${id}' probe`,
  code: 'not-collected',
});

/**
 * The named fact families: each probe run concurrently under its own timeout (a probe never sinks
 * the others), or taken from a snapshot; then each derived probe computed from its inputs, which
 * run (or are taken) for it. The result holds every named family and every probe run for them.
 */
export const collectFacts = async (host: Host, ids: readonly string[], options: CollectOptions): Promise<Facts> => {
  const probeIds = [...new Set(ids.flatMap((id) => probeInputsOf(id)))].sort();
  const facts = await collectProbes(host, probeIds, options);
  if (options.memo?.sharing === true && host.precollected === undefined) sameOutcomes(facts, probeIds, options.memo);
  deriveFacts(facts, ids, {
    platform: options.platform,
    now: options.now,
    catalog: options.catalog,
    live: options.live ?? host.capabilities.live,
    ...(options.memo === undefined ? {} : { memo: options.memo }),
  });
  return facts;
};

/** Per probe, the outcome held for each content (run-memo.ts, sameContent): see sameOutcomes. */
const sameOutcomesSlot = memoSlot('collected outcomes', () => new Map<string, (outcome: ProbeOutcome) => ProbeOutcome>());

/**
 * Outcomes this host collected that another host of the run collected too (machines of one image,
 * read over ssh) become the one shared outcome held for that content: equal JSON text and deep
 * strict equality, so that nothing can tell them apart. What is derived and judged from shared
 * outcomes is then found again (derived/index.ts, evaluate.ts) instead of being worked out for each
 * host. Kept for 16 contents per probe: a fleet of all-different machines keeps a few MB, not one
 * outcome per host. (Snapshots' outcomes are shared as they are read: hosts/snapshot-format.ts.)
 */
const sameOutcomes = (facts: Facts, probeIds: readonly string[], memo: RunMemo): void => {
  const tables = memo.slot(sameOutcomesSlot);
  for (const id of probeIds) {
    const outcome = facts[id];
    if (outcome === undefined) continue;
    let same = tables.get(id);
    if (same === undefined) tables.set(id, (same = sameContent<ProbeOutcome>(16)));
    const held = same(outcome);
    facts[id] = held === outcome ? share(outcome) : held;
  }
};

const collectProbes = async (host: Host, probeIds: readonly string[], options: CollectOptions): Promise<Facts> => {
  const precollected = host.precollected;
  if (precollected !== undefined) {
    return Object.fromEntries(
      probeIds.map((id) => [id, (Object.hasOwn(precollected.facts, id) ? precollected.facts[id] : undefined) ?? notCollected(id, host.kind)]),
    );
  }
  // One listener on the caller's signal; each probe listens to this one.
  const { signal, dispose } = followingSignal(options.signal);
  // The work probes share (one /proc scan, one scan per apt list, ...) reads with a host of the
  // run: a probe that times out does not stop it for the others; the run's end or cancellation does.
  const finished = new AbortController();
  const shared = runShared(abortable(host, AbortSignal.any([signal, finished.signal])));
  try {
    const entries = await Promise.all(
      probeIds.map(async (id) => {
        const probe = probes[id];
        const outcome: ProbeOutcome = probe
          ? await runProbe(probe, host, { ...options, signal }, shared)
          : { status: 'error', message: `no probe '${id}' in this charter`, code: 'not-collected' };
        return [id, outcome] as const;
      }),
    );
    return Object.fromEntries(entries);
  } finally {
    finished.abort(new Error('collection finished'));
    dispose();
  }
};

const runProbe = async (probe: Probe, host: Host, options: CollectOptions, shared: RunShared): Promise<ProbeOutcome> => {
  // Before the capabilities: a probe without a collector for the platform says so whatever the host offers.
  if (!probe.platforms.includes(options.platform)) return notImplementedOn(options.platform);
  const missing = probe.needs.filter((need) => !host.capabilities[need]);
  if (missing.length > 0) {
    return {
      status: 'unsupported',
      reason: `needs ${missing.map((n) => needLabels[n]).join(' and ')}, which a ${host.kind} target does not offer`,
    };
  }
  // The probe's own signal: aborted at its time limit or when the whole collection is cancelled,
  // so that a probe given up on stops its commands and reads instead of running on unseen.
  const controller = new AbortController();
  const outer = options.signal;
  let timer: NodeJS.Timeout | undefined;
  const stopped = new Promise<ProbeOutcome>((resolve) => {
    const cancel = (): void => {
      controller.abort(outer?.reason);
      resolve({ status: 'error', code: 'probe-failed', message: 'cancelled before it finished' });
    };
    if (outer?.aborted === true) cancel();
    else outer?.addEventListener('abort', cancel, { once: true });
    controller.signal.addEventListener('abort', () => outer?.removeEventListener('abort', cancel), { once: true });
    timer = setTimeout(() => {
      const message = `timed out after ${String(options.timeoutMs)} ms`;
      controller.abort(new Error(`${probe.id}: ${message}`));
      resolve({ status: 'error', code: 'timeout', message });
    }, options.timeoutMs);
  });
  const denied = new Set<string>();
  const seen = abortable(host, controller.signal);
  try {
    const outcome = await Promise.race([
      noticingDeniedReads(denied, () =>
        probe.collect(seen, {
          platform: options.platform,
          now: options.now,
          catalog: options.catalog,
          capabilities: host.capabilities,
          shared,
          ...(options.includeBrowserHistory === true ? { includeBrowserHistory: true } : {}),
          ...(options.memo === undefined ? {} : { memo: options.memo }),
        }),
      ),
      stopped,
    ]);
    return withDeniedReads(outcome, denied, probe.completeWithoutPermission ?? []);
  } catch (error) {
    return { status: 'error', code: codeOf(error), message: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
    // Done either way: whatever the probe left running (a command it did not await) stops too.
    if (!controller.signal.aborted) controller.abort(new Error(`${probe.id}: finished`));
  }
};

const codeOf = (error: unknown): ReasonCode => {
  const code = error instanceof Error && 'code' in error ? String(error.code) : '';
  if (code === 'EACCES' || code === 'EPERM') return 'permission';
  return 'probe-failed';
};

const shownPaths = 3;

/** Facts that explain the others (what was read, why a value is null): never judged, never incomplete. */
const explanations = new Set(['reasons', 'notes', 'evidence']);

/**
 * A probe that could not read some files for lack of permission saw less than there is: its null
 * facts are unknown for that reason, and its lists may miss items, except the lists the probe
 * declares complete whatever it could not read (`completeWithoutPermission`).
 */
export const withDeniedReads = (outcome: ProbeOutcome, denied: ReadonlySet<string>, complete: readonly string[]): ProbeOutcome => {
  if (denied.size === 0 || (outcome.status !== 'ok' && outcome.status !== 'partial')) return outcome;
  const paths = [...denied].sort();
  const more = paths.length > shownPaths ? ` and ${paths.length - shownPaths} more` : '';
  const oversized = paths.every((p) => p.endsWith(oversizedMark));
  const why: UnknownReason = {
    code: 'permission',
    detail: `${paths.slice(0, shownPaths).join(', ')}${more} ${oversized ? 'were not read (too big)' : 'cannot be read without administrator rights'}`,
  };
  const unknown: Record<string, UnknownReason> = outcome.status === 'partial' ? { ...outcome.unknown } : {};
  for (const [field, value] of Object.entries(outcome.facts)) {
    if (Object.hasOwn(unknown, field) || complete.includes(field) || explanations.has(field)) continue;
    if (value === null || Array.isArray(value)) unknown[field] = why;
  }
  return Object.keys(unknown).length === 0 ? outcome : { status: 'partial', facts: outcome.facts, unknown };
};

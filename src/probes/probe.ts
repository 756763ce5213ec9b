import type { Host } from '../hosts/host.js';
import type { PathRead } from '../hosts/prefetch.js';
import type { Catalog } from '../policy/catalog.js';
import type { JsonObject, Platform, ProbeOutcome } from '../model.js';
import { platforms as allPlatforms } from '../model.js';
import type { RunShared } from '../platform/run-shared.js';
import type { Clock, RunMemo } from '../run-memo.js';

export type FactType = 'boolean' | 'number' | 'string' | 'array' | 'object';

/** Documents one fact a probe provides: `<probe-id>.<name>`. Values may always be null (unknown). */
export interface FactSpec {
  type: FactType;
  description: string;
}

export interface ProbeContext {
  platform: Platform;
  now: Date;
  catalog: Catalog;
  capabilities: Host['capabilities'];
  /** Read browser history (visits per origin): only when the user asked (--include-browser-history). */
  includeBrowserHistory?: boolean;
  /**
   * The run's shared work (process table, apt list scans, ...), done once for all its probes (see
   * ../platform/run-shared.ts). Absent when a probe runs alone: it then does the work itself.
   */
  shared?: RunShared;
  /**
   * Work shared with the other hosts of the run (src/run-memo.ts: an audit's, or the check's), for
   * what is exactly the same from host to host (an apt list the ssh content store hands every host
   * as one Buffer). Absent when a probe runs alone: it then keeps nothing.
   */
  memo?: RunMemo;
}

export type Need = 'read' | 'exec' | 'live';

/** One platform's collector: everything the probe finds on a target of that platform. */
export type Collector = (host: Host, context: ProbeContext) => Promise<ProbeOutcome>;

/**
 * What a probe reads on a platform, as data: files (content), paths it only stats or resolves,
 * directories it lists. Paths may be patterns (`*`, `?`, `[...]` per component; a leading `~/` is
 * every person's home). The ssh prefetch is built from these (src/probes/reads.ts), and
 * src/probes/reads.test.ts fails when a probe reads something its list does not cover.
 */
export type Read = PathRead;

/** Files whose content the collector reads (each also stat'ed). */
export const files = (...paths: readonly string[]): Read[] => paths.map((path) => ({ op: 'file', path }));
/** One file read up to `maxBytes` (the prefetch's default cap is 1 MiB). */
export const bigFile = (path: string, maxBytes: number): Read => ({ op: 'file', path, maxBytes });
/** Paths the collector only stats or resolves (presence of binaries, agents, data directories). */
export const stats = (...paths: readonly string[]): Read[] => paths.map((path) => ({ op: 'stat', path }));
/** Directories the collector lists and whose entries it stats. */
export const dirs = (...paths: readonly string[]): Read[] => paths.map((path) => ({ op: 'dir', path }));
/** Directories the collector lists without looking at the entries. */
export const lists = (...paths: readonly string[]): Read[] => paths.map((path) => ({ op: 'list', path }));

export interface ProbeDefinition {
  /** kebab-case; equals the folder name and the first segment of fact paths. */
  readonly id: string;
  readonly title: string;
  /** Host capabilities without which the probe is `unsupported`. */
  readonly needs: readonly Need[];
  readonly facts: Readonly<Record<string, FactSpec>>;
  /**
   * Lists this probe knows to be complete even when some of its reads were refused for lack of
   * permission (e.g. sockets are all listed, only their owning process may be unknown). Every other
   * list is marked incomplete, and every null fact unknown for that reason, after a refused read.
   */
  readonly completeWithoutPermission?: readonly string[];
  /** What each platform's collector reads (see `Read`); a platform without a list prefetches nothing. */
  readonly reads?: Readonly<Partial<Record<Platform, readonly Read[]>>>;
  /** One collector per platform the probe supports; the others are `unsupported`. */
  readonly collect: Readonly<Partial<Record<Platform, Collector>>>;
}

export interface Probe {
  readonly id: string;
  readonly title: string;
  /** The platforms with a collector, in the order of `platforms` in model.ts. */
  readonly platforms: readonly Platform[];
  readonly needs: readonly Need[];
  readonly facts: Readonly<Record<string, FactSpec>>;
  readonly completeWithoutPermission?: readonly string[];
  readonly reads: Readonly<Partial<Record<Platform, readonly Read[]>>>;
  readonly collectors: Readonly<Partial<Record<Platform, Collector>>>;
  /** Runs the collector of `context.platform`, or says the probe is not implemented there. */
  collect(host: Host, context: ProbeContext): Promise<ProbeOutcome>;
}

/** What a derived probe is computed with, at check time (a snapshot is judged with the newest catalog and tables). */
export interface DerivedContext {
  platform: Platform;
  /** The evaluation clock: the check time, or a snapshot's collection time. */
  now: Date;
  /**
   * The same time through a clock a run watches (run-memo.ts): read with `clock.nowWithin` by a
   * derivation whose outcome stays the same over a span of time (a day), so that the run reuses it
   * for hosts checked within that span. Absent outside a run that shares: read `now`.
   */
  clock?: Clock;
  catalog: Catalog;
  /** The target is a running system: processes and sessions exist, so not seeing them is a gap. */
  live: boolean;
  /** Work shared with the other hosts of the run (src/run-memo.ts); each derivation makes its own when absent. */
  memo?: RunMemo;
}

/**
 * A probe computed from other probes' outcomes instead of read from the target (src/probes/derived/).
 * It declares the probes it reads; they run for it, and the soundness test forces each of them
 * unknown. When an input is unknown, missing or partial, the derived outcome says so (`error` or
 * `partial`): it never silently drops what it could not see.
 */
export interface DerivedProbeDefinition {
  /** kebab-case; equals the folder name under derived/ and the first segment of fact paths. */
  readonly id: string;
  readonly title: string;
  readonly facts: Readonly<Record<string, FactSpec>>;
  /** Ids of the probes (or derived probes listed before it) it reads. */
  readonly inputs: readonly string[];
  derive(inputs: Readonly<Record<string, ProbeOutcome | undefined>>, context: DerivedContext): ProbeOutcome;
}

export type DerivedProbe = DerivedProbeDefinition;

/**
 * A collector whose code is loaded when it first runs: `load` is `() => import('./macos.js')`, which
 * the bundler splits into a chunk of its own, so that a run on one platform never loads (nor
 * compiles) another platform's collectors and parsers. What the collector reports is unchanged.
 */
export const loadedCollector =
  <M>(load: () => Promise<M>, pick: (module: M) => Collector): Collector =>
  async (host, context) =>
    pick(await load())(host, context);

/**
 * A probe's macOS and Windows collectors, each exported as `collectMacos` / `collectWindows` by a
 * module of its own (`() => import('./macos.js')`, `() => import('./windows.js')`, written in the
 * probe's file so that the bundler splits them), loaded when first run (loadedCollector).
 */
export const macosAndWindows = (
  macos: () => Promise<{ collectMacos: Collector }>,
  windows: () => Promise<{ collectWindows: Collector }>,
): { macos: Collector; windows: Collector } => ({
  macos: loadedCollector(macos, (m) => m.collectMacos),
  windows: loadedCollector(windows, (m) => m.collectWindows),
});

/** The outcome of a probe on a platform it has no collector for. */
export const notImplementedOn = (platform: Platform): ProbeOutcome => unsupported(`not implemented on ${platform}`);

/** A probe: collectors per platform and what they read; or, given `inputs` and `derive`, a derived probe. */
export function defineProbe(definition: ProbeDefinition): Probe;
export function defineProbe(definition: DerivedProbeDefinition): DerivedProbe;
export function defineProbe(definition: ProbeDefinition | DerivedProbeDefinition): Probe | DerivedProbe {
  if ('derive' in definition) return definition;
  const { collect: collectors, reads, ...rest } = definition;
  const platforms = allPlatforms.filter((platform) => collectors[platform] !== undefined);
  if (platforms.length === 0) throw new Error(`probe '${definition.id}' has no collector`);
  for (const platform of Object.keys(reads ?? {})) {
    if (!(platforms as readonly string[]).includes(platform))
      throw new Error(`probe '${definition.id}' declares reads on ${platform}, which it has no collector for`);
  }
  return {
    ...rest,
    platforms,
    reads: reads ?? {},
    collectors,
    collect: (host, context) => {
      const collector = collectors[context.platform];
      return collector === undefined ? Promise.resolve(notImplementedOn(context.platform)) : collector(host, context);
    },
  };
}

export const ok = (facts: JsonObject): ProbeOutcome => ({ status: 'ok', facts });
export const unsupported = (reason: string): ProbeOutcome => ({ status: 'unsupported', reason });
export const failed = (message: string): ProbeOutcome => ({ status: 'error', message });

import type { Host } from '../hosts/host.js';
import type { Catalog } from '../policy/catalog.js';
import type { JsonObject, Platform, ProbeOutcome } from '../model.js';

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
}

export type Need = 'read' | 'exec' | 'live';

export interface Probe {
  /** kebab-case; equals the folder name and the first segment of fact paths. */
  readonly id: string;
  readonly title: string;
  readonly platforms: readonly Platform[];
  /** Host capabilities without which the probe is `unsupported`. */
  readonly needs: readonly Need[];
  readonly facts: Readonly<Record<string, FactSpec>>;
  /**
   * Lists this probe knows to be complete even when some of its reads were refused for lack of
   * permission (e.g. sockets are all listed, only their owning process may be unknown). Every other
   * list is marked incomplete, and every null fact unknown for that reason, after a refused read.
   */
  readonly completeWithoutPermission?: readonly string[];
  collect(host: Host, context: ProbeContext): Promise<ProbeOutcome>;
}

export const defineProbe = (probe: Probe): Probe => probe;

export const ok = (facts: JsonObject): ProbeOutcome => ({ status: 'ok', facts });
export const unsupported = (reason: string): ProbeOutcome => ({ status: 'unsupported', reason });
export const failed = (message: string): ProbeOutcome => ({ status: 'error', message });

/**
 * Build a snapshot of one host: run every probe (with the given app catalog), read who the host is,
 * and, when asked, replace the host's names, machine ids and user names by pseudonyms.
 */
import { collectFacts } from '../collect.js';
import type { Host } from '../hosts/host.js';
import { readHostName, readMachineId } from '../hosts/identity.js';
import { collectRedactions, createRedactor, stablePseudonyms } from '../hosts/redaction.js';
import type { Facts, Json, ProbeOutcome, TargetClass } from '../model.js';
import { incompleteProbes } from '../model.js';
import type { Catalog } from '../policy/catalog.js';
import { probes } from '../probes/index.js';
import { detectTargetClass } from '../target-class.js';
import { snapshotVersion } from '../hosts/snapshot-format.js';
import type { Snapshot } from '../hosts/snapshot-format.js';

export interface SnapshotOptions {
  /** The catalog the probes match apps against, and how the snapshot names it. */
  catalog: { catalog: Catalog; file: string; sha256: string };
  now: Date;
  tool: { name: string; version: string };
  /** The target string, as given to `--target`. */
  target: string;
  timeoutMs: number;
  redact: boolean;
  /** The class to record (`--target-class`); told from the target's content when absent. */
  targetClass?: TargetClass;
  /** Read browser history (visits per catalog origin): only with --include-browser-history. */
  includeBrowserHistory?: boolean;
  /** Cancels the collection: probes stop their reads and commands, and no snapshot is made. */
  signal?: AbortSignal;
  /** The group the machine belongs to (`--group`), written as the snapshot's `group`. */
  group?: string;
}

const redactJson = (value: Json, text: (s: string) => string): Json => {
  if (typeof value === 'string') return text(value);
  if (Array.isArray(value)) return value.map((item) => redactJson(item, text));
  if (value !== null && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [text(k), redactJson(v, text)]));
  }
  return value;
};

/** Facts are structured: a field that is exactly a user or host name is replaced whole, however short. */

const redactOutcome = (outcome: ProbeOutcome, text: (s: string) => string, value: (s: string) => string): ProbeOutcome => {
  switch (outcome.status) {
    case 'ok':
      return { status: 'ok', facts: redactJson(outcome.facts, value) as typeof outcome.facts };
    case 'partial':
      return {
        status: 'partial',
        facts: redactJson(outcome.facts, value) as typeof outcome.facts,
        unknown: Object.fromEntries(Object.entries(outcome.unknown).map(([path, why]) => [path, { code: why.code, detail: text(why.detail) }])),
      };
    case 'unsupported':
      return { status: 'unsupported', reason: text(outcome.reason) };
    case 'error':
      return { status: 'error', message: text(outcome.message), ...(outcome.code === undefined ? {} : { code: outcome.code }) };
  }
};

/** Run every probe on `host` and describe the result as a snapshot. */
export const collectSnapshot = async (host: Host, options: SnapshotOptions): Promise<Snapshot> => {
  const platform = await host.platform();
  const targetClass = options.targetClass ?? (await detectTargetClass(host)).targetClass;
  const facts: Facts = await collectFacts(host, Object.keys(probes), {
    platform,
    catalog: options.catalog.catalog,
    now: options.now,
    timeoutMs: options.timeoutMs,
    ...(options.includeBrowserHistory === true ? { includeBrowserHistory: true } : {}),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
  });
  options.signal?.throwIfAborted();
  let hostName = await readHostName(host);
  let machineId = await readMachineId(host);
  let targetName = host.name;
  let redacted = facts;
  if (options.redact) {
    const stable = stablePseudonyms(hostName, machineId);
    const redactor = createRedactor(stable.redactions(await collectRedactions(host)));
    // A host name that is also a common word (`debian`) identifies nobody and is left in the facts,
    // as the recorder does; the snapshot's own host name is always a pseudonym.
    const text = (s: string): string => redactor.text(s);
    const value = (s: string): string => redactor.value(s);
    redacted = Object.fromEntries(Object.entries(facts).map(([id, outcome]) => [id, redactOutcome(outcome, text, value)]));
    targetName = text(targetName);
    hostName = stable.hostName;
    machineId = stable.machineId;
  }
  return {
    snapshotVersion,
    tool: options.tool,
    collectedAt: options.now.toISOString(),
    platform,
    target: { kind: host.kind, name: targetName, class: targetClass },
    capabilities: { read: host.capabilities.read, exec: host.capabilities.exec, live: host.capabilities.live },
    host: { name: hostName, machineId, redacted: options.redact },
    ...(options.group === undefined ? {} : { group: options.group }),
    catalog: { file: options.catalog.file, sha256: options.catalog.sha256, apps: options.catalog.catalog.apps.length },
    // From the redacted outcomes: their messages are redacted too.
    incomplete: incompleteProbes(redacted),
    facts: redacted,
  };
};

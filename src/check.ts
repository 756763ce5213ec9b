import { abortable } from './hosts/abortable.js';
import { collectFacts, defaultProbeTimeoutMs } from './collect.js';
import { evaluate } from './evaluate.js';
import type { GovernanceInput } from './governance/apply.js';
import { applyGovernance } from './governance/apply.js';
import type { Host } from './hosts/host.js';
import { readMachineIdentity } from './hosts/identity.js';
import { stablePseudonyms } from './hosts/redaction.js';
import { messagesFor } from './i18n/messages.js';
import type { Facts, Finding, IncompleteProbe, Language, Platform, Report, Summary, TargetClass } from './model.js';
import { incompleteProbes, statuses } from './model.js';
import { plan } from './plan.js';
import type { RunMemo } from './run-memo.js';
import type { Policy } from './policy/policy.js';
import { translate } from './policy/policy.js';
import { detectTargetClass } from './target-class.js';

export interface CheckOptions {
  policy: Policy;
  host: Host;
  language: Language;
  /** The clock; injected so reports are reproducible. */
  now: () => Date;
  tool: { name: string; version: string };
  probeTimeoutMs?: number;
  /** Waivers and attestations to apply after evaluation (`--waivers`, `--attestations`). */
  governance?: GovernanceInput;
  /** The class to judge the target as (`--target-class`); told from its content when absent. */
  targetClass?: TargetClass;
  /** Read browser history (visits per catalog origin): only with --include-browser-history. */
  includeBrowserHistory?: boolean;
  /** Cancels the check: probes stop their reads and commands, and the check rejects with the reason. */
  signal?: AbortSignal;
  /** The IANA time zone plain sentences write instants in (the CLI passes the local one); UTC when absent. */
  timeZone?: string;
  /** Other names the target is known by (an inventory's alias): waivers and attestations match them too. */
  aliases?: readonly string[];
  /** Show the machine's host name and machine id as their stable pseudonyms (`--redact`). */
  redact?: boolean;
  /** Work shared with the other hosts of the run (an audit's): see src/run-memo.ts. */
  memo?: RunMemo;
}

export interface CheckResult {
  report: Report;
  facts: Facts;
  /** The probes the policy needed that could not see everything (error or partial), by probe id. */
  incomplete: IncompleteProbe[];
}

/** The pipeline for one target: plan → collect (derived probes included) → evaluate → Report. */
export const check = async (options: CheckOptions): Promise<CheckResult> => {
  const { policy, host, language } = options;
  const started = options.now();
  // Snapshots are judged as of their collection: "within 7 days" means 7 days before collecting.
  const asOf = host.precollected === undefined ? started : new Date(host.precollected.collectedAt);
  options.signal?.throwIfAborted();
  // What the check reads itself (platform, target class) stops with it too.
  const own = options.signal === undefined ? host : abortable(host, options.signal);
  const platform: Platform = await own.platform();
  const targetClass = options.targetClass ?? (await detectTargetClass(own)).targetClass;
  const needed = plan(policy, platform, targetClass);
  // The os probe is read whatever the rules need: reports say which system the machine runs.
  const facts = await collectFacts(host, [...new Set([...needed.families, identityProbe])], {
    platform,
    catalog: policy.catalog,
    now: asOf,
    timeoutMs: options.probeTimeoutMs ?? defaultProbeTimeoutMs,
    live: targetClass === 'live',
    ...(options.includeBrowserHistory === true ? { includeBrowserHistory: true } : {}),
    ...(options.signal === undefined ? {} : { signal: options.signal }),
    ...(options.memo === undefined ? {} : { memo: options.memo }),
  });
  // A cancelled check has no verdict: its probes were stopped, not answered.
  options.signal?.throwIfAborted();
  const evaluated = evaluate(policy, facts, {
    platform,
    targetClass,
    now: asOf,
    language,
    messages: messagesFor(language),
    ...(options.timeZone === undefined ? {} : { timeZone: options.timeZone }),
    ...(options.memo === undefined ? {} : { memo: options.memo }),
  });
  const machine = await machineOf(host, facts);
  const pseudonyms = options.redact === true && !machine.redacted ? stablePseudonyms(machine.name, machine.machineId) : undefined;
  const shown =
    pseudonyms === undefined
      ? { name: machine.name, machineId: machine.machineId, redacted: machine.redacted }
      : { name: pseudonyms.hostName, machineId: pseudonyms.machineId, redacted: true };
  // Waivers written for the machine's own host name apply whatever the target is called (`local`).
  const aliases = [...new Set([...(options.aliases ?? []), ...machine.names, ...(shown.name === null ? [] : [shown.name])])];
  const governed =
    options.governance === undefined ? undefined : applyGovernance(evaluated, options.governance, { host: host.name, aliases, now: asOf, language });
  const findings = governed?.findings ?? evaluated;
  const finished = options.now();
  return {
    facts,
    incomplete: incompleteProbes(facts, needed.probes),
    report: {
      schemaVersion: 1,
      tool: options.tool,
      policy: policySummary(policy, language),
      target: { kind: host.kind, name: host.name, platform, class: targetClass },
      host: { name: shown.name, machineId: shown.machineId, redacted: shown.redacted, ...osOf(facts), collectedAt: asOf.toISOString() },
      startedAt: started.toISOString(),
      durationMs: Math.max(0, finished.getTime() - started.getTime()),
      language,
      summary: summarize(findings),
      findings,
      ...(governed === undefined ? {} : { governance: governed.governance }),
    },
  };
};

const identityProbe = 'os';

const stringFact = (facts: Facts, field: string): string | null => {
  const outcome = facts[identityProbe];
  if (outcome === undefined || (outcome.status !== 'ok' && outcome.status !== 'partial')) return null;
  const value = outcome.facts[field];
  return typeof value === 'string' && value.trim() !== '' ? value : null;
};

/** The machine's name and id: as a snapshot recorded them, else read from the machine, else the os probe's host name. */
const machineOf = async (host: Host, facts: Facts): Promise<{ name: string | null; machineId: string | null; redacted: boolean; names: string[] }> => {
  const recorded = host.precollected?.host;
  const fromFacts = stringFact(facts, 'hostname');
  if (recorded !== undefined) return { ...recorded, names: [recorded.name, fromFacts].filter((n): n is string => n !== null) };
  const read = host.precollected === undefined ? await readMachineIdentity(host) : { hostName: null, machineId: null, names: [] };
  const names = [...read.names, ...(fromFacts === null ? [] : [fromFacts])];
  return { name: read.hostName ?? fromFacts, machineId: read.machineId, redacted: false, names };
};

const osOf = (facts: Facts): { os: string | null; osVersion: string | null } => {
  const name = stringFact(facts, 'distributionName') ?? stringFact(facts, 'distribution') ?? stringFact(facts, 'family');
  const version = stringFact(facts, 'version') ?? stringFact(facts, 'build');
  return { os: name, osVersion: version };
};

export const policySummary = (policy: Policy, language: Language): Report['policy'] => ({
  id: policy.id,
  version: policy.version,
  sha256: policy.sha256,
  title: translate(policy.title, language),
  ...(policy.extends === undefined ? {} : { extends: policy.extends.map(({ id, version }) => ({ id, version })) }),
});

export const summarize = (findings: readonly Finding[]): Summary => {
  const summary = Object.fromEntries(statuses.map((s) => [s, 0])) as Summary;
  for (const f of findings) summary[f.status] += 1;
  return summary;
};

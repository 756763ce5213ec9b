/**
 * What changed since an earlier audit (`charter audit --baseline previous.json`): per host and per
 * rule, what newly fails, what was fixed, what still fails; which hosts are new and which are
 * missing. The baseline is read once into an index of its hosts (who each is and which rules it
 * failed); the hosts of this audit are folded in as they arrive, so no report needs to be kept.
 *
 * A host of this audit is the baseline host that is the same machine: the same machine id and host
 * name (their pseudonyms when redacted, as same-machine.ts compares them); failing that, when one
 * side has no machine id (a host not checked, a target without one), the same inventory name. Two
 * hosts whose machine ids are both known and differ are never the same host.
 *
 * A rule is failing when its status is `fail` or `error` (unknown is not compliant). Fixed means
 * failing then, `pass` or `waived` now; a rule failing then and skipped now is neither fixed nor
 * failing. Rules only one of the two policies has are listed, not compared.
 */
import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { UsageError } from '../errors.js';
import type { Status } from '../model.js';
import { statuses } from '../model.js';
import type { HostFold } from './host-fold.js';
import { ruleStatuses } from './host-fold.js';
import type { AuditChanges, AuditReport, HostChange, HostResult, RuleChange } from './model.js';
import { hostStatuses } from './model.js';
import { nameKey } from './same-machine.js';

interface BaselineHost {
  name: string;
  source: string;
  checked: boolean;
  /** Rules failing on the host then (fail or error), by id. */
  failing: Set<string>;
  /** Same-machine key (machine id and host name), when the host had a machine id. */
  machine?: string;
  /** Its groups then (the report's `groups`), so that a host missing now is still shown under its group. */
  groups?: string[];
  /** How many hosts of this audit are this one (two when one machine was seen twice, until folded). */
  matched: number;
}

export interface Baseline {
  file: string;
  startedAt: string;
  policy: AuditReport['policy'];
  /** The baseline's rule ids, in its order. */
  rules: string[];
  hosts: BaselineHost[];
  byMachine: Map<string, BaselineHost>;
  byName: Map<string, BaselineHost[]>;
}

const isFailingStatus = (status: Status | undefined): boolean => status === 'fail' || status === 'error';

/** The key two audits share for one machine: machine id and host name, redacted or not (see same-machine.ts). */
const machineKey = (identity: { name?: unknown; machineId?: unknown; redacted?: unknown } | undefined): string | undefined => {
  const id = identity?.machineId;
  if (typeof id !== 'string' || id === '') return undefined;
  const name = typeof identity?.name === 'string' ? identity.name : null;
  return `${String(identity?.redacted === true)}\u0000${id.toLowerCase()}\u0000${nameKey(name)}`;
};

type Plain = Record<string, unknown>;
const isRecord = (value: unknown): value is Plain => typeof value === 'object' && value !== null && !Array.isArray(value);
const isString = (value: unknown): value is string => typeof value === 'string';

const refusal = (file: string, why: string): UsageError =>
  new UsageError(`--baseline ${file}: not the JSON report of an audit (charter audit --format json): ${why}`);

/** The hosts of a baseline, indexed one at a time (from the report's `hosts`, or line by line). */
class BaselineHosts {
  readonly hosts: BaselineHost[] = [];
  readonly byMachine = new Map<string, BaselineHost>();
  readonly byName = new Map<string, BaselineHost[]>();
  private readonly file: string;

  constructor(file: string) {
    this.file = file;
  }

  add(raw: unknown): void {
    const at = `hosts[${String(this.hosts.length)}]`;
    const refuse = (why: string): never => {
      throw refusal(this.file, `${at} ${why}`);
    };
    if (!isRecord(raw) || !isString(raw.name) || !isString(raw.source)) return refuse('has no name and source');
    if (!(hostStatuses as readonly unknown[]).includes(raw.status)) return refuse('has no valid status');
    const checked = raw.status === 'checked';
    const failing = new Set<string>();
    if (checked) {
      const report = raw.report;
      if (!isRecord(report) || !Array.isArray(report.findings)) return refuse('is checked but has no report with findings');
      report.findings.forEach((finding: unknown, n) => {
        if (!isRecord(finding) || !isString(finding.ruleId) || !(statuses as readonly unknown[]).includes(finding.status)) {
          refuse(`.report.findings[${String(n)}] has no ruleId and status`);
          return;
        }
        if (isFailingStatus(finding.status as Status)) failing.add(finding.ruleId);
      });
    }
    const machine = checked && isRecord(raw.identity) ? machineKey(raw.identity) : undefined;
    const groups = raw.groups;
    if (groups !== undefined && !(Array.isArray(groups) && groups.every(isString))) return refuse('has groups that are not a list of names');
    const host: BaselineHost = {
      name: raw.name,
      source: raw.source,
      checked,
      failing,
      matched: 0,
      ...(machine === undefined ? {} : { machine }),
      ...(groups === undefined || groups.length === 0 ? {} : { groups: [...groups] }),
    };
    this.hosts.push(host);
    if (machine !== undefined && !this.byMachine.has(machine)) this.byMachine.set(machine, host);
    const named = this.byName.get(host.name);
    if (named === undefined) this.byName.set(host.name, [host]);
    else named.push(host);
  }

  /** The baseline, from the rest of the report (`frame`: the report, its hosts in it or already added). */
  finish(frame: string): Baseline {
    const refuse = (why: string): never => {
      throw refusal(this.file, why);
    };
    let data: unknown;
    try {
      data = JSON.parse(frame);
    } catch (error) {
      return refuse(`invalid JSON (${error instanceof Error ? error.message : String(error)})`);
    }
    if (!isRecord(data)) return refuse('not a JSON object');
    if (Array.isArray(data.findings) && isRecord(data.target)) return refuse("it is one host's report (charter check), not an audit's");
    if (data.schemaVersion !== 1)
      return refuse(`schemaVersion is ${data.schemaVersion === undefined ? 'missing' : JSON.stringify(data.schemaVersion)}, expected 1`);
    const policy = data.policy;
    if (!isRecord(policy) || !isString(policy.id) || !isString(policy.version) || !isString(policy.sha256))
      return refuse('no "policy" with id, version and sha256');
    if (!isString(data.startedAt)) return refuse('no "startedAt"');
    if (!Array.isArray(data.rules) || !Array.isArray(data.hosts)) return refuse('no "rules" and "hosts" lists');
    const rules = data.rules.map((rule: unknown, index) =>
      isRecord(rule) && isString(rule.ruleId) ? rule.ruleId : refuse(`rules[${String(index)}] has no ruleId`),
    );
    for (const raw of data.hosts as unknown[]) this.add(raw);
    return {
      file: this.file,
      startedAt: data.startedAt,
      policy: { id: policy.id, version: policy.version, sha256: policy.sha256, title: isString(policy.title) ? policy.title : '' },
      rules,
      hosts: this.hosts,
      byMachine: this.byMachine,
      byName: this.byName,
    };
  }
}

/**
 * Read a baseline from the text of an earlier audit's JSON report. Throws UsageError naming `file`
 * and what is wrong when the text is not a fleet JSON report (`charter audit --format json`).
 */
export const parseBaseline = (text: string, file: string): Baseline => new BaselineHosts(file).finish(text);

/** How the json report writes each host: on a line of its own, starting so (see reporters/json.ts). */
const hostLineStart = Buffer.from('    {"source":');

/**
 * Read a baseline file as `charter audit --format json` writes it: each host's line is parsed and
 * indexed on its own, so that only the index stays in memory (a report of 30,000 hosts is some
 * 500 MB); the rest, or a report written otherwise (reformatted), is parsed whole, up to
 * `frameBytes`. No line may be longer than `frameBytes`.
 */
const sizeText = (bytes: number): string => (bytes % 1_048_576 === 0 ? `${String(bytes / 1_048_576)} MiB` : `${String(bytes)} bytes`);

export const readBaselineFile = async (path: string, file: string, frameBytes: number): Promise<Baseline> => {
  const info = await stat(path).catch((error: unknown) => {
    const code = error instanceof Error && 'code' in error ? String(error.code) : '';
    throw new UsageError(`--baseline ${file}: ${code === 'ENOENT' ? 'no such file' : error instanceof Error ? error.message : String(error)}`);
  });
  if (info.isDirectory()) throw new UsageError(`--baseline ${file}: it is a directory, not a file`);
  if (!info.isFile()) throw new UsageError(`--baseline ${file}: not a regular file`);
  const hosts = new BaselineHosts(file);
  const frame: string[] = [];
  let frameSize = 0;
  let pending: Buffer[] = [];
  let pendingSize = 0;
  const line = (bytes: Buffer): void => {
    if (bytes.subarray(0, hostLineStart.length).equals(hostLineStart)) {
      let text = bytes.toString('utf8').trimEnd();
      if (text.endsWith(',')) text = text.slice(0, -1);
      let raw: unknown;
      try {
        raw = JSON.parse(text);
      } catch (error) {
        throw refusal(file, `a host line is not JSON (${error instanceof Error ? error.message : String(error)})`);
      }
      hosts.add(raw);
      return;
    }
    frameSize += bytes.length + 1;
    if (frameSize > frameBytes) throw new UsageError(`--baseline ${file}: more than ${sizeText(frameBytes)} besides its host lines`);
    frame.push(bytes.toString('utf8'));
  };
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    let from = 0;
    for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, from)) {
      pending.push(chunk.subarray(from, at));
      line(Buffer.concat(pending));
      pending = [];
      pendingSize = 0;
      from = at + 1;
    }
    if (from < chunk.length) {
      pending.push(chunk.subarray(from));
      pendingSize += chunk.length - from;
      if (pendingSize > frameBytes) throw new UsageError(`--baseline ${file}: a line longer than ${sizeText(frameBytes)}`);
    }
  }
  if (pendingSize > 0) line(Buffer.concat(pending));
  return hosts.finish(frame.join('\n'));
};

/** The baseline host a host of this audit is (see the module's comment), if any. */
export const matchHost = (baseline: Baseline, result: HostResult): BaselineHost | undefined => {
  const machine = result.status === 'checked' ? machineKey(result.identity) : undefined;
  if (machine !== undefined) {
    const same = baseline.byMachine.get(machine);
    if (same !== undefined) return same;
  }
  return (baseline.byName.get(result.name) ?? []).find((host) => host.machine === undefined || machine === undefined);
};

/** Put a host's change on its result, and on the json line a worker thread printed for it (the change is its last key, see json.ts). */
const attach = (result: HostResult, change: HostChange): void => {
  result.change = change;
};

export interface ChangeFold extends HostFold {
  /** The comparison, once every host was added: missing hosts are those no host of this audit matched. */
  changes(): AuditChanges;
}

/**
 * Compare each host of this audit with the baseline as it arrives (sets HostResult.change).
 * `policy` is this audit's policy and `rules` its rule ids.
 */
export const changeFold = (baseline: Baseline, policy: AuditReport['policy'], rules: readonly string[]): ChangeFold => {
  const before = new Set(baseline.rules);
  const now = new Set(rules);
  const compared = rules.filter((id) => before.has(id));
  const perRule = new Map<string, RuleChange>(compared.map((ruleId) => [ruleId, { ruleId, newlyFailing: 0, fixed: 0, stillFailing: 0 }]));
  const hosts = { compared: 0, uncompared: 0, new: 0, missing: 0, withNewFailures: 0, withFixes: 0 };
  // Keyed by the host's index in the audit, else by its change: the row a duplicate is taken out
  // through is a copy of the row counted in (read back from the store, audit-rows.ts), which has an
  // equal change, and without an index (a caller of its own) shares the change.
  const newHosts = new Map<number | HostChange, string>();
  const matchedBy = new Map<number | HostChange, BaselineHost>();
  return {
    add(result, outline, weight, index) {
      if (weight === -1) {
        const change = result.change;
        if (change === undefined) return;
        const key = index ?? change;
        const host = matchedBy.get(key);
        if (host !== undefined) host.matched -= 1;
        if (change.kind === 'new') {
          hosts.new -= 1;
          newHosts.delete(key);
        } else if (change.kind === 'uncompared') hosts.uncompared -= 1;
        else {
          hosts.compared -= 1;
          if ((change.newlyFailing ?? []).length > 0) hosts.withNewFailures -= 1;
          if ((change.fixed ?? []).length > 0) hosts.withFixes -= 1;
          for (const [list, key] of [
            [change.newlyFailing, 'newlyFailing'],
            [change.fixed, 'fixed'],
            [change.stillFailing, 'stillFailing'],
          ] as const) {
            for (const id of list ?? []) {
              const rule = perRule.get(id);
              if (rule !== undefined) rule[key] -= 1;
            }
          }
        }
        // A host taken out is no row of the report: its change is left as it was.
        return;
      }
      const host = matchHost(baseline, result);
      if (host === undefined) {
        hosts.new += 1;
        const change: HostChange = { kind: 'new' };
        newHosts.set(index ?? change, result.name);
        attach(result, change);
        return;
      }
      host.matched += 1;
      const matched = (change: HostChange): void => {
        matchedBy.set(index ?? change, host);
        attach(result, change);
      };
      const named = host.name === result.name ? {} : { baselineName: host.name };
      const current = ruleStatuses(result, outline);
      if (!host.checked || current === undefined) {
        hosts.uncompared += 1;
        matched({ kind: 'uncompared', ...named });
        return;
      }
      const newlyFailing: string[] = [];
      const fixed: string[] = [];
      const stillFailing: string[] = [];
      for (const ruleId of compared) {
        const status = current.get(ruleId);
        if (status === undefined) continue;
        const was = host.failing.has(ruleId);
        const is = isFailingStatus(status);
        const rule = perRule.get(ruleId);
        if (rule === undefined) continue;
        if (is && !was) {
          newlyFailing.push(ruleId);
          rule.newlyFailing += 1;
        } else if (is && was) {
          stillFailing.push(ruleId);
          rule.stillFailing += 1;
        } else if (was && (status === 'pass' || status === 'waived')) {
          fixed.push(ruleId);
          rule.fixed += 1;
        }
      }
      hosts.compared += 1;
      if (newlyFailing.length > 0) hosts.withNewFailures += 1;
      if (fixed.length > 0) hosts.withFixes += 1;
      matched({ kind: 'compared', ...named, newlyFailing: newlyFailing.sort(), fixed: fixed.sort(), stillFailing: stillFailing.sort() });
    },
    changes() {
      const missingHosts = baseline.hosts
        .filter((h) => h.matched <= 0)
        .map(({ name, source, groups }) => ({ name, source, ...(groups === undefined ? {} : { groups }) }));
      return {
        baseline: { file: baseline.file, startedAt: baseline.startedAt, policy: baseline.policy },
        samePolicy: baseline.policy.id === policy.id && baseline.policy.version === policy.version && baseline.policy.sha256 === policy.sha256,
        rulesOnlyInBaseline: baseline.rules.filter((id) => !now.has(id)),
        rulesOnlyNow: rules.filter((id) => !before.has(id)),
        hostCounts: { ...hosts, missing: missingHosts.length },
        rules: [...perRule.values()].filter((r) => r.newlyFailing + r.fixed + r.stillFailing > 0).map((r) => ({ ...r })),
        newHosts: [...newHosts.values()],
        missingHosts,
      };
    },
  };
};

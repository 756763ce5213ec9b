/**
 * What an audit folds each host into as it arrives (per-group aggregates, the comparison with a
 * baseline), so that nothing needs every host's report at once. A host counted twice (one machine
 * seen under two names, see same-machine.ts) is taken out again with weight -1.
 */
import type { Status } from '../model.js';
import { statuses } from '../model.js';
import type { HostResult } from './model.js';
import type { HostOutline } from './worker-pool.js';

export interface HostFold {
  /**
   * Count one host in (weight 1) or out again (weight -1); the outline stands for its report when
   * the report was not kept. `index`: the host's place in the audit, the same both times (the row
   * taken out may be a copy of the row counted in, read back from the store: audit-rows.ts).
   */
  add(result: HostResult, outline: HostOutline | undefined, weight: 1 | -1, index?: number): void;
}

/**
 * A checked host's status per rule, from its outline when it has one (the report may not have been
 * kept in memory: the worker threads send an outline), else from its report (read back from the store); undefined for a host not checked.
 */
export const ruleStatuses = (result: HostResult, outline: HostOutline | undefined): Map<string, Status> | undefined => {
  if (result.status !== 'checked') return undefined;
  const map = new Map<string, Status>();
  if (outline !== undefined) {
    for (let i = 0; i + 1 < outline.findings.length; i += 2) {
      const head = outline.rules[outline.findings[i] ?? -1];
      const status = statuses[outline.findings[i + 1] ?? -1];
      if (head === undefined || status === undefined)
        throw new Error(`ruleStatuses: no rule ${String(outline.findings[i])} or status ${String(outline.findings[i + 1])}`);
      map.set(head.ruleId, status);
    }
    return map;
  }
  const report = result.report;
  if (report === undefined) return undefined;
  for (const finding of report.findings) map.set(finding.ruleId, finding.status);
  return map;
};

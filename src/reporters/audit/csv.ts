import type { Evidence } from '../../model.js';
import { csvCell } from '../escape.js';
import { hostIdentityView } from './host-identity.js';
import { hostView } from './host-view.js';
import { identityLabelsFor } from './identity-labels.js';
import type { AuditReport } from '../../fleet/model.js';
import type { FleetRenderOptions } from './reporter.js';
import { defineFleetReporter } from './reporter.js';
import type { HostChange } from '../../fleet/model.js';

/**
 * UTF-8 byte order mark. Excel opens a UTF-8 CSV without it in the legacy ANSI code page and mangles
 * every accent ("conformitÃ©"), and the charter's messages are French and German; LibreOffice,
 * pandas (`encoding='utf-8-sig'`), Python's csv (utf-8-sig) and most CSV tools accept it.
 */
export const bom = '\ufeff';

export const csvHeader = [
  'host',
  'source',
  'host_status',
  'rule_id',
  'title',
  'theme',
  'severity',
  'status',
  'message',
  'evidence',
  'incomplete_probes',
  'host_name',
  'os',
  'os_version',
  'collected_at',
  'stale',
  'same_machine',
  'groups',
  'change',
] as const;

/** Between the groups of a host in the `groups` cell. */
export const groupSeparator = '; ';

/**
 * The `change` cell of a host's row for a rule, with a baseline: `newly-failing`, `fixed`,
 * `still-failing` or empty for a host compared; `new-host`, `not-compared` for the others; empty
 * without a baseline.
 */
export const changeCell = (change: HostChange | undefined, ruleId: string | undefined): string => {
  if (change === undefined) return '';
  if (change.kind === 'new') return 'new-host';
  if (change.kind === 'uncompared') return 'not-compared';
  if (ruleId === undefined) return '';
  if (change.newlyFailing?.includes(ruleId) === true) return 'newly-failing';
  if (change.fixed?.includes(ruleId) === true) return 'fixed';
  if (change.stillFailing?.includes(ruleId) === true) return 'still-failing';
  return '';
};

/** Longest evidence summary per cell (Excel's own limit is 32,767 characters); the JSON report has it all. */
const maxEvidenceLength = 2000;

const csvRow = (cells: readonly string[]): string => `${cells.map(csvCell).join(',')}\r\n`;

export const evidenceSummary = (evidence: readonly Evidence[], expected = 'expected'): string => {
  const text = evidence.map((e) => `${e.fact} = ${JSON.stringify(e.actual)} (${expected}: ${e.expected})`).join('; ');
  return text.length > maxEvidenceLength ? `${text.slice(0, maxEvidenceLength - 1)}…` : text;
};

/**
 * One row per host and rule, one row per host not checked (rule columns empty, status = host status,
 * message = reason). `host` is the inventory's name for the host (HostResult.name). host_status is
 * `compliant`, `non-compliant` (a rule fails) or `undetermined` (none fails, some err) for a checked
 * host, else why it was not checked. incomplete_probes lists, space-separated, the probes of a
 * checked host that could not see everything; empty when none. The columns after it (added later,
 * so that older column positions hold) say who the machine is: its host name (its pseudonym when
 * redacted), OS and version, when its facts were collected (ISO 8601), `stale` when older than the
 * policy allows, and the notes on one machine seen twice; then the host's groups (`; `-separated)
 * and, with a baseline, how its rule changed (changeCell; hosts of the baseline missing now get a
 * row of their own, host_status and change `missing`). Statuses and severities are the report's
 * ids, not translations, so filters work in every language.
 */
export const csv = defineFleetReporter({
  name: 'csv',
  extension: '.csv',
  description: 'one row per host and rule, RFC 4180, UTF-8 with BOM, formula-safe',
  render: (audit, options) => [...csvChunks(audit, options)].join(''),
  chunks: (audit, options) => csvChunks(audit, options),
});

/** The CSV text in pieces of one host each: a fleet of 30,000 hosts is never one string. */
function* csvChunks(audit: AuditReport, { messages }: FleetRenderOptions): Generator<string> {
  yield bom + csvRow(csvHeader);
  for (const host of audit.hosts) {
    const out: string[] = [];
    const report = host.status === 'checked' ? host.report : undefined;
    const view = hostView(host, audit.failOn, report);
    const { state } = view;
    const identity = host.status === 'checked' ? host.identity : undefined;
    const notes = hostIdentityView(host, identityLabelsFor(audit.language), audit.staleAfterDays).notes.filter((_, i) => i > 0 || host.stale !== true);
    const who = [
      identity?.name ?? '',
      identity?.os ?? '',
      identity?.osVersion ?? '',
      identity?.collectedAt ?? '',
      host.stale === true ? 'stale' : '',
      notes.join(' '),
    ];
    const groups = (host.groups ?? []).join(groupSeparator);
    if (report === undefined) {
      yield csvRow([host.name, host.source, state, '', '', '', '', state, host.reason ?? '', '', '', ...who, groups, changeCell(host.change, undefined)]);
      continue;
    }
    const incomplete = view.incomplete.join(' ');
    for (const f of report.findings) {
      out.push(
        csvRow([
          host.name,
          host.source,
          state,
          f.ruleId,
          f.title,
          f.theme,
          f.severity,
          f.status,
          f.message,
          evidenceSummary(f.evidence, messages.expected),
          incomplete,
          ...who,
          groups,
          changeCell(host.change, f.ruleId),
        ]),
      );
    }
    yield out.join('');
  }
  // Hosts of the baseline that no host of this audit is: one row each, host_status `missing`.
  for (const missing of audit.changes?.missingHosts ?? []) {
    yield csvRow([
      missing.name,
      missing.source,
      'missing',
      '',
      '',
      '',
      '',
      'missing',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      '',
      (missing.groups ?? []).join(groupSeparator),
      'missing',
    ]);
  }
}

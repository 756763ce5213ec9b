/**
 * What an audit keeps of each host's report (report-store.ts): the text the json report prints for
 * it, and the row's `report` read back from that text.
 */
import { jsonSafe } from '../json-safe.js';
import type { Finding, Report } from '../model.js';
import { sharedId } from '../run-memo.js';
import type { HostResult } from './model.js';
import type { ReportStore, TextPlace } from './report-store.js';
import { findingOf, reportOf, reportWithFindings } from './schema-order.js';

/** A report as the json report prints it (the `report` of a host's line): what an audit keeps of each host (fleet/report-store.ts). */
export const reportJson = (report: Report): string => {
  // The report around its findings, the findings' place marked, then each finding's text put in.
  const text = jsonSafe(JSON.stringify(reportWithFindings(report, () => findingsMark)));
  const parts = text.split(markText);
  // A string from the machine that spells the mark (never in practice): the whole report printed at once.
  if (parts.length !== 2) return jsonSafe(JSON.stringify(reportOf(report)));
  return `${parts[0] ?? ''}[${report.findings.map(findingJson).join(',')}]${parts[1] ?? ''}`;
};

const findingsMark = '\u0000findings\u0000';
const markText = JSON.stringify(findingsMark);

/**
 * A finding as printed (in a report's `findings`). A finding the hosts of a run share (frozen,
 * run-memo.ts) is printed once: every host that has it prints the same text.
 */
const printedFindings = new WeakMap<Finding, string>();
const findingJson = (finding: Finding): string => {
  const known = printedFindings.get(finding);
  if (known !== undefined) return known;
  const text = jsonSafe(JSON.stringify(findingOf(finding)));
  if (sharedId(finding) !== undefined) printedFindings.set(finding, text);
  return text;
};

/**
 * Hosts whose report an audit keeps as text (reportJson) outside the row (fleet/report-store.ts):
 * the reader of that text. The row's `report` reads and parses it each time; the json report
 * prints the text as it is.
 */
export const storedReports = new WeakMap<HostResult, () => string>();

/**
 * The getter of every stored row's `report`: one function for all rows (not a closure each), so that
 * 30,000 rows share one hidden class and hold no function of their own (see fleet/model.ts).
 */
function storedReport(this: HostResult): Report {
  const read = storedReports.get(this);
  if (read === undefined) throw new Error('a stored report was read through another object than its row');
  return JSON.parse(read()) as Report;
}

/** Make `result.report` read the stored text (parsed at each read, never kept) and register its reader. */
export const attachStoredReport = (result: HostResult, read: () => string): void => {
  storedReports.set(result, read);
  Object.defineProperty(result, 'report', { enumerable: true, configurable: true, get: storedReport });
};

/** Where the stored report of a row is, for a row attached by its place (attachStoredPlace). */
export const reportPlaces = new WeakMap<HostResult, TextPlace>();

/** attachStoredReport for a text kept at `place` in `store` (a store that can read places). */
export const attachStoredPlace = (result: HostResult, store: ReportStore, place: TextPlace): void => {
  const read = store.read?.bind(store);
  if (read === undefined) throw new Error('attachStoredPlace: the store cannot read places');
  reportPlaces.set(result, place);
  attachStoredReport(result, () => read(place));
};

/**
 * What an audit keeps of each host's report (report-store.ts): the text the json report prints for
 * it, and the row's `report` read back from that text.
 */
import { jsonSafe } from '../json-safe.js';
import type { Report } from '../model.js';
import type { HostResult } from './model.js';
import { reportOf } from './schema-order.js';

/** A report as the json report prints it (the `report` of a host's line): what an audit keeps of each host (fleet/report-store.ts). */
export const reportJson = (report: Report): string => jsonSafe(JSON.stringify(reportOf(report)));

/**
 * Hosts whose report an audit keeps as text (reportJson) outside the row (fleet/report-store.ts):
 * the reader of that text. The row's `report` reads and parses it each time; the json report
 * prints the text as it is.
 */
export const storedReports = new WeakMap<HostResult, () => string>();

/** Make `result.report` read the stored text (parsed at each read, never kept) and register its reader. */
export const attachStoredReport = (result: HostResult, read: () => string): void => {
  Object.defineProperty(result, 'report', { enumerable: true, configurable: true, get: (): Report => JSON.parse(read()) as Report });
  storedReports.set(result, read);
};

import type { Messages } from '../../i18n/messages.js';
import type { AuditReport } from '../model.js';

export interface FleetRenderOptions {
  messages: Messages;
  /** Terminal colours for the text format; plain strings elsewhere. */
  color: boolean;
}

/** One fleet report format (`charter audit --format NAME`). */
export interface FleetReporter {
  readonly name: string;
  readonly extension: string;
  readonly description: string;
  render(audit: AuditReport, options: FleetRenderOptions): string;
  /**
   * The same text as `render`, in pieces, for formats that grow with the fleet: a file can then be
   * written without holding the whole report in memory twice.
   */
  chunks?(audit: AuditReport, options: FleetRenderOptions): Iterable<string>;
}

export const defineFleetReporter = (reporter: FleetReporter): FleetReporter => reporter;

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
}

export const defineFleetReporter = (reporter: FleetReporter): FleetReporter => reporter;

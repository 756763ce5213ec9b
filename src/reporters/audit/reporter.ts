import type { Messages } from '../../i18n/messages.js';
import type { Reporter } from '../reporter.js';
import type { AuditReport } from '../../fleet/model.js';

export interface FleetRenderOptions {
  messages: Messages;
  /** Terminal colours for the text format; plain strings elsewhere. */
  color: boolean;
}

/** One fleet report format (`charter audit --format NAME`): the one Reporter interface over an audit. */
export type FleetReporter = Reporter<AuditReport, FleetRenderOptions>;

export const defineFleetReporter = (reporter: FleetReporter): FleetReporter => reporter;

import type { Report, Severity } from '../model.js';
import type { Messages } from '../i18n/messages.js';

export interface ColorStyles {
  bold: (text: string) => string;
  dim: (text: string) => string;
  red: (text: string) => string;
  green: (text: string) => string;
  yellow: (text: string) => string;
  cyan: (text: string) => string;
  magenta: (text: string) => string;
  gray: (text: string) => string;
}

export interface RenderOptions {
  /** Colour functions; identity functions when colour is off. */
  styles: ColorStyles;
  failOn: Severity;
  messages: Messages;
  /** Policy file path and rule lines, for formats that point into the policy. */
  policySource?: { file: string; ruleLines: Record<string, number> };
  /** Theme ids in policy order with their titles in the report's language. */
  themes?: ReadonlyArray<{ id: string; title: string }>;
}

/** One output format. Pure: no I/O, no clock, no environment. */
export interface Reporter {
  readonly name: string;
  readonly extension: string;
  readonly description: string;
  render(report: Report, options: RenderOptions): string;
}

export const defineReporter = (reporter: Reporter): Reporter => reporter;

/**
 * The fleet HTML page's data: what the page script needs to draw the hosts table one page at a
 * time and each host's findings when they are opened, instead of every host's findings as markup
 * (23 MB for 3,000 hosts). Strings and findings repeated across hosts (rule ids, sentences,
 * evidence, remediation, systems, notes) are written once and referred to by their index; past
 * the limits below they are written where they are used, so that what the writer keeps stays
 * bounded whatever the fleet. Every string from a machine has its control and bidi characters made
 * visible here (controlsVisible, as htmlEscape does for the markup): the page shows them as text.
 */
import { controlsVisible, jsonSafe } from '../escape.js';
import type { Finding, Json } from '../../model.js';
import { severities, statuses } from '../../model.js';

/** An index in the page's strings, or the string itself (past the limits). */
export type Ref = number | string;

/** [rule id, status (index in statuses), severity (index in severities), message, remediation, evidence: [fact, observed, expected][]]. */
export type FindingRecord = [Ref, number, number, Ref, Ref, [Ref, Ref, Ref][]];

/** An index in the page's findings, or the record itself (past the limits). */
export type FindingRef = number | FindingRecord;

/** How much the shared tables may hold: past any of them, strings and findings are written in place. */
export interface DataLimits {
  strings: number;
  /** Characters of all shared strings and finding keys together. */
  chars: number;
  findings: number;
}

export const defaultDataLimits: DataLimits = { strings: 200_000, chars: 32 * 1024 * 1024, findings: 200_000 };

export interface DataTables {
  /** A string as the page shows it (controls made visible), shared when it can be. */
  str(text: string): Ref;
  finding(record: FindingRecord): FindingRef;
  readonly strings: readonly string[];
  readonly findings: readonly FindingRecord[];
}

export const dataTables = (limits: DataLimits = defaultDataLimits): DataTables => {
  const strings: string[] = [];
  const stringIndex = new Map<string, number>();
  const findings: FindingRecord[] = [];
  const findingIndex = new Map<string, number>();
  let chars = 0;
  return {
    strings,
    findings,
    str: (text) => {
      const shown = controlsVisible(text);
      const known = stringIndex.get(shown);
      if (known !== undefined) return known;
      if (strings.length >= limits.strings || chars + shown.length > limits.chars) return shown;
      chars += shown.length;
      stringIndex.set(shown, strings.length);
      strings.push(shown);
      return strings.length - 1;
    },
    finding: (record) => {
      const key = JSON.stringify(record);
      const known = findingIndex.get(key);
      if (known !== undefined) return known;
      if (findings.length >= limits.findings || chars + key.length > limits.chars) return record;
      chars += key.length;
      findingIndex.set(key, findings.length);
      findings.push(record);
      return findings.length - 1;
    },
  };
};

/** Longest observed value shown in the HTML; the JSON report carries it in full. */
export const maxValueLength = 600;

/** An observed value as the page shows it: its JSON, cut at maxValueLength with `truncated` after it. */
export const valueText = (value: Json, truncated: string): string => {
  const text = JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength)}… ${truncated}` : text;
};

/** One finding as the page's data holds it. */
export const findingRecord = (tables: DataTables, f: Finding, truncated: string): FindingRecord => [
  tables.str(f.ruleId),
  statuses.indexOf(f.status),
  severities.indexOf(f.severity),
  tables.str(f.message),
  tables.str(f.remediation),
  f.evidence.map((e): [Ref, Ref, Ref] => [tables.str(e.fact), tables.str(valueText(e.actual, truncated)), tables.str(e.expected)]),
];

/** A source as [its folder (shared: thousands of snapshots sit in one), its file name]. */
export const sourceParts = (tables: DataTables, source: string): [Ref, string] => {
  const cut = Math.max(source.lastIndexOf('/'), source.lastIndexOf('\\')) + 1;
  return [tables.str(source.slice(0, cut)), controlsVisible(source.slice(cut))];
};

/** What a Ref stands for (the page script's `str`), for tests and checks. */
export const resolve = (strings: readonly string[], ref: Ref): string => (typeof ref === 'number' ? (strings[ref] ?? '') : ref);

/** JSON text safe inside a <script> element: no `<`, `>` or `&`, and no raw control or bidi character (jsonSafe). */
export const scriptSafe = (json: string): string => jsonSafe(json).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

/** Items of a JSON array in pieces of about 64 KiB, each item made by `item` when its turn comes. */
export function* arrayPieces<T>(items: Iterable<T>, item: (value: T) => unknown): Generator<string> {
  let piece = '[';
  let index = 0;
  for (const value of items) {
    piece += `${index === 0 ? '' : ','}${scriptSafe(JSON.stringify(item(value)))}`;
    index += 1;
    if (piece.length >= 65_536) {
      yield piece;
      piece = '';
    }
  }
  yield `${piece}]`;
}

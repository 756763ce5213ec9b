import type { Messages } from '../i18n/messages.js';
import type { SentenceWords } from '../i18n/sentences.js';
import { sentenceWordsFor } from '../i18n/sentences.js';
import type { Evidence, Finding, Json, Language, Report, Status } from '../model.js';
import { translateReason } from '../i18n/reason-parse.js';
import { severityRank } from '../model.js';
import { formatInstant, formatNumber } from '../i18n/intl.js';
import { todoList, verdict } from '../plain/todo.js';
import { terminalSafe as t } from './escape.js';
import type { ColorStyles, RenderOptions } from './reporter.js';
import { defineReporter } from './reporter.js';
import { reportFormats } from './choices.js';

const marks: Record<Status, string> = { pass: '✓', fail: '✗', error: '!', skip: '-', waived: '~', manual: '?' };

const paint = (status: Status, s: ColorStyles): ((text: string) => string) =>
  ({ pass: s.green, fail: s.red, error: s.magenta, skip: s.gray, waived: s.cyan, manual: s.yellow })[status];

/**
 * Readable report for a person at a terminal, grouped by theme; failures first within a theme.
 * Everything charter did not write itself (policy text, target names, finding messages and evidence,
 * which carry values read from the checked machine) goes through terminalSafe: no control, escape
 * or bidi character reaches the terminal or the .txt file.
 */
export const text = defineReporter({
  ...reportFormats.text,
  render: (report, options) => {
    const { styles: s, messages: m } = options;
    const lines: string[] = [];
    const extended = report.policy.extends?.map((p) => `${t(p.id)} ${t(p.version)}`).join(', ');
    lines.push(
      s.bold(t(report.policy.title)) +
        s.dim(` (${t(report.policy.id)} ${t(report.policy.version)}${extended ? ` + ${extended}` : ''}, sha256 ${t(report.policy.sha256.slice(0, 12))})`),
    );
    lines.push(
      `${m.target}: ${t(report.target.name)} (${report.target.kind}, ${report.target.platform}, ${report.target.class}) · ${t(formatInstant(report.language, report.startedAt))} · ${m.duration} ${formatNumber(report.language, report.durationMs)} ms`,
    );
    const order = new Map((options.themes ?? []).map((t, i) => [t.id, i]));
    const titles = new Map((options.themes ?? []).map((t) => [t.id, t.title]));
    const themes = [...new Set(report.findings.map((f) => f.theme))].sort(
      (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b),
    );
    const width = Math.max(...Object.values(m.status).map((w) => w.length));
    for (const theme of themes) {
      lines.push('', s.bold(t(titles.get(theme) ?? theme)));
      const findings = report.findings.filter((f) => f.theme === theme).sort(byUrgency);
      for (const finding of findings) lines.push(...renderFinding(finding, width, options, sentenceWordsFor(report.language), report.language));
    }
    lines.push('', s.bold(`${m.summary}: `) + summaryLine(report, s, m.counted), s.dim(m.threshold(options.failOn)));
    // What to do, worst first, then one line: does this machine meet the charter at --fail-on?
    const w = sentenceWordsFor(report.language);
    const todo = todoList(report);
    if (todo.length > 0) {
      lines.push('', s.bold(w.report.todo));
      const digits = String(todo.length).length;
      todo.forEach((item, i) =>
        lines.push(`  ${String(i + 1).padStart(digits)}. ${t(item.action)} ${s.dim(w.report.todoSource(t(item.ruleId), item.severity))}`),
      );
    }
    const judged = verdict(report, options.failOn, w);
    lines.push('', judged.meets ? s.green(judged.text) : s.red(judged.text));
    return `${lines.join('\n')}\n`;
  },
});

const urgency: Record<Status, number> = { fail: 0, error: 1, manual: 2, waived: 3, skip: 4, pass: 5 };
const byUrgency = (a: Finding, b: Finding): number => urgency[a.status] - urgency[b.status] || severityRank(b.severity) - severityRank(a.severity);

const renderFinding = (f: Finding, width: number, options: RenderOptions, w: SentenceWords, language: Language): string[] => {
  const { styles: s, messages: m } = options;
  const color = paint(f.status, s);
  const head = `  ${color(`${marks[f.status]} ${m.status[f.status].padEnd(width)}`)}  ${s.bold(t(f.ruleId))}  ${t(f.title)} ${s.dim(`[${m.severity[f.severity]}]`)}`;
  const indent = ' '.repeat(width + 6);
  if (f.status === 'pass') return f.attestation === undefined ? [head] : [head, `${indent}${t(f.message)}`, `${indent}${s.dim(t(f.attestation.source))}`];
  // A failure or an undecided point reads as its plain sentence; the raw message and evidence only with --verbose.
  const plain = f.sentence !== undefined && (f.status === 'fail' || f.status === 'error' || f.status === 'waived');
  const out = [head];
  // The message stays when it carries governance (a waiver applied, or ignored and why).
  if (f.status === 'waived' || f.waiver !== undefined || !plain || options.verbose === true) out.push(`${indent}${t(f.message)}`);
  if (plain) out.push(`${indent}${t(f.sentence ?? '')}`);
  if ((f.status === 'fail' || f.status === 'error' || f.status === 'waived') && (options.verbose === true || !plain))
    out.push(...renderConditions(f.evidence, indent, options, w, language));
  const record = f.waiver ?? f.attestation;
  if (record !== undefined) out.push(`${indent}${s.dim(t(record.source))}`);
  if (f.status === 'fail' || f.status === 'error' || f.status === 'manual') {
    const label = f.status === 'error' && plain ? w.report.toDecide.replace(/\s*:$/, '').toLocaleLowerCase(w.locale) : m.remediation;
    // Policy text may hold line breaks on purpose: each line is escaped and indented.
    out.push(`${indent}${s.cyan(`${label}:`)} ${f.remediation.split('\n').map(t).join(`\n${indent}  `)}`);
  }
  return out;
};

/**
 * The conditions of a finding: those that fail (or could not be decided) first, with observed and
 * expected; those that hold after them under their own label, so the two are never mixed.
 */
const renderConditions = (evidence: readonly Evidence[], indent: string, options: RenderOptions, w: SentenceWords, language: Language): string[] => {
  const failing = evidence.filter((e) => e.outcome !== 'holds');
  const holding = evidence.filter((e) => e.outcome === 'holds');
  const out = failing.flatMap((e) => renderEvidence(e, indent, options, language));
  if (holding.length > 0) {
    out.push(`${indent}${options.styles.dim(`${w.report.holding}:`)}`);
    out.push(...holding.flatMap((e) => renderEvidence(e, `${indent}  `, options, language)));
  }
  return out;
};

const renderEvidence = (e: Evidence, indent: string, { styles: s, messages: m }: RenderOptions, language: Language): string[] => [
  `${indent}${s.dim(`${m.observed}:`)} ${t(e.fact)} = ${describeValue(e.actual, `${indent}  `, m.socket, language)}`,
  `${indent}${s.dim(`${m.expected}:`)} ${t(e.expected)}`,
];

/** A listening socket in a line: endpoint, process and service, saying which are unknown. */
const describeSocket = (o: Record<string, Json>, words: Messages['socket']): string | undefined => {
  const { address, port, protocol, process, service, category } = o;
  if (typeof address !== 'string' || typeof port !== 'number') return undefined;
  const host = address.includes(':') ? `[${address}]` : address;
  const proc = typeof process === 'string' ? words.process(process) : words.processUnknown;
  const what = typeof service === 'string' ? service : category === null ? words.serviceUnknown : words.noKnownService;
  return `${host}:${String(port)}${typeof protocol === 'string' ? `/${protocol}` : ''} (${proc}, ${what})`;
};

/** Lists of items with evidence read better one per line than as JSON. */
const describeValue = (value: Json, indent: string, words: Messages['socket'], language: Language): string => {
  if (Array.isArray(value) && value.length > 0 && value.every((v) => typeof v === 'object' && v !== null && !Array.isArray(v))) {
    return value
      .map((item) => {
        const o = item as Record<string, Json>;
        const label = [o.name, o.id, o.path, o.mount, o.device, describeSocket(o, words)].find((v) => typeof v === 'string') ?? JSON.stringify(o);
        // How the item was found, as catalogued messages in the report's language (paths and names as written).
        const evidence = Array.isArray(o.evidence)
          ? `: ${o.evidence.map((e) => (typeof e === 'string' ? translateReason(e, language) : JSON.stringify(e))).join('; ')}`
          : '';
        // Why an item with evidence is (not) allowed, e.g. a software.apps entry's catalog reason.
        const reason = evidence !== '' && typeof o.reason === 'string' ? ` (${o.reason})` : '';
        return `\n${indent}- ${t(label)}${t(reason)}${t(evidence)}`;
      })
      .join('');
  }
  const textValue = JSON.stringify(value);
  return t(textValue.length > 300 ? `${textValue.slice(0, 297)}...` : textValue);
};

const summaryLine = (report: Report, s: ColorStyles, counted: Messages['counted']): string =>
  (Object.keys(report.summary) as Status[])
    .map((status) => {
      const count = report.summary[status];
      const textValue = counted[status](count);
      return count > 0 ? paint(status, s)(textValue) : s.dim(textValue);
    })
    .join(' · ');

import type { SentenceWords } from '../i18n/sentences.js';
import { sentenceWordsFor } from '../i18n/sentences.js';
import type { Messages } from '../i18n/messages.js';
import type { Evidence, Finding, Json, Status } from '../model.js';
import { severityRank } from '../model.js';
import { todoList, verdict } from '../plain/todo.js';
import { valueFormat } from '../plain/values.js';
import { htmlEscape as h } from './escape.js';
import type { RenderOptions } from './reporter.js';
import { defineReporter } from './reporter.js';
import { reportFormats } from './choices.js';

/**
 * One self-contained page for the agent: the verdict, the to-do list worst first, then each finding
 * by theme, failures as their plain sentence and what to do. No script, no request (the CSP allows
 * inline style only), printable (print CSS, details opened). Every string charter did not write
 * itself (target names, messages, evidence, policy text) goes through htmlEscape.
 */
export const html = defineReporter({
  ...reportFormats.html,
  render: (report, options) => {
    const m = options.messages;
    const w = sentenceWordsFor(report.language);
    const when = valueFormat(w, 'UTC', new Date(report.startedAt)).date(report.startedAt);
    const judged = verdict(report, options.failOn, w);
    const todo = todoList(report);
    const title = `${report.policy.title} · ${report.target.name}`;
    const order = new Map((options.themes ?? []).map((t, i) => [t.id, i]));
    const titles = new Map((options.themes ?? []).map((t) => [t.id, t.title]));
    const themes = [...new Set(report.findings.map((f) => f.theme))].sort(
      (a, b) => (order.get(a) ?? Infinity) - (order.get(b) ?? Infinity) || a.localeCompare(b),
    );
    const summary = (Object.keys(report.summary) as Status[])
      .map((s) => `<li class="${s}"><b>${report.summary[s]}</b> ${h(m.status[s].toLocaleLowerCase(w.locale))}</li>`)
      .join('');
    const body = [
      '<header>',
      `<h1>${h(report.policy.title)}</h1>`,
      `<p class="meta">${h(w.report.printedFor(report.target.name, when))} · ${h(report.policy.id)} ${h(report.policy.version)} · sha256 ${h(report.policy.sha256.slice(0, 12))}</p>`,
      `<p class="verdict ${judged.meets ? 'meets' : 'fails'}" role="status">${h(judged.text)}</p>`,
      `<ul class="summary">${summary}</ul>`,
      '</header>',
      '<main>',
      todo.length === 0
        ? `<section class="todo"><h2>${h(w.report.todo.replace(/\s*:$/, ''))}</h2><p>${h(w.report.nothingToDo)}</p></section>`
        : `<section class="todo"><h2>${h(w.report.todo.replace(/\s*:$/, ''))}</h2><ol>${todo
            .map(
              (item) =>
                `<li class="sev-${item.severity}"><a href="#rule-${anchor(item.ruleId)}">${h(item.action)}</a> <span class="source">${h(w.report.todoSource(item.ruleId, item.severity))}</span></li>`,
            )
            .join('')}</ol></section>`,
      `<section class="findings"><h2>${h(w.report.findings)}</h2>`,
      ...themes.map(
        (theme) =>
          `<section class="theme"><h3>${h(titles.get(theme) ?? theme)}</h3>${report.findings
            .filter((f) => f.theme === theme)
            .sort(byUrgency)
            .map((f) => renderFinding(f, options, w))
            .join('')}</section>`,
      ),
      '</section>',
      '</main>',
      `<footer><p>${h(report.tool.name)} ${h(report.tool.version)} · ${h(m.threshold(options.failOn))} · ${h(m.duration)} ${report.durationMs} ms</p></footer>`,
    ].join('\n');
    return `<!doctype html>
<html lang="${h(report.language)}">
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${h(title)}</title>
<style>${css}</style>
</head>
<body>
${body}
</body>
</html>
`;
  },
});

const urgency: Record<Status, number> = { fail: 0, error: 1, manual: 2, waived: 3, skip: 4, pass: 5 };
const byUrgency = (a: Finding, b: Finding): number => urgency[a.status] - urgency[b.status] || severityRank(b.severity) - severityRank(a.severity);

/** An id fragment from a rule id: letters, digits, `-` and `_` kept, anything else as its code point. */
const anchor = (ruleId: string): string => ruleId.replace(/[^A-Za-z0-9_-]/g, (c) => `_${(c.codePointAt(0) ?? 0).toString(16)}`);

const renderFinding = (f: Finding, options: RenderOptions, w: SentenceWords): string => {
  const m = options.messages;
  const open = f.status === 'fail' || f.status === 'error';
  const head = `<h4><span class="status">${h(m.status[f.status])}</span> <span class="rule">${h(f.ruleId)}</span> ${h(f.title)} <span class="sev sev-${f.severity}">${h(w.report.severity[f.severity])}</span></h4>`;
  const lines: string[] = [];
  if (f.sentence !== undefined && (open || f.status === 'waived')) lines.push(`<p class="sentence">${h(f.sentence)}</p>`);
  if (f.sentence === undefined || f.status === 'waived' || f.waiver !== undefined || f.status === 'skip' || f.status === 'manual' || options.verbose === true) {
    if (f.status !== 'pass' || f.attestation !== undefined) lines.push(`<p class="message">${h(f.message)}</p>`);
  }
  const record = f.waiver ?? f.attestation;
  if (record !== undefined) lines.push(`<p class="source">${h(record.source)}</p>`);
  if (open || f.status === 'manual') {
    const label = f.status === 'error' ? w.report.toDecide : w.report.whatToDo;
    lines.push(`<p class="remedy"><strong>${h(label)}</strong> ${h(f.remediation)}</p>`);
  }
  if ((open || f.status === 'waived') && options.verbose === true && f.evidence.length > 0) lines.push(evidenceTable(f.evidence, m, w));
  return `<article class="finding ${f.status}" id="rule-${anchor(f.ruleId)}">${head}${lines.join('')}</article>`;
};

/** The conditions: those that fail (or could not be decided) first, those that hold apart. */
const evidenceTable = (evidence: readonly Evidence[], m: Messages, w: SentenceWords): string => {
  const rows = (list: readonly Evidence[]): string =>
    list.map((e) => `<tr><th scope="row"><code>${h(e.fact)}</code></th><td><code>${h(shown(e.actual))}</code></td><td>${h(e.expected)}</td></tr>`).join('');
  const failing = evidence.filter((e) => e.outcome !== 'holds');
  const holding = evidence.filter((e) => e.outcome === 'holds');
  const table = (caption: string, list: readonly Evidence[]): string =>
    list.length === 0
      ? ''
      : `<table class="evidence"><caption>${h(caption)}</caption><thead><tr><th scope="col"></th><th scope="col">${h(m.observed)}</th><th scope="col">${h(m.expected)}</th></tr></thead><tbody>${rows(list)}</tbody></table>`;
  return `<details class="evidence" open><summary>${h(m.observed)} / ${h(m.expected)}</summary>${table(w.report.failing, failing)}${table(w.report.holding, holding)}</details>`;
};

const shown = (value: Json): string => {
  const text = JSON.stringify(value, null, 1);
  return text.length > 4000 ? `${text.slice(0, 3997)}...` : text;
};

const css = `
:root{color-scheme:light;--fail:#b00020;--error:#7b1fa2;--pass:#1b5e20;--skip:#616161;--manual:#8d6e00;--waived:#00695c;--line:#d0d0d0}
*{box-sizing:border-box}
body{font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;margin:0 auto;max-width:60rem;padding:1.5rem;color:#111;background:#fff}
h1{font-size:1.6rem;margin:0 0 .25rem}
h2{font-size:1.25rem;border-bottom:2px solid var(--line);padding-bottom:.2rem;margin-top:2rem}
h3{font-size:1.1rem;margin:1.5rem 0 .5rem}
h4{font-size:1rem;margin:0 0 .3rem}
.meta,.source,footer{color:#555;font-size:.9rem}
.verdict{font-weight:600;padding:.6rem .8rem;border-left:.4rem solid;margin:1rem 0}
.verdict.meets{border-color:var(--pass);background:#e8f5e9}
.verdict.fails{border-color:var(--fail);background:#fdecea}
.summary{list-style:none;padding:0;display:flex;flex-wrap:wrap;gap:.4rem 1.2rem}
.todo ol{padding-left:1.6rem}
.todo li{margin:.3rem 0}
.todo a{color:inherit}
.finding{border:1px solid var(--line);border-left:.35rem solid var(--skip);border-radius:.25rem;padding:.6rem .8rem;margin:.6rem 0;break-inside:avoid}
.finding.fail{border-left-color:var(--fail)}
.finding.error{border-left-color:var(--error)}
.finding.pass{border-left-color:var(--pass)}
.finding.manual{border-left-color:var(--manual)}
.finding.waived{border-left-color:var(--waived)}
.finding.pass,.finding.skip{padding:.3rem .8rem}
.finding.pass h4,.finding.skip h4{font-weight:normal}
.status{font-weight:700;font-size:.85rem;letter-spacing:.03em}
.fail .status{color:var(--fail)}.error .status{color:var(--error)}.pass .status{color:var(--pass)}.manual .status{color:var(--manual)}.waived .status{color:var(--waived)}.skip .status{color:var(--skip)}
.rule{font-family:ui-monospace,monospace}
.sev{font-size:.8rem;border:1px solid currentColor;border-radius:.6rem;padding:0 .45rem;color:#555;white-space:nowrap}
.sev-critical .sev,.sev.sev-critical{color:var(--fail)}
.sentence{font-size:1.05rem;margin:.2rem 0}
.remedy,.message{white-space:pre-line;margin:.3rem 0}
.message{color:#444}
table.evidence{border-collapse:collapse;width:100%;margin:.4rem 0;font-size:.85rem}
table.evidence caption{text-align:left;font-weight:600}
table.evidence th,table.evidence td{border:1px solid var(--line);padding:.2rem .4rem;vertical-align:top;text-align:left}
table.evidence code{white-space:pre-wrap;word-break:break-word}
@media print{
  body{max-width:none;padding:0;font-size:11pt}
  a{text-decoration:none}
  .verdict.meets,.verdict.fails{background:none}
  .finding{border-color:#999}
  details>summary{display:none}
  h2,h3{break-after:avoid}
  @page{margin:15mm}
}
`;

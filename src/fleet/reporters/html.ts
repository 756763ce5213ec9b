import { createHash } from 'node:crypto';
import type { Messages } from '../../i18n/messages.js';
import { formatInstant, localeFor } from '../../i18n/intl.js';
import type { Finding, Json, Language, Status } from '../../model.js';
import { severities, severityRank } from '../../model.js';
import { htmlEscape as escapeHtml, jsonSafe } from '../../reporters/escape.js';
import type { AuditReport, RuleAggregate } from '../model.js';
import { fleetCss, fleetJs } from './html-assets.js';
import { hostIdentityView } from './host-identity.js';
import type { HostState, HostView } from './host-view.js';
import { byWorst, failingRules, hostStateOrder, hostViews, isFailing, notChecked } from './host-view.js';
import type { IdentityLabels } from './identity-labels.js';
import { identityLabelsFor, stateLabel } from './identity-labels.js';
import type { FleetLabels } from './labels.js';
import { fleetLabelsFor } from './labels.js';
import type { FleetRenderOptions } from './reporter.js';
import { defineFleetReporter } from './reporter.js';
import { changeNote, changesSection, groupsSection } from './html-changes.js';
import { changeLabelsFor } from './change-labels.js';

/**
 * JSON safe inside a <script> element: no `<`, `>` or `&` can close it or open a comment, and no
 * raw control or bidi character (jsonSafe, which writes U+2028 and U+2029 as escapes too).
 */
export const scriptJson = (value: unknown): string =>
  jsonSafe(JSON.stringify(value)).replace(/</g, '\\u003c').replace(/>/g, '\\u003e').replace(/&/g, '\\u0026');

const sha256 = (text: string): string => `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;

/** No network at all: nothing but the inline style and script whose hashes are listed. */
export const contentSecurityPolicy = `default-src 'none'; style-src ${sha256(fleetCss)}; script-src ${sha256(fleetJs)}; base-uri 'none'; form-action 'none'`;

/** Longest observed value shown in the HTML; the JSON report carries it in full. */
const maxValueLength = 600;

const urgency: Record<Status, number> = { fail: 0, error: 1, manual: 2, waived: 3, skip: 4, pass: 5 };

/** A duration in the language's digits (`1,5 s` in French and German). */
const formatDuration = (language: Language, ms: number): string => {
  const number = (value: number, digits = 0): string =>
    new Intl.NumberFormat(localeFor(language), { minimumFractionDigits: digits, maximumFractionDigits: digits }).format(value);
  if (ms < 1000) return `${number(Math.round(ms))} ms`;
  const s = ms / 1000;
  if (s < 120) return `${number(s, 1)} s`;
  const m = Math.floor(s / 60);
  return `${number(m)} min ${number(Math.round(s - m * 60))} s`;
};

interface Context {
  audit: AuditReport;
  m: Messages;
  l: FleetLabels;
  il: IdentityLabels;
  /** The remediation most findings of a rule carry: shown once in the rules table. */
  remediation: Map<string, string>;
  ruleAnchor: Map<string, string>;
}

/**
 * One self-contained HTML file: no external resource, a CSP that forbids the network, every string
 * from the audited machines escaped. Passing findings collapse to a count per host; fails, errors,
 * skips and the rest are kept in full.
 */
export const html = defineFleetReporter({
  name: 'html',
  extension: '.html',
  otherExtensions: ['.htm'],
  description: 'self-contained HTML fleet report (summary, chart, sortable hosts table, findings)',
  render: (audit, options) => [...htmlChunks(audit, options)].join(''),
  chunks: (audit, options) => htmlChunks(audit, options),
});

/** Lines as the page's text: each followed by a newline. */
const text = (lines: readonly string[]): string => (lines.length === 0 ? '' : `${lines.join('\n')}\n`);

/** The page in pieces (a section, or one host's findings): a fleet of 30,000 hosts is never one string. */
function* htmlChunks(audit: AuditReport, options: FleetRenderOptions): Generator<string> {
  const ctx: Context = {
    audit,
    m: options.messages,
    l: fleetLabelsFor(audit.language),
    il: identityLabelsFor(audit.language),
    remediation: canonicalRemediations(audit),
    ruleAnchor: new Map(audit.rules.map((r, i) => [r.ruleId, `r${i}`])),
  };
  // Worst first, in every section: the hosts table, the hosts not checked, the findings.
  const views = hostViews(audit).sort(byWorst);
  const { l } = ctx;
  const title = `${l.title} · ${audit.policy.title || audit.policy.id}`;
  yield text([
    '<!doctype html>',
    `<html lang="${escapeHtml(audit.language)}">`,
    '<head>',
    '<meta charset="utf-8">',
    `<meta http-equiv="Content-Security-Policy" content="${escapeHtml(contentSecurityPolicy)}">`,
    '<meta name="referrer" content="no-referrer">',
    '<meta name="viewport" content="width=device-width, initial-scale=1">',
    `<meta name="generator" content="${escapeHtml(`${audit.tool.name} ${audit.tool.version}`)}">`,
    `<title>${escapeHtml(title)}</title>`,
    `<style>${fleetCss}</style>`,
    '</head>',
    '<body>',
  ]);
  yield text(header(ctx));
  yield text(['<main>']);
  yield text(summary(ctx));
  yield text(chartSection(ctx));
  yield text(groupsSection(audit, l));
  yield text(changesSection(audit, l));
  yield text(hostsSection(ctx, views));
  yield text(notCheckedSection(ctx, views));
  yield text(rulesSection(ctx));
  for (const lines of findingsSection(ctx, views)) yield text(lines);
  yield text([
    '</main>',
    `<footer>${escapeHtml(`${audit.tool.name} ${audit.tool.version}`)} · ${escapeHtml(ctx.m.threshold(audit.failOn))}</footer>`,
    `<script type="application/json" id="fleet-data">${scriptJson(tableData(ctx, views))}</script>`,
    `<script>${fleetJs}</script>`,
    '</body>',
    '</html>',
  ]);
}

/** push(...lines) overflows the stack for tens of thousands of lines. */
const append = (out: string[], lines: readonly string[]): void => {
  for (const line of lines) out.push(line);
};

const canonicalRemediations = (audit: AuditReport): Map<string, string> => {
  const tally = new Map<string, Map<string, number>>();
  for (const host of audit.hosts) {
    for (const f of host.report?.findings ?? []) {
      const byText = tally.get(f.ruleId) ?? new Map<string, number>();
      byText.set(f.remediation, (byText.get(f.remediation) ?? 0) + 1);
      tally.set(f.ruleId, byText);
    }
  }
  const result = new Map<string, string>();
  for (const [ruleId, byText] of tally) {
    let best: [string, number] | undefined;
    for (const entry of byText) if (best === undefined || entry[1] > best[1]) best = entry;
    if (best !== undefined) result.set(ruleId, best[0]);
  }
  return result;
};

const header = ({ audit, l }: Context): string[] => [
  '<header>',
  `<h1>${escapeHtml(l.title)}: ${escapeHtml(audit.policy.title || audit.policy.id)}</h1>`,
  `<p class="meta">${escapeHtml(l.policy)}: <code>${escapeHtml(audit.policy.id)}</code> ${escapeHtml(audit.policy.version)} · sha256 <code>${escapeHtml(audit.policy.sha256)}</code></p>`,
  `<p class="meta">${escapeHtml(l.started)}: <time datetime="${escapeHtml(audit.startedAt)}">${escapeHtml(formatInstant(audit.language, audit.startedAt))}</time> · ${escapeHtml(l.duration)}: ${escapeHtml(formatDuration(audit.language, audit.durationMs))}</p>`,
  '</header>',
];

const summary = ({ audit, l, il, m }: Context): string[] => {
  const s = audit.summary;
  const card = (cls: string, n: number, label: string): string => `<li class="${cls}"><span class="n">${n}</span> ${escapeHtml(label)}</li>`;
  const out = ['<section aria-labelledby="summary-title">', `<h2 id="summary-title">${escapeHtml(m.summary)}</h2>`];
  if (!audit.complete) out.push(`<p class="banner" role="alert">${escapeHtml(l.incomplete(s.notChecked))}</p>`);
  out.push(
    '<ul class="cards">',
    card('', s.total, `${l.hosts} (${l.total})`),
    card('', s.checked, l.checked),
    card('good', s.compliant, l.state.compliant),
    card(s.nonCompliant - s.undetermined > 0 ? 'bad' : '', s.nonCompliant - s.undetermined, l.state['non-compliant']),
    card(s.undetermined > 0 ? 'bad' : '', s.undetermined, il.undetermined),
    card(s.notChecked > 0 ? 'warn' : '', s.notChecked, l.notChecked),
    card(s.incomplete > 0 ? 'warn' : '', s.incomplete, l.incompleteHosts),
    card(s.stale > 0 ? 'warn' : '', s.stale, il.staleHosts),
    ...(s.duplicates > 0 ? [card('warn', s.duplicates, il.duplicateTargets)] : []),
    '</ul>',
    `<p class="muted">${escapeHtml(m.threshold(audit.failOn))}</p>`,
    '</section>',
  );
  return out;
};

const chartSection = (ctx: Context): string[] => [
  '<section aria-labelledby="chart-heading">',
  `<h2 id="chart-heading">${escapeHtml(ctx.l.failingHostsPerRule)}</h2>`,
  ...chart(ctx, failingRules(ctx.audit)),
  '</section>',
];

const rulesSection = (ctx: Context): string[] => {
  const { audit, l, m } = ctx;
  const out = ['<section aria-labelledby="rules-title">', `<h2 id="rules-title">${escapeHtml(l.rules)}</h2>`];
  const sorted = [...audit.rules].sort(
    (a, b) =>
      b.counts.fail + b.counts.error - (a.counts.fail + a.counts.error) ||
      severityRank(b.severity) - severityRank(a.severity) ||
      a.ruleId.localeCompare(b.ruleId),
  );
  const shown: Status[] = ['fail', 'error', 'skip', 'pass'];
  out.push(
    '<table class="rules">',
    `<caption class="sr-only">${escapeHtml(l.rules)}</caption>`,
    `<thead><tr><th scope="col">${escapeHtml(l.rule)}</th><th scope="col">${escapeHtml(l.severity)}</th>${shown
      .map((s) => `<th scope="col" class="num">${escapeHtml(m.status[s])}</th>`)
      .join('')}<th scope="col">${escapeHtml(m.remediation)}</th></tr></thead>`,
    '<tbody>',
  );
  for (const rule of sorted) {
    // A rule no machine can decide is attested by people: its hosts are `manual`, not 0/0/0/0.
    const attest = shown.every((s) => rule.counts[s] === 0) && rule.counts.manual > 0;
    const counts = attest
      ? `<td class="attest" colspan="${shown.length}">${escapeHtml(ctx.il.attest(rule.counts.manual))}</td>`
      : shown.map((s) => `<td class="num">${rule.counts[s]}</td>`).join('');
    out.push(
      `<tr id="${ctx.ruleAnchor.get(rule.ruleId) ?? ''}"><th scope="row"><code>${escapeHtml(rule.ruleId)}</code> ${escapeHtml(rule.title)}</th><td>${escapeHtml(m.severity[rule.severity])}</td>${counts}<td>${escapeHtml(ctx.remediation.get(rule.ruleId) ?? '')}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>', '</section>');
  return out;
};

/** Horizontal stacked bars (fail, error) per failing rule, drawn here: no chart library, no script. */
const chart = ({ l, m }: Context, rules: RuleAggregate[]): string[] => {
  if (rules.length === 0) return [`<p>${escapeHtml(l.noRuleFails)}</p>`];
  const labelWidth = 320;
  const barWidth = 420;
  const rowHeight = 24;
  const top = 28;
  const width = labelWidth + barWidth + 110;
  const height = top + rules.length * rowHeight + 8;
  const max = Math.max(...rules.map((r) => r.counts.fail + r.counts.error));
  const label = (r: RuleAggregate): string => {
    const full = `${r.ruleId} ${r.title}`;
    return full.length > 44 ? `${full.slice(0, 43)}…` : full;
  };
  const out = [
    `<figure><svg class="chart" role="img" aria-labelledby="chart-title" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" xmlns="http://www.w3.org/2000/svg">`,
    `<title id="chart-title">${escapeHtml(l.failingHostsPerRule)}</title>`,
    `<rect x="${labelWidth}" y="6" width="12" height="12" fill="#b3261e"/><text x="${labelWidth + 16}" y="16">${escapeHtml(m.status.fail)}</text>`,
    `<rect x="${labelWidth + 110}" y="6" width="12" height="12" fill="#7b1fa2"/><text x="${labelWidth + 126}" y="16">${escapeHtml(m.status.error)}</text>`,
  ];
  rules.forEach((r, i) => {
    const y = top + i * rowHeight;
    const fail = (r.counts.fail / max) * barWidth;
    const error = (r.counts.error / max) * barWidth;
    const tip = `${r.ruleId} ${r.title} (${m.severity[r.severity]}): ${m.counted.fail(r.counts.fail)}, ${m.counted.error(r.counts.error)}`;
    out.push(
      `<g><title>${escapeHtml(tip)}</title>`,
      `<text x="${labelWidth - 8}" y="${y + 15}" text-anchor="end">${escapeHtml(label(r))}</text>`,
      `<rect x="${labelWidth}" y="${y + 3}" width="${fail.toFixed(1)}" height="${rowHeight - 8}" fill="#b3261e"/>`,
      `<rect x="${(labelWidth + fail).toFixed(1)}" y="${y + 3}" width="${error.toFixed(1)}" height="${rowHeight - 8}" fill="#7b1fa2"/>`,
      `<text x="${(labelWidth + fail + error + 6).toFixed(1)}" y="${y + 15}">${r.counts.fail + r.counts.error}</text>`,
      '</g>',
    );
  });
  out.push('</svg>', '</figure>');
  return out;
};

const stateBadge = (l: FleetLabels, il: IdentityLabels, state: HostState): string =>
  `<span class="st st-${state}">${escapeHtml(stateLabel(l, il, state))}</span>`;

/** The notes of a row (stale, one machine seen twice, a shared machine id), each on its own line. */
const notesHtml = (notes: readonly string[]): string => notes.map((n) => `<br><small class="note">${escapeHtml(n)}</small>`).join('');

/** After the state of a checked host some of whose probes could not see everything; empty otherwise. */
const incompleteBadge = (l: FleetLabels, v: HostView): string =>
  v.incomplete.length === 0 ? '' : ` <span class="st st-incomplete">${escapeHtml(l.incompleteProbes(v.incomplete.join(', ')))}</span>`;

const hostAnchor = (index: number): string => `h${index}`;

const hostsSection = ({ audit, l, il, m }: Context, views: HostView[]): string[] => {
  const out = ['<section aria-labelledby="hosts-title">', `<h2 id="hosts-title">${escapeHtml(l.hosts)}</h2>`];
  const options = [
    `<option value="">${escapeHtml(l.anyStatus)}</option>`,
    `<option value="non-compliant">${escapeHtml(l.state['non-compliant'])}</option>`,
    `<option value="undetermined">${escapeHtml(il.undetermined)}</option>`,
    `<option value="compliant">${escapeHtml(l.state.compliant)}</option>`,
    `<option value="not-checked">${escapeHtml(l.notChecked)}</option>`,
  ];
  out.push(
    '<div class="controls">',
    `<label for="host-filter">${escapeHtml(l.filter)}<input id="host-filter" type="search" autocomplete="off"></label>`,
    `<label for="state-filter">${escapeHtml(l.status)}<select id="state-filter">${options.join('')}</select></label>`,
    ...groupFilter(audit),
    '<p id="host-count" class="muted" aria-live="polite"></p>',
    '</div>',
  );
  const col = (index: number, label: string, numeric: boolean, first: 'ascending' | 'descending' = numeric ? 'descending' : 'ascending'): string =>
    `<th scope="col" data-col="${index}" aria-sort="none"${numeric ? ' class="num"' : ''} data-first="${first}"><button type="button">${escapeHtml(label)}</button></th>`;
  out.push(
    '<table id="hosts-table">',
    `<caption class="sr-only">${escapeHtml(l.hosts)}</caption>`,
    `<thead><tr>${col(0, l.host, false)}${col(9, il.hostName, false)}${col(10, il.system, false)}${col(8, il.collected, false, 'descending')}${col(1, l.status, false)}${col(2, l.columns.fail, true)}${col(3, l.columns.error, true)}${col(4, l.columns.pass, true)}${col(5, l.worstSeverity, false, 'descending')}${audit.groups === undefined ? '' : col(11, changeLabelsFor(audit.language).group, false)}</tr></thead>`,
    '<tbody>',
  );
  views.forEach((v, i) => {
    const checked = v.host.status === 'checked';
    const who = hostIdentityView(v.host, il, audit.staleAfterDays);
    const stale = who.stale ? ` <span class="st st-stale">${escapeHtml(il.staleHosts)}</span>` : '';
    const change = changeNote(audit, v.host.change);
    out.push(
      `<tr><th scope="row"><a href="#${hostAnchor(i)}">${escapeHtml(v.host.name)}</a></th>` +
        `<td class="mono">${escapeHtml(who.hostName)}</td><td>${escapeHtml(who.system)}</td>` +
        `<td>${who.collectedAt === '' ? '—' : `<time datetime="${escapeHtml(who.collectedAt)}">${escapeHtml(who.collected)}</time>`}${stale}</td>` +
        `<td>${stateBadge(l, il, v.state)}${incompleteBadge(l, v)}${notesHtml([...who.notes.filter((_, n) => n > 0 || !who.stale), ...(change === '' ? [] : [change])])}</td>` +
        (checked
          ? `<td class="num">${v.counts.fail}</td><td class="num">${v.counts.error}</td><td class="num">${v.counts.pass}</td><td>${escapeHtml(v.worst === undefined ? '—' : m.severity[v.worst])}</td>`
          : '<td class="num">—</td><td class="num">—</td><td class="num">—</td><td>—</td>') +
        (audit.groups === undefined ? '' : `<td>${escapeHtml((v.host.groups ?? []).join(', '))}</td>`) +
        '</tr>',
    );
  });
  out.push(
    '</tbody>',
    '</table>',
    // Shown by the page script when the hosts fill more than one page; without a script every row shows.
    `<nav id="host-pages" aria-label="${escapeHtml(l.hosts)}" hidden><button type="button" id="page-prev">${escapeHtml(l.pages.previous)}</button> <span id="page-status" aria-live="polite"></span> <button type="button" id="page-next">${escapeHtml(l.pages.next)}</button></nav>`,
    '</section>',
  );
  return out;
};

const notCheckedSection = ({ audit, l, il }: Context, views: HostView[]): string[] => {
  const missing = notChecked(audit);
  if (missing.length === 0) return [];
  const out = [
    '<section aria-labelledby="not-checked-title">',
    `<h2 id="not-checked-title">${escapeHtml(`${l.hosts} ${l.notChecked}`)} (${missing.length})</h2>`,
    '<table class="not-checked">',
    `<thead><tr><th scope="col">${escapeHtml(l.host)}</th><th scope="col">${escapeHtml(l.source)}</th><th scope="col">${escapeHtml(l.status)}</th><th scope="col">${escapeHtml(l.reason)}</th></tr></thead>`,
    '<tbody>',
  ];
  views.forEach((v, i) => {
    if (v.host.status === 'checked') return;
    out.push(
      `<tr id="${hostAnchor(i)}"><th scope="row">${escapeHtml(v.host.name)}</th><td class="mono">${escapeHtml(v.host.source)}</td><td>${stateBadge(l, il, v.state)}</td><td>${escapeHtml(v.host.reason ?? '')}</td></tr>`,
    );
  });
  out.push('</tbody>', '</table>', '</section>');
  return out;
};

/** The findings of every checked host, one host's lines at a time (each host's report is read here, once). */
function* findingsSection(ctx: Context, views: HostView[]): Generator<string[]> {
  const { l, il } = ctx;
  yield ['<section aria-labelledby="findings-title">', `<h2 id="findings-title">${escapeHtml(l.findings)}</h2>`];
  for (const [i, v] of views.entries()) {
    const report = v.host.status === 'checked' ? v.host.report : undefined;
    if (report === undefined) continue;
    const out: string[] = [];
    const who = hostIdentityView(v.host, il, ctx.audit.staleAfterDays);
    const counts = `${ctx.m.counted.fail(v.counts.fail)} · ${ctx.m.counted.error(v.counts.error)} · ${ctx.m.counted.pass(v.counts.pass)}`;
    out.push(
      `<details id="${hostAnchor(i)}"><summary>${stateBadge(l, il, v.state)}${incompleteBadge(l, v)} <strong>${escapeHtml(v.host.name)}</strong> <span class="muted">${escapeHtml(counts)}</span></summary>`,
      `<p class="meta muted">${escapeHtml(l.source)}: <span class="mono">${escapeHtml(v.host.source)}</span> · ${escapeHtml(report.target.kind)}, ${escapeHtml(report.target.platform)}` +
        (who.hostName === '' ? '' : ` · ${escapeHtml(il.hostName)}: <span class="mono">${escapeHtml(who.hostName)}</span> · ${escapeHtml(who.system)}`) +
        ` · ${escapeHtml(il.collected)}: ${escapeHtml(who.collected === '' ? formatInstant(ctx.audit.language, report.startedAt) : who.collected)}</p>`,
    );
    if (who.notes.length > 0) out.push(`<ul class="notes">${who.notes.map((n) => `<li>${escapeHtml(n)}</li>`).join('')}</ul>`);
    if (v.host.incomplete !== undefined && v.host.incomplete.length > 0) {
      out.push(
        `<ul class="incomplete">${v.host.incomplete.map((p) => `<li><code>${escapeHtml(p.probe)}</code>: ${escapeHtml(p.message)}</li>`).join('')}</ul>`,
      );
    }
    const shown = report.findings.filter((f) => f.status !== 'pass').sort(byUrgency);
    if (shown.length > 0) append(out, findingsTable(ctx, shown));
    out.push(`<p class="muted">${escapeHtml(report.findings.length === 0 ? l.noFindings : l.passing(v.counts.pass))}</p>`, '</details>');
    yield out;
  }
  yield ['</section>'];
}

const byUrgency = (a: Finding, b: Finding): number =>
  urgency[a.status] - urgency[b.status] || severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId);

/** A finding shown alone: it fails, errs, carries evidence or its own remediation. Others group by status and message. */
const standsAlone = (ctx: Context, f: Finding): boolean =>
  isFailing(f) || f.evidence.length > 0 || (f.status === 'manual' && ctx.remediation.get(f.ruleId) !== f.remediation);

const ruleLink = (ctx: Context, ruleId: string): string => {
  const anchor = ctx.ruleAnchor.get(ruleId);
  return anchor === undefined ? `<code>${escapeHtml(ruleId)}</code>` : `<a href="#${anchor}"><code>${escapeHtml(ruleId)}</code></a>`;
};

const findingsTable = (ctx: Context, findings: Finding[]): string[] => {
  const { l, m } = ctx;
  const out = [
    '<table class="findings">',
    `<thead><tr><th scope="col">${escapeHtml(l.rule)}</th><th scope="col">${escapeHtml(l.status)}</th><th scope="col">${escapeHtml(l.message)}</th><th scope="col">${escapeHtml(`${m.observed} / ${m.expected}`)}</th><th scope="col">${escapeHtml(m.remediation)}</th></tr></thead>`,
    '<tbody>',
  ];
  const groups = new Map<string, Finding[]>();
  for (const f of findings) {
    if (standsAlone(ctx, f)) {
      const anchor = ctx.ruleAnchor.get(f.ruleId);
      const remediation =
        ctx.remediation.get(f.ruleId) === f.remediation && anchor !== undefined
          ? `<a href="#${anchor}">${escapeHtml(l.seeRule)} ${escapeHtml(f.ruleId)}</a>`
          : escapeHtml(f.remediation);
      out.push(
        `<tr><th scope="row">${ruleLink(ctx, f.ruleId)} <small>${escapeHtml(ctx.m.severity[f.severity])}</small></th><td><span class="st st-${f.status}">${escapeHtml(m.status[f.status])}</span></td><td>${escapeHtml(f.message)}</td><td>${evidence(ctx, f)}</td><td>${remediation}</td></tr>`,
      );
      continue;
    }
    const key = `${f.status}\n${f.message}`;
    const group = groups.get(key) ?? [];
    group.push(f);
    groups.set(key, group);
  }
  for (const group of groups.values()) {
    const first = group[0];
    if (first === undefined) continue;
    out.push(
      `<tr><th scope="row">${group.map((f) => ruleLink(ctx, f.ruleId)).join(' ')}</th><td><span class="st st-${first.status}">${escapeHtml(m.status[first.status])}</span></td><td>${escapeHtml(first.message)}</td><td></td><td></td></tr>`,
    );
  }
  out.push('</tbody>', '</table>');
  return out;
};

const evidence = ({ l, m }: Context, f: Finding): string =>
  f.evidence
    .map(
      (e) =>
        `<div class="ev"><code>${escapeHtml(e.fact)}</code> = <code class="v">${escapeHtml(valueText(e.actual, l))}</code><br><span class="k">${escapeHtml(m.expected)}:</span> ${escapeHtml(e.expected)}</div>`,
    )
    .join('');

const valueText = (value: Json, l: FleetLabels): string => {
  const text = JSON.stringify(value);
  return text.length > maxValueLength ? `${text.slice(0, maxValueLength)}… ${l.truncated}` : text;
};

/** Rows of the hosts table shown at a time: a page of 30,000 rows would not be read, nor laid out quickly. */
export const hostsPerPage = 100;

type TableRow = [string, number, number, number, number, number, number, string, string, string, string, string, string[]];

/** The hosts table's group filter: one option per group (a host is shown under each of its groups); none without groups. */
const groupFilter = (audit: AuditReport): string[] => {
  if (audit.groups === undefined) return [];
  const c = changeLabelsFor(audit.language);
  const options = [
    `<option value="">${escapeHtml(c.anyGroup)}</option>`,
    ...audit.groups.map((g) => `<option value="${escapeHtml(g.group)}">${escapeHtml(g.group)}</option>`),
  ];
  return [`<label for="group-filter">${escapeHtml(c.group)}<select id="group-filter">${options.join('')}</select></label>`];
};

/**
 * What the page script needs per row of the hosts table, in row order: [name, state, fail, error,
 * pass, worst, score, text the filter searches, collected (ISO), host name, system, groups shown,
 * groups (the group filter's)]; and which
 * states are of hosts not checked (the filter's `not-checked`).
 */
const tableData = (
  { audit, l, il }: Context,
  views: HostView[],
): {
  states: readonly HostState[];
  notChecked: readonly HostState[];
  shownOf: string;
  pages: FleetLabels['pages'];
  pageSize: number;
  rows: TableRow[];
} => ({
  states: hostStateOrder,
  notChecked: hostStateOrder.filter((s) => s !== 'compliant' && s !== 'non-compliant' && s !== 'undetermined'),
  shownOf: l.shownOf,
  pages: l.pages,
  pageSize: hostsPerPage,
  rows: views.map((v): TableRow => {
    const checked = v.host.status === 'checked';
    const who = hostIdentityView(v.host, il, audit.staleAfterDays);
    return [
      v.host.name,
      hostStateOrder.indexOf(v.state),
      checked ? v.counts.fail : -1,
      checked ? v.counts.error : -1,
      checked ? v.counts.pass : -1,
      v.worst === undefined ? -1 : severities.indexOf(v.worst),
      v.score,
      [v.host.name, who.hostName, who.system, v.host.source].join('\n'),
      who.collectedAt,
      who.hostName,
      who.system,
      (v.host.groups ?? []).join(', '),
      v.host.groups ?? [],
    ];
  }),
});

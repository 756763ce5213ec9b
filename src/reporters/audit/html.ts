import { createHash } from 'node:crypto';
import type { Messages } from '../../i18n/messages.js';
import { formatInstant, localeFor } from '../../i18n/intl.js';
import type { Finding, Language, Status } from '../../model.js';
import { severities, severityRank, statuses } from '../../model.js';
import { controlsVisible, htmlEscape as escapeHtml, jsonSafe } from '../escape.js';
import type { AuditReport, RuleAggregate } from '../../fleet/model.js';
import { fleetCss, fleetJs } from './html-assets.js';
import { hostIdentityView } from './host-identity.js';
import type { HostState, HostView } from './host-view.js';
import { byWorst, failingRules, hostStateOrder, hostView } from './host-view.js';
import type { DataLimits, DataTables, FindingRef, Ref } from './html-data.js';
import { arrayPieces, dataTables, defaultDataLimits, findingRecord, scriptSafe, sourceParts } from './html-data.js';
import { htmlLabelsFor } from './html-labels.js';
import type { IdentityLabels } from './identity-labels.js';
import { identityLabelsFor, stateLabel } from './identity-labels.js';
import type { FleetLabels } from './labels.js';
import { fleetLabelsFor } from './labels.js';
import type { FleetRenderOptions } from './reporter.js';
import { defineFleetReporter } from './reporter.js';
import { changeNote, changesSection, groupsSection } from './html-changes.js';
import type { HostLists, ListContext } from './html-lists.js';
import { groupFilter, hostLists, listPageSize, listsData, notCheckedSection } from './html-lists.js';
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

const urgency: Record<Status, number> = { fail: 0, error: 1, manual: 2, waived: 3, skip: 4, pass: 5 };

/** Most urgent first: fails, errors, then the rest; by severity, then rule id. */
const byUrgency = (a: Finding, b: Finding): number =>
  urgency[a.status] - urgency[b.status] || severityRank(b.severity) - severityRank(a.severity) || a.ruleId.localeCompare(b.ruleId);

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

interface Context extends ListContext {
  m: Messages;
  /** The remediation most findings of a rule carry: shown once in the rules table. */
  remediation: Map<string, string>;
}

/**
 * One self-contained HTML file: no external resource, a CSP that forbids the network, every string
 * from the audited machines escaped. The hosts table shows a page at a time and each host's
 * findings when it is opened, drawn by the page script from the page's data (html-data.ts): passing
 * findings as a count per host; fails, errors, skips and the rest in full. The first page of hosts
 * is also written as markup, for a browser that runs no script. The other lists of hosts (not
 * checked; the changes since a baseline) are drawn likewise, a page at a time (html-lists.ts).
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

/** The page in pieces (a section, a run of hosts' data): a fleet of 30,000 hosts is never one string. */
export function* htmlChunks(audit: AuditReport, options: FleetRenderOptions, limits: DataLimits = defaultDataLimits): Generator<string> {
  const l = fleetLabelsFor(audit.language);
  const tables = dataTables(limits);
  // One read of each host's report: its counts, its share of the rules' remediation, its findings as data.
  const { entries, remediation } = scanHosts(audit, tables, l);
  const ctx: Context = {
    audit,
    m: options.messages,
    l,
    il: identityLabelsFor(audit.language),
    hl: htmlLabelsFor(audit.language),
    remediation,
    ruleAnchor: new Map(audit.rules.map((r, i) => [r.ruleId, `r${i}`])),
  };
  // Worst first, in every section: the hosts table, the hosts not checked, the data.
  entries.sort((a, b) => byWorst(a.view, b.view));
  const views = entries.map((e) => e.view);
  const lists = hostLists(audit, views);
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
  yield text(changesSection(ctx, lists.changes));
  yield text(hostsSection(ctx, views));
  yield text(notCheckedSection(ctx, lists.notChecked));
  yield text(rulesSection(ctx));
  yield text(['</main>', `<footer>${escapeHtml(`${audit.tool.name} ${audit.tool.version}`)} · ${escapeHtml(ctx.m.threshold(audit.failOn))}</footer>`]);
  yield* dataChunks(ctx, entries, lists, tables);
  yield text([`<script>${fleetJs}</script>`, '</body>', '</html>']);
}

/** A checked host as the first pass kept it: what its details need of its report. */
interface HostDetail {
  target: Ref;
  startedAt: string;
  empty: boolean;
  /** Its findings but passes, most urgent first; undefined when one did not fit the shared table (read again then). */
  findings: number[] | undefined;
}

interface HostEntry {
  view: HostView;
  detail?: HostDetail;
}

/** Findings but passes, most urgent first, as the page's data (shared records when they fit). */
const findingRefs = (tables: DataTables, findings: readonly Finding[], truncated: string): FindingRef[] =>
  findings
    .filter((f) => f.status !== 'pass')
    .sort(byUrgency)
    .map((f) => tables.finding(findingRecord(tables, f, truncated)));

/**
 * Each host's view, and its report's findings as shared records, reading each report once; and
 * the remediation most findings of each rule carry (shown once, in the rules table).
 */
const scanHosts = (audit: AuditReport, tables: DataTables, l: FleetLabels): { entries: HostEntry[]; remediation: Map<string, string> } => {
  const tally = new Map<string, Map<string, number>>();
  const entries: HostEntry[] = [];
  for (const host of audit.hosts) {
    const report = host.status === 'checked' ? host.report : undefined;
    const view = hostView(host, audit.failOn, report);
    if (report === undefined) {
      entries.push({ view });
      continue;
    }
    for (const f of report.findings) {
      const byText = tally.get(f.ruleId) ?? new Map<string, number>();
      byText.set(f.remediation, (byText.get(f.remediation) ?? 0) + 1);
      tally.set(f.ruleId, byText);
    }
    const refs = findingRefs(tables, report.findings, l.truncated);
    const shared = refs.every((r): r is number => typeof r === 'number');
    entries.push({
      view,
      detail: {
        target: tables.str(`${report.target.kind}, ${report.target.platform}`),
        startedAt: report.startedAt,
        empty: report.findings.length === 0,
        findings: shared ? refs : undefined,
      },
    });
  }
  const remediation = new Map<string, string>();
  for (const [ruleId, byText] of tally) {
    let best: [string, number] | undefined;
    for (const entry of byText) if (best === undefined || entry[1] > best[1]) best = entry;
    if (best !== undefined) remediation.set(ruleId, best[0]);
  }
  return { entries, remediation };
};

/**
 * The page's data, one JSON value in one <script type="application/json"> element: labels and
 * rules, then each host (hostRecord), the other lists of hosts (html-lists.ts), then the findings
 * and strings they share (html-data.ts), written after the hosts and lists, which add to them.
 */
function* dataChunks(ctx: Context, entries: readonly HostEntry[], lists: HostLists, tables: DataTables): Generator<string> {
  const { audit, l, il, m } = ctx;
  const meta = {
    states: hostStateOrder,
    notChecked: hostStateOrder.filter((s) => s !== 'compliant' && s !== 'non-compliant' && s !== 'undetermined'),
    stateLabels: hostStateOrder.map((s) => stateLabel(l, il, s)),
    statuses,
    statusLabels: statuses.map((s) => m.status[s]),
    severityLabels: severities.map((s) => m.severity[s]),
    shownOf: l.shownOf,
    pages: l.pages,
    pageSize: hostsPerPage,
    listPageSize,
    groups: audit.groups !== undefined,
    // [id, anchor in the rules table, the remediation written there]
    rules: audit.rules.map((r) => [tables.str(r.ruleId), ctx.ruleAnchor.get(r.ruleId) ?? '', tables.str(ctx.remediation.get(r.ruleId) ?? '')]),
    labels: {
      stale: il.staleHosts,
      source: l.source,
      hostName: il.hostName,
      collected: il.collected,
      rule: l.rule,
      status: l.status,
      message: l.message,
      observedExpected: `${m.observed} / ${m.expected}`,
      expected: m.expected,
      remediation: m.remediation,
      seeRule: l.seeRule,
    },
  };
  yield `<script type="application/json" id="fleet-data">{"meta":${scriptSafe(JSON.stringify(meta))},"hosts":`;
  yield* arrayPieces(entries, (entry) => hostRecord(ctx, tables, entry));
  yield ',';
  yield* listsData(lists, tables);
  yield ',"findings":';
  yield* arrayPieces(tables.findings, (record) => record);
  yield ',"strings":';
  yield* arrayPieces(tables.strings, (s) => s);
  yield '}</script>\n';
}

/**
 * One host of the page's data: [name, state (index in states), fail, error, pass (-1: not
 * checked), worst severity (index, -1: none), score, collected (ISO, '' when unknown), host name,
 * system, groups, collected as shown, stale (0 or 1), notes, change (or null), incomplete badge (or
 * null), incomplete probes [probe, message][], source [folder, file], details]. Details: a checked
 * host's [target, collected as shown in its details, counts, passing, findings]; the reason of a
 * host not checked.
 */
const hostRecord = (ctx: Context, tables: DataTables, entry: HostEntry): unknown[] => {
  const { audit, l, il, m } = ctx;
  const v = entry.view;
  const checked = v.host.status === 'checked';
  const who = hostIdentityView(v.host, il, audit.staleAfterDays);
  const change = changeNote(audit, v.host.change);
  let details: unknown;
  const detail = entry.detail;
  if (detail !== undefined) {
    // A host some of whose findings did not fit the shared table: its report is read again, its findings written in place.
    const findings = detail.findings ?? findingRefs(tables, v.host.report?.findings ?? [], l.truncated);
    const counts = `${m.counted.fail(v.counts.fail)} · ${m.counted.error(v.counts.error)} · ${m.counted.pass(v.counts.pass)}`;
    details = [
      detail.target,
      tables.str(who.collected === '' ? formatInstant(audit.language, detail.startedAt) : who.collected),
      tables.str(counts),
      tables.str(detail.empty ? l.noFindings : l.passing(v.counts.pass)),
      findings,
    ];
  } else details = tables.str(v.host.reason ?? '');
  return [
    controlsVisible(v.host.name),
    hostStateOrder.indexOf(v.state),
    checked ? v.counts.fail : -1,
    checked ? v.counts.error : -1,
    checked ? v.counts.pass : -1,
    v.worst === undefined ? -1 : severities.indexOf(v.worst),
    v.score,
    who.collectedAt,
    tables.str(who.hostName),
    tables.str(who.system),
    (v.host.groups ?? []).map((g) => tables.str(g)),
    tables.str(who.collected),
    who.stale ? 1 : 0,
    who.notes.map((n) => tables.str(n)),
    change === '' ? null : tables.str(change),
    v.incomplete.length === 0 ? null : tables.str(l.incompleteProbes(v.incomplete.join(', '))),
    (v.host.incomplete ?? []).map((p) => [tables.str(p.probe), tables.str(p.message)]),
    sourceParts(tables, v.host.source),
    details,
  ];
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

const hostsSection = (ctx: Context, views: HostView[]): string[] => {
  const { audit, l, il, m } = ctx;
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
    ...groupFilter(audit, 'group-filter'),
    ...ruleFilter(ctx),
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
  // The first page, as the page script draws it (it draws every page, and each host's details, from the data).
  views.slice(0, hostsPerPage).forEach((v, i) => {
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
    ...(views.length > hostsPerPage ? [`<noscript><p class="banner">${escapeHtml(ctx.hl.noScript)}</p></noscript>`] : []),
    // Shown by the page script when the hosts fill more than one page.
    `<nav id="host-pages" aria-label="${escapeHtml(l.hosts)}" hidden><button type="button" id="page-first">${escapeHtml(ctx.hl.firstPage)}</button> <button type="button" id="page-prev">${escapeHtml(l.pages.previous)}</button> <span id="page-status" aria-live="polite"></span> <button type="button" id="page-next">${escapeHtml(l.pages.next)}</button> <button type="button" id="page-last">${escapeHtml(ctx.hl.lastPage)}</button></nav>`,
    '</section>',
  );
  return out;
};

/** Rows of the hosts table shown at a time: a page of 30,000 rows would not be read, nor laid out quickly. */
export const hostsPerPage = 100;

/** The hosts table's filter by a rule that fails or errs on the host: one option per such rule, most failing first. */
const ruleFilter = ({ audit, hl }: Context): string[] => {
  const rules = failingRules(audit);
  if (rules.length === 0) return [];
  const options = [
    `<option value="">${escapeHtml(hl.anyRule)}</option>`,
    ...rules.map((r) => `<option value="${escapeHtml(r.ruleId)}">${escapeHtml(`${r.ruleId} ${r.title}`)}</option>`),
  ];
  return [`<label for="rule-filter">${escapeHtml(hl.failingRule)}<select id="rule-filter">${options.join('')}</select></label>`];
};

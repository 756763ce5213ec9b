/**
 * The HTML report's sections on groups (a table of each group's hosts with a bar of its compliance,
 * and a matrix of every failing rule's hosts per group, each count with its bar) and on the
 * comparison with a baseline audit (its long lists are html-lists.ts). Bars are inline SVG (the page's CSP allows no inline style);
 * every string from the machines or the baseline is escaped.
 */
import { formatInstant } from '../../i18n/intl.js';
import { htmlEscape as escapeHtml } from '../escape.js';
import type { AuditReport, HostChange } from '../../fleet/model.js';
import type { ListContext, PagedList } from './html-lists.js';
import { changeList, groupFilter } from './html-lists.js';
import { changeLabelsFor } from './change-labels.js';
import type { FleetLabels } from './labels.js';
import { failuresOf } from './text-changes.js';

/** A horizontal bar of `parts` (count and CSS class of each), `width` pixels for `total`. */
const bar = (parts: readonly [number, string][], total: number, width: number, label: string): string => {
  let x = 0;
  const rects = parts
    .filter(([count]) => count > 0)
    .map(([count, cls]) => {
      const w = total === 0 ? 0 : (count / total) * width;
      const rect = `<rect class="${cls}" x="${x.toFixed(1)}" y="0" width="${w.toFixed(1)}" height="10"/>`;
      x += w;
      return rect;
    });
  return `<svg class="bar" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${width} 10" width="${width}" height="10" xmlns="http://www.w3.org/2000/svg"><rect class="bar-bg" x="0" y="0" width="${width}" height="10"/>${rects.join('')}</svg>`;
};

export const groupsSection = (audit: AuditReport, l: FleetLabels): string[] => {
  const groups = audit.groups;
  if (groups === undefined || groups.length === 0) return [];
  const c = changeLabelsFor(audit.language);
  const out = ['<section aria-labelledby="groups-title">', `<h2 id="groups-title">${escapeHtml(c.groups)} (${groups.length})</h2>`];
  out.push(
    '<table class="groups">',
    `<thead><tr><th scope="col">${escapeHtml(c.group)}</th><th scope="col" class="num">${escapeHtml(l.hosts)}</th><th scope="col" class="num">${escapeHtml(l.state.compliant)}</th><th scope="col" class="num">${escapeHtml(l.state['non-compliant'])}</th><th scope="col" class="num">${escapeHtml(l.notChecked)}</th><th scope="col"></th></tr></thead>`,
    '<tbody>',
  );
  for (const g of groups) {
    const s = g.summary;
    out.push(
      `<tr><th scope="row">${escapeHtml(g.group)}</th><td class="num">${s.total}</td><td class="num">${s.compliant}</td><td class="num">${s.nonCompliant}</td><td class="num">${s.notChecked}</td>` +
        `<td>${bar(
          [
            [s.compliant, 'b-pass'],
            [s.nonCompliant, 'b-fail'],
            [s.notChecked, 'b-warn'],
          ],
          s.total,
          160,
          c.groupHosts(s.nonCompliant, s.total),
        )}</td></tr>`,
    );
  }
  out.push('</tbody>', '</table>');
  // Every rule that fails somewhere, per group: failing hosts (fail or error) and their share of the group's checked hosts.
  const failing = failuresOf(audit.rules).map((r) => r.ruleId);
  out.push(`<h3>${escapeHtml(c.failuresPerGroup)}</h3>`);
  if (failing.length === 0) {
    out.push(`<p>${escapeHtml(l.noRuleFails)}</p>`, '</section>');
    return out;
  }
  out.push(
    '<div class="scroll"><table class="group-matrix">',
    `<thead><tr><th scope="col">${escapeHtml(c.group)}</th>${failing.map((id) => `<th scope="col" class="num"><code>${escapeHtml(id)}</code></th>`).join('')}</tr></thead>`,
    '<tbody>',
  );
  for (const g of groups) {
    const byRule = new Map(g.rules.map((r) => [r.ruleId, r.counts.fail + r.counts.error]));
    const cells = failing.map((id) => {
      const n = byRule.get(id) ?? 0;
      return `<td class="num${n === 0 ? ' zero' : ''}">${n}<br>${bar([[n, 'b-fail']], g.summary.checked, 48, `${id}: ${String(n)} / ${String(g.summary.checked)}`)}</td>`;
    });
    out.push(`<tr><th scope="row">${escapeHtml(g.group)}</th>${cells.join('')}</tr>`);
  }
  out.push('</tbody>', '</table></div>', '</section>');
  return out;
};

/** A host's change in one line (the hosts table's notes), or '' when there is nothing to say. */
export const changeNote = (audit: AuditReport, change: HostChange | undefined): string => {
  if (change === undefined) return '';
  const c = changeLabelsFor(audit.language);
  const parts: string[] = [];
  if (change.kind !== 'compared') parts.push(c.kind[change.kind]);
  if (change.baselineName !== undefined) parts.push(c.formerly(change.baselineName));
  if ((change.newlyFailing ?? []).length > 0) parts.push(`${c.newlyFailing}: ${(change.newlyFailing ?? []).join(', ')}`);
  if ((change.fixed ?? []).length > 0) parts.push(`${c.fixed}: ${(change.fixed ?? []).join(', ')}`);
  return parts.join(' · ');
};

/**
 * The comparison with the baseline: its counts, its rules, and its lists of hosts (html-lists.ts),
 * each a page at a time, filtered by group.
 */
export const changesSection = (ctx: ListContext, lists: readonly PagedList[]): string[] => {
  const { audit, l } = ctx;
  const changes = audit.changes;
  if (changes === undefined) return [];
  const c = changeLabelsFor(audit.language);
  const n = changes.hostCounts;
  const out = [
    '<section aria-labelledby="changes-title">',
    `<h2 id="changes-title">${escapeHtml(c.since(formatInstant(audit.language, changes.baseline.startedAt)))}</h2>`,
    `<p class="meta">${escapeHtml(changes.baseline.file)} · <code>${escapeHtml(changes.baseline.policy.id)}</code> ${escapeHtml(changes.baseline.policy.version)}</p>`,
  ];
  if (!changes.samePolicy) {
    const p = changes.baseline.policy;
    out.push(`<p class="banner">${escapeHtml(c.otherPolicy(`${p.id} ${p.version}, sha256 ${p.sha256.slice(0, 12)}`))}</p>`);
    if (changes.rulesOnlyInBaseline.length > 0)
      out.push(`<p>${escapeHtml(c.rulesOnlyInBaseline)}: ${changes.rulesOnlyInBaseline.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}</p>`);
    if (changes.rulesOnlyNow.length > 0)
      out.push(`<p>${escapeHtml(c.rulesOnlyNow)}: ${changes.rulesOnlyNow.map((id) => `<code>${escapeHtml(id)}</code>`).join(', ')}</p>`);
  }
  const card = (cls: string, count: number, label: string): string => `<li class="${cls}"><span class="n">${count}</span> ${escapeHtml(label)}</li>`;
  out.push(
    '<ul class="cards">',
    card('', n.compared, c.compared),
    card(n.withNewFailures > 0 ? 'bad' : '', n.withNewFailures, `${l.hosts}: ${c.newlyFailing}`),
    card(n.withFixes > 0 ? 'good' : '', n.withFixes, `${l.hosts}: ${c.fixed}`),
    card(n.new > 0 ? 'warn' : '', n.new, c.newHosts),
    card(n.missing > 0 ? 'warn' : '', n.missing, c.missingHosts),
    card(n.uncompared > 0 ? 'warn' : '', n.uncompared, c.uncompared),
    '</ul>',
  );
  if (changes.rules.length > 0) {
    out.push(
      '<table class="changes">',
      `<thead><tr><th scope="col">${escapeHtml(l.rule)}</th><th scope="col" class="num">${escapeHtml(c.newlyFailing)}</th><th scope="col" class="num">${escapeHtml(c.fixed)}</th><th scope="col" class="num">${escapeHtml(c.stillFailing)}</th></tr></thead>`,
      '<tbody>',
      ...changes.rules.map(
        (r) =>
          `<tr><th scope="row"><code>${escapeHtml(r.ruleId)}</code></th><td class="num${r.newlyFailing > 0 ? ' bad' : ''}">${r.newlyFailing}</td><td class="num">${r.fixed}</td><td class="num">${r.stillFailing}</td></tr>`,
      ),
      '</tbody>',
      '</table>',
    );
  }
  if (lists.length > 0 && audit.groups !== undefined) out.push('<div class="controls">', ...groupFilter(audit, 'changes-group-filter'), '</div>');
  for (const list of lists) out.push(...changeList(ctx, list));
  out.push('</section>');
  return out;
};

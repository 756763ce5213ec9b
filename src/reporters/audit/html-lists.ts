/**
 * The fleet HTML page's long lists besides the hosts table: the hosts not checked, and the changes
 * since a baseline audit (newly failing, fixed, still failing, new hosts, missing hosts, not
 * compared). A first audit against an empty or old baseline lists every host as new: 30,000 names
 * as markup would be a page no browser lays out quickly. So, like the hosts table, each list is
 * written as its first page of markup (what a browser without script shows) and as data the page
 * script draws a page at a time from, filtered by the group filter as the hosts table is.
 *
 * A list's data refers to hosts by their index in the page's hosts (html.ts hostRecord), where
 * their name, groups, state, source and reason already are; rule ids are shared strings. Hosts
 * missing since the baseline are no rows of this audit: they are written as [name, source, groups]
 * with their groups in the baseline; one the baseline gives no group (a report written before
 * groups existed) is listed whatever the group chosen, and the page says so.
 */
import { htmlEscape as escapeHtml, controlsVisible } from '../escape.js';
import type { AuditReport } from '../../fleet/model.js';
import { changeLabelsFor } from './change-labels.js';
import type { HostView } from './host-view.js';
import type { DataTables } from './html-data.js';
import { arrayPieces } from './html-data.js';
import type { HtmlLabels } from './html-labels.js';
import type { IdentityLabels } from './identity-labels.js';
import { stateLabel } from './identity-labels.js';
import type { FleetLabels } from './labels.js';

/** Entries of a list shown at a time, as the hosts table's rows. */
export const listPageSize = 100;

/** How the page script draws an entry: a host's name; a host's name and rules; a name and source; a row of the not-checked table. */
export type ListKind = 'host' | 'rules' | 'named' | 'not-checked';

/** A row of this audit: its index in the page's hosts (the hosts table's order), and the rules listed after it. */
export interface ListedHost {
  index: number;
  view: HostView;
  rules?: readonly string[];
}

export type PagedList =
  | { id: string; kind: 'host' | 'rules' | 'not-checked'; title: string; items: ListedHost[] }
  | { id: string; kind: 'named'; title: string; items: { name: string; source: string; groups?: string[] }[] };

export interface HostLists {
  notChecked: PagedList | undefined;
  /** In the changes section's order; empty lists left out; none without a baseline. */
  changes: PagedList[];
}

/** Every list, from the hosts in the hosts table's order (index i is the page's host i). */
export const hostLists = (audit: AuditReport, views: readonly HostView[]): HostLists => {
  const c = changeLabelsFor(audit.language);
  const notChecked: ListedHost[] = [];
  const newlyFailing: ListedHost[] = [];
  const fixed: ListedHost[] = [];
  const stillFailing: ListedHost[] = [];
  const newHosts: ListedHost[] = [];
  const uncompared: ListedHost[] = [];
  views.forEach((view, index) => {
    if (view.host.status !== 'checked') notChecked.push({ index, view });
    const change = view.host.change;
    if (change === undefined) return;
    if (change.kind === 'new') newHosts.push({ index, view });
    else if (change.kind === 'uncompared') uncompared.push({ index, view });
    else {
      const rules = (list: string[] | undefined, into: ListedHost[]): void => {
        if (list !== undefined && list.length > 0) into.push({ index, view, rules: list });
      };
      rules(change.newlyFailing, newlyFailing);
      rules(change.fixed, fixed);
      rules(change.stillFailing, stillFailing);
    }
  });
  const changes: PagedList[] = [];
  if (audit.changes !== undefined) {
    const hosts = (id: string, kind: 'host' | 'rules', title: string, items: ListedHost[]): void => {
      if (items.length > 0) changes.push({ id, kind, title, items });
    };
    hosts('newlyFailing', 'rules', c.newlyFailing, newlyFailing);
    hosts('fixed', 'rules', c.fixed, fixed);
    hosts('stillFailing', 'rules', c.stillFailing, stillFailing);
    hosts('newHosts', 'host', c.newHosts, newHosts);
    if (audit.changes.missingHosts.length > 0) changes.push({ id: 'missing', kind: 'named', title: c.missingHosts, items: audit.changes.missingHosts });
    hosts('uncompared', 'host', c.uncompared, uncompared);
  }
  return { notChecked: notChecked.length === 0 ? undefined : { id: 'notChecked', kind: 'not-checked', title: '', items: notChecked }, changes };
};

export interface ListContext {
  audit: AuditReport;
  l: FleetLabels;
  il: IdentityLabels;
  hl: HtmlLabels;
  ruleAnchor: ReadonlyMap<string, string>;
}

/**
 * A group filter: one option per group (a host is shown under each of its groups); none without
 * groups. Every one on the page (`data-group-filter`) shows the same choice and filters every list.
 */
export const groupFilter = (audit: AuditReport, id: string): string[] => {
  if (audit.groups === undefined) return [];
  const c = changeLabelsFor(audit.language);
  const options = [
    `<option value="">${escapeHtml(c.anyGroup)}</option>`,
    ...audit.groups.map((g) => `<option value="${escapeHtml(g.group)}">${escapeHtml(g.group)}</option>`),
  ];
  return [`<label for="${id}">${escapeHtml(c.group)}<select id="${id}" data-group-filter>${options.join('')}</select></label>`];
};

const hostLink = (host: ListedHost): string => `<a href="#h${host.index}">${escapeHtml(host.view.host.name)}</a>`;

const ruleCode = (ctx: ListContext, id: string): string => {
  const anchor = ctx.ruleAnchor.get(id);
  const code = `<code>${escapeHtml(id)}</code>`;
  return anchor === undefined ? code : `<a href="#${anchor}">${code}</a>`;
};

/** One entry as markup, as the page script draws it (fleetJs listItem). */
const entryHtml = (ctx: ListContext, list: PagedList, at: number): string => {
  if (list.kind === 'named') {
    const item = list.items[at];
    return item === undefined ? '' : `<li>${escapeHtml(item.name)} <span class="mono muted">${escapeHtml(item.source)}</span></li>`;
  }
  const host = list.items[at];
  if (host === undefined) return '';
  if (list.kind === 'not-checked') {
    const v = host.view;
    return `<tr><th scope="row">${hostLink(host)}</th><td class="mono">${escapeHtml(v.host.source)}</td><td><span class="st st-${v.state}">${escapeHtml(stateLabel(ctx.l, ctx.il, v.state))}</span></td><td>${escapeHtml(v.host.reason ?? '')}</td></tr>`;
  }
  const rules = list.kind === 'rules' ? `: ${(host.rules ?? []).map((id) => ruleCode(ctx, id)).join(', ')}` : '';
  return `<li>${hostLink(host)}${rules}</li>`;
};

/** Where a list's box goes: what names it (an element's id), what comes before its entries, and the element around them. */
interface BoxParts {
  labelledBy: string;
  heading: string[];
  /** The list's element up to its entries (its `data-items` element, which the page script fills), and after them. */
  open: string;
  close: string;
}

/** A list's box: its first page as markup (what a browser without script shows), the count of what the group filter keeps, the pager. */
const pagedBox = (ctx: ListContext, list: PagedList, parts: BoxParts): string[] => {
  const { l, hl } = ctx;
  const first: string[] = [];
  for (let at = 0; at < Math.min(listPageSize, list.items.length); at += 1) first.push(entryHtml(ctx, list, at));
  const button = (by: string, label: string): string => `<button type="button" data-page="${by}">${escapeHtml(label)}</button>`;
  return [
    `<div class="paged" data-list="${list.id}" data-kind="${list.kind}" role="group" aria-labelledby="${parts.labelledBy}">`,
    ...parts.heading,
    '<p class="muted list-shown" aria-live="polite" hidden></p>',
    ...(list.kind === 'named' && ctx.audit.groups !== undefined && list.items.some((item) => item.groups === undefined)
      ? [`<p class="muted group-unknown" hidden>${escapeHtml(hl.groupUnknown)}</p>`]
      : []),
    `${parts.open}${first.join('')}${parts.close}`,
    ...(list.items.length > listPageSize ? [`<noscript><p class="banner">${escapeHtml(hl.listNoScript(listPageSize))}</p></noscript>`] : []),
    `<nav class="list-pages" aria-labelledby="${parts.labelledBy}" hidden>${button('first', hl.firstPage)} ${button('-1', l.pages.previous)} <span class="page-status" aria-live="polite"></span> ${button('1', l.pages.next)} ${button('last', hl.lastPage)}</nav>`,
    '</div>',
  ];
};

/** A list of the changes section: its title and count, then its entries, a page at a time. */
export const changeList = (ctx: ListContext, list: PagedList): string[] => {
  const id = `list-${list.id}-title`;
  return pagedBox(ctx, list, {
    labelledBy: id,
    heading: [`<h3 id="${id}">${escapeHtml(list.title)} (${list.items.length})</h3>`],
    open: '<ul class="hostlist" data-items>',
    close: '</ul>',
  });
};

/** The hosts that could not be checked, each with its reason, a page at a time. */
export const notCheckedSection = (ctx: ListContext, list: PagedList | undefined): string[] => {
  if (list === undefined) return [];
  const { audit, l } = ctx;
  return [
    '<section aria-labelledby="not-checked-title">',
    `<h2 id="not-checked-title">${escapeHtml(`${l.hosts} ${l.notChecked}`)} (${list.items.length})</h2>`,
    ...pagedBox(ctx, list, {
      labelledBy: 'not-checked-title',
      heading: audit.groups === undefined ? [] : ['<div class="controls">', ...groupFilter(audit, 'not-checked-group-filter'), '</div>'],
      open:
        '<table class="not-checked">' +
        `<thead><tr><th scope="col">${escapeHtml(l.host)}</th><th scope="col">${escapeHtml(l.source)}</th><th scope="col">${escapeHtml(l.status)}</th><th scope="col">${escapeHtml(l.reason)}</th></tr></thead>` +
        '<tbody data-items>',
      close: '</tbody></table>',
    }),
    '</section>',
  ];
};

/**
 * The lists' part of the page's data: `"lists":{id: entries}`, each entry a host's index, [index,
 * rule ids] or [name, source, groups or null] (a missing host); written before the shared strings, which it adds to.
 */
export function* listsData(lists: HostLists, tables: DataTables): Generator<string> {
  const all = [...(lists.notChecked === undefined ? [] : [lists.notChecked]), ...lists.changes];
  yield '"lists":{';
  for (const [n, list] of all.entries()) {
    yield `${n === 0 ? '' : ','}"${list.id}":`;
    if (list.kind === 'named')
      yield* arrayPieces(list.items, (item) => [
        controlsVisible(item.name),
        controlsVisible(item.source),
        item.groups === undefined ? null : item.groups.map((g) => tables.str(g)),
      ]);
    else if (list.kind === 'rules') yield* arrayPieces(list.items, (host) => [host.index, (host.rules ?? []).map((id) => tables.str(id))]);
    else yield* arrayPieces(list.items, (host) => host.index);
  }
  yield '}';
}

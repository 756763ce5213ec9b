/**
 * The fleet HTML report's inline stylesheet and script. Both are allowed by the page's
 * Content-Security-Policy through their sha256 hashes: change a byte here and the hash follows.
 */

export const fleetCss = `
:root { color-scheme: light; --fail: #b3261e; --error: #7b1fa2; --pass: #1b6e20; --skip: #5f6368; --warn: #8a5a00; --line: #d0d4d9; }
* { box-sizing: border-box; }
body { font: 15px/1.45 system-ui, -apple-system, "Segoe UI", Roboto, "Liberation Sans", Arial, sans-serif; color: #1f2328; margin: 0; background: #fff; }
header, main { max-width: 1200px; margin: 0 auto; padding: 0 1rem; }
header { padding-top: 1rem; }
h1 { font-size: 1.6rem; margin: 0.5rem 0; }
h2 { font-size: 1.25rem; margin: 2rem 0 0.75rem; border-bottom: 1px solid var(--line); padding-bottom: 0.25rem; }
.meta { color: #444; margin: 0.25rem 0; overflow-wrap: anywhere; }
code, .mono { font-family: ui-monospace, "DejaVu Sans Mono", "Liberation Mono", monospace; font-size: 0.9em; }
.banner { border: 2px solid var(--warn); background: #fff4e0; color: #4a3000; padding: 0.75rem 1rem; border-radius: 6px; margin: 1rem 0; font-weight: 600; }
.cards { display: flex; flex-wrap: wrap; gap: 0.75rem; margin: 1rem 0; padding: 0; list-style: none; }
.cards li { border: 1px solid var(--line); border-radius: 6px; padding: 0.5rem 1rem; min-width: 9rem; }
.cards .n { display: block; font-size: 1.6rem; font-weight: 700; }
.cards .bad .n { color: var(--fail); } .cards .good .n { color: var(--pass); } .cards .warn .n { color: var(--warn); }
table { border-collapse: collapse; width: 100%; margin: 0.5rem 0 1rem; }
th, td { border-bottom: 1px solid var(--line); padding: 0.3rem 0.5rem; text-align: left; vertical-align: top; overflow-wrap: break-word; }
table.rules, table.findings, table.not-checked, #hosts-table { table-layout: fixed; }
table.rules td, table.rules th, table.findings td, table.findings th, table.not-checked td, #hosts-table th[scope="row"] { overflow-wrap: anywhere; }
table.rules thead th:nth-child(1) { width: 28%; } table.rules thead th:nth-child(2) { width: 8%; }
table.rules thead th:nth-child(n+3):nth-child(-n+6) { width: 6.5%; }
table.findings thead th:nth-child(1) { width: 13%; } table.findings thead th:nth-child(2) { width: 9%; }
table.findings thead th:nth-child(3) { width: 32%; } table.findings thead th:nth-child(4) { width: 30%; }
table.not-checked thead th:nth-child(-n+2) { width: 22%; } table.not-checked thead th:nth-child(3) { width: 12%; }
#hosts-table thead th:nth-child(1) { width: 14%; } #hosts-table thead th:nth-child(2) { width: 15%; }
#hosts-table thead th:nth-child(3) { width: 14%; } #hosts-table thead th:nth-child(4) { width: 10%; } #hosts-table thead th:nth-child(5) { width: 22%; }
#hosts-table td { overflow-wrap: anywhere; }
.scroll { overflow-x: auto; }
table.group-matrix { width: auto; } table.group-matrix td.zero { color: #9aa0a6; }
svg.bar { vertical-align: middle; } .bar-bg { fill: #eceff1; } .b-pass { fill: var(--pass); } .b-fail { fill: var(--fail); } .b-warn { fill: var(--warn); }
h3 { font-size: 1.05rem; margin: 1.25rem 0 0.5rem; }
ul.hostlist { columns: 3 16rem; padding-left: 1.25rem; }
table.changes td.bad { color: var(--fail); font-weight: 700; }
thead th { background: #f3f4f6; position: sticky; top: 0; }
td.num, th.num { text-align: right; font-variant-numeric: tabular-nums; }
th button { font: inherit; font-weight: 700; background: none; border: 0; padding: 0; cursor: pointer; color: inherit; }
th button::after { content: " \\2195" / ""; color: #888; }
th[aria-sort="ascending"] button::after { content: " \\2191" / ""; color: inherit; }
th[aria-sort="descending"] button::after { content: " \\2193" / ""; color: inherit; }
th button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible, summary:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
.st { display: inline-block; padding: 0 0.4em; border-radius: 4px; font-size: 0.85em; font-weight: 700; border: 1px solid currentColor; white-space: nowrap; }
.st-compliant, .st-pass { color: var(--pass); }
.st-non-compliant, .st-fail { color: var(--fail); }
.st-error, .st-undetermined { color: var(--error); }
.st-unreachable, .st-timeout, .st-invalid, .st-incomplete, .st-stale { color: var(--warn); }
.note { color: var(--warn); }
td.attest { font-style: italic; color: var(--skip); }
.st-skip, .st-waived, .st-manual { color: var(--skip); }
.controls { display: flex; flex-wrap: wrap; gap: 1rem; align-items: end; margin: 0.5rem 0; }
.controls label { display: flex; flex-direction: column; font-weight: 600; font-size: 0.9rem; }
.controls input, .controls select { font: inherit; padding: 0.25rem 0.4rem; min-width: 14rem; }
#host-pages { display: flex; gap: 0.75rem; align-items: center; margin: 0.5rem 0 1rem; }
#host-pages[hidden] { display: none; }
#host-pages button { font: inherit; padding: 0.2rem 0.8rem; }
.chart { max-width: 100%; height: auto; }
.chart text { font: 12px system-ui, "Liberation Sans", Arial, sans-serif; fill: #1f2328; }
details { border: 1px solid var(--line); border-radius: 6px; margin: 0.4rem 0; padding: 0.25rem 0.75rem; content-visibility: auto; contain-intrinsic-size: auto 2.5rem; }
details[open] { padding-bottom: 0.75rem; }
summary { cursor: pointer; padding: 0.25rem 0; overflow-wrap: anywhere; }
.findings td { font-size: 0.92em; }
.findings small { color: #5f6368; }
.ev + .ev { margin-top: 0.35rem; }
.ev .k { color: #555; }
code.v { white-space: pre-wrap; overflow-wrap: anywhere; }
.muted { color: #5f6368; }
.sr-only { position: absolute; width: 1px; height: 1px; overflow: hidden; clip-path: inset(50%); white-space: nowrap; }
/* Thousands of hosts: the browser lays out only what is on screen. */
#hosts-table tbody tr { contain: layout style; }
footer { max-width: 1200px; margin: 2rem auto; padding: 0 1rem; color: #5f6368; font-size: 0.85rem; }
@media print {
  body { font-size: 10pt; }
  .controls, #host-pages, th button::after { display: none; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr, details, li { break-inside: avoid; }
  h2 { break-after: avoid; }
  details { border: 0; padding: 0; content-visibility: visible; }
  a { color: inherit; text-decoration: none; }
}
`;

/** Sorting, filtering and pages of the hosts table, opening a host's details on navigation, printing it all. */
export const fleetJs = `
(function () {
  'use strict';
  var dataEl = document.getElementById('fleet-data');
  var table = document.getElementById('hosts-table');
  if (!dataEl || !table || !table.tBodies[0] || !table.tHead) return;
  var data = JSON.parse(dataEl.textContent || '{}');
  var tbody = table.tBodies[0];
  var items = Array.prototype.map.call(tbody.rows, function (tr, i) {
    var d = data.rows[i];
    return { tr: tr, d: d, name: String(d[7] === undefined ? d[0] : d[7]).toLowerCase(), i: i };
  });
  var textBox = document.getElementById('host-filter');
  var select = document.getElementById('state-filter');
  var groupSelect = document.getElementById('group-filter');
  var count = document.getElementById('host-count');

  function stateOf(item) { return data.states[item.d[1]]; }

  function matches(item, text, state, group) {
    if (text !== '' && item.name.indexOf(text) === -1) return false;
    if (group !== '' && (item.d[12] || []).indexOf(group) === -1) return false;
    if (state === '') return true;
    var s = stateOf(item);
    if (state === 'not-checked') return (data.notChecked || []).indexOf(s) !== -1;
    return s === state;
  }

  var pageSize = data.pageSize || 100;
  var page = 0;
  var pager = document.getElementById('host-pages');
  var previous = document.getElementById('page-prev');
  var next = document.getElementById('page-next');
  var pageStatus = document.getElementById('page-status');

  // The rows that match the filters, in table order, shown one page at a time.
  function applyFilter(keepPage) {
    var text = textBox ? textBox.value.trim().toLowerCase() : '';
    var state = select ? select.value : '';
    var group = groupSelect ? groupSelect.value : '';
    var matching = items.filter(function (item) { return matches(item, text, state, group); });
    var pages = Math.max(1, Math.ceil(matching.length / pageSize));
    if (keepPage !== true) page = 0;
    if (page > pages - 1) page = pages - 1;
    var onPage = new Set(matching.slice(page * pageSize, (page + 1) * pageSize));
    items.forEach(function (item) {
      var visible = onPage.has(item);
      if (item.tr.hidden === visible) item.tr.hidden = !visible;
    });
    if (count) count.textContent = data.shownOf.replace('{shown}', String(matching.length)).replace('{total}', String(items.length));
    if (pager) pager.hidden = pages < 2;
    if (pageStatus) pageStatus.textContent = data.pages.pageOf.replace('{page}', String(page + 1)).replace('{pages}', String(pages));
    if (previous) previous.disabled = page === 0;
    if (next) next.disabled = page >= pages - 1;
  }

  function turn(by) {
    page += by;
    applyFilter(true);
  }
  if (previous) previous.addEventListener('click', function () { turn(-1); });
  if (next) next.addEventListener('click', function () { turn(1); });

  function compare(col) {
    if (col === 0 || col === 9 || col === 10 || col === 11) {
      var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: 'base' });
      return function (a, b) { return collator.compare(a.d[col], b.d[col]); };
    }
    if (col === 8) return function (a, b) { return a.d[8] < b.d[8] ? -1 : a.d[8] > b.d[8] ? 1 : 0; };
    if (col === 5) return function (a, b) { return a.d[5] - b.d[5] || a.d[6] - b.d[6]; };
    return function (a, b) { return a.d[col] - b.d[col]; };
  }

  var headers = Array.prototype.slice.call(table.tHead.rows[0].cells);
  function sortBy(th) {
    var col = Number(th.getAttribute('data-col'));
    var current = th.getAttribute('aria-sort');
    var first = th.getAttribute('data-first') || 'ascending';
    var dir = current === 'ascending' ? 'descending' : current === 'descending' ? 'ascending' : first;
    var cmp = compare(col);
    var sign = dir === 'ascending' ? 1 : -1;
    items.sort(function (a, b) { return sign * cmp(a, b) || a.i - b.i; });
    var fragment = document.createDocumentFragment();
    items.forEach(function (item) { fragment.appendChild(item.tr); });
    tbody.appendChild(fragment);
    headers.forEach(function (h) { if (h.hasAttribute('data-col')) h.setAttribute('aria-sort', h === th ? dir : 'none'); });
    applyFilter();
  }
  headers.forEach(function (th) {
    var button = th.querySelector('button');
    if (button) button.addEventListener('click', function () { sortBy(th); });
  });
  if (textBox) textBox.addEventListener('input', function () { applyFilter(); });
  if (select) select.addEventListener('change', function () { applyFilter(); });
  if (groupSelect) groupSelect.addEventListener('change', function () { applyFilter(); });
  applyFilter();

  function openTarget() {
    var id = decodeURIComponent(location.hash.slice(1));
    var target = id ? document.getElementById(id) : null;
    if (target && target.tagName === 'DETAILS') target.open = true;
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();

  var closed = [];
  var paged = [];
  window.addEventListener('beforeprint', function () {
    closed = Array.prototype.filter.call(document.querySelectorAll('details'), function (d) { return !d.open; });
    closed.forEach(function (d) { d.open = true; });
    // On paper, every row the filters keep, not only this page's.
    var text = textBox ? textBox.value.trim().toLowerCase() : '';
    var state = select ? select.value : '';
    paged = items.filter(function (item) { return item.tr.hidden && matches(item, text, state); });
    paged.forEach(function (item) { item.tr.hidden = false; });
  });
  window.addEventListener('afterprint', function () {
    closed.forEach(function (d) { d.open = false; });
    closed = [];
    paged.forEach(function (item) { item.tr.hidden = true; });
    paged = [];
  });
})();
`;

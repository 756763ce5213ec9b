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
#hosts-table > thead > tr > th:nth-child(1) { width: 14%; } #hosts-table > thead > tr > th:nth-child(2) { width: 15%; }
#hosts-table > thead > tr > th:nth-child(3) { width: 14%; } #hosts-table > thead > tr > th:nth-child(4) { width: 10%; } #hosts-table > thead > tr > th:nth-child(5) { width: 22%; }
tr.host-detail > td { background: #f8f9fa; padding: 0.25rem 0.75rem 0.75rem; }
.detail-head { margin: 0.4rem 0 0.25rem; overflow-wrap: anywhere; }
.detail table.findings { background: #fff; }
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
th button:focus-visible, a:focus-visible, input:focus-visible, select:focus-visible { outline: 3px solid #1a73e8; outline-offset: 2px; }
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
#host-pages button, nav.list-pages button { font: inherit; padding: 0.2rem 0.8rem; }
nav.list-pages { display: flex; gap: 0.75rem; align-items: center; margin: 0.25rem 0 1rem; }
nav.list-pages[hidden] { display: none; }
.chart { max-width: 100%; height: auto; }
.chart text { font: 12px system-ui, "Liberation Sans", Arial, sans-serif; fill: #1f2328; }
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
  .controls, #host-pages, nav.list-pages, .list-shown, th button::after { display: none; }
  thead th { position: static; }
  thead { display: table-header-group; }
  tr, li { break-inside: avoid; }
  h2 { break-after: avoid; }
  a { color: inherit; text-decoration: none; }
}
`;

/**
 * The hosts table drawn a page at a time from the page's data (html.ts, html-data.ts): sorting,
 * filtering by text, status, group and failing rule, pages, each host's details drawn when opened
 * (a click on its name, or its #h… address), printing every matching row. The other lists of hosts
 * (html-lists.ts) likewise, a page at a time, filtered by group; every group filter shows one choice. Text goes into the page
 * only as textContent: nothing from the data is ever parsed as markup.
 */
export const fleetJs = `
(function () {
  'use strict';
  var dataEl = document.getElementById('fleet-data');
  var table = document.getElementById('hosts-table');
  if (!dataEl || !table || !table.tBodies[0] || !table.tHead) return;
  var data = JSON.parse(dataEl.textContent || '{}');
  var meta = data.meta;
  var labels = meta.labels;
  var strings = data.strings || [];
  var records = data.findings || [];
  var tbody = table.tBodies[0];
  var columns = table.tHead.rows[0].cells.length;
  var ruleInfo = new Map(meta.rules.map(function (r) { return [str(r[0]), { anchor: r[1], remediation: str(r[2]) }]; }));
  var items = data.hosts.map(function (d, i) { return { d: d, i: i, text: null, failing: null }; });
  var textBox = document.getElementById('host-filter');
  var select = document.getElementById('state-filter');
  var groupSelect = document.getElementById('group-filter');
  var ruleSelect = document.getElementById('rule-filter');
  var count = document.getElementById('host-count');
  var opened = new Set();

  function str(r) { return typeof r === 'number' ? String(strings[r] === undefined ? '' : strings[r]) : typeof r === 'string' ? r : ''; }
  function record(r) { return typeof r === 'number' ? records[r] : r; }
  function checked(d) { return Array.isArray(d[18]); }
  function status(f) { return meta.statuses[f[1]]; }
  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined) e.textContent = text;
    return e;
  }
  function add(parent) {
    for (var k = 1; k < arguments.length; k++) {
      var c = arguments[k];
      parent.appendChild(typeof c === 'string' ? document.createTextNode(c) : c);
    }
    return parent;
  }
  function badge(cls, text) { return el('span', 'st st-' + cls, text); }
  function sourceOf(d) { return str(d[17][0]) + d[17][1]; }

  function searchText(item) {
    var d = item.d;
    if (item.text === null) item.text = [d[0], str(d[8]), str(d[9]), sourceOf(d)].join('\\n').toLowerCase();
    return item.text;
  }
  function failingRules(item) {
    if (item.failing === null) {
      var ids = new Set();
      if (checked(item.d)) item.d[18][4].forEach(function (r) {
        var f = record(r);
        if (status(f) === 'fail' || status(f) === 'error') ids.add(str(f[0]));
      });
      item.failing = ids;
    }
    return item.failing;
  }

  function filters() {
    return {
      text: textBox ? textBox.value.trim().toLowerCase() : '',
      state: select ? select.value : '',
      group: groupSelect ? groupSelect.value : '',
      rule: ruleSelect ? ruleSelect.value : ''
    };
  }
  function matches(item, f) {
    if (f.text !== '' && searchText(item).indexOf(f.text) === -1) return false;
    if (f.group !== '' && !item.d[10].some(function (g) { return str(g) === f.group; })) return false;
    if (f.rule !== '' && !failingRules(item).has(f.rule)) return false;
    if (f.state === '') return true;
    var s = meta.states[item.d[1]];
    if (f.state === 'not-checked') return meta.notChecked.indexOf(s) !== -1;
    return s === f.state;
  }

  // One row, as html.ts writes the first page.
  function rowOf(item) {
    var d = item.d;
    var tr = el('tr');
    var th = el('th');
    th.setAttribute('scope', 'row');
    var a = el('a', '', d[0]);
    a.setAttribute('href', '#h' + item.i);
    add(tr, add(th, a), el('td', 'mono', str(d[8])), el('td', '', str(d[9])));
    var when = el('td');
    if (d[7] === '') when.textContent = '—';
    else {
      var time = el('time', '', str(d[11]));
      time.setAttribute('datetime', d[7]);
      when.appendChild(time);
    }
    if (d[12]) add(when, ' ', badge('stale', labels.stale));
    var state = add(el('td'), badge(meta.states[d[1]], meta.stateLabels[d[1]]));
    if (d[15] !== null) add(state, ' ', badge('incomplete', str(d[15])));
    var notes = d[13].filter(function (n, k) { return k > 0 || !d[12]; });
    if (d[14] !== null) notes.push(d[14]);
    notes.forEach(function (n) { add(state, el('br'), el('small', 'note', str(n))); });
    add(tr, when, state);
    var on = d[2] !== -1;
    add(tr, el('td', 'num', on ? String(d[2]) : '—'), el('td', 'num', on ? String(d[3]) : '—'), el('td', 'num', on ? String(d[4]) : '—'));
    add(tr, el('td', '', on && d[5] !== -1 ? meta.severityLabels[d[5]] : '—'));
    if (meta.groups) add(tr, el('td', '', d[10].map(str).join(', ')));
    return tr;
  }

  function ruleCode(id) {
    var code = el('code', '', id);
    var info = ruleInfo.get(id);
    if (!info) return code;
    var a = el('a');
    a.setAttribute('href', '#' + info.anchor);
    return add(a, code);
  }

  function findingsTable(list) {
    var tableEl = el('table', 'findings');
    var head = el('tr');
    [labels.rule, labels.status, labels.message, labels.observedExpected, labels.remediation].forEach(function (h) {
      var c = el('th', '', h);
      c.setAttribute('scope', 'col');
      head.appendChild(c);
    });
    add(tableEl, add(el('thead'), head));
    var body = el('tbody');
    var groups = new Map();
    list.forEach(function (f) {
      var id = str(f[0]);
      var info = ruleInfo.get(id);
      var remediation = str(f[4]);
      var s = status(f);
      var alone = s === 'fail' || s === 'error' || f[5].length > 0 || (s === 'manual' && (!info || info.remediation !== remediation));
      if (!alone) {
        var key = s + '\\n' + str(f[3]);
        if (!groups.has(key)) groups.set(key, []);
        groups.get(key).push(f);
        return;
      }
      var tr = el('tr');
      var th = el('th');
      th.setAttribute('scope', 'row');
      add(th, ruleCode(id), ' ', el('small', '', meta.severityLabels[f[2]]));
      var ev = el('td');
      f[5].forEach(function (e) {
        add(ev, add(el('div', 'ev'), el('code', '', str(e[0])), ' = ', el('code', 'v', str(e[1])), el('br'), el('span', 'k', labels.expected + ':'), ' ' + str(e[2])));
      });
      var fix = el('td');
      if (info && info.remediation === remediation) {
        var see = el('a', '', labels.seeRule + ' ' + id);
        see.setAttribute('href', '#' + info.anchor);
        fix.appendChild(see);
      } else fix.textContent = remediation;
      add(body, add(tr, th, add(el('td'), badge(s, meta.statusLabels[f[1]])), el('td', '', str(f[3])), ev, fix));
    });
    groups.forEach(function (group) {
      var first = group[0];
      var th = el('th');
      th.setAttribute('scope', 'row');
      group.forEach(function (f, k) { add(th, k === 0 ? '' : ' ', ruleCode(str(f[0]))); });
      add(body, add(el('tr'), th, add(el('td'), badge(status(first), meta.statusLabels[first[1]])), el('td', '', str(first[3])), el('td'), el('td')));
    });
    return add(tableEl, body);
  }

  // A host's details: who and where, its notes, its incomplete probes, its findings but passes.
  function detailsOf(item) {
    var d = item.d;
    var box = el('div', 'detail');
    box.id = 'h' + item.i;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', d[0]);
    var head = add(el('p', 'detail-head'), badge(meta.states[d[1]], meta.stateLabels[d[1]]));
    if (d[15] !== null) add(head, ' ', badge('incomplete', str(d[15])));
    add(head, ' ', el('strong', '', d[0]));
    var info = el('p', 'meta muted');
    add(info, labels.source + ': ', el('span', 'mono', sourceOf(d)));
    if (!checked(d)) {
      add(box, head, info, el('p', '', str(d[18])));
      return box;
    }
    var x = d[18];
    add(head, ' ', el('span', 'muted', str(x[2])));
    add(info, ' · ' + str(x[0]));
    if (str(d[8]) !== '') add(info, ' · ' + labels.hostName + ': ', el('span', 'mono', str(d[8])), ' · ' + str(d[9]));
    add(info, ' · ' + labels.collected + ': ' + str(x[1]));
    add(box, head, info);
    if (d[13].length > 0) {
      var notes = el('ul', 'notes');
      d[13].forEach(function (n) { notes.appendChild(el('li', '', str(n))); });
      box.appendChild(notes);
    }
    if (d[16].length > 0) {
      var probes = el('ul', 'incomplete');
      d[16].forEach(function (p) { add(probes, add(el('li'), el('code', '', str(p[0])), ': ' + str(p[1]))); });
      box.appendChild(probes);
    }
    var list = x[4].map(record);
    if (list.length > 0) box.appendChild(findingsTable(list));
    box.appendChild(el('p', 'muted', str(x[3])));
    return box;
  }

  function detailRow(item) {
    var td = el('td');
    td.colSpan = columns;
    return add(el('tr', 'host-detail'), add(td, detailsOf(item)));
  }

  function draw(list) {
    var fragment = document.createDocumentFragment();
    list.forEach(function (item) {
      fragment.appendChild(rowOf(item));
      if (opened.has(item.i)) fragment.appendChild(detailRow(item));
    });
    tbody.replaceChildren(fragment);
  }

  var pageSize = meta.pageSize || 100;
  var page = 0;
  var matching = items;
  var pager = document.getElementById('host-pages');
  var previous = document.getElementById('page-prev');
  var next = document.getElementById('page-next');
  var firstPage = document.getElementById('page-first');
  var lastPage = document.getElementById('page-last');
  var pageStatus = document.getElementById('page-status');

  // The rows that match the filters, in table order, shown one page at a time.
  function applyFilter(keepPage) {
    var f = filters();
    matching = items.filter(function (item) { return matches(item, f); });
    var pages = Math.max(1, Math.ceil(matching.length / pageSize));
    if (keepPage !== true) page = 0;
    if (page > pages - 1) page = pages - 1;
    draw(matching.slice(page * pageSize, (page + 1) * pageSize));
    if (count) count.textContent = meta.shownOf.replace('{shown}', String(matching.length)).replace('{total}', String(items.length));
    if (pager) pager.hidden = pages < 2;
    if (pageStatus) pageStatus.textContent = meta.pages.pageOf.replace('{page}', String(page + 1)).replace('{pages}', String(pages));
    if (previous) previous.disabled = page === 0;
    if (next) next.disabled = page >= pages - 1;
    if (firstPage) firstPage.disabled = page === 0;
    if (lastPage) lastPage.disabled = page >= pages - 1;
  }

  function turn(by) {
    page += by;
    applyFilter(true);
  }
  if (previous) previous.addEventListener('click', function () { turn(-1); });
  if (next) next.addEventListener('click', function () { turn(1); });
  if (firstPage) firstPage.addEventListener('click', function () { turn(-page); });
  if (lastPage) lastPage.addEventListener('click', function () { turn(Infinity); });

  function compare(col) {
    var key = col === 0 ? function (d) { return d[0]; } : col === 9 ? function (d) { return str(d[8]); } : col === 10 ? function (d) { return str(d[9]); } : col === 11 ? function (d) { return d[10].map(str).join(', '); } : null;
    if (key) {
      var collator = new Intl.Collator(document.documentElement.lang || undefined, { numeric: true, sensitivity: 'base' });
      return function (a, b) { return collator.compare(key(a.d), key(b.d)); };
    }
    if (col === 8) return function (a, b) { return a.d[7] < b.d[7] ? -1 : a.d[7] > b.d[7] ? 1 : 0; };
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
    headers.forEach(function (h) { if (h.hasAttribute('data-col')) h.setAttribute('aria-sort', h === th ? dir : 'none'); });
    applyFilter();
  }
  headers.forEach(function (th) {
    var button = th.querySelector('button');
    if (button) button.addEventListener('click', function () { sortBy(th); });
  });
  if (textBox) textBox.addEventListener('input', function () { applyFilter(); });
  [select, ruleSelect].forEach(function (s) { if (s) s.addEventListener('change', function () { applyFilter(); }); });

  // The other lists of hosts (not checked; the changes since the baseline): a page at a time, by group.
  var groupSelects = Array.prototype.slice.call(document.querySelectorAll('select[data-group-filter]'));
  var listSize = meta.listPageSize || 100;
  var lists = [];
  Array.prototype.forEach.call(document.querySelectorAll('[data-list]'), function (box) {
    var all = (data.lists || {})[box.getAttribute('data-list')];
    var body = box.querySelector('[data-items]');
    var nav = box.querySelector('nav.list-pages');
    if (!Array.isArray(all) || !body || !nav) return;
    var list = { kind: box.getAttribute('data-kind'), all: all, matching: all, page: 0, body: body, nav: nav, shown: box.querySelector('.list-shown'), unknown: box.querySelector('.group-unknown') };
    Array.prototype.forEach.call(nav.querySelectorAll('button[data-page]'), function (b) {
      b.addEventListener('click', function () {
        var by = b.getAttribute('data-page');
        list.page = by === 'first' ? 0 : by === 'last' ? Infinity : list.page + Number(by);
        drawList(list);
      });
    });
    lists.push(list);
  });
  function hostOf(list, item) { return list.kind === 'rules' ? item[0] : item; }
  function hostLink(i) {
    var a = el('a', '', data.hosts[i][0]);
    a.setAttribute('href', '#h' + i);
    return a;
  }
  // One entry, as html-lists.ts writes the first page.
  function listItem(list, item) {
    if (list.kind === 'named') return add(el('li'), item[0] + ' ', el('span', 'mono muted', item[1]));
    var i = hostOf(list, item), d = data.hosts[i];
    if (list.kind === 'not-checked') {
      var th = add(el('th'), hostLink(i));
      th.setAttribute('scope', 'row');
      return add(el('tr'), th, el('td', 'mono', sourceOf(d)), add(el('td'), badge(meta.states[d[1]], meta.stateLabels[d[1]])), el('td', '', str(d[18])));
    }
    var li = add(el('li'), hostLink(i));
    if (list.kind === 'rules') item[1].forEach(function (r, k) { add(li, k === 0 ? ': ' : ', ', ruleCode(str(r))); });
    return li;
  }
  function drawList(list, every) {
    var group = groupSelects.length > 0 ? groupSelects[0].value : '';
    // A missing host has its groups in the baseline; one without (an older report) is listed whatever the group, as the page says.
    list.matching = group === '' ? list.all : list.all.filter(function (item) {
      var groups = list.kind === 'named' ? item[2] : data.hosts[hostOf(list, item)][10];
      return groups === null || groups.some(function (g) { return str(g) === group; });
    });
    var pages = Math.max(1, Math.ceil(list.matching.length / listSize));
    list.page = Math.max(0, Math.min(list.page, pages - 1));
    var fragment = document.createDocumentFragment();
    (every ? list.matching : list.matching.slice(list.page * listSize, (list.page + 1) * listSize)).forEach(function (item) { fragment.appendChild(listItem(list, item)); });
    list.body.replaceChildren(fragment);
    if (list.shown) {
      list.shown.hidden = group === '';
      list.shown.textContent = meta.shownOf.replace('{shown}', String(list.matching.length)).replace('{total}', String(list.all.length));
    }
    if (list.unknown) list.unknown.hidden = group === '';
    list.nav.hidden = pages < 2 || every === true;
    list.nav.querySelector('.page-status').textContent = meta.pages.pageOf.replace('{page}', String(list.page + 1)).replace('{pages}', String(pages));
    Array.prototype.forEach.call(list.nav.querySelectorAll('button[data-page]'), function (b) {
      var back = b.getAttribute('data-page') === 'first' || b.getAttribute('data-page') === '-1';
      b.disabled = back ? list.page === 0 : list.page >= pages - 1;
    });
  }
  // Every group filter shows the same group and filters every list.
  function setGroup(value) {
    groupSelects.forEach(function (s) { s.value = value; });
    lists.forEach(function (list) { list.page = 0; drawList(list); });
    applyFilter();
  }
  groupSelects.forEach(function (s) { s.addEventListener('change', function () { setGroup(s.value); }); });
  lists.forEach(function (list) { drawList(list); });
  applyFilter();

  // A host's name opens or closes its details; its address (#h…) opens them on whichever page it is.
  tbody.addEventListener('click', function (event) {
    var a = event.target instanceof Element ? event.target.closest('th[scope="row"] > a') : null;
    if (!a) return;
    var found = /^#h(\\d+)$/.exec(a.getAttribute('href') || '');
    if (!found) return;
    event.preventDefault();
    var i = Number(found[1]);
    if (opened.has(i)) opened.delete(i);
    else {
      opened.add(i);
      try { history.replaceState(null, '', '#h' + i); } catch (e) { /* a page that cannot change its address */ }
    }
    applyFilter(true);
  });

  function openTarget() {
    var found = /^#h(\\d+)$/.exec(location.hash);
    var i = found ? Number(found[1]) : -1;
    if (i < 0 || i >= items.length) return;
    var at = matching.findIndex(function (item) { return item.i === i; });
    if (at === -1) {
      // Filtered out: the filters are cleared, so that the host can be shown.
      if (textBox) textBox.value = '';
      [select, ruleSelect].forEach(function (s) { if (s) s.value = ''; });
      setGroup('');
      at = matching.findIndex(function (item) { return item.i === i; });
    }
    page = Math.floor(at / pageSize);
    opened.add(i);
    applyFilter(true);
    var target = document.getElementById('h' + i);
    if (target) target.scrollIntoView();
  }
  window.addEventListener('hashchange', openTarget);
  openTarget();

  // On paper, every row the filters keep, not only this page's, with the details of those opened
  // (of all of them, when they are few enough to print).
  var printed = null;
  window.addEventListener('beforeprint', function () {
    printed = new Set(opened);
    if (matching.length <= 200) matching.forEach(function (item) { opened.add(item.i); });
    draw(matching);
    lists.forEach(function (list) { drawList(list, true); });
  });
  window.addEventListener('afterprint', function () {
    if (printed) opened = printed;
    printed = null;
    applyFilter(true);
    lists.forEach(function (list) { drawList(list); });
  });
})();
`;

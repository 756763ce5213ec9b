#!/usr/bin/env node
// How long a fleet HTML report takes to become usable in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core): for each file, its size, the load event, the
// moment the page script has drawn the hosts table (it writes "N of M hosts shown"), the page's JS
// heap and DOM nodes, then the time to turn to the next page and to open the first host's details;
// and the page's other long lists (the hosts not checked, the changes since a baseline: html-lists.ts),
// each with its entries in the document and its length in the data, and the time to turn to its
// last page. Medians over --runs fresh pages (3 by default). A measure, not a test: nothing is asserted.
// Usage: node bench/fleet-html-load.mjs report.html [other.html ...] [--runs 3]
//
// The case of issue 19 (a first audit of 30,000 hosts against an empty baseline: 30,000 new hosts,
// 2 % not checked, two ministries), made from the bench's snapshots (bench/run.mjs --fleet makes
// them under $CHARTER_CACHE) with the CLI in dist/ (npm run build), then measured:
//   node bench/fleet-html-load.mjs --new-hosts [--snapshots DIR] [--runs 3]
import { spawnSync } from 'node:child_process';
import { existsSync, linkSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const valued = ['--runs', '--snapshots'];
const option = (name) => {
  const at = args.indexOf(name);
  return at === -1 ? undefined : args[at + 1];
};
const runs = Number(option('--runs') ?? 3);
const files = args.filter((a, i) => !a.startsWith('--') && !valued.includes(args[i - 1]));

/**
 * The report of issue 19's case: the snapshots in two folders (two ministries, hard links), an empty
 * baseline (an audit of one snapshot, its hosts taken out), then `charter audit --baseline` to HTML.
 */
const newHostsReport = (work) => {
  const cache = process.env.CHARTER_CACHE ?? join(root, '.cache');
  const snapshots = option('--snapshots') ?? join(cache, 'bench-snapshots-v2-30000');
  if (!existsSync(snapshots)) {
    console.error(`bench: no snapshots in ${snapshots}: run \`npm run bench -- --fleet-only\` first, or give --snapshots DIR`);
    process.exit(2);
  }
  const names = readdirSync(snapshots).filter((n) => n.endsWith('.json') || n.endsWith('.json.gz'));
  const fleet = join(work, 'fleet');
  names.forEach((name, i) => {
    const group = join(fleet, i % 2 === 0 ? 'MinFin' : 'MinEdu');
    mkdirSync(group, { recursive: true });
    linkSync(join(snapshots, name), join(group, name));
  });
  const charter = (argv) => {
    const run = spawnSync(process.execPath, [join(root, 'bin', 'charter.js'), ...argv], { encoding: 'utf8', maxBuffer: 64 << 20 });
    if (run.status !== 0 && run.status !== 1) throw new Error(`charter ${argv.join(' ')}: exit ${run.status}\n${run.stderr}`);
  };
  const one = join(work, 'one');
  mkdirSync(one);
  linkSync(join(snapshots, names[0]), join(one, names[0]));
  const baseline = join(work, 'baseline.json');
  charter(['audit', one, '--format', 'json', '--output', baseline]);
  writeFileSync(baseline, JSON.stringify({ ...JSON.parse(readFileSync(baseline, 'utf8')), hosts: [] }));
  const report = join(work, 'new-hosts.html');
  const started = performance.now();
  charter(['audit', fleet, '--baseline', baseline, '--format', 'html', '--output', report]);
  console.log(`(${names.length} snapshots in two groups against an empty baseline: audit to HTML in ${Math.round(performance.now() - started)} ms)`);
  return report;
};

let work;
if (args.includes('--new-hosts')) {
  work = mkdtempSync(join(tmpdir(), 'charter-html-bench-'));
  files.push(newHostsReport(work));
}
if (files.length === 0) {
  console.error('usage: node bench/fleet-html-load.mjs report.html [other.html ...] [--runs 3] | --new-hosts [--snapshots DIR] [--runs 3]');
  process.exit(2);
}

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
};

// Before the page's own code: note when #host-count is first written (the script has drawn the table).
const readyProbe = `
window.__ready = null;
(function () {
  var observer = new MutationObserver(function () {
    var c = document.getElementById('host-count');
    if (c && c.textContent && window.__ready === null) { window.__ready = performance.now(); observer.disconnect(); }
  });
  observer.observe(document, { subtree: true, childList: true, characterData: true });
})();
`;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
});
try {
  for (const file of files) {
    const url = pathToFileURL(resolve(file)).href;
    const samples = [];
    for (let run = 0; run < runs; run++) {
      const context = await browser.newContext({ viewport: { width: 1400, height: 900 } });
      const page = await context.newPage();
      await page.addInitScript({ content: readyProbe });
      await page.goto(url, { waitUntil: 'load', timeout: 900_000 });
      await page.waitForFunction('window.__ready !== null', undefined, { timeout: 900_000, polling: 100 });
      const timing = await page.evaluate(
        "({ load: performance.getEntriesByType('navigation')[0].loadEventEnd, ready: window.__ready, nodes: document.getElementsByTagName('*').length })",
      );
      const cdp = await context.newCDPSession(page);
      await cdp.send('Performance.enable');
      const { metrics } = await cdp.send('Performance.getMetrics');
      const heap = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value ?? NaN;
      // Interactions, each timed in the page from the click to the state it leads to.
      const nextMs = await page.evaluate(`new Promise(function (done) {
        var status = document.getElementById('page-status'), before = status.textContent, t0 = performance.now();
        document.getElementById('page-next').click();
        (function wait() { if (status.textContent !== before) done(performance.now() - t0); else requestAnimationFrame(wait); })();
      })`);
      const openMs = await page.evaluate(`new Promise(function (done) {
        var link = document.querySelector('#hosts-table tbody th a'), id = link.getAttribute('href').slice(1), t0 = performance.now();
        link.click();
        (function wait() {
          var target = document.getElementById(id);
          if (target && target.tagName !== 'TR' && (target.tagName !== 'DETAILS' || target.open)) done(performance.now() - t0); else requestAnimationFrame(wait);
        })();
      })`);
      // Each other list: its entries in the document, its length in the data, the time to reach its last page.
      const lists = await page.evaluate(`(function () {
        var data = JSON.parse(document.getElementById('fleet-data').textContent).lists || {};
        return Promise.all(Array.prototype.map.call(document.querySelectorAll('[data-list]'), function (box) {
          var id = box.getAttribute('data-list'), items = box.querySelector('[data-items]'), status = box.querySelector('.page-status');
          var entry = { id: id, length: data[id].length, inDocument: items.children.length, lastMs: NaN };
          var last = box.querySelector('button[data-page="last"]');
          if (!last || box.querySelector('nav').hidden) return entry;
          return new Promise(function (done) {
            var before = status.textContent, t0 = performance.now();
            last.click();
            (function wait() { if (status.textContent !== before) { entry.lastMs = performance.now() - t0; done(entry); } else requestAnimationFrame(wait); })();
          });
        }));
      })()`);
      samples.push({ ...timing, heapMb: heap / 1048576, nextMs, openMs, lists });
      await context.close();
    }
    const mb = statSync(file).size / 1048576;
    const pick = (key) => median(samples.map((s) => s[key]));
    console.log(
      `${file}: ${mb.toFixed(1)} MB; median of ${runs}: load ${Math.round(pick('load'))} ms, interactive ${Math.round(pick('ready'))} ms, JS heap ${pick('heapMb').toFixed(0)} MB, ${Math.round(pick('nodes'))} elements; next page ${Math.round(pick('nextMs'))} ms, open details ${Math.round(pick('openMs'))} ms`,
    );
    for (const [n, list] of samples[0].lists.entries()) {
      const lastMs = median(samples.map((s) => s.lists[n].lastMs));
      console.log(
        `  list ${list.id}: ${list.length} entries, ${list.inDocument} in the document${Number.isNaN(lastMs) ? '' : `; last page ${Math.round(lastMs)} ms`}`,
      );
    }
  }
} finally {
  await browser.close();
  if (work !== undefined) rmSync(work, { recursive: true, force: true });
}

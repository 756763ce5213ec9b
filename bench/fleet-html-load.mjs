#!/usr/bin/env node
// How long a fleet HTML report takes to become usable in headless Chromium (Debian's
// /usr/bin/chromium, driven by playwright-core): for each file, its size, the load event, the
// moment the page script has drawn the hosts table (it writes "N of M hosts shown"), the page's JS
// heap and DOM nodes, then the time to turn to the next page and to open the first host's details.
// Medians over --runs fresh pages (3 by default). A measure, not a test: nothing is asserted.
// Usage: node bench/fleet-html-load.mjs report.html [other.html ...] [--runs 3]
import { statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const args = process.argv.slice(2);
const at = args.indexOf('--runs');
const runs = at === -1 ? 3 : Number(args[at + 1]);
const files = args.filter((a, i) => a !== '--runs' && i !== at + 1);
if (files.length === 0) {
  console.error('usage: node bench/fleet-html-load.mjs report.html [other.html ...] [--runs 3]');
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
      samples.push({ ...timing, heapMb: heap / 1048576, nextMs, openMs });
      await context.close();
    }
    const mb = statSync(file).size / 1048576;
    const pick = (key) => median(samples.map((s) => s[key]));
    console.log(
      `${file}: ${mb.toFixed(1)} MB; median of ${runs}: load ${Math.round(pick('load'))} ms, interactive ${Math.round(pick('ready'))} ms, JS heap ${pick('heapMb').toFixed(0)} MB, ${Math.round(pick('nodes'))} elements; next page ${Math.round(pick('nextMs'))} ms, open details ${Math.round(pick('openMs'))} ms`,
    );
  }
} finally {
  await browser.close();
}

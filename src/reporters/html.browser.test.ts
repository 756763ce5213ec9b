/**
 * The single-host HTML report (`charter check --format html`) in a real headless Chromium (Debian's
 * /usr/bin/chromium, driven by playwright-core, which downloads no browser): no errors, no request
 * but the page, a hostile app name shown as text and never run, the findings and their plain
 * sentences present, printable to PDF. Needs `apt-get install chromium`; CHARTER_SKIP_BROWSER=1 skips it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Finding, Report } from '../model.js';
import { plainSentence } from '../plain/sentence.js';
import { html } from './html.js';
import { messengerReport } from './testdata/messenger-report.js';

const executablePath = '/usr/bin/chromium';
const skipReason = process.env.CHARTER_SKIP_BROWSER === '1' ? 'CHARTER_SKIP_BROWSER=1: the Chromium test of the HTML report is skipped' : undefined;
const artifacts = fileURLToPath(new URL('../../test-artifacts/', import.meta.url));
const installed = existsSync(executablePath);
const hostileApp = '<img src=x onerror="window.__charterPwned=1">Signal';

describe.skipIf(skipReason !== undefined)(`Chromium for the HTML report${skipReason === undefined ? '' : ` (${skipReason})`}`, () => {
  it('is installed at /usr/bin/chromium', () => {
    expect(installed, `${executablePath} is missing: run \`apt-get install chromium\`, or set CHARTER_SKIP_BROWSER=1 to skip this test`).toBe(true);
  });
});

describe.skipIf(skipReason !== undefined || !installed)('single-host HTML report in headless Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let report: Report;
  let url: string;
  let dir: string;
  const log = { consoleErrors: [] as string[], pageErrors: [] as string[], requests: [] as string[], dialogs: [] as string[] };

  beforeAll(async () => {
    const real = await messengerReport();
    // The recorded host's MSG-01 failure, with a hostile app name carried through the real sentence builder.
    const msg01 = real.report.findings.find((f) => f.ruleId === 'MSG-01');
    const rule = real.policy.rules.find((r) => r.id === 'MSG-01');
    if (msg01 === undefined || rule === undefined) throw new Error('MSG-01 missing');
    const app = {
      id: 'x',
      name: hostileApp,
      categories: ['messenger'],
      approved: false,
      installed: true,
      running: true,
      dataPresent: true,
      inBrowser: false,
      lastUsed: null,
      evidence: ['dpkg package evil<b>x</b> 1'],
    };
    const hostile: Finding = { ...msg01, evidence: [{ fact: 'software.apps', actual: [app], expected: 'none', outcome: 'fails' }] };
    const sentence = plainSentence(hostile, rule, {}, { language: 'en', now: new Date(real.report.startedAt) });
    report = {
      ...real.report,
      target: { ...real.report.target, name: `host ${hostileApp}` },
      findings: real.report.findings.map((f) => (f.ruleId === 'MSG-01' ? { ...hostile, ...(sentence === undefined ? {} : { sentence }) } : f)),
    };
    dir = mkdtempSync(join(tmpdir(), 'charter-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html.render(report, { ...real.options, verbose: true }));
    url = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    const context = await browser.newContext({ viewport: { width: 1100, height: 900 } });
    page = await context.newPage();
    // Runs before the page's own code, outside its CSP: records every policy violation.
    await page.addInitScript({
      content:
        "window.__violations = []; document.addEventListener('securitypolicyviolation', function (e) { window.__violations.push(e.violatedDirective + ' ' + e.blockedURI); });",
    });
    page.on('console', (message) => {
      if (message.type() === 'error') log.consoleErrors.push(message.text());
    });
    page.on('pageerror', (error) => log.pageErrors.push(error.message));
    page.on('request', (request) => log.requests.push(request.url()));
    page.on('dialog', (dialog) => {
      log.dialogs.push(dialog.message());
      void dialog.dismiss();
    });
    await page.goto(url, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('loads without console errors, page errors, CSP violations, dialogs or any request but the file itself', async () => {
    expect(await page.title()).toContain(report.policy.title);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.dialogs).toEqual([]);
    expect(log.requests).toEqual([url]);
    expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);
  });

  it('shows every finding, each failure as its plain sentence, the to-do list and the verdict', async () => {
    expect(await page.locator('article.finding').count()).toBe(report.findings.length);
    const sentences = await page.locator('article.finding.fail p.sentence').allTextContents();
    expect(sentences).toHaveLength(report.summary.fail);
    expect(sentences).toContain('The system disk is not encrypted.');
    expect(await page.locator('section.todo ol > li').count()).toBe(report.summary.fail + report.summary.error);
    expect(await page.locator('section.todo ol > li').first().textContent()).toContain('(ENC-01, critical)');
    expect(await page.locator('.verdict').textContent()).toMatch(
      /^This machine does not meet the charter at `--fail-on high`: \d+ failures? and \d+ undecided points? at or above “high”\.$/,
    );
    // --verbose: the failing conditions in their own table, apart from those that hold.
    expect(await page.locator('#rule-ENC-01 table.evidence caption').allTextContents()).toEqual(['what fails', 'what holds']);
  });

  it('shows the hostile app name as text and never runs it', async () => {
    expect(await page.evaluate<unknown>('window.__charterPwned')).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await page.locator('b', { hasText: /^x$/ }).count()).toBe(0);
    expect(await page.locator('#rule-MSG-01 p.sentence').textContent()).toBe(`${hostileApp} is installed (package evil<b>x</b>) and is running.`);
    expect(await page.locator('.meta').textContent()).toContain(`host ${hostileApp}`);
  });

  it('prints to PDF and takes a full-page screenshot, still without errors or requests', async () => {
    mkdirSync(artifacts, { recursive: true });
    const png = await page.screenshot({ path: join(artifacts, 'check-report.png'), fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
    await page.emulateMedia({ media: 'print' });
    expect(await page.locator('details.evidence > summary').first().isVisible()).toBe(false);
    const pdf = await page.pdf({ path: join(artifacts, 'check-report.pdf'), format: 'A4' });
    expect(pdf.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    await page.emulateMedia({ media: 'screen' });
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.requests).toEqual([url]);
  });
});

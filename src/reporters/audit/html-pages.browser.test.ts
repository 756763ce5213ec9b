/**
 * The fleet HTML report of more hosts than one page holds, in a real headless Chromium (see
 * html.browser.test.ts): 100 rows a page, every page reachable, the filters and sorting working
 * over all hosts, not only the page shown.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { auditOf, checkedHost, finding, hostReport, uncheckedHost } from '../../testing/fleet-reports.js';
import type { HostResult } from '../../fleet/model.js';
import { pageData } from '../../testing/fleet-html-data.js';
import { hostsPerPage, html } from './html.js';

const executablePath = '/usr/bin/chromium';
const skip = process.env.CHARTER_SKIP_BROWSER === '1' || !existsSync(executablePath);

/** 250 hosts: every third fails a high rule, every 25th could not be reached, the rest comply. */
const hostCount = 250;
const fleet = (): HostResult[] =>
  Array.from({ length: hostCount }, (_, i) => {
    const name = `host-${String(i).padStart(4, '0')}`;
    if (i % 25 === 24) return uncheckedHost(name, 'unreachable', 'ssh: connect: Connection refused');
    const failing = i % 3 === 0;
    return checkedHost(
      hostReport(name, [
        finding({ ruleId: 'FW-01', status: failing ? 'fail' : 'pass', severity: 'high', theme: 'firewall' }),
        finding({ ruleId: 'UPD-01', status: 'pass', severity: 'medium', theme: 'updates' }),
      ]),
    );
  });

const expected = { nonCompliant: 0, compliant: 0, notChecked: 0 };
for (let i = 0; i < hostCount; i += 1) {
  if (i % 25 === 24) expected.notChecked += 1;
  else if (i % 3 === 0) expected.nonCompliant += 1;
  else expected.compliant += 1;
}

describe.skipIf(skip)('fleet HTML report of 250 hosts, in pages, in headless Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let dir: string;
  let order: string[] = [];
  const errors: string[] = [];

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'charter-fleet-pages-'));
    const file = join(dir, 'fleet-pages.html');
    const text = html.render(auditOf(fleet()), { messages: messagesFor('en'), color: false });
    order = pageData(text).hosts.map((h) => h.name);
    writeFileSync(file, text);
    browser = await chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  });

  afterAll(async () => {
    await browser?.close();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  /** Every host in table order, as the page's data holds them (the page draws one page of them at a time). */
  const allNames = (): Promise<string[]> => Promise.resolve(order);
  const visibleNames = (): Promise<string[]> => page.locator('#hosts-table > tbody > tr:not([hidden]) > th').allTextContents();
  const status = (): Promise<string | null> => page.locator('#page-status').textContent();
  const next = () => page.getByRole('button', { name: 'Next', exact: true });
  const previous = () => page.getByRole('button', { name: 'Previous', exact: true });

  /** Every name shown on every page, turning the pages from the first. */
  const everyPage = async (): Promise<string[][]> => {
    const pages: string[][] = [await visibleNames()];
    // One page: no pager at all.
    if (await page.locator('#host-pages').isHidden()) return pages;
    while (await next().isEnabled()) {
      await next().click();
      pages.push(await visibleNames());
    }
    return pages;
  };

  it('shows the first 100 rows, then each following page, every host exactly once', async () => {
    expect(hostsPerPage).toBe(100);
    const order = await allNames();
    expect(order).toHaveLength(hostCount);
    expect(await visibleNames()).toEqual(order.slice(0, 100));
    // Only the page shown is in the document.
    expect(await page.locator('#hosts-table > tbody > tr').count()).toBe(100);
    expect(await status()).toBe('Page 1 of 3');
    expect(await previous().isDisabled()).toBe(true);
    await next().click();
    expect(await status()).toBe('Page 2 of 3');
    expect(await visibleNames()).toEqual(order.slice(100, 200));
    await next().click();
    expect(await visibleNames()).toEqual(order.slice(200));
    expect(await next().isDisabled()).toBe(true);
    await previous().click();
    expect(await visibleNames()).toEqual(order.slice(100, 200));
    expect(await page.locator('#host-count').textContent()).toBe(`${String(hostCount)} of ${String(hostCount)} hosts shown`);
  });

  it('finds a host on any page by name, and filters by status across all pages', async () => {
    const order = await allNames();
    const last = order.at(-1) ?? '';
    await page.getByLabel('Filter hosts').fill(last);
    expect(await visibleNames()).toEqual([last]);
    expect(await page.locator('#host-pages').isHidden()).toBe(true);
    await page.getByLabel('Filter hosts').fill('');
    for (const [state, count] of [
      ['compliant', expected.compliant],
      ['non-compliant', expected.nonCompliant],
      ['not-checked', expected.notChecked],
    ] as const) {
      await page.getByLabel('Status').selectOption(state);
      expect(await page.locator('#host-count').textContent()).toBe(`${String(count)} of ${String(hostCount)} hosts shown`);
      const pages = await everyPage();
      expect(pages).toHaveLength(Math.ceil(count / 100));
      expect(pages.every((names) => names.length <= 100)).toBe(true);
      const seen = pages.flat();
      expect(new Set(seen).size).toBe(count);
      // In table order, the matching hosts and only they.
      expect(seen).toEqual(order.filter((name) => seen.includes(name)));
    }
    await page.getByLabel('Status').selectOption('');
  });

  it('sorts over all hosts, not only the page shown, and starts again at page 1', async () => {
    await next().click();
    await page.getByRole('button', { name: 'Host', exact: true }).click();
    expect(await status()).toBe('Page 1 of 3');
    const sorted = Array.from({ length: hostCount }, (_, i) => `host-${String(i).padStart(4, '0')}`);
    expect(await visibleNames()).toEqual(sorted.slice(0, 100));
    expect((await everyPage()).flat()).toEqual(sorted);
    expect(errors).toEqual([]);
  });

  it('prints every row the filters keep, then shows one page again', async () => {
    await page.getByLabel('Status').selectOption('non-compliant');
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    expect(await visibleNames()).toHaveLength(expected.nonCompliant);
    // Few enough to print: each with its details.
    expect(await page.locator('#hosts-table .detail').count()).toBe(expected.nonCompliant);
    await page.evaluate("window.dispatchEvent(new Event('afterprint'))");
    expect(await visibleNames()).toHaveLength(Math.min(100, expected.nonCompliant));
    expect(await page.locator('#hosts-table .detail').count()).toBe(0);
    await page.getByLabel('Status').selectOption('');
    await page.evaluate("window.dispatchEvent(new Event('beforeprint'))");
    expect(await visibleNames()).toHaveLength(hostCount);
    // Too many to print each one's details: only those opened.
    expect(await page.locator('#hosts-table .detail').count()).toBe(0);
    await page.evaluate("window.dispatchEvent(new Event('afterprint'))");
    expect(errors).toEqual([]);
  });
});

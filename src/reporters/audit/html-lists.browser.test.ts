/**
 * The fleet HTML report's long lists in headless Chromium (as html.browser.test.ts): a first audit
 * of 30,000 hosts against an empty baseline lists 30,000 new hosts and 600 not checked, yet the
 * document holds one page of each list and of the hosts table; every page is reachable, the last
 * host included; the group
 * filter (any of the page's) narrows every list; hostile names, groups and reasons show as text; the
 * markup written for a browser without script is the first page the script draws.
 * CHARTER_SKIP_BROWSER=1 skips it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Locator, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { controlsVisible } from '../escape.js';
import type { PageListEntry } from '../../testing/fleet-html-data.js';
import { pageData } from '../../testing/fleet-html-data.js';
import { hostileGroup, hostileText, newHostsAudit } from '../../testing/fleet-lists.js';
import { html } from './html.js';
import { listPageSize } from './html-lists.js';

const executablePath = '/usr/bin/chromium';
const skip = process.env.CHARTER_SKIP_BROWSER === '1' || !existsSync(executablePath);

const count = 30_000;
/** Hosts 7 and 29,998 (checked, in MinEdu) and 49 (not checked, in MinFin) are hostile. */
const hostile = [7, 49, 29_998];

describe.skipIf(skip)('the long lists of a 30,000-host fleet HTML report, in headless Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let file = '';
  let dir = '';
  let lists: Record<string, PageListEntry[]> = {};
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const text = html.render(newHostsAudit({ count, notCheckedEvery: 50, hostile }), { messages: messagesFor('en'), color: false });
    lists = pageData(text).lists;
    dir = mkdtempSync(join(tmpdir(), 'charter-fleet-lists-'));
    file = join(dir, 'lists.html');
    writeFileSync(file, text);
    browser = await chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    await page.addInitScript({
      content:
        "window.__violations = []; document.addEventListener('securitypolicyviolation', function (e) { window.__violations.push(e.violatedDirective); });",
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 240_000 });
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const box = (id: string): Locator => page.locator(`[data-list="${id}"]`);
  /** The names an entry of the list shows first (a host's link, a missing host's text before its source). */
  const shown = (id: string): Promise<string[]> =>
    id === 'missing'
      ? box(id)
          .locator('[data-items] > li')
          // The page's nodes, typed as what is read of them (the project's tsconfig has no DOM types).
          .evaluateAll((items) => (items as unknown as { firstChild: { textContent: string } | null }[]).map((li) => (li.firstChild?.textContent ?? '').trim()))
      : box(id).locator('[data-items] > * a[href^="#h"]').allTextContents();
  const status = (id: string): Promise<string | null> => box(id).locator('.page-status').textContent();
  const button = (id: string, name: string): Locator => box(id).getByRole('button', { name, exact: true });
  const names = (entries: readonly PageListEntry[]): string[] => entries.map((e) => e.name);
  const inGroup = (id: string, group: string): PageListEntry[] => (lists[id] ?? []).filter((e) => e.groups.includes(group));

  it('loads with no error, no CSP violation, no request but the file, nothing hostile run, one page of each list', async () => {
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);
    expect(await page.evaluate<unknown>('window.__charterPwned')).toBeUndefined();
    expect(lists.newHosts).toHaveLength(count);
    expect(lists.notChecked).toHaveLength(600);
    expect(listPageSize).toBe(100);
    expect(await page.locator('#hosts-table > tbody > tr').count()).toBeLessThanOrEqual(listPageSize);
    expect(await box('newHosts').locator('[data-items] > li').count()).toBe(listPageSize);
    expect(await box('notChecked').locator('[data-items] > tr').count()).toBe(listPageSize);
    expect(await box('missing').locator('[data-items] > li').count()).toBe(2);
    // 30,000 hosts, 30,000 of them new, 600 not checked: a few thousand elements, not tens of thousands.
    expect(await page.evaluate<number>("document.getElementsByTagName('*').length")).toBeLessThan(5_000);
    expect(await status('newHosts')).toBe('Page 1 of 300');
    expect(await status('notChecked')).toBe('Page 1 of 6');
  });

  it('turns each list’s pages: the new hosts to the last one, every host not checked exactly once', async () => {
    const all = names(lists.newHosts ?? []);
    expect(await shown('newHosts')).toEqual(all.slice(0, 100));
    expect(await button('newHosts', 'Previous').isDisabled()).toBe(true);
    await button('newHosts', 'Next').click();
    expect(await status('newHosts')).toBe('Page 2 of 300');
    expect(await shown('newHosts')).toEqual(all.slice(100, 200));
    await button('newHosts', 'Last').click();
    expect(await status('newHosts')).toBe('Page 300 of 300');
    expect(await shown('newHosts')).toEqual(all.slice(29_900));
    expect((await shown('newHosts')).at(-1)).toBe(all.at(-1));
    expect(await button('newHosts', 'Next').isDisabled()).toBe(true);
    await button('newHosts', 'Previous').click();
    expect(await shown('newHosts')).toEqual(all.slice(29_800, 29_900));
    await button('newHosts', 'First').click();
    expect(await shown('newHosts')).toEqual(all.slice(0, 100));

    const seen: string[][] = [await shown('notChecked')];
    while (await button('notChecked', 'Next').isEnabled()) {
      await button('notChecked', 'Next').click();
      seen.push(await shown('notChecked'));
    }
    expect(seen).toHaveLength(6);
    expect(seen.every((p) => p.length === 100)).toBe(true);
    expect(seen.flat()).toEqual(names(lists.notChecked ?? []));
    await button('notChecked', 'First').click();

    // The hosts table too: its last page in one click.
    await page.locator('#page-last').click();
    expect(await page.locator('#page-status').textContent()).toBe('Page 300 of 300');
    expect(await page.locator('#hosts-table > tbody > tr > th').allTextContents()).toEqual(all.slice(29_900));
    expect(await page.locator('#page-next').isDisabled()).toBe(true);
    await page.locator('#page-first').click();
    expect(await page.locator('#page-status').textContent()).toBe('Page 1 of 300');
    expect(await page.locator('#page-first').isDisabled()).toBe(true);
    expect(errors).toEqual([]);
  });

  it('filters every list by the group chosen in any of the page’s group filters', async () => {
    await page.selectOption('#changes-group-filter', 'MinFin');
    for (const other of ['#group-filter', '#not-checked-group-filter']) expect(await page.locator(other).inputValue()).toBe('MinFin');
    const newHosts = names(inGroup('newHosts', 'MinFin'));
    const notChecked = names(inGroup('notChecked', 'MinFin'));
    expect(newHosts).toHaveLength(15_000);
    expect(notChecked).toHaveLength(300);
    expect(await box('newHosts').locator('.list-shown').textContent()).toBe('15000 of 30000 hosts shown');
    expect(await status('newHosts')).toBe('Page 1 of 150');
    expect(await shown('newHosts')).toEqual(newHosts.slice(0, 100));
    await button('newHosts', 'Last').click();
    expect(await shown('newHosts')).toEqual(newHosts.slice(14_900));
    expect(await box('notChecked').locator('.list-shown').textContent()).toBe('300 of 600 hosts shown');
    expect(await shown('notChecked')).toEqual(notChecked.slice(0, 100));
    expect(await page.locator('#host-count').textContent()).toBe('15000 of 30000 hosts shown');
    // old-pc was in MinFin; the other missing host's groups are not known: listed, and the page says why.
    expect(await shown('missing')).toHaveLength(2);
    expect(await box('missing').locator('.group-unknown').isVisible()).toBe(true);
    await page.selectOption('#group-filter', 'MinEdu');
    expect((await shown('missing')).map((name) => name.startsWith('old-pc'))).toEqual([false]);
    await page.selectOption('#group-filter', 'MinFin');

    await page.selectOption('#group-filter', '');
    expect(await page.locator('#changes-group-filter').inputValue()).toBe('');
    expect(await box('newHosts').locator('.list-shown').isHidden()).toBe(true);
    expect(await box('missing').locator('.group-unknown').isHidden()).toBe(true);
    expect(await status('newHosts')).toBe('Page 1 of 300');
    expect(await shown('newHosts')).toEqual(names(lists.newHosts ?? []).slice(0, 100));
    expect(errors).toEqual([]);
  });

  it('shows hostile names, groups and reasons as text, and filters by the hostile group', async () => {
    const visible = controlsVisible(hostileGroup);
    // Escaped and made visible, not dropped: the option is the group as the page shows it.
    expect(visible).toContain('\\u{2028}');
    expect(visible).toContain('\\x1b');
    await page.selectOption('#not-checked-group-filter', visible);
    const evil = hostile.map((i) => controlsVisible(`pc-${String(i).padStart(5, '0')}-${hostileText}`));
    expect((await shown('newHosts')).sort()).toEqual([...evil].sort());
    expect(await shown('notChecked')).toEqual([evil[1]]);
    expect(await box('notChecked').locator('[data-items] > tr > td:last-child').allTextContents()).toEqual([controlsVisible(`not a snapshot: ${hostileText}`)]);
    expect(await shown('missing')).toContain(controlsVisible(`old-${hostileText}`));
    expect(await box('missing').locator('[data-items] span.mono').allTextContents()).toContain(controlsVisible(`snapshots/${hostileText}.json`));
    expect(await page.evaluate<unknown>('window.__charterPwned')).toBeUndefined();
    await page.selectOption('#group-filter', '');
    expect(errors).toEqual([]);
  });

  it('opens a listed host’s details in the hosts table from its name', async () => {
    await button('notChecked', 'Last').click();
    const link = box('notChecked').locator('[data-items] a').last();
    const name = await link.textContent();
    await link.click();
    const details = page.locator('#hosts-table .detail');
    // The page draws the details after the click's handler has run: wait for them (a loaded machine
    // may take a while), then there must be exactly one.
    await details.first().waitFor({ state: 'visible', timeout: 60_000 });
    expect(await details.count()).toBe(1);
    expect(await details.locator('strong').textContent()).toBe(name);
    expect(errors).toEqual([]);
  });

  it('writes each list’s first page as markup, the same the script draws', async () => {
    const withScript = { newHosts: await shown('newHosts'), missing: await shown('missing') };
    await button('notChecked', 'First').click();
    const notChecked = await box('notChecked').locator('[data-items] > tr').allTextContents();
    const context = await browser?.newContext({ javaScriptEnabled: false });
    if (context === undefined) throw new Error('no browser');
    const bare = await context.newPage();
    await bare.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 240_000 });
    const list = (id: string): Locator => bare.locator(`[data-list="${id}"]`);
    expect(await list('newHosts').locator('[data-items] > li > a').allTextContents()).toEqual(withScript.newHosts);
    expect(await list('notChecked').locator('[data-items] > tr').allTextContents()).toEqual(notChecked);
    expect(await list('missing').locator('[data-items] > li').allTextContents()).toEqual(await box('missing').locator('[data-items] > li').allTextContents());
    // The rest needs the script, and the page says so where a list is longer than its first page.
    expect(await list('newHosts').locator('noscript').textContent()).toContain('Without its script this list shows only its first 100');
    expect(await list('newHosts').locator('nav').isHidden()).toBe(true);
    await context.close();
  });
});

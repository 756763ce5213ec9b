/**
 * The fleet HTML report in a real headless Chromium (Debian's /usr/bin/chromium, driven by
 * playwright-core, which downloads no browser): no errors, no network, hostile input inert, the
 * hosts table sorts and filters. Needs `apt-get install chromium`; CHARTER_SKIP_BROWSER=1 skips it.
 */
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import type { AuditReport } from '../../fleet/model.js';
import { identityAudit } from '../../testing/fleet-identity.js';
import { byWorst, hostView, hostViews } from './host-view.js';
import { html } from './html.js';
import { hostileName, replayedAudit } from '../../testing/fleet-reports.js';

const executablePath = '/usr/bin/chromium';
const skipReason = process.env.CHARTER_SKIP_BROWSER === '1' ? 'CHARTER_SKIP_BROWSER=1: the Chromium test of the fleet HTML report is skipped' : undefined;
const artifacts = fileURLToPath(new URL('../../../test-artifacts/', import.meta.url));

interface PageLog {
  consoleErrors: string[];
  pageErrors: string[];
  requests: string[];
  dialogs: string[];
}

const rowNames = (page: Page): Promise<string[]> => page.locator('#hosts-table > tbody > tr > th').allTextContents();

const visibleNames = (page: Page): Promise<string[]> => page.locator('#hosts-table > tbody > tr:not([hidden]) > th').allTextContents();

/** Numbers of a column of the hosts table, in row order (— for a host not checked reads -1). */
const columnNumbers = async (page: Page, childIndex: number): Promise<number[]> =>
  (await page.locator(`#hosts-table > tbody > tr > :nth-child(${childIndex})`).allTextContents()).map((t) => Number(t.replace('—', '-1')));

const missingMessage = `${executablePath} is missing: run \`apt-get install chromium\` (Debian's Chromium), or set CHARTER_SKIP_BROWSER=1 to skip this test`;
const installed = existsSync(executablePath);

describe.skipIf(skipReason !== undefined)(`Chromium for the fleet HTML report${skipReason === undefined ? '' : ` (${skipReason})`}`, () => {
  it('is installed at /usr/bin/chromium', () => {
    expect(installed, missingMessage).toBe(true);
  });
});

describe.skipIf(skipReason !== undefined || !installed)(`fleet HTML report in headless Chromium${skipReason === undefined ? '' : ` (${skipReason})`}`, () => {
  let browser: Browser | undefined;
  let page: Page;
  let audit: AuditReport;
  let url: string;
  let dir: string;
  const log: PageLog = { consoleErrors: [], pageErrors: [], requests: [], dialogs: [] };

  beforeAll(async () => {
    audit = await replayedAudit();
    dir = mkdtempSync(join(tmpdir(), 'charter-fleet-html-'));
    const file = join(dir, 'fleet-report.html');
    writeFileSync(file, html.render(audit, { messages: messagesFor('en'), color: false }));
    url = pathToFileURL(file).href;
    browser = await chromium.launch({
      executablePath,
      headless: true,
      // Chromium's sandbox cannot start as root (CI containers).
      args: process.getuid?.() === 0 ? ['--no-sandbox'] : [],
    });
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    page = await context.newPage();
    // Runs before the page's own code, outside its CSP: records every policy violation.
    // (Page code is passed as strings: the project's tsconfig has no DOM types.)
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
    expect(await page.title()).toContain('Fleet audit');
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.dialogs).toEqual([]);
    expect(log.requests).toEqual([url]);
    expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);
    // The page script ran: it wrote the row count.
    expect(await page.textContent('#host-count')).toBe(`${audit.hosts.length} of ${audit.hosts.length} hosts shown`);
  });

  it('shows the hostile host name as text and never runs it', async () => {
    expect(await page.evaluate<unknown>('window.__charterPwned')).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    expect(await rowNames(page)).toContain(hostileName);
    // Its details, drawn from the data when its name is clicked, show it as text too.
    await page.locator('#hosts-table > tbody > tr > th a', { hasText: 'window.__charterPwned=1' }).click();
    await page.locator('#hosts-table .detail strong', { hasText: 'window.__charterPwned=1' }).waitFor();
    expect(await page.locator('#hosts-table .detail strong').allTextContents()).toEqual([hostileName]);
    expect(await page.locator('#hosts-table .detail').textContent()).toContain('window.__charterPwned=2');
    expect(await page.evaluate<unknown>('window.__charterPwned')).toBeUndefined();
    await page.locator('#hosts-table > tbody > tr > th a', { hasText: 'window.__charterPwned=1' }).click();
    await page.locator('#hosts-table .detail').waitFor({ state: 'detached' });
    expect(log.dialogs).toEqual([]);
  });

  it('shows the incomplete-audit banner and the hosts not checked with their reason', async () => {
    expect(await page.locator('[role="alert"]').textContent()).toContain('Incomplete audit: 3 hosts could not be checked.');
    const reasons = await page.locator('table.not-checked tbody tr').allTextContents();
    expect(reasons).toHaveLength(3);
    expect(reasons.join('\n')).toContain('Connection refused');
  });

  it('sorts the hosts table when a column header is clicked', async () => {
    const before = await rowNames(page);
    // Worst first as written.
    expect(before).toEqual(
      hostViews(audit)
        .sort(byWorst)
        .map((v) => v.host.name),
    );
    const collator = new Intl.Collator('en', { numeric: true, sensitivity: 'base' });
    await page.getByRole('button', { name: 'Host', exact: true }).click();
    const ascending = await rowNames(page);
    expect(ascending).toEqual([...before].sort((a, b) => collator.compare(a, b)));
    expect(ascending).not.toEqual(before);
    expect(await page.getAttribute('#hosts-table th[data-col="0"]', 'aria-sort')).toBe('ascending');
    await page.getByRole('button', { name: 'Host', exact: true }).click();
    expect(await rowNames(page)).toEqual([...ascending].reverse());
    expect(await page.getAttribute('#hosts-table th[data-col="0"]', 'aria-sort')).toBe('descending');

    await page.getByRole('button', { name: 'Fail', exact: true }).click();
    const fails = await columnNumbers(page, 6);
    expect(fails).toEqual([...fails].sort((a, b) => b - a));
    expect(fails[0]).toBeGreaterThan(0);
    expect(await page.getAttribute('#hosts-table th[data-col="2"]', 'aria-sort')).toBe('descending');
    expect(await page.getAttribute('#hosts-table th[data-col="0"]', 'aria-sort')).toBe('none');
  });

  it('filters rows by the text box and by the status select', async () => {
    const total = audit.hosts.length;
    await page.getByLabel('Filter hosts').pressSequentially('debian12');
    const recorded = audit.hosts.filter((h) => h.name.includes('debian12')).map((h) => h.name);
    expect(recorded.length).toBeGreaterThanOrEqual(3);
    expect((await visibleNames(page)).sort()).toEqual([...recorded].sort());
    expect(await page.textContent('#host-count')).toBe(`${recorded.length} of ${total} hosts shown`);

    await page.getByLabel('Filter hosts').fill('');
    await page.getByLabel('Status').selectOption('not-checked');
    const missing = audit.hosts.filter((h) => h.status !== 'checked').map((h) => h.name);
    expect((await visibleNames(page)).sort()).toEqual([...missing].sort());

    await page.getByLabel('Status').selectOption('non-compliant');
    const nonCompliant = audit.hosts.filter((h) => hostView(h, audit.failOn).state === 'non-compliant').map((h) => h.name);
    expect(nonCompliant.length).toBeGreaterThan(0);
    expect((await visibleNames(page)).sort()).toEqual([...nonCompliant].sort());

    // Both at once: the text narrows the status selection.
    await page.getByLabel('Filter hosts').fill('MESSENGER');
    expect(await visibleNames(page)).toEqual(nonCompliant.filter((n) => n.includes('messenger')));

    await page.getByLabel('Filter hosts').fill('');
    await page.getByLabel('Status').selectOption('');
    expect(await visibleNames(page)).toHaveLength(total);
  });

  it('opens a host’s findings when its name is clicked in the table', async () => {
    const name = audit.hosts.find((h) => h.status === 'checked' && hostView(h, audit.failOn).state === 'non-compliant')?.name ?? '';
    await page.locator('#hosts-table > tbody > tr > th a', { hasText: name }).first().click();
    // Drawn by the page script from its data: wait for it (bounded) instead of sampling once.
    const details = page.locator('#hosts-table .detail');
    await details.waitFor({ timeout: 5000 });
    expect(await details.count()).toBe(1);
    expect(await details.locator('strong').textContent()).toBe(name);
    expect(await details.locator('table.findings tbody tr').count()).toBeGreaterThan(0);
    expect(page.url()).toMatch(/#h\d+$/);
  });

  it('still has no errors after interaction, and takes a full-page screenshot', async () => {
    await page.evaluate('window.scrollTo(0, 0)');
    mkdirSync(artifacts, { recursive: true });
    const png = await page.screenshot({ path: join(artifacts, 'fleet-report.png'), fullPage: true });
    expect(png.length).toBeGreaterThan(10_000);
    expect(log.consoleErrors).toEqual([]);
    expect(log.pageErrors).toEqual([]);
    expect(log.requests).toEqual([url]);
  });

  it('cannot reach the network even from injected code (CSP default-src none)', async () => {
    const outcome = await page.evaluate<string>("fetch('http://127.0.0.1:9/').then(() => 'fetched', () => 'blocked')");
    expect(outcome).toBe('blocked');
    const violations = await page.evaluate<string[]>('window.__violations');
    expect(violations.some((v) => v.startsWith('connect-src'))).toBe(true);
    expect(log.requests).toEqual([url]);
  });
});

/** The fleet of the Ansible example (snapshots named after inventory hosts): who each row is, and a machine collected twice. */
describe.skipIf(skipReason !== undefined || !installed)('fleet HTML report of identified machines in headless Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let dir: string;
  const errors: string[] = [];

  beforeAll(async () => {
    const audit = await identityAudit();
    dir = mkdtempSync(join(tmpdir(), 'charter-fleet-identity-'));
    const file = join(dir, 'fleet-identity.html');
    writeFileSync(file, html.render(audit, { messages: messagesFor('en'), color: false }));
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

  const cells = (column: number): Promise<string[]> => page.locator(`#hosts-table > tbody > tr > :nth-child(${String(column)})`).allTextContents();

  it('shows inventory names first, then host names, OS and collection dates, worst hosts first', async () => {
    expect(await rowNames(page)).toEqual(['vm-a', 'ws-0002', 'ws-0003', 'ws-0004', 'clone-0009', 'vm-b', 'ws-0001']);
    expect(await cells(2)).toEqual(['vm', 'pc-0002.ministere.etat.lu', 'host-5f0c2d9e7a41 (pseudonym)', '', 'PC-0009', 'vm', 'PC-0001']);
    expect((await cells(3))[1]).toBe('Ubuntu 24.04.1 LTS');
    expect((await cells(4))[1]).toBe('2026-09-01 07:15 UTC stale');
    expect(errors).toEqual([]);
  });

  it('reports a machine collected twice once, with a note naming the other snapshot', async () => {
    expect(await rowNames(page)).not.toContain('ws-0002-august');
    const status = (await cells(5))[1] ?? '';
    expect(status).toContain('one machine seen twice: also ws-0002-august (snapshots/ws-0002-august.json, 2026-08-01 07:00 UTC)');
    expect(await page.locator('.cards').textContent()).toContain('1 duplicates folded');
  });

  it('sorts by collection date, and finds a host by its host name or system', async () => {
    await page.getByRole('button', { name: 'Collected', exact: true }).click();
    expect(await page.getAttribute('#hosts-table th[data-col="8"]', 'aria-sort')).toBe('descending');
    expect((await rowNames(page)).slice(0, 2)).toEqual(['clone-0009', 'vm-b']);
    await page.getByLabel('Filter hosts').fill('ubuntu');
    expect(await visibleNames(page)).toEqual(['ws-0002']);
    await page.getByLabel('Filter hosts').fill('pc-0001');
    expect(await visibleNames(page)).toEqual(['ws-0001']);
    await page.getByLabel('Filter hosts').fill('');
    await page.getByLabel('Status').selectOption('undetermined');
    expect(await visibleNames(page)).toEqual(['ws-0003']);
    await page.getByLabel('Status').selectOption('not-checked');
    expect(await visibleNames(page)).toEqual(['ws-0004']);
    await page.getByLabel('Status').selectOption('');
  });

  it('keeps a screenshot of the hosts table as a test artefact', async () => {
    // Back to the order the report was written in, worst first.
    await page.reload({ waitUntil: 'load' });
    mkdirSync(artifacts, { recursive: true });
    const png = await page.locator('#hosts-table').screenshot({ path: join(artifacts, 'fleet-identity.png') });
    expect(png.length).toBeGreaterThan(5_000);
    await page.screenshot({ path: join(artifacts, 'fleet-identity-page.png'), fullPage: true });
    expect(errors).toEqual([]);
  });
});

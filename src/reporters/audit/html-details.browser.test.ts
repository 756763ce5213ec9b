/**
 * The fleet HTML report of a fleet in groups, larger than a page, in headless Chromium (as
 * html.browser.test.ts): the rows and each host's details are drawn from the page's data; a group
 * filtered, the last page reached, a host's details opened show its failing rule's sentence; a
 * hostile name and a hostile app name show as text; the rule filter, a host's address (#h…) and the
 * first page written as markup (for a browser without scripts) agree with what the script draws.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { auditOf, checkedHost, finding, hostReport, hostileMessage, hostileName, uncheckedHost } from '../../testing/fleet-reports.js';
import { pageData } from '../../testing/fleet-html-data.js';
import { groupFold } from '../../fleet/groups.js';
import type { AuditReport, HostResult } from '../../fleet/model.js';
import { hostsPerPage, html } from './html.js';

const executablePath = '/usr/bin/chromium';
const skip = process.env.CHARTER_SKIP_BROWSER === '1' || !existsSync(executablePath);

/** An app whose name would close the data element, open a comment and break a line if it were not escaped. */
const hostileApp = 'x</script><!--<script>window.__charterPwned=4</script>\u2028\u2029';

/** 330 hosts in two ministries (a third of them also in a department) and a hostile group; every 7th fails ENC-01, every 5th MSG-01. */
const fleet = (): AuditReport => {
  const hosts: HostResult[] = Array.from({ length: 330 }, (_, i) => {
    const name = i === 200 ? hostileName : `pc-${String(i).padStart(4, '0')}`;
    const groups = i % 2 === 0 ? ['MinFin', ...(i % 3 === 0 ? ['MinFin/Treasury'] : [])] : ['MinEdu'];
    if (i % 41 === 40) return { ...uncheckedHost(name, 'unreachable', `ssh: connect to host ${name}: ${hostileMessage}`), groups };
    const enc = i % 7 === 0;
    const msg = i % 5 === 0;
    return {
      ...checkedHost(
        hostReport(name, [
          finding({
            ruleId: 'ENC-01',
            status: enc ? 'fail' : 'pass',
            severity: 'critical',
            message: enc ? `Not compliant: disk-encryption.systemVolumeEncrypted on ${name}: false is not true.` : 'Compliant.',
            evidence: enc ? [{ fact: 'disk-encryption.systemVolumeEncrypted', actual: false, expected: 'equal to true' }] : [],
          }),
          finding({
            ruleId: 'MSG-01',
            status: msg ? 'fail' : 'pass',
            severity: 'high',
            message: msg ? `Not compliant: software.apps contains ${hostileApp} (installed).` : 'Compliant.',
            evidence: msg ? [{ fact: 'software.apps', actual: [{ name: hostileApp }], expected: 'none where categories contains messenger' }] : [],
          }),
          finding({ ruleId: 'UPD-01', status: 'skip', severity: 'medium', message: 'not applicable: needs a live system' }),
          finding({ ruleId: 'FW-01', status: 'skip', severity: 'medium', message: 'not applicable: needs a live system' }),
        ]),
        `/srv/snapshots/${groups[0] ?? ''}/${name}.json`,
      ),
      groups,
    };
  });
  hosts.push({ ...uncheckedHost('evil-group', 'invalid', 'not a snapshot'), groups: [hostileName] });
  const fold = groupFold('medium');
  for (const host of hosts) fold.add(host, undefined, 1);
  return { ...auditOf(hosts), groups: fold.aggregates() };
};

describe.skipIf(skip)('fleet HTML report drawn from its data, in headless Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let audit: AuditReport;
  let text = '';
  let url = '';
  let dir = '';
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    audit = fleet();
    dir = mkdtempSync(join(tmpdir(), 'charter-fleet-details-'));
    const file = join(dir, 'fleet.html');
    text = html.render(audit, { messages: messagesFor('en'), color: false });
    writeFileSync(file, text);
    url = pathToFileURL(file).href;
    browser = await chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    page = await (await browser.newContext({ viewport: { width: 1400, height: 900 } })).newPage();
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(url, { waitUntil: 'load' });
  }, 120_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const names = (): Promise<string[]> => page.locator('#hosts-table > tbody > tr > th').allTextContents();
  const next = () => page.getByRole('button', { name: 'Next', exact: true });
  const inGroup = (group: string): string[] =>
    pageData(text)
      .hosts.filter((h) => h.groups.includes(group))
      .map((h) => h.name);

  it('filters by group, reaches the last page, opens a host there and shows its failing rule’s sentence', async () => {
    await page.selectOption('#group-filter', 'MinFin');
    const expected = inGroup('MinFin');
    expect(expected.length).toBeGreaterThan(hostsPerPage);
    expect(await page.textContent('#host-count')).toBe(`${String(expected.length)} of ${String(audit.hosts.length)} hosts shown`);
    const pages = Math.ceil(expected.length / hostsPerPage);
    for (let p = 1; p < pages; p += 1) await next().click();
    expect(await page.textContent('#page-status')).toBe(`Page ${String(pages)} of ${String(pages)}`);
    expect(await next().isDisabled()).toBe(true);
    // Worst first, the last page holds compliant hosts only: sorted by name, it holds the highest numbers.
    await page.getByRole('button', { name: 'Host', exact: true }).click();
    expect(await page.textContent('#page-status')).toBe(`Page 1 of ${String(pages)}`);
    for (let p = 1; p < pages; p += 1) await next().click();
    const last = await names();
    expect(last).toHaveLength(expected.length - (pages - 1) * hostsPerPage);
    expect(last.every((n) => expected.includes(n))).toBe(true);
    // A host of the last page that fails ENC-01 (pc-NNNN with NNNN a multiple of 14: even and of 7).
    const target = last.filter((n) => /^pc-\d+$/.test(n) && Number(n.slice(3)) % 7 === 0).at(-1) ?? '';
    expect(target).not.toBe('');
    await page.locator('#hosts-table > tbody > tr > th a', { hasText: target }).click();
    const details = page.locator('#hosts-table .detail');
    await details.waitFor();
    expect(await details.count()).toBe(1);
    expect(await details.locator('strong').textContent()).toBe(target);
    const sentence = `Not compliant: disk-encryption.systemVolumeEncrypted on ${target}: false is not true.`;
    expect(await details.locator('table.findings tbody td', { hasText: sentence }).count()).toBe(1);
    expect(await details.locator('table.findings').textContent()).toContain('disk-encryption.systemVolumeEncrypted = false');
    // The two skips share one row, their rule ids side by side.
    expect(await details.locator('table.findings tbody tr', { hasText: 'not applicable: needs a live system' }).locator('code').allTextContents()).toEqual([
      'FW-01',
      'UPD-01',
    ]);
    expect(await details.textContent()).toContain(`/srv/snapshots/MinFin/${target}.json`);
    // Its name again closes it.
    await page.locator('#hosts-table > tbody > tr > th a', { hasText: target }).click();
    await details.waitFor({ state: 'detached' });
    expect(errors).toEqual([]);
  });

  it('shows a hostile host name, app name and group as text, and runs none of them', async () => {
    await page.selectOption('#group-filter', '');
    await page.reload({ waitUntil: 'load' });
    await page.getByLabel('Filter hosts').fill('onerror');
    expect(await names()).toEqual([hostileName]);
    await page.locator('#hosts-table > tbody > tr > th a').first().click();
    const details = page.locator('#hosts-table .detail');
    await details.waitFor();
    expect(await details.locator('strong').textContent()).toBe(hostileName);
    // Host 200 fails MSG-01 (a multiple of 5): the app's name, its line separators made visible.
    expect(await details.textContent()).toContain('x</script><!--<script>window.__charterPwned=4</script>\\u{2028}\\u{2029}');
    await page.getByLabel('Filter hosts').fill('');
    await page.selectOption('#group-filter', hostileName);
    expect(await names()).toEqual(['evil-group']);
    await page.selectOption('#group-filter', '');
    expect(await page.evaluate<unknown>('window.__charterPwned')).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
    // Nothing but the file itself, loaded again by the reload.
    expect([...new Set(requests)]).toEqual([url]);
    expect(errors).toEqual([]);
  });

  it('filters by failing rule, with the status and the group', async () => {
    const data = pageData(text).hosts;
    const failing = (rule: string): string[] =>
      data.filter((h) => 'findings' in h.details && h.details.findings.some((f) => f.ruleId === rule && f.status === 'fail')).map((h) => h.name);
    await page.selectOption('#rule-filter', 'MSG-01');
    expect(await page.textContent('#host-count')).toBe(`${String(failing('MSG-01').length)} of ${String(audit.hosts.length)} hosts shown`);
    await page.selectOption('#group-filter', 'MinEdu');
    const both = failing('MSG-01').filter((n) => inGroup('MinEdu').includes(n));
    expect(both.length).toBeGreaterThan(0);
    expect(await names()).toEqual(both);
    await page.selectOption('#rule-filter', 'ENC-01');
    expect(await names()).toEqual(failing('ENC-01').filter((n) => inGroup('MinEdu').includes(n)));
    await page.selectOption('#rule-filter', '');
    await page.selectOption('#group-filter', '');
  });

  it('opens a host from its address on whichever page it is, clearing filters that hide it', async () => {
    const data = pageData(text).hosts;
    const index = data.length - 3;
    await page.selectOption('#group-filter', data[index]?.groups[0] === 'MinFin' ? 'MinEdu' : 'MinFin');
    await page.evaluate(`location.hash = '#h${String(index)}'`);
    const details = page.locator(`[id="h${String(index)}"]`);
    await details.waitFor();
    expect(await details.locator('strong').textContent()).toBe(data[index]?.name);
    expect(await page.inputValue('#group-filter')).toBe('');
    expect(await page.textContent('#page-status')).toBe(
      `Page ${String(Math.ceil(data.length / hostsPerPage))} of ${String(Math.ceil(data.length / hostsPerPage))}`,
    );
    expect(errors).toEqual([]);
  });

  it('draws the first page as the markup written for a browser without scripts', async () => {
    const plain = await browser!.newContext({ javaScriptEnabled: false });
    const still = await plain.newPage();
    await still.goto(url, { waitUntil: 'load' });
    const written = await still.locator('#hosts-table > tbody').innerHTML();
    expect(await still.locator('noscript').count()).toBe(1);
    await plain.close();
    await page.goto(`${url}#`, { waitUntil: 'load' });
    await page.reload({ waitUntil: 'load' });
    const drawn = await page.locator('#hosts-table > tbody').innerHTML();
    const rows = (markup: string): string[] => markup.split('</tr>').map((r) => r.trim());
    expect(rows(drawn)).toEqual(rows(written));
    expect(rows(drawn).length).toBe(hostsPerPage + 1);
  });
});

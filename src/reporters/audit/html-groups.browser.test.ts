/**
 * The fleet HTML report's groups and changes in headless Chromium (as html.browser.test.ts): the
 * group filter shows exactly each group's hosts, nested groups included, with hostile group names
 * inert; the page stays without errors, CSP violations or requests. CHARTER_SKIP_BROWSER=1 skips it.
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { chromium } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { messagesFor } from '../../i18n/messages.js';
import { auditMachines, quarterOne, quarterOneTime, quarterTwo, quarterTwoTime } from '../../testing/fleet-changes.js';
import { hostileName } from '../../testing/fleet-reports.js';
import { parseBaseline } from '../../fleet/baseline.js';
import type { AuditReport } from '../../fleet/model.js';
import { html } from './html.js';
import { json } from './json.js';

const executablePath = '/usr/bin/chromium';
const skip = process.env.CHARTER_SKIP_BROWSER === '1' || !existsSync(executablePath);
const options = { messages: messagesFor('en'), color: false };

describe.skipIf(skip)('groups and changes in the fleet HTML report, in headless Chromium', () => {
  let browser: Browser | undefined;
  let page: Page;
  let audit: AuditReport;
  let dir = '';
  const errors: string[] = [];
  const requests: string[] = [];

  beforeAll(async () => {
    const baseline = parseBaseline(json.render(await auditMachines(quarterOne, quarterOneTime), options), 'q1.json');
    // One more host whose folder is a hostile name: a group is text from outside.
    const machines = [...quarterTwo, { name: 'evil', hostName: 'EVIL', machineId: 'e'.repeat(32), firewall: false, encrypted: true, folder: hostileName }];
    audit = await auditMachines(machines, quarterTwoTime, { baseline });
    dir = mkdtempSync(join(tmpdir(), 'charter-groups-html-'));
    const file = join(dir, 'report.html');
    writeFileSync(file, html.render(audit, options));
    if (process.env.CHARTER_KEEP_HTML !== undefined) writeFileSync(process.env.CHARTER_KEEP_HTML, html.render(audit, options));
    browser = await chromium.launch({ executablePath, headless: true, args: process.getuid?.() === 0 ? ['--no-sandbox'] : [] });
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage();
    await page.addInitScript({
      content:
        "window.__violations = []; document.addEventListener('securitypolicyviolation', function (e) { window.__violations.push(e.violatedDirective); });",
    });
    page.on('console', (message) => {
      if (message.type() === 'error') errors.push(message.text());
    });
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('request', (request) => requests.push(request.url()));
    await page.goto(pathToFileURL(file).href, { waitUntil: 'load' });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    if (dir !== '') rmSync(dir, { recursive: true, force: true });
  });

  const visible = (): Promise<string[]> => page.locator('#hosts-table > tbody > tr:not([hidden]) > th').allTextContents();

  it('loads with no error, no CSP violation, no request but the file, and nothing hostile run', async () => {
    expect(errors).toEqual([]);
    expect(requests).toHaveLength(1);
    expect(await page.evaluate<string[]>('window.__violations')).toEqual([]);
    expect(await page.evaluate<unknown>('window.__charterPwned')).toBeUndefined();
    expect(await page.locator('img').count()).toBe(0);
  });

  it('filters the hosts table by group, a nested group inside its parent', async () => {
    const expected = (group: string): string[] =>
      audit.hosts
        .filter((h) => h.groups?.includes(group))
        .map((h) => h.name)
        .sort();
    for (const group of ['MinFin', 'MinFin/Treasury', 'MinEdu', hostileName]) {
      await page.selectOption('#group-filter', group);
      expect((await visible()).sort(), group).toEqual(expected(group));
    }
    expect(expected('MinFin')).toEqual(['ws-01', 'ws-02', 'ws-03']);
    await page.selectOption('#group-filter', '');
    expect(await visible()).toHaveLength(audit.hosts.length);
  });

  it('draws each group with its failing rules, and the changes since the baseline', async () => {
    const rows = await page.locator('table.group-matrix tbody tr').allTextContents();
    expect(rows).toHaveLength(audit.groups?.length ?? -1);
    expect(await page.locator('table.groups svg.bar').count()).toBe(audit.groups?.length);
    const changes = await page.locator('#changes-title').textContent();
    expect(changes).toContain('Since the audit of');
    const newly = await page.locator('section[aria-labelledby="changes-title"] ul.hostlist').first().textContent();
    expect(newly).toContain('ws-01: FW-01');
    expect(newly).toContain('ws-08: ENC-01');
  });

  /** Each list of the changes section as shown, entries sorted: `host: rules`, a host, or `host source` (missing). */
  const changeLists = async (): Promise<Record<string, string[]>> => {
    const out: Record<string, string[]> = {};
    for (const id of ['newlyFailing', 'fixed', 'stillFailing', 'newHosts', 'missing', 'uncompared'])
      out[id] = (await page.locator(`[data-list="${id}"] [data-items] > li`).allTextContents()).sort();
    return out;
  };

  it('lists exactly the planted differences, each list narrowed to the group chosen', async () => {
    // See quarterTwo in src/testing/fleet-changes.ts; `evil` is the host added above, in the hostile group.
    const missing = ['ws-06 snapshots/MinEdu/ws-06.json'];
    expect(await changeLists()).toEqual({
      newlyFailing: ['ws-01: FW-01', 'ws-08: ENC-01'],
      fixed: ['ws-02: FW-01', 'ws-04: FW-01', 'ws-10: FW-01'],
      stillFailing: ['ws-03: ENC-01', 'ws-04: ENC-01', 'ws-07: FW-01'],
      newHosts: ['evil', 'ws-06', 'ws-11'],
      missing,
      uncompared: ['ws-09'],
    });
    // The section's own group filter, the hosts table's and the not-checked one show one choice.
    await page.selectOption('#changes-group-filter', 'MinFin');
    expect(await page.locator('#group-filter').inputValue()).toBe('MinFin');
    expect(await changeLists()).toEqual({
      newlyFailing: ['ws-01: FW-01'],
      fixed: ['ws-02: FW-01'],
      stillFailing: ['ws-03: ENC-01'],
      newHosts: [],
      // ws-06 was in MinEdu in the baseline.
      missing: [],
      uncompared: [],
    });
    expect(await page.locator('[data-list="missing"] .group-unknown').count()).toBe(0);
    expect(await page.locator('[data-list="stillFailing"] .list-shown').textContent()).toBe('1 of 3 hosts shown');
    await page.selectOption('#changes-group-filter', 'MinFin/Treasury');
    expect((await changeLists()).stillFailing).toEqual(['ws-03: ENC-01']);
    expect((await changeLists()).newlyFailing).toEqual([]);
    await page.selectOption('#changes-group-filter', 'MinEdu');
    expect(await changeLists()).toEqual({
      newlyFailing: ['ws-08: ENC-01'],
      fixed: ['ws-04: FW-01', 'ws-10: FW-01'],
      stillFailing: ['ws-04: ENC-01', 'ws-07: FW-01'],
      newHosts: ['ws-06', 'ws-11'],
      missing,
      uncompared: ['ws-09'],
    });
    await page.selectOption('#changes-group-filter', hostileName);
    expect((await changeLists()).newHosts).toEqual(['evil']);
    expect((await changeLists()).missing).toEqual([]);
    await page.selectOption('#changes-group-filter', '');
    expect((await changeLists()).fixed).toHaveLength(3);
    expect(errors).toEqual([]);
    expect(await page.evaluate<unknown>('window.__charterPwned')).toBeUndefined();
  });
});

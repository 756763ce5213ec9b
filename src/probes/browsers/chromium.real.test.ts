/**
 * The Chromium family reader against real Chromium: headless Chromium, driven over the DevTools
 * protocol (pipe), installs a web app and is granted a notification permission for a local test
 * origin through its own mechanisms (`PWA.install`; the settings page's own `setOriginPermissions`
 * call in chrome://settings), and writes its profile files itself. The profile is the home of a user
 * in a temp root; the CLI, built from this tree, checks that root with a policy whose catalog maps
 * the origin to a messenger: MSG-01 fails naming browser, profile and origin. Chromium then removes
 * the permission and uninstalls the app, and MSG-01 passes.
 */
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, type Cdp } from '../../testing/cdp-pipe.js';
import { rootsRequired } from '../../testing/debian-roots.js';
import { buildPrivateCli } from '../../testing/private-cli.js';
import { chromiumAppId } from '../derived/software/web.js';

const chromium = '/usr/bin/chromium';
const available = existsSync(chromium);
if (!available && rootsRequired) throw new Error(`${chromium} is missing, and CHARTER_REQUIRE_ROOTS is set`);

const page = '<!doctype html><html><head><title>Test</title><link rel="manifest" href="/manifest.webmanifest"></head><body>test</body></html>';
const manifest = JSON.stringify({
  name: 'Test Chat',
  start_url: '/app/',
  id: '/app/',
  display: 'standalone',
  icons: [{ src: '/icon.png', sizes: '192x192', type: 'image/png' }],
});
const png = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==', 'base64');

const serve = (): Promise<Server> =>
  new Promise((resolve) => {
    const server = createServer((request, response) => {
      if (request.url === '/manifest.webmanifest') response.setHeader('content-type', 'application/manifest+json').end(manifest);
      else if (request.url === '/icon.png') response.setHeader('content-type', 'image/png').end(png);
      else response.setHeader('content-type', 'text/html').end(page);
    });
    server.listen(0, '127.0.0.1', () => {
      resolve(server);
    });
  });

const pause = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Runs Chromium on the profile with HOME at the user's home (its launchers go there), then closes it cleanly. */
const withChromium = async (home: string, userData: string, work: (cdp: Cdp) => Promise<void>): Promise<void> => {
  const saved = { HOME: process.env.HOME, XDG_DATA_HOME: process.env.XDG_DATA_HOME, XDG_CONFIG_HOME: process.env.XDG_CONFIG_HOME };
  Object.assign(process.env, { HOME: home, XDG_DATA_HOME: join(home, '.local/share'), XDG_CONFIG_HOME: join(home, '.config') });
  const cdp = launchChromium(chromium, userData);
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) Reflect.deleteProperty(process.env, key);
    else process.env[key] = value;
  }
  try {
    await work(cdp);
  } finally {
    expect(await cdp.close()).toBe(0);
  }
};

/** The settings page's own call, as its site-details page makes it (chrome://settings, site_settings handler). */
const setPermission = async (cdp: Cdp, origin: string, value: 'allow' | 'default'): Promise<void> => {
  const { targetId } = await cdp.send('Target.createTarget', { url: 'chrome://settings/content/notifications' });
  const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
  // Wait until the settings page's `chrome.send` exists (the WebUI bindings load with the page).
  // Polled (the pause only paces the questions); a page that never gets them fails here, not later.
  let bound = false;
  for (let i = 0; i < 300 && !bound; i++) {
    const ready = await cdp.send(
      'Runtime.evaluate',
      { expression: "typeof chrome === 'object' && typeof chrome.send === 'function'", returnByValue: true },
      sessionId as string,
    );
    bound = (ready.result as { value?: unknown } | undefined)?.value === true;
    if (!bound) await pause(100);
  }
  expect(bound).toBe(true);
  await cdp.send(
    'Runtime.evaluate',
    { expression: `chrome.send('setOriginPermissions', [${JSON.stringify(origin)}, 'notifications', ${JSON.stringify(value)}])` },
    sessionId as string,
  );
  // The call answers nothing: wait until a page of the origin sees the new setting.
  const page = await cdp.send('Target.createTarget', { url: `${origin}/app/` });
  const pageSession = (await cdp.send('Target.attachToTarget', { targetId: page.targetId, flatten: true })).sessionId as string;
  const expected = value === 'allow' ? 'granted' : 'default';
  let seen: unknown;
  for (let i = 0; i < 300 && seen !== expected; i++) {
    const answer = await cdp.send(
      'Runtime.evaluate',
      { expression: "typeof Notification === 'undefined' ? null : Notification.permission", returnByValue: true },
      pageSession,
    );
    seen = (answer.result as { value?: unknown } | undefined)?.value;
    if (seen !== expected) await pause(100);
  }
  expect(seen).toBe(expected);
};

interface Finding {
  ruleId: string;
  status: string;
  evidence: { actual: unknown }[];
}

const check = (cli: string, root: string, policy: string, out: string): Promise<Finding[]> =>
  new Promise((resolve, reject) => {
    execFile(
      process.execPath,
      [cli, 'check', '--target', `root:${root}`, '--policy', policy, '--format', 'json', '--output', out],
      { timeout: 120_000 },
      (error) => {
        if (error && !existsSync(out)) reject(new Error(error.message));
        else resolve((JSON.parse(readFileSync(out, 'utf8')) as { findings: Finding[] }).findings);
      },
    );
  });

describe.skipIf(!available)('web messengers in real Chromium', () => {
  let tmp: string;
  let server: Server;
  let origin: string;
  let cli: string;
  const root = (): string => join(tmp, 'root');
  const home = (): string => join(root(), 'home/agent');
  const userData = (): string => join(home(), '.config/chromium');
  const policy = (): string => join(tmp, 'policy/policy.yaml');

  beforeAll(async () => {
    tmp = mkdtempSync(join(tmpdir(), 'charter-chromium-'));
    server = await serve();
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    mkdirSync(join(root(), 'etc'), { recursive: true });
    mkdirSync(userData(), { recursive: true });
    writeFileSync(join(root(), 'etc/passwd'), 'root:x:0:0:root:/root:/bin/bash\nagent:x:1000:1000:Agent:/home/agent:/bin/bash\n');
    writeFileSync(join(root(), 'etc/os-release'), 'ID=debian\nVERSION_ID="12"\nPRETTY_NAME="Debian GNU/Linux 12 (bookworm)"\n');
    mkdirSync(join(tmp, 'policy'));
    writeFileSync(
      policy(),
      'schemaVersion: 1\nid: browser-test\nversion: "1"\ntitle: { en: Browser test, fr: Test, de: Test }\nextends: lu-state-charter\ncatalogs: [test-apps.yaml]\n',
    );
    writeFileSync(
      join(tmp, 'policy/test-apps.yaml'),
      `schemaVersion: 1\napps:\n  - id: test-chat\n    name: Test Chat\n    categories: [messenger]\n    approved: false\n    web:\n      origins: ['${origin}']\n`,
    );
    cli = await buildPrivateCli(join(tmp, 'cli'));
  }, 120_000);

  afterAll(() => {
    server.close();
    rmSync(tmp, { recursive: true, force: true });
  });

  it('fails MSG-01 on a web app Chromium installed and a notification permission it granted, then passes once both are removed', async () => {
    await withChromium(home(), userData(), async (cdp) => {
      const { targetId } = await cdp.send('Target.createTarget', { url: 'about:blank' });
      const { sessionId } = await cdp.send('Target.attachToTarget', { targetId, flatten: true });
      await cdp.send('Page.enable', {}, sessionId as string);
      const loaded = cdp.waitFor('Page.loadEventFired', (event) => event.sessionId === sessionId);
      await cdp.send('Page.navigate', { url: `${origin}/app/` }, sessionId as string);
      await loaded;
      await cdp.send('PWA.install', { manifestId: `${origin}/app/` }, sessionId as string);
      await setPermission(cdp, origin, 'allow');
    });
    const preferences = JSON.parse(readFileSync(join(userData(), 'Default/Preferences'), 'utf8')) as {
      profile: { content_settings: { exceptions: { notifications: Record<string, { setting: number }> } } };
    };
    expect(preferences.profile.content_settings.exceptions.notifications[`${origin},*`]?.setting).toBe(1);

    const launchers = (): string[] => (existsSync(join(home(), '.local/share/applications')) ? readdirSync(join(home(), '.local/share/applications')) : []);
    expect(launchers()).toEqual([`chrome-${chromiumAppId(`${origin}/app/`)}-Default.desktop`]);

    const before = await check(cli, root(), policy(), join(tmp, 'before.json'));
    const msg01 = before.find((f) => f.ruleId === 'MSG-01');
    expect(msg01?.status).toBe('fail');
    const evidence = JSON.stringify(msg01?.evidence);
    expect(evidence).toContain(`Chromium profile Default (user agent): notifications allowed for ${origin}`);
    expect(evidence).toContain(`Chromium profile Default (user agent): web app installed for ${origin} (Web Applications registry)`);
    expect(evidence).toContain(`Chromium profile Default (user agent): web app installed for ${origin} (launcher /home/agent/.local/share/applications/`);
    expect(before.find((f) => f.ruleId === 'MSG-02')?.status).toBe('pass');

    await withChromium(home(), userData(), async (cdp) => {
      await cdp.send('PWA.uninstall', { manifestId: `${origin}/app/` });
      await setPermission(cdp, origin, 'default');
    });
    expect(launchers()).toEqual([]);
    const after = await check(cli, root(), policy(), join(tmp, 'after.json'));
    const msg01After = after.find((f) => f.ruleId === 'MSG-01');
    expect(msg01After?.status).toBe('pass');
    expect(JSON.stringify(msg01After?.evidence)).not.toContain(origin);
  }, 240_000);
});

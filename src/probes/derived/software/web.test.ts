import { describe, expect, it } from 'vitest';
import type { JsonObject, ProbeOutcome } from '../../../model.js';
import type { Catalog } from '../../../policy/catalog.js';
import { deriveSoftware, type SoftwareApp } from './derive.js';
import { chromiumAppId, originMatches } from './web.js';

/*
 * Inputs are facts as the browsers probe produces them (its readers are tested on real Chromium files
 * in src/probes/browsers/). The catalog is invented on purpose: the mechanism must work for origins
 * no shipped list contains.
 */
const catalog: Catalog = {
  apps: [
    { id: 'govchat', name: 'GovChat', categories: ['messenger'], approved: true, web: { origins: ['https://web.govchat.example'] } },
    { id: 'parley', name: 'Parley', categories: ['messenger'], approved: false, web: { origins: ['https://parley.example', 'http://10.1.2.3:8443'] } },
    { id: 'friendly', name: 'Friendly', categories: ['social-network'], approved: false, web: { origins: ['https://*.friendly.example'] } },
  ],
};
const now = new Date('2026-12-07T08:00:00Z');
const empty: ProbeOutcome = { status: 'ok', facts: { apps: [] } };
const noActivity: ProbeOutcome = { status: 'ok', facts: { processes: [], dataDirs: [], matrixConfigs: [] } };

const ref = (profile = 'Default', browser = 'chromium', user: string | null = 'agent'): JsonObject => ({ browser, user, profile });
const permission = (origin: string, setting: string, permission = 'notifications', where = ref()): JsonObject => ({
  ...where,
  origin,
  permission,
  setting,
  file: '/home/agent/.config/chromium/Default/Preferences',
});
const webApp = (origin: string | null, appId: string | null = null, trace = 'registry', where = ref()): JsonObject => ({
  ...where,
  appId,
  origin,
  name: null,
  trace,
  file: '/home/agent/.config/chromium/Default/Sync Data/LevelDB',
});
const browsers = (lists: { webApps?: JsonObject[]; permissions?: JsonObject[]; history?: JsonObject[] | null }): ProbeOutcome => ({
  status: 'ok',
  facts: { profiles: [], webApps: lists.webApps ?? [], permissions: lists.permissions ?? [], history: lists.history ?? null },
});
const derive = (outcome: ProbeOutcome | undefined): ProbeOutcome => deriveSoftware(catalog, 'linux', empty, noActivity, now, false, outcome);
const appsOf = (outcome: ProbeOutcome): SoftwareApp[] => {
  if (outcome.status !== 'ok' && outcome.status !== 'partial') throw new Error(JSON.stringify(outcome));
  return outcome.facts.apps as SoftwareApp[];
};

describe('originMatches', () => {
  it('compares scheme, host and port, with default ports normalised', () => {
    expect(originMatches('https://chat.example.org', 'https://chat.example.org:443')).toBe(true);
    expect(originMatches('https://chat.example.org:443', 'https://CHAT.example.org')).toBe(true);
    expect(originMatches('http://chat.example.org', 'https://chat.example.org')).toBe(false);
    expect(originMatches('https://chat.example.org', 'https://chat.example.org:8443')).toBe(false);
    expect(originMatches('https://chat.example.org', 'https://evilchat.example.org')).toBe(false);
    expect(originMatches('http://10.1.2.3:8443', 'http://10.1.2.3:8443')).toBe(true);
  });

  it('matches any subdomain with a *. catalog host, and a [*.] permission pattern covering the catalog host', () => {
    expect(originMatches('https://*.friendly.example', 'https://m.eu.friendly.example')).toBe(true);
    expect(originMatches('https://*.friendly.example', 'https://friendly.example')).toBe(false);
    expect(originMatches('https://*.friendly.example', 'https://notfriendly.example')).toBe(false);
    expect(originMatches('https://chat.example.org', 'https://*.example.org')).toBe(true);
    expect(originMatches('https://chat.example.org', 'https://*.other.org')).toBe(false);
  });
});

describe('chromiumAppId', () => {
  it('gives the id Chromium 156 gave the app it installed (fixtures/samples/browsers/chromium-156)', () => {
    expect(chromiumAppId('http://127.0.0.1:47613/app/')).toBe('malpepeabkkcmbacpmjlhcjchgdlcmbg');
  });
});

describe('deriveSoftware with browser traces', () => {
  it('detects an app used only in a browser, naming browser, profile and origin', () => {
    const outcome = derive(
      browsers({
        permissions: [permission('https://parley.example', 'allow', 'notifications', ref('Profile 2', 'edge'))],
        webApps: [webApp('https://parley.example')],
      }),
    );
    expect(outcome.status).toBe('ok');
    expect(appsOf(outcome)).toEqual([
      expect.objectContaining({
        id: 'parley',
        installed: false,
        inBrowser: true,
        evidence: [
          'Chromium profile Default (user agent): web app installed for https://parley.example (Web Applications registry)',
          'Edge profile Profile 2 (user agent): notifications allowed for https://parley.example',
        ],
      }),
    ]);
    expect(outcome.status === 'ok' && outcome.facts.unapproved).toEqual(['parley']);
  });

  it('does not count a blocked or ask permission as use, and counts a session one', () => {
    expect(appsOf(derive(browsers({ permissions: [permission('https://m.friendly.example', 'block'), permission('https://parley.example', 'ask')] })))).toEqual(
      [],
    );
    const session = appsOf(derive(browsers({ permissions: [permission('https://m.friendly.example', 'session', 'camera')] })));
    expect(session).toEqual([
      expect.objectContaining({
        id: 'friendly',
        inBrowser: true,
        evidence: ['Chromium profile Default (user agent): camera allowed for the session for https://m.friendly.example'],
      }),
    ]);
  });

  it('identifies a web app known only by its app id when the id is that of a catalog origin', () => {
    const id = chromiumAppId('https://parley.example/');
    const found = appsOf(derive(browsers({ webApps: [webApp(null, id, 'shortcut')] })));
    expect(found).toEqual([expect.objectContaining({ id: 'parley', inBrowser: true })]);
    expect(found[0]?.evidence[0]).toContain(`web app installed for https://parley.example (app id ${id} is that origin's)`);
    expect(appsOf(derive(browsers({ webApps: [webApp(null, chromiumAppId('https://parley.example/other/'), 'shortcut')] })))).toEqual([]);
  });

  it('counts history visits, with their own wording', () => {
    const history = [{ ...ref(), origin: 'https://parley.example', visits: 3, lastVisit: '2026-12-01T10:00:00.000Z', file: 'History' }];
    expect(appsOf(derive(browsers({ history })))[0]?.evidence).toEqual([
      'Chromium profile Default (user agent): 3 visits to https://parley.example in history, last 2026-12-01T10:00:00.000Z',
    ]);
  });

  it('counts an approved messenger installed as a web app, not one merely allowed notifications', () => {
    const installed = derive(browsers({ webApps: [webApp('https://web.govchat.example')] }));
    expect(installed.status === 'ok' && installed.facts.approvedMessengerPresent).toBe(true);
    const allowed = derive(browsers({ permissions: [permission('https://web.govchat.example', 'allow')] }));
    expect(allowed.status === 'ok' && allowed.facts).toMatchObject({ approvedMessengerPresent: false, unapproved: [] });
  });

  it('is partial, with the reason, when browser profiles could not all be read or browsers was not collected', () => {
    const partial: ProbeOutcome = {
      status: 'partial',
      facts: { profiles: [], webApps: [], permissions: [], history: null },
      unknown: { permissions: { code: 'unreadable', detail: 'chromium profile Default (user agent): Preferences is not JSON' } },
    };
    expect(derive(partial)).toMatchObject({
      status: 'partial',
      unknown: { apps: { code: 'unreadable', detail: 'browsers: chromium profile Default (user agent): Preferences is not JSON' } },
    });
    expect(derive(undefined)).toMatchObject({ status: 'partial', unknown: { apps: { code: 'not-collected' } } });
    const unlisted: ProbeOutcome = {
      status: 'partial',
      facts: { profiles: [], webApps: [], permissions: [], history: null },
      unknown: {
        profiles: { code: 'permission', detail: 'brave user data /home/agent/.config/BraveSoftware/Brave-Browser (user agent): could not be listed' },
      },
    };
    expect(derive(unlisted)).toMatchObject({ status: 'partial', unknown: { apps: { code: 'permission' } } });
    expect(derive({ status: 'error', message: 'boom' })).toMatchObject({ status: 'partial', unknown: { apps: { code: 'probe-failed' } } });
  });

  it('leaves inBrowser unknown for apps seen elsewhere while browsers could not be read', () => {
    const installed: ProbeOutcome = {
      status: 'ok',
      facts: { apps: [{ name: 'Parley', source: 'desktop-file', id: 'parley', path: '/usr/share/applications/parley.desktop' }] },
    };
    const withName: Catalog = { apps: catalog.apps.map((a) => (a.id === 'parley' ? { ...a, namePatterns: ['^parley$'] } : a)) };
    const outcome = deriveSoftware(withName, 'linux', installed, noActivity, now, false, undefined);
    expect(appsOf(outcome)).toEqual([expect.objectContaining({ id: 'parley', installed: true, inBrowser: null })]);
  });
});

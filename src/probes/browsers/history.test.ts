import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../policy/catalog.js';
import { fakeHost } from '../../testing/fake-host.js';
import type { Host } from '../../hosts/host.js';
import type { ProbeContext } from '../probe.js';
import { chromiumCollector } from './chromium.js';
import { readChromiumHistory, readFirefoxHistory } from './history.js';
import { catalogOriginPatterns, likePatterns, matchesPatterns, webOrigin } from './origins.js';

// Real History written by headless Chromium 156.0.8078.129 (fixtures/samples/browsers/chromium/README.md):
// 127.0.0.1:38111/first?secret=1 twice, /second/path once, localhost:38111/other once.
const history = gunzipSync(readFileSync(new URL('../../../fixtures/samples/browsers/chromium/History.gz', import.meta.url)));
const places = gunzipSync(readFileSync(new URL('../../../fixtures/samples/browsers/firefox/places.sqlite.gz', import.meta.url)));

const catalogOf = (...origins: string[]): Catalog => ({ apps: [{ id: 'x', name: 'X', categories: ['messenger'], approved: false, web: { origins } }] });
const ref = { browser: 'chromium' as const, user: 'ana', profile: 'Default' };

describe('readChromiumHistory on a real History', () => {
  it('counts visits per catalog origin, newest visit from µs since 1601, nothing else', async () => {
    const host = fakeHost({ files: { '/p/Default/History': history } });
    const result = await readChromiumHistory(host, '/p/Default', ref, catalogOriginPatterns(catalogOf('http://127.0.0.1:38111', 'https://web.whatsapp.com')));
    expect(result).toEqual({
      history: [{ ...ref, origin: 'http://127.0.0.1:38111', visits: 3, lastVisit: '2026-12-07T06:44:09.164Z', file: '/p/Default/History' }],
      gaps: [],
    });
    for (const secret of ['SECRET', 'secret', 'second', 'localhost']) expect(JSON.stringify(result)).not.toContain(secret);
  });

  it('no catalog origin: the database is not even opened', async () => {
    const host = fakeHost({ files: { '/p/Default/History': history } });
    const reads: string[] = [];
    const spy = { ...host, readFile: (p: string) => (reads.push(p), host.readFile(p)) };
    expect(await readChromiumHistory(spy, '/p/Default', ref, [])).toEqual({ history: [], gaps: [] });
    expect(reads).toEqual([]);
  });

  it('a History that is no database: a gap on history', async () => {
    const result = await readChromiumHistory(
      fakeHost({ files: { '/p/Default/History': 'garbage' } }),
      '/p/Default',
      ref,
      catalogOriginPatterns(catalogOf('https://x.example')),
    );
    expect(result.gaps).toEqual([expect.objectContaining({ field: 'history', code: 'unsupported-format' })]);
  });
});

describe('readFirefoxHistory on a real places.sqlite', () => {
  it('a wildcard catalog origin matches subdomains, not other hosts', async () => {
    const host = fakeHost({ files: { '/f/places.sqlite': places } });
    const ff = { ...ref, browser: 'firefox' as const, profile: 'p' };
    const none = await readFirefoxHistory(host, '/f', ff, catalogOriginPatterns(catalogOf('https://*.127.0.0.1:37839', 'http://*.mozilla.org')));
    expect(none).toEqual({ history: [], gaps: [] });
    const local = await readFirefoxHistory(host, '/f', ff, catalogOriginPatterns(catalogOf('http://localhost:37839')));
    expect(local.history).toEqual([expect.objectContaining({ origin: 'http://localhost:37839', visits: 1 })]);
  });
});

describe('readFirefoxHistory on places.sqlite copied from a running Firefox', () => {
  // Real: firefox-esr 153.8 still running, visits not checkpointed (fixtures/samples/browsers/README.md, running/).
  const running = new URL('../../../fixtures/samples/browsers/firefox/running/', import.meta.url);
  const db = gunzipSync(readFileSync(new URL('places.sqlite.gz', running)));
  const wal = gunzipSync(readFileSync(new URL('places.sqlite-wal.gz', running)));
  const ff = { ...ref, browser: 'firefox' as const, profile: 'p' };
  const patterns = catalogOriginPatterns(catalogOf('http://127.0.0.1:41315', 'http://localhost:41315'));

  it('sees the visits that are only in the -wal', async () => {
    const result = await readFirefoxHistory(fakeHost({ files: { '/f/places.sqlite': db, '/f/places.sqlite-wal': wal } }), '/f', ff, patterns);
    expect(result.gaps).toEqual([]);
    expect(result.history.map(({ origin, visits, lastVisit }) => ({ origin, visits, lastVisit }))).toEqual([
      { origin: 'http://127.0.0.1:41315', visits: 3, lastVisit: '2026-12-07T07:03:54.407Z' },
      { origin: 'http://localhost:41315', visits: 1, lastVisit: '2026-12-07T07:03:54.698Z' },
    ]);
  });

  it('without the -wal, the same file shows fewer visits (what SQLite immutable=1 would read)', async () => {
    const result = await readFirefoxHistory(fakeHost({ files: { '/f/places.sqlite': db } }), '/f', ff, patterns);
    const total = result.history.reduce((n, h) => n + h.visits, 0);
    expect(total).toBeLessThan(4);
  });
});

describe('origins', () => {
  it('cuts Firefox container suffixes, paths and default ports; refuses non-web schemes', () => {
    expect(webOrigin('https://web.whatsapp.com^userContextId=2')).toBe('https://web.whatsapp.com');
    expect(webOrigin('https://WEB.whatsapp.com:443/path?q=1')).toBe('https://web.whatsapp.com');
    expect(webOrigin('http://127.0.0.1:8080/x')).toBe('http://127.0.0.1:8080');
    expect(webOrigin('moz-extension://abc')).toBeNull();
    expect(webOrigin('not a url')).toBeNull();
  });

  it('matches exact and wildcard catalog origins by scheme, host and port', () => {
    const patterns = catalogOriginPatterns(catalogOf('https://*.slack.com', 'https://web.whatsapp.com', 'bogus'));
    expect(matchesPatterns('https://acme.slack.com', patterns)).toBe(true);
    expect(matchesPatterns('https://slack.com', patterns)).toBe(false);
    expect(matchesPatterns('https://evilslack.com', patterns)).toBe(false);
    expect(matchesPatterns('http://web.whatsapp.com', patterns)).toBe(false);
    expect(matchesPatterns('https://web.whatsapp.com:8443', patterns)).toBe(false);
    expect(likePatterns(catalogOriginPatterns(catalogOf('https://a_b.example')))).toEqual(['https://a\\_b.example', 'https://a\\_b.example/%']);
  });
});

describe('the Chromium family collector and history', () => {
  // Real Local State and Preferences of Chromium 156 (fixtures/samples/browsers/chromium-156/README.md) and the real History above.
  const userData = new URL('../../../fixtures/samples/browsers/chromium-156/user-data/', import.meta.url);
  const base = '/home/ana/.config/chromium';
  const host = (): Host & { paths: string[] } => {
    const inner = fakeHost({
      files: {
        [`${base}/Local State`]: readFileSync(new URL('Local State', userData)),
        [`${base}/Default/Preferences`]: readFileSync(new URL('Default/Preferences', userData)),
        [`${base}/Default/History`]: history,
      },
    });
    const paths: string[] = [];
    return { ...inner, paths, readFile: (p) => (paths.push(p), inner.readFile(p)), stat: (p) => (paths.push(p), inner.stat(p)) };
  };
  const context = (includeBrowserHistory: boolean): ProbeContext => ({
    platform: 'linux',
    now: new Date('2026-12-07T08:00:00Z'),
    catalog: catalogOf('http://127.0.0.1:38111'),
    capabilities: { read: true, exec: false, live: false },
    includeBrowserHistory,
  });

  it('with --include-browser-history: visits per catalog origin of each Chromium profile', async () => {
    const result = await chromiumCollector.collect(host(), [{ user: 'ana', home: '/home/ana' }], context(true));
    expect(result.history).toEqual([
      {
        browser: 'chromium',
        user: 'ana',
        profile: 'Default',
        origin: 'http://127.0.0.1:38111',
        visits: 3,
        lastVisit: '2026-12-07T06:44:09.164Z',
        file: `${base}/Default/History`,
      },
    ]);
    expect(result.gaps.filter((g) => g.field === 'history')).toEqual([]);
  });

  it('without it: History is never opened, history is null', async () => {
    const h = host();
    const result = await chromiumCollector.collect(h, [{ user: 'ana', home: '/home/ana' }], context(false));
    expect(result.history).toBeNull();
    expect(result.profiles.map((p) => p.profile)).toContain('Default');
    expect(h.paths.filter((p) => p.includes('History'))).toEqual([]);
  });
});

import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { collectFacts } from '../collect.js';
import type { Host } from '../hosts/host.js';
import type { Catalog } from '../policy/catalog.js';
import { fakeHost } from '../testing/fake-host.js';
import { memoryIo } from '../testing/memory-io.js';
import { run } from './main.js';

// Real Firefox files (firefox-esr 153.8), see fixtures/samples/browsers/README.md.
const samples = new URL('../../fixtures/samples/browsers/firefox/', import.meta.url);
const profilesIni = readFileSync(new URL('profiles.ini', samples));
const places = gunzipSync(readFileSync(new URL('places.sqlite.gz', samples)));
const permissions = gunzipSync(readFileSync(new URL('permissions.sqlite.gz', samples)));
const profile = 'home/ana/.config/mozilla/firefox/vto0jbur.charter-fixture';

const files: Record<string, Buffer | string> = {
  'etc/os-release': 'ID=debian\nVERSION_ID="12"\n',
  'etc/passwd': 'root:x:0:0:root:/root:/bin/bash\nana:x:1000:1000:Ana:/home/ana:/bin/bash\n',
  'home/ana/.config/mozilla/firefox/profiles.ini': profilesIni,
  [`${profile}/prefs.js`]: '',
  [`${profile}/permissions.sqlite`]: permissions,
  [`${profile}/places.sqlite`]: places,
};

const dir = mkdtempSync(join(tmpdir(), 'charter-history-flag-'));
afterAll(() => {
  rmSync(dir, { recursive: true, force: true });
});

/** A host that records every path read, listed or stat'ed. */
const recording = (host: Host): Host & { paths: string[] } => {
  const paths: string[] = [];
  return {
    ...host,
    paths,
    readFile: (p) => (paths.push(p), host.readFile(p)),
    readDir: (p) => (paths.push(p), host.readDir(p)),
    stat: (p) => (paths.push(p), host.stat(p)),
  };
};

const catalog: Catalog = { apps: [{ id: 'local', name: 'Local', categories: ['messenger'], approved: false, web: { origins: ['http://127.0.0.1:37839'] } }] };

describe('--include-browser-history', () => {
  it('is an option of check, collect and audit, described as off by default', async () => {
    for (const command of ['check', 'collect', 'audit']) {
      const io = memoryIo();
      await run([command, '--help'], io);
      const help = io.out().replace(/\s+/g, ' ');
      expect(help).toMatch(/--include-browser-history read browser history/);
      expect(help).toContain('off by default');
    }
  });

  it('reaches the probe context: history is read only with it, and no history database is opened without it', async () => {
    const hostFiles = Object.fromEntries(Object.entries(files).map(([p, c]) => [`/${p}`, c]));
    const without = recording(fakeHost({ files: hostFiles }));
    const factsWithout = await collectFacts(without, ['browsers'], { platform: 'linux', catalog, now: new Date(), timeoutMs: 30_000 });
    expect(factsWithout.browsers).toMatchObject({ facts: { history: null } });
    expect(without.paths).toContain(`/${profile}/permissions.sqlite`);
    expect(without.paths.filter((p) => /places\.sqlite|\/History$/.test(p))).toEqual([]);

    const withFlag = recording(fakeHost({ files: hostFiles }));
    const factsWith = await collectFacts(withFlag, ['browsers'], {
      platform: 'linux',
      catalog,
      now: new Date(),
      timeoutMs: 30_000,
      includeBrowserHistory: true,
    });
    expect(factsWith.browsers).toMatchObject({ facts: { history: [{ browser: 'firefox', user: 'ana', origin: 'http://127.0.0.1:37839', visits: 3 }] } });
    expect(withFlag.paths).toContain(`/${profile}/places.sqlite`);
  });

  it('charter collect: the snapshot holds history only when asked (null otherwise)', async () => {
    const root = join(dir, 'root');
    for (const [p, content] of Object.entries(files)) {
      mkdirSync(join(root, p, '..'), { recursive: true });
      writeFileSync(join(root, p), content);
    }
    const history = async (args: string[], output: string): Promise<unknown> => {
      const io = memoryIo({ cwd: dir });
      const code = await run(['collect', '--target', `root:${root}`, '--output', output, ...args], io);
      expect([code, io.err()]).toEqual([expect.any(Number), expect.stringContaining('wrote')]);
      const snapshot = JSON.parse(readFileSync(join(dir, output), 'utf8')) as { facts: { browsers: { facts: { history: unknown } } } };
      return snapshot.facts.browsers.facts.history;
    };
    expect(await history([], 'without.json')).toBeNull();
    expect(await history(['--include-browser-history'], 'with.json')).toEqual([]); // read; the shipped catalog lists no local origin
  }, 60_000);
});

describe('--include-browser-history through an audit of a host checked live (as over ssh)', () => {
  it('reaches the probes of each host checked, and only when given', async () => {
    const { checkOne } = await import('../fleet/audit.js');
    const { testPolicy, testRule } = await import('../testing/policy-in-memory.js');
    const policy = { ...testPolicy([testRule('HIST', { fact: 'browsers.history', expect: { count: { atMost: 0 } } })]), catalog };
    const hostFiles = Object.fromEntries(Object.entries(files).map(([p, c]) => [`/${p}`, c]));
    const readsOf = async (includeBrowserHistory: boolean): Promise<string[]> => {
      const host = recording(fakeHost({ files: hostFiles }));
      const result = await checkOne(
        { source: 'h', openFailure: 'unreachable', open: () => Promise.resolve(host) },
        { policy, language: 'en', failOn: 'low', now: () => new Date('2026-12-07T08:00:00Z'), tool: { name: 'charter', version: '0' }, includeBrowserHistory },
      );
      expect(result.status).toBe('checked');
      return host.paths.filter((p) => p.endsWith('places.sqlite'));
    };
    expect(await readsOf(false)).toEqual([]);
    expect(await readsOf(true)).toContain(`/${profile}/places.sqlite`);
  });
});

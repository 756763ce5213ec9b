import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../policy/catalog.js';
import { testCatalog } from '../../testing/linux-app-catalog.js';
import type { Platform } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import { vanishingHost } from '../../testing/vanishing-host.js';
import type { ProbeContext } from '../probe.js';
import { appActivity } from './index.js';

const catalog = testCatalog;

const sample = (name: string): Buffer => readFileSync(new URL(`../../../fixtures/samples/app-activity/${name}`, import.meta.url));

const recordedPids = [2, 7104, 7107, 7112, 7114, 7116, 7118, 7120, 7123];

/**
 * The processes recorded by fixtures/samples/app-activity/record.sh, with the exe links as root
 * saw them or as the unprivileged user cloudsdk saw them (other users' links unreadable).
 */
const recordedProc = (view: 'root' | 'cloudsdk'): FakeHostSpec => {
  const files: Record<string, Buffer> = { '/etc/passwd': sample('passwd') };
  const links: Record<string, string> = {};
  for (const pid of recordedPids) {
    for (const file of ['comm', 'cmdline', 'status', 'cgroup']) files[`/proc/${pid}/${file}`] = sample(`proc/${pid}/${file}`);
    const link = sample(`proc/${pid}/exe.${view}`).toString('utf8').trim();
    if (!link.startsWith('(readlink failed')) links[`/proc/${pid}/exe`] = link;
  }
  const stats: FakeHostSpec['stats'] = {
    // The two homes /etc/passwd names for people (root, cloudsdk), empty.
    '/root': { type: 'directory' },
    '/home/cloudsdk': { type: 'directory' },
    // Flatpak and snapd installed, so cgroups are worth reading.
    '/var/lib/flatpak': { type: 'directory' },
    '/var/lib/snapd': { type: 'directory' },
  };
  return { files, links, stats };
};

const at = (iso: string): number => Date.parse(iso);

/** Home directories with app traces (built for the test; mtimes chosen, not recorded). */
const homes: FakeHostSpec = {
  files: {
    '/home/cloudsdk/.config/Element/config.json': sample('element-web-config.sample.json'),
    '/home/cloudsdk/.var/app/im.riot.Riot/config/Element/config.json': sample('element-web-config.sample.json').subarray(0, 200),
    '/root/.config/Element/config.json': sample('luxchat-hackathon-config.json'),
  },
  stats: {
    '/home/cloudsdk/.config/Element': { type: 'directory', mtimeMs: at('2025-11-20T10:00:00Z') },
    '/home/cloudsdk/.config/Element/config.json': { mtimeMs: at('2025-11-21T09:00:00Z') },
    '/home/cloudsdk/.config/Element/Local Storage': { type: 'directory', mtimeMs: at('2025-11-22T06:30:00Z') },
    '/home/cloudsdk/.var/app/im.riot.Riot': { type: 'directory', mtimeMs: at('2025-10-01T00:00:00Z') },
    '/home/cloudsdk/snap/telegram-desktop': { type: 'directory', mtimeMs: at('2025-09-01T00:00:00Z') },
    '/home/cloudsdk/snap/telegram-desktop/6543': { type: 'directory', mtimeMs: at('2025-09-02T00:00:00Z') },
    '/root/.config/Element': { type: 'directory', mtimeMs: at('2025-08-01T00:00:00Z') },
    '/root/.config/Element/config.json': { mtimeMs: at('2025-08-01T00:00:00Z') },
  },
};

const merge = (...specs: FakeHostSpec[]): FakeHostSpec => ({
  files: Object.assign({}, ...specs.map((s) => s.files ?? {})) as Record<string, Buffer>,
  links: Object.assign({}, ...specs.map((s) => s.links ?? {})) as Record<string, string>,
  stats: Object.assign({}, ...specs.map((s) => s.stats ?? {})) as FakeHostSpec['stats'],
  capabilities: Object.assign({}, ...specs.map((s) => s.capabilities ?? {})) as FakeHostSpec['capabilities'],
});

const run = async (spec: FakeHostSpec, platform: Platform = 'linux', appCatalog: Catalog = catalog) => {
  const context: ProbeContext = {
    platform,
    now: new Date('2025-11-22T07:00:00Z'),
    catalog: appCatalog,
    capabilities: { read: true, exec: true, live: true, ...spec.capabilities },
  };
  return appActivity.collect(fakeHost(spec), context);
};

const sleep = '/usr/bin/sleep';
const tmp = '/tmp/charter-rec.Qm2MWA';

const rootViewProcesses = [
  { appId: 'signal', pid: 7114, name: 'sleep', exe: sleep, user: 'cloudsdk', uid: 1000, count: 3, matchedBy: 'argv0' },
  { appId: 'signal', pid: 7118, name: '/opt/Signal/sig', exe: '/usr/bin/node', user: 'cloudsdk', uid: 1000, count: 1, matchedBy: 'argv0' },
  { appId: 'telegram', pid: 7104, name: 'sleep', exe: sleep, user: 'root', uid: 0, count: 1, matchedBy: 'argv0' },
  { appId: 'telegram', pid: 7107, name: 'telegram-deskto', exe: `${tmp}/telegram-desktop`, user: 'cloudsdk', uid: 1000, count: 1, matchedBy: 'exe' },
  { appId: 'telegram', pid: 7112, name: 'Telegram', exe: `${tmp}/Telegram/Telegram`, user: 'cloudsdk', uid: 1000, count: 1, matchedBy: 'exe' },
  { appId: 'telegram', pid: 7123, name: 'sleep', exe: sleep, user: 'cloudsdk', uid: 1000, count: 1, matchedBy: 'snap' },
];

describe('app-activity probe', () => {
  it('reports running catalog apps from the recorded /proc, grouping helpers', async () => {
    const outcome = await run(recordedProc('root'));
    expect(outcome).toEqual({
      status: 'ok',
      facts: { processes: rootViewProcesses, processCount: 9, dataDirs: [], matrixConfigs: [], notes: [] },
    });
  });

  it('counts only numeric /proc entries and skips processes that exit mid-scan', async () => {
    const spec = recordedProc('root');
    const outcome = await run({ ...spec, dirs: { '/proc': ['99999', 'self', 'meminfo'] } });
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    expect(outcome.facts.processCount).toBe(10);
    expect(outcome.facts.processes).toEqual(rootViewProcesses);
  });

  it('does not read cgroups where neither Flatpak nor snap is installed', async () => {
    const spec = recordedProc('root');
    const stats = Object.fromEntries(Object.entries(spec.stats ?? {}).filter(([path]) => !path.startsWith('/var/lib/')));
    const outcome = await run({ ...spec, stats });
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    // The snap process is still found, by its argv[0], and the Flatpak one by argv[0] as well.
    expect(outcome.facts.processes).toEqual([...rootViewProcesses.slice(0, 5), { ...rootViewProcesses[5], matchedBy: 'argv0' }]);
  });

  it('notes executables it could not read as an unprivileged user', async () => {
    const outcome = await run(recordedProc('cloudsdk'));
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    expect(outcome.facts.processes).toContainEqual({
      appId: 'telegram',
      pid: 7104,
      name: 'sleep',
      exe: null,
      user: 'root',
      uid: 0,
      count: 1,
      matchedBy: 'argv0',
    });
    expect(outcome.facts.notes).toEqual([
      'processes: the executable of 1 process(es) could not be read (without root, processes of other users are not fully visible); they were matched by name only',
    ]);
  });

  it('reports data directories and Element-style configs per home', async () => {
    const outcome = await run(merge(recordedProc('root'), homes));
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    expect(outcome.facts.dataDirs).toEqual([
      {
        appId: 'element',
        user: 'cloudsdk',
        path: '/home/cloudsdk/.config/Element',
        lastChange: '2025-11-22T06:30:00.000Z',
        lastChangePath: '/home/cloudsdk/.config/Element/Local Storage',
      },
      {
        appId: 'element',
        user: 'cloudsdk',
        path: '/home/cloudsdk/.var/app/im.riot.Riot',
        lastChange: '2025-10-01T00:00:00.000Z',
        lastChangePath: '/home/cloudsdk/.var/app/im.riot.Riot',
      },
      {
        appId: 'telegram',
        user: 'cloudsdk',
        path: '/home/cloudsdk/snap/telegram-desktop',
        lastChange: '2025-09-02T00:00:00.000Z',
        lastChangePath: '/home/cloudsdk/snap/telegram-desktop/6543',
      },
      {
        appId: 'element',
        user: 'root',
        path: '/root/.config/Element',
        lastChange: '2025-08-01T00:00:00.000Z',
        lastChangePath: '/root/.config/Element',
      },
    ]);
    expect(outcome.facts.matrixConfigs).toEqual([
      {
        appId: 'element',
        user: 'cloudsdk',
        path: '/home/cloudsdk/.config/Element/config.json',
        homeserver: 'matrix.org',
        baseUrlHost: 'matrix-client.matrix.org',
        brand: 'Element',
        linkHosts: [],
      },
      {
        appId: 'element',
        user: 'cloudsdk',
        path: '/home/cloudsdk/.var/app/im.riot.Riot/config/Element/config.json',
        homeserver: null,
        baseUrlHost: null,
        brand: null,
        linkHosts: [],
        error: expect.stringMatching(/^invalid JSON/),
      },
      {
        appId: 'element',
        user: 'root',
        path: '/root/.config/Element/config.json',
        homeserver: 'local.synapse.server',
        baseUrlHost: 'local.synapse.server',
        brand: 'Luxchat',
        linkHosts: ['dev.luxchat.lu', 'luxchat.lu', 'u-download.luxchat.lu'],
      },
    ]);
    expect(outcome.facts.processes).toEqual(rootViewProcesses);
  });

  it('reads data directories but no processes on a target at rest', async () => {
    const outcome = await run({ ...merge(recordedProc('root'), homes), capabilities: { live: false } });
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    expect(outcome.facts.processes).toBeNull();
    expect(outcome.facts.processCount).toBeNull();
    expect(outcome.facts.notes).toEqual(['processes: needs a live system']);
    expect(outcome.facts.dataDirs).toHaveLength(4);
    expect(outcome.facts.matrixConfigs).toHaveLength(3);
  });

  it('reads at most 200 children of a data directory', async () => {
    const stats: NonNullable<FakeHostSpec['stats']> = {
      '/home/cloudsdk/.config/Signal': { type: 'directory', mtimeMs: at('2025-01-01T00:00:00Z') },
    };
    for (let i = 0; i < 250; i++) {
      stats[`/home/cloudsdk/.config/Signal/f${String(i).padStart(3, '0')}`] = { mtimeMs: at('2025-01-01T00:00:00Z') + i * 1000 };
    }
    const outcome = await run({ files: { '/etc/passwd': sample('passwd') }, stats });
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    expect(outcome.facts.dataDirs).toEqual([
      {
        appId: 'signal',
        user: 'cloudsdk',
        path: '/home/cloudsdk/.config/Signal',
        lastChange: new Date(at('2025-01-01T00:00:00Z') + 199_000).toISOString(),
        lastChangePath: '/home/cloudsdk/.config/Signal/f199',
      },
    ]);
  });

  it('expands * in catalog paths within one segment', async () => {
    const globbing: Catalog = {
      apps: [{ id: 'x', name: 'X', categories: ['messenger'], approved: false, linux: { dataDirs: ['.config/X-*'] } }],
    };
    const outcome = await run(
      {
        files: { '/etc/passwd': sample('passwd') },
        stats: {
          '/home/cloudsdk/.config/x-one': { type: 'directory', mtimeMs: at('2025-02-01T00:00:00Z') },
          '/home/cloudsdk/.config/y-two': { type: 'directory', mtimeMs: at('2025-03-01T00:00:00Z') },
        },
      },
      'linux',
      globbing,
    );
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    expect(outcome.facts.dataDirs).toEqual([
      {
        appId: 'x',
        user: 'cloudsdk',
        path: '/home/cloudsdk/.config/x-one',
        lastChange: '2025-02-01T00:00:00.000Z',
        lastChangePath: '/home/cloudsdk/.config/x-one',
      },
    ]);
  });

  it('dispatches to the macOS and Windows collectors (covered by macos.test.ts and windows.test.ts)', async () => {
    expect((await run({}, 'macos')).status).toBe('ok');
    expect(await run({}, 'windows')).toEqual({ status: 'error', message: expect.stringContaining('powershell.exe could not be started') as string });
  });

  it('declares every fact it reports', async () => {
    const outcome = await run(merge(recordedProc('root'), homes));
    if (outcome.status !== 'ok') throw new Error(outcome.status);
    expect(Object.keys(outcome.facts).sort()).toEqual(Object.keys(appActivity.facts).sort());
  });
});

describe('app-activity probe: processes that vanish while /proc is read', () => {
  const runOn = (intercept: Parameters<typeof vanishingHost>[1]) =>
    appActivity.collect(vanishingHost(fakeHost(recordedProc('root')), intercept), {
      platform: 'linux',
      now: new Date('2025-11-22T07:00:00Z'),
      catalog,
      capabilities: { read: true, exec: true, live: true },
    });

  it('skips a process whose reads fail with ESRCH (reaped between open and read), and stays ok', async () => {
    // 7107 (telegram-desktop) exited: every read of its files fails as they do for a reaped process.
    const outcome = await runOn((_method, path) => (path.startsWith('/proc/7107/') ? { code: 'ESRCH' } : undefined));
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
    expect(outcome.facts.processes).toEqual(rootViewProcesses.filter((p) => p.pid !== 7107));
    expect(outcome.facts.notes).toEqual([]);
  });

  it('keeps a matched process whose status or cgroup vanished after it was matched, owner unknown', async () => {
    const outcome = await runOn((_method, path) =>
      path === '/proc/7112/status' ? { code: 'ESRCH' } : path === '/proc/7112/cgroup' ? { code: 'ENOENT' } : undefined,
    );
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
    expect(outcome.facts.processes).toContainEqual({ ...rootViewProcesses[4], user: null, uid: null });
  });

  it('does not count a process that exited before its exe was read as unreadable', async () => {
    // 7104 exited after its command line was read: no exe link, and /proc/7104 is gone.
    const outcome = await runOn((_method, path) => (path === '/proc/7104/exe' || path === '/proc/7104' ? { answer: undefined } : undefined));
    if (outcome.status !== 'ok') throw new Error(JSON.stringify(outcome));
    expect(outcome.facts.processes).toEqual(rootViewProcesses.filter((p) => p.pid !== 7104));
    expect(outcome.facts.notes).toEqual([]);
  });

  it('fails on an error that is not a vanishing, rather than report an incomplete list as complete', async () => {
    await expect(runOn((_method, path) => (path === '/proc/7107/cmdline' ? { code: 'EIO' } : undefined))).rejects.toThrow('EIO');
  });
});

import { describe, expect, it } from 'vitest';
import type { ProbeOutcome } from '../model.js';
import { fakeHost } from '../testing/fake-host.js';
import { testCatalog } from '../testing/linux-app-catalog.js';
import { defineProbe, loadedCollector, macosAndWindows, ok, type Collector, type ProbeContext } from './probe.js';

const context = (platform: ProbeContext['platform']): ProbeContext => ({
  platform,
  now: new Date('2026-01-01T00:00:00Z'),
  catalog: testCatalog,
  capabilities: { read: true, exec: false, live: false },
});

describe('loadedCollector', () => {
  it('loads its module when the collector first runs, not before, and runs what the module holds', async () => {
    const loads: string[] = [];
    const seen: unknown[] = [];
    const module = {
      collectMacos: ((host, ctx) => {
        seen.push(host, ctx);
        return Promise.resolve(ok({ platform: ctx.platform }));
      }) satisfies Collector,
    };
    const collector = loadedCollector(
      () => {
        loads.push('macos');
        return Promise.resolve(module);
      },
      (m) => m.collectMacos,
    );
    const probe = defineProbe({
      id: 'loaded',
      title: 'loaded',
      needs: ['read'],
      facts: {},
      collect: { linux: () => Promise.resolve(ok({})), macos: collector },
    });
    expect(probe.platforms).toEqual(['linux', 'macos']);
    expect(loads).toEqual([]);
    await probe.collect(fakeHost(), context('linux'));
    expect(loads).toEqual([]);
    const host = fakeHost();
    const macos = context('macos');
    expect(await probe.collect(host, macos)).toEqual<ProbeOutcome>({ status: 'ok', facts: { platform: 'macos' } });
    expect(seen).toEqual([host, macos]);
    expect(loads).toEqual(['macos']);
  });

  it('rejects as the collector would when its module cannot be loaded', async () => {
    const collector = loadedCollector(
      () => Promise.reject(new Error('no such chunk')),
      (m: { collect: Collector }) => m.collect,
    );
    await expect(collector(fakeHost(), context('windows'))).rejects.toThrow('no such chunk');
  });
});

describe('macosAndWindows', () => {
  it('gives each platform the collector its own module exports, loaded only when that platform runs', async () => {
    const loads: string[] = [];
    const answer =
      (name: string): Collector =>
      (_host, ctx) =>
        Promise.resolve(ok({ name, platform: ctx.platform }));
    const probe = defineProbe({
      id: 'both',
      title: 'both',
      needs: ['read'],
      facts: {},
      collect: {
        linux: () => Promise.resolve(ok({})),
        ...macosAndWindows(
          () => {
            loads.push('macos');
            return Promise.resolve({ collectMacos: answer('collectMacos') });
          },
          () => {
            loads.push('windows');
            return Promise.resolve({ collectWindows: answer('collectWindows') });
          },
        ),
      },
    });
    expect(probe.platforms).toEqual(['linux', 'macos', 'windows']);
    await probe.collect(fakeHost(), context('linux'));
    expect(loads).toEqual([]);
    expect(await probe.collect(fakeHost(), context('windows'))).toEqual<ProbeOutcome>({ status: 'ok', facts: { name: 'collectWindows', platform: 'windows' } });
    expect(loads).toEqual(['windows']);
    expect(await probe.collect(fakeHost(), context('macos'))).toEqual<ProbeOutcome>({ status: 'ok', facts: { name: 'collectMacos', platform: 'macos' } });
    expect(loads).toEqual(['windows', 'macos']);
  });
});

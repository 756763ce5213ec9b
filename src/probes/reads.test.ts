import { describe, expect, it } from 'vitest';
import { existsSync } from 'node:fs';
import { openSsh } from '../hosts/ssh/index.js';
import { localShellTransport } from '../hosts/ssh/local-transport.js';
import { platforms } from '../model.js';
import { loadPolicy } from '../policy/load.js';
import { debianRoot } from '../testing/debian-roots.js';
import { template } from './_template/index.js';
import { probes } from './index.js';
import { defineProbe, files, ok, stats, type Probe, type ProbeDefinition } from './probe.js';
import { declaredReads, prefetchOf } from './reads.js';

/** Reads left to on-demand fetches on purpose (large, and asked for by name only when needed). */
const onDemandOnPurpose = [/^f \/var\/lib\/apt\/lists\/[^/]*Packages/];

const hasPerl = existsSync('/usr/bin/perl');

/** A declared path as a regular expression: glob characters within a component, `~` any home. */
const pathPattern = (path: string): RegExp => {
  const home = path === '~' || path.startsWith('~/') ? '(?:/[^/]+)+' : '';
  const rest = home === '' ? path : path.slice(1);
  const body = rest
    .replace(/[.+^${}()|\\]/g, '\\$&')
    .replace(/\*/g, '[^/]*')
    .replace(/\?/g, '[^/]');
  return new RegExp(`^${home}${body}$`);
};

/** The agent ops each declared read answers: a file's content and stat; a listing and the directory's stat. */
const answers: Record<string, string> = { file: 'fs', stat: 's', dir: 'ds', list: 'ds' };

/**
 * A read fetched on demand although a declared pattern names it: the path appeared between the
 * prefetch's expansion of the pattern and the read (a process started meanwhile). Not a gap.
 */
const declaredBy = (probe: Probe, key: string): boolean => {
  const op = key.slice(0, 1);
  const path = key.slice(2);
  return (probe.reads.linux ?? []).some((read) => answers[read.op]?.includes(op) === true && pathPattern(read.path).test(path));
};

describe('declared reads', () => {
  const probe = (id: string, reads: ProbeDefinition['reads']) =>
    defineProbe({ id, title: id, needs: ['read'], facts: {}, reads, collect: { linux: () => Promise.resolve(ok({})) } });

  it('gathers every probe’s reads once, keeping the largest cap asked for a file', () => {
    const a = probe('a', { linux: [...files('/etc/a', '/etc/shared'), ...stats('/usr/bin/a')] });
    const b = probe('b', { linux: [...files('/etc/shared'), { op: 'file', path: '/etc/a', maxBytes: 9 }, { op: 'file', path: '/etc/a', maxBytes: 3 }] });
    expect(declaredReads('linux', [a, b])).toEqual([
      { op: 'file', path: '/etc/a', maxBytes: 9 },
      { op: 'file', path: '/etc/shared' },
      { op: 'stat', path: '/usr/bin/a' },
    ]);
    expect(declaredReads('macos', [a, b])).toEqual([]);
    expect(prefetchOf([a])).toEqual({ linux: declaredReads('linux', [a]), macos: [], windows: [] });
  });

  it('tells a path that appeared after the prefetch from a read nobody declared', () => {
    const a = probe('a', { linux: [...files('/proc/[0-9]*/comm', '~/.config/x.conf'), ...stats('/usr/bin/a')] });
    expect(declaredBy(a, 'f /proc/20810/comm')).toBe(true);
    expect(declaredBy(a, 'f /home/ana/.config/x.conf')).toBe(true);
    expect(declaredBy(a, 's /usr/bin/a')).toBe(true);
    expect(declaredBy(a, 'f /usr/bin/a')).toBe(false);
    expect(declaredBy(a, 'f /proc/self/comm')).toBe(false);
    expect(declaredBy(a, 'f /proc/1/comm2')).toBe(false);
    expect(declaredBy(a, 'f /etc/shadow')).toBe(false);
  });

  it('refuses reads on a platform the probe has no collector for', () => {
    expect(() => probe('c', { macos: files('/etc/c') })).toThrow(/reads on macos/);
  });

  it('are declared by every Linux probe, and only for platforms it collects on', () => {
    for (const each of Object.values(probes)) {
      for (const platform of platforms) if (!each.platforms.includes(platform)) expect(each.reads[platform], `${each.id} ${platform}`).toBeUndefined();
      if (each.platforms.includes('linux')) expect(each.reads.linux?.length ?? 0, each.id).toBeGreaterThan(0);
    }
  });
});

// The template too: a probe copied from it starts with reads that hold.
const linuxProbes = [...Object.values(probes), template].filter((p) => p.platforms.includes('linux'));

/**
 * Runs one probe alone over a locally executed ssh agent (no network), prefetching only what that
 * probe declares, and returns what it then fetched on demand: reads its `reads` forgot.
 */
const undeclaredReads = async (probe: Probe, root?: string): Promise<{ status: string | undefined; uncovered: string[] }> => {
  const policy = await loadPolicy('policies/lu-state-charter.yaml');
  const host = await openSsh('localhost', { transport: localShellTransport(root), prefetch: prefetchOf([probe]) });
  try {
    const outcome = await probe
      .collect(host, { platform: 'linux', catalog: policy.catalog, now: new Date(), capabilities: host.capabilities })
      .catch((error: unknown) => ({ status: 'error', message: String(error) }) as const);
    const uncovered = host.fetchedOnDemand.filter((key) => !onDemandOnPurpose.some((pattern) => pattern.test(key)) && !declaredBy(probe, key));
    return { status: outcome.status, uncovered };
  } finally {
    await host.close();
  }
};

describe.skipIf(process.platform !== 'linux' || !hasPerl)('each probe’s declared reads, on this machine', () => {
  it.each(linuxProbes.map((p) => [p.id, p] as const))(
    '%s: cover every read it makes',
    async (_id, probe) => {
      const { status, uncovered } = await undeclaredReads(probe);
      expect(status).toBe('ok');
      expect(uncovered).toEqual([]);
    },
    60_000,
  );
});

// The Debian roots of the scenario tests (desktop, messengers, office suite), entered with chroot:
// their configuration files are read where this machine has none. No /proc there, so a live probe
// may fail; what it read before must still be declared.
const roots = ['clean', 'messenger', 'chat', 'office'].flatMap((name) => {
  const dir = debianRoot(name);
  return dir === undefined ? [] : [[name, dir] as const];
});
const asRoot = process.getuid?.() === 0;

describe.skipIf(process.platform !== 'linux' || !hasPerl || !asRoot || roots.length === 0)('each probe’s declared reads, on the Debian roots', () => {
  it.each(roots)(
    '%s: every probe’s reads are declared',
    async (_name, dir) => {
      const gaps: string[] = [];
      for (const probe of linuxProbes) for (const key of (await undeclaredReads(probe, dir)).uncovered) gaps.push(`${probe.id}: ${key}`);
      expect(gaps).toEqual([]);
    },
    120_000,
  );
});

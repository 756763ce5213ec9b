import { describe, expect, it } from 'vitest';
import { resolveConfined, SymlinkLoopError, type NodeKind, type TreeAccess } from './confined-resolve.js';

/** A tiny tree: paths ending in / are directories, `->` marks a symlink target. */
const tree = (entries: Record<string, string>): TreeAccess => ({
  kind: (path): NodeKind => {
    if (path === '/') return 'directory';
    const entry = entries[path];
    if (entry === undefined) return 'missing';
    if (entry.startsWith('->')) return 'symlink';
    return entry === 'dir' ? 'directory' : 'file';
  },
  readLink: (path) => entries[path]?.replace(/^->/, ''),
});

const root = tree({
  '/etc': 'dir',
  '/etc/shadow': 'file',
  '/etc/passwd': 'file',
  '/etc/alt': '->/etc/passwd',
  '/etc/rel': '->passwd',
  '/etc/up': '->../../../../etc/shadow',
  '/var': 'dir',
  '/var/run': '->/run',
  '/run': 'dir',
  '/run/x': 'file',
  '/loop1': '->/loop2',
  '/loop2': '->/loop1',
  '/self': '->/self/x',
  '/dangling': '->/nowhere',
});

describe('resolveConfined', () => {
  it('re-roots absolute symlinks at the scanned root', async () => {
    expect(await resolveConfined(root, '/etc/alt')).toBe('/etc/passwd');
    expect(await resolveConfined(root, '/var/run/x')).toBe('/run/x');
  });

  it('follows relative links from their directory', async () => {
    expect(await resolveConfined(root, '/etc/rel')).toBe('/etc/passwd');
  });

  it('never lets .. climb above the root', async () => {
    expect(await resolveConfined(root, '/../../etc/passwd')).toBe('/etc/passwd');
    expect(await resolveConfined(root, '/etc/up')).toBe('/etc/shadow');
  });

  it('stops at the last component when asked not to follow it', async () => {
    expect(await resolveConfined(root, '/etc/alt', false)).toBe('/etc/alt');
  });

  it('reports a loop instead of spinning', async () => {
    await expect(resolveConfined(root, '/loop1')).rejects.toBeInstanceOf(SymlinkLoopError);
    await expect(resolveConfined(root, '/self')).rejects.toBeInstanceOf(SymlinkLoopError);
  });

  it('answers undefined for missing paths, dangling links and files used as directories', async () => {
    expect(await resolveConfined(root, '/dangling')).toBeUndefined();
    expect(await resolveConfined(root, '/etc/passwd/x')).toBeUndefined();
    expect(await resolveConfined(root, 'relative')).toBeUndefined();
    expect(await resolveConfined(root, '/etc/\0')).toBeUndefined();
  });
});

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import type { Catalog } from '../../policy/catalog.js';
import { testCatalog } from '../../testing/linux-app-catalog.js';
import { appForProcess, linuxDataDirs, linuxMatrixConfigs, type ProcessIdentity } from './catalog-lookup.js';
import { argv0Names, exePath, parseCgroup, parseCmdline, parseComm } from './parse.js';

const catalog = testCatalog;

const proc = (pid: number, file: string): string =>
  readFileSync(new URL(`../../../fixtures/samples/app-activity/proc/${pid}/${file}`, import.meta.url), 'utf8');

/** A recorded process as the probe sees it; `view` is whose readlink of exe is used. */
const identity = (pid: number, view: 'root' | 'cloudsdk' = 'root'): ProcessIdentity => {
  const link = proc(pid, `exe.${view}`).trim();
  return {
    comm: parseComm(proc(pid, 'comm')),
    argv0: argv0Names(parseCmdline(proc(pid, 'cmdline'))),
    exe: link.startsWith('(readlink failed') ? null : exePath(link),
    ...parseCgroup(proc(pid, 'cgroup')),
  };
};

const lookup = (pid: number, view: 'root' | 'cloudsdk' = 'root') => {
  const found = appForProcess(catalog, identity(pid, view));
  return found && { appId: found.app.id, matchedBy: found.matchedBy };
};

describe('appForProcess on recorded processes', () => {
  it('matches argv[0] set with exec -a', () => {
    expect(lookup(7104)).toEqual({ appId: 'telegram', matchedBy: 'argv0' });
    expect(lookup(7104, 'cloudsdk')).toEqual({ appId: 'telegram', matchedBy: 'argv0' });
  });

  it('matches an executable whose comm the kernel truncated', () => {
    expect(lookup(7107)).toEqual({ appId: 'telegram', matchedBy: 'exe' });
    expect(appForProcess(catalog, { ...identity(7107), exe: null, argv0: [] })?.app.id).toBe('telegram');
  });

  it('matches the tarball name Telegram', () => {
    expect(lookup(7112)).toEqual({ appId: 'telegram', matchedBy: 'exe' });
  });

  it('matches Electron-style helpers and rewritten titles', () => {
    expect(lookup(7114)).toEqual({ appId: 'signal', matchedBy: 'argv0' });
    expect(lookup(7118)).toEqual({ appId: 'signal', matchedBy: 'argv0' });
  });

  it('prefers the Flatpak id and snap name of the cgroup', () => {
    expect(lookup(7120)).toEqual({ appId: 'signal', matchedBy: 'flatpak' });
    expect(lookup(7123)).toEqual({ appId: 'telegram', matchedBy: 'snap' });
    // The Flatpak id decides even when argv[0] names another app.
    expect(appForProcess(catalog, { ...identity(7104), flatpak: 'org.signal.Signal' })?.app.id).toBe('signal');
  });

  it('matches nothing for a kernel thread', () => {
    expect(lookup(2)).toBeUndefined();
  });
});

describe('catalog paths', () => {
  it('lists data directories with Flatpak and snap ones, first app wins', () => {
    const twice: Catalog = {
      apps: [...catalog.apps, { id: 'other', name: 'Other', categories: ['messenger'], approved: false, linux: { dataDirs: ['.config/Signal/'] } }],
    };
    expect(linuxDataDirs(twice)).toEqual([
      { appId: 'element', path: '.config/Element' },
      { appId: 'element', path: '.config/Riot' },
      { appId: 'element', path: '.var/app/im.riot.Riot' },
      { appId: 'element', path: 'snap/element-desktop' },
      { appId: 'telegram', path: '.local/share/TelegramDesktop' },
      { appId: 'telegram', path: '.var/app/org.telegram.desktop' },
      { appId: 'telegram', path: 'snap/telegram-desktop' },
      { appId: 'signal', path: '.config/Signal' },
      { appId: 'signal', path: '.var/app/org.signal.Signal' },
      { appId: 'signal', path: 'snap/signal-desktop' },
    ]);
  });

  it('lists Element-style configs', () => {
    expect(linuxMatrixConfigs(catalog).map((c) => c.path)).toEqual([
      '.config/Element/config.json',
      '.var/app/im.riot.Riot/config/Element/config.json',
      'snap/element-desktop/current/.config/Element/config.json',
    ]);
  });

  it('never leaves the home directory', () => {
    const escaping: Catalog = { apps: [{ id: 'x', name: 'X', categories: ['messenger'], approved: false, linux: { dataDirs: ['../../etc', '/'] } }] };
    expect(linuxDataDirs(escaping)).toEqual([]);
  });
});

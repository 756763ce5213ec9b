import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fakeHost } from '../../testing/fake-host.js';
import type { InstalledApp } from './app.js';
import { systemApp } from './app.js';
import { attachAppStream } from './declared-appstream.js';
import { runMemo } from '../../run-memo.js';

/** Recorded samples; provenance of each in fixtures/samples/installed-apps/README.md. */
const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/installed-apps/${name}`, import.meta.url), 'utf8');
const telegram = sample('metainfo-org.telegram.desktop.metainfo.xml');
const cli = sample('metainfo-org.freedesktop.appstream.cli.metainfo.xml');

const launcher = (id: string, scope: 'system' | 'user' = 'system'): InstalledApp => ({
  name: id,
  version: null,
  source: 'desktop-file',
  scope,
  user: scope === 'user' ? 'alice' : null,
  path: scope === 'user' ? `/home/alice/.local/share/applications/${id}.desktop` : `/usr/share/applications/${id}.desktop`,
  id,
});

describe('attachAppStream', () => {
  it('attaches a component to its desktop launchable (the system launcher, not a user copy) and to its pkgname', async () => {
    // The second and third files are edits of the real telegram-desktop file: a pkgname and no
    // launchable (as distribution catalogs write), and an add-on, which describes no app of its own.
    const byPackage = telegram
      .replace(/<launchable[^>]*>[^<]*<\/launchable>/, '')
      .replace('<id>org.telegram.desktop</id>', '<id>org.example.Chat</id><pkgname>example-chat</pkgname>');
    const addon = telegram
      .replace('type="desktop"', 'type="addon"')
      .replace('<id>org.telegram.desktop</id>', '<id>org.example.Plugin</id><pkgname>example-chat</pkgname>');
    const host = fakeHost({
      files: {
        '/usr/share/metainfo/org.telegram.desktop.metainfo.xml': telegram,
        '/usr/share/metainfo/org.example.Chat.metainfo.xml': byPackage,
        '/usr/share/appdata/org.example.Plugin.appdata.xml': addon,
        '/usr/share/metainfo/org.freedesktop.appstream.cli.metainfo.xml': cli,
        '/usr/share/metainfo/broken.metainfo.xml': telegram.slice(0, 500),
        '/usr/share/metainfo/README': 'not xml',
      },
    });
    const apps = [
      launcher('org.telegram.desktop'),
      launcher('org.telegram.desktop', 'user'),
      systemApp('dpkg', { name: 'example-chat', version: '1', id: 'example-chat:amd64' }),
    ];
    const source = await attachAppStream(host, apps);
    expect(apps[0]?.metadata).toEqual([
      {
        scheme: 'appstream',
        file: '/usr/share/metainfo/org.telegram.desktop.metainfo.xml',
        field: 'categories',
        values: ['Network', 'InstantMessaging'],
        keywords: ['tg', 'telegram', 'tdesktop', 'messaging', 'messenger', 'chat', 'sms', 'im'],
      },
    ]);
    expect(apps[1]?.metadata).toBeUndefined();
    expect(apps[2]?.metadata?.map((m) => m.file)).toEqual(['/usr/share/metainfo/org.example.Chat.metainfo.xml']);
    expect(source).toEqual({
      scheme: 'appstream',
      status: 'ok',
      detail:
        '5 metainfo files in /usr/share/metainfo, /usr/share/appdata; 2 apps declaring categories or keywords, 2 of them matched to an installed entry; 1 malformed file skipped',
    });
  });

  it('falls back to the component id for a launcher, and to a user launcher when no system one exists', async () => {
    const noLaunchable = telegram.replace(/<launchable[^>]*>[^<]*<\/launchable>/, '');
    const host = fakeHost({ files: { '/usr/share/metainfo/org.telegram.desktop.metainfo.xml': noLaunchable } });
    const apps = [launcher('org.telegram.desktop', 'user')];
    await attachAppStream(host, apps);
    expect(apps[0]?.metadata?.[0]?.values).toEqual(['Network', 'InstantMessaging']);
  });

  it('gives each host of a run that shares the files what it gets alone, in metadata of its own', async () => {
    const contents = new Map([
      ['/usr/share/metainfo/org.telegram.desktop.metainfo.xml', Buffer.from(telegram)],
      ['/usr/share/metainfo/broken.metainfo.xml', Buffer.from(telegram.slice(0, 500))],
    ]);
    const host = () => {
      const made = fakeHost({ files: Object.fromEntries(contents) });
      made.readFile = (path) => Promise.resolve(contents.get(path));
      return made;
    };
    const alone = [launcher('org.telegram.desktop')];
    const aloneSource = await attachAppStream(host(), alone);
    const memo = runMemo();
    const hosts = [[launcher('org.telegram.desktop')], [launcher('org.telegram.desktop')]];
    for (const apps of hosts) {
      expect(await attachAppStream(host(), apps, { memo })).toEqual(aloneSource);
      expect(apps).toEqual(alone);
    }
    const [first, second] = hosts.map((apps) => apps[0]?.metadata?.[0]?.values);
    expect(first).not.toBe(second);
    expect(Object.isFrozen(first)).toBe(false);
  });

  it('is absent without metainfo directories', async () => {
    expect(await attachAppStream(fakeHost(), [])).toEqual({ scheme: 'appstream', status: 'absent', detail: 'no /usr/share/metainfo or /usr/share/appdata' });
  });
});

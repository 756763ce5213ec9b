import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseAppStream } from './appstream-parse.js';

/** Recorded samples; provenance of each in fixtures/samples/installed-apps/README.md. */
const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/installed-apps/${name}`, import.meta.url), 'utf8');

const flatpakMetainfo =
  'flatpak-user-installation/app/org.charter.FixtureApp/x86_64/stable/ae6b0d7e66e10cb1d99dff8c59c213069b00e7e4c9a92492bda1bd7de62004b9/export/share/metainfo/org.charter.FixtureApp.metainfo.xml';

describe('parseAppStream', () => {
  it("reads telegram-desktop's Debian metainfo: legacy type, id, desktop launchable, categories, keywords", () => {
    expect(parseAppStream(sample('metainfo-org.telegram.desktop.metainfo.xml'))).toEqual({
      type: 'desktop',
      id: 'org.telegram.desktop',
      pkgnames: [],
      desktopIds: ['org.telegram.desktop.desktop'],
      categories: ['Network', 'InstantMessaging'],
      keywords: ['tg', 'telegram', 'tdesktop', 'messaging', 'messenger', 'chat', 'sms', 'im'],
    });
  });

  it('reads a console application that declares no categories, among dozens of translated names', () => {
    expect(parseAppStream(sample('metainfo-org.freedesktop.appstream.cli.metainfo.xml'))).toEqual({
      type: 'console-application',
      id: 'org.freedesktop.appstream.cli',
      pkgnames: [],
      desktopIds: [],
      categories: [],
      keywords: [],
    });
  });

  it('reads the metainfo flatpak exported, and one osv-scalibr captured from a Flatpak', () => {
    expect(parseAppStream(sample(flatpakMetainfo))).toEqual({
      type: 'desktop-application',
      id: 'org.charter.FixtureApp',
      pkgnames: [],
      desktopIds: ['org.charter.FixtureApp.desktop'],
      categories: [],
      keywords: [],
    });
    expect(parseAppStream(sample('metainfo-osv-scalibr-valid.xml'))).toMatchObject({ id: 'org.gimp.GIMP', type: 'desktop', categories: [] });
  });

  // The variations below are edits of the real telegram-desktop file.
  const telegram = sample('metainfo-org.telegram.desktop.metainfo.xml');

  it("reads only the component's own id and launchables, not those of provides or requires", () => {
    const nested = telegram.replace(
      '<categories>',
      '<provides><id>org.example.Other</id><binary>tg</binary></provides><requires><id>org.kde.Platform</id></requires><pkgname>telegram-desktop</pkgname><categories>',
    );
    expect(parseAppStream(nested)).toMatchObject({ id: 'org.telegram.desktop', pkgnames: ['telegram-desktop'] });
  });

  it('leaves out translated keywords, in either style, and unwraps CDATA and character references', () => {
    const translated = telegram
      .replace(
        '<keyword>tg</keyword>',
        '<keyword>tg</keyword><keyword xml:lang="de">Nachrichten</keyword><keyword><![CDATA[a&b]]></keyword><keyword>x&#x41;&amp;</keyword>',
      )
      .replace('</keywords>', '</keywords><keywords xml:lang="fr"><keyword>messagerie</keyword></keywords>');
    const keywords = parseAppStream(translated)?.keywords;
    expect(keywords).toContain('a&b');
    expect(keywords).toContain('xA&');
    expect(keywords).not.toContain('Nachrichten');
    expect(keywords).not.toContain('messagerie');
  });

  it('expands no entity a document declares and fetches nothing', () => {
    const declared = telegram
      .replace(
        "<?xml version='1.0' encoding='utf-8'?>",
        `<?xml version='1.0' encoding='utf-8'?>\n<!DOCTYPE component [<!ENTITY boom "Chat;Chat;Chat"><!ENTITY ext SYSTEM "file:///etc/passwd">]>`,
      )
      .replace('<category>Network</category>', '<category>&boom;</category><category>&ext;</category>');
    expect(parseAppStream(declared)?.categories).toEqual(['&boom;', '&ext;', 'InstantMessaging']);
  });

  it('answers undefined for malformed documents and for anything that is not one component', () => {
    expect(parseAppStream(telegram.slice(0, 2000))).toBeUndefined(); // truncated
    expect(parseAppStream(telegram.replace('</categories>', '</category>'))).toBeUndefined(); // bad nesting
    expect(parseAppStream(telegram.replace('<id>', '<id <'))).toBeUndefined(); // stray <
    expect(parseAppStream(`${telegram}<component/>`)).toBeUndefined(); // two roots
    expect(parseAppStream('<components version="0.14"><component><id>a</id></component></components>')).toBeUndefined(); // a catalog
    expect(parseAppStream('')).toBeUndefined();
    expect(parseAppStream('\u0000\u0001binary')).toBeUndefined();
    expect(parseAppStream('<component><id>x</id></component>')).toMatchObject({ type: 'generic', id: 'x' });
  });
});

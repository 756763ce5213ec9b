import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';
import { bundleApp } from './macos-parse.js';

const root = new URL('../../..', import.meta.url).pathname;
/** A binary Info.plist written by src/testing/bplist.ts (see the fixture's README). */
const whatsappInfo = readFileSync(join(root, 'fixtures/hosts/macos14-noncompliant/files/Applications/WhatsApp.app/Contents/Info.plist'));
const context = (host: Host) => ({ platform: 'macos' as const, now: new Date(), catalog: { apps: [] }, capabilities: host.capabilities });

describe('bundleApp', () => {
  it('prefers the display name and the marketing version, and falls back to the folder name', () => {
    const owner = { scope: 'system' as const, user: null };
    expect(
      bundleApp(
        '/Applications/X.app',
        { CFBundleDisplayName: 'Ex', CFBundleName: 'X', CFBundleShortVersionString: '2.1', CFBundleVersion: '2100', CFBundleIdentifier: 'com.x' },
        owner,
      ),
    ).toMatchObject({ name: 'Ex', version: '2.1', id: 'com.x' });
    expect(bundleApp('/Applications/Y.app', { CFBundleVersion: '7' }, owner)).toMatchObject({ name: 'Y', version: '7', id: null });
  });
});

describe('collectMacos (installed-apps)', () => {
  it('reads binary and XML Info.plists in /Applications, one sub-folder level, /System/Applications and ~/Applications, never inside bundles', async () => {
    const host = fakeHost({
      platform: 'macos',
      files: {
        '/Applications/WhatsApp.app/Contents/Info.plist': whatsappInfo,
        '/Applications/Utilities/Tool.app/Contents/Info.plist': build({ CFBundleIdentifier: 'com.tool', CFBundleName: 'Tool' }),
        '/Applications/Element.app/Contents/Info.plist': build({
          CFBundleIdentifier: 'im.riot.app',
          CFBundleName: 'Element',
          CFBundleShortVersionString: '1.11.85',
        }),
        '/Applications/Element.app/Contents/Frameworks/Element Helper.app/Contents/Info.plist': build({ CFBundleIdentifier: 'im.riot.app.helper' }),
        '/Applications/Deep/Deeper/Hidden.app/Contents/Info.plist': build({ CFBundleIdentifier: 'com.too.deep' }),
        '/System/Applications/Calculator.app/Contents/Info.plist': build({ CFBundleIdentifier: 'com.apple.calculator', CFBundleName: 'Calculator' }),
        '/Users/alice/Applications/Telegram.app/Contents/Info.plist': build({ CFBundleIdentifier: 'ru.keepcoder.Telegram', CFBundleName: 'Telegram' }),
        '/Applications/Broken.app/Contents/Info.plist': 'bplist00nonsense',
      },
      stats: { '/Users/alice': { type: 'directory', uid: 501 } },
    });
    const outcome = await collectMacos(host, context(host));
    if (outcome.status !== 'ok') throw new Error('not ok');
    const apps = outcome.facts.apps as { name: string; id: string | null; scope: string; user: string | null; path: string; version: string | null }[];
    expect(apps.map((a) => [a.name, a.id, a.scope, a.user])).toEqual([
      ['Broken', null, 'system', null],
      ['Calculator', 'com.apple.calculator', 'system', null],
      ['Element', 'im.riot.app', 'system', null],
      ['Telegram', 'ru.keepcoder.Telegram', 'user', 'alice'],
      ['Tool', 'com.tool', 'system', null],
      ['WhatsApp', 'net.whatsapp.WhatsApp', 'system', null],
    ]);
    expect(apps.find((a) => a.name === 'WhatsApp')).toMatchObject({
      version: '24.20.79',
      path: '/Applications/WhatsApp.app',
      source: 'macos-bundle',
      executable: 'WhatsApp',
    });
    expect(outcome.facts.sources).toEqual([
      expect.objectContaining({ source: 'macos-bundle', status: 'error' }),
      // No system_profiler on this host: apps outside the scanned folders are unknown, and said so.
      expect.objectContaining({ source: 'system-profiler', status: 'error', detail: expect.stringContaining('apps outside the scanned folders are unknown') }),
    ]);
    expect(outcome.facts.count).toBe(6);
  });

  it("system_profiler adds apps outside the scanned folders: not Apple's, not nested, not twice; Info.plist read when it can be", async () => {
    const profiler = readFileSync(new URL('./testdata/system-profiler/applications.json', import.meta.url), 'utf8');
    const host = fakeHost({
      platform: 'macos',
      files: {
        '/Applications/Safari.app/Contents/Info.plist': build({ CFBundleIdentifier: 'com.apple.Safari', CFBundleName: 'Safari' }),
        '/Users/alice/Downloads/Signal.app/Contents/Info.plist': build({
          CFBundleIdentifier: 'org.whispersystems.signal-desktop',
          CFBundleName: 'Signal',
          CFBundleShortVersionString: '7.33.0',
        }),
      },
      stats: { '/Users/alice': { type: 'directory', uid: 501 } },
      commands: { 'system_profiler -json SPApplicationsDataType': { stdout: profiler } },
    });
    const outcome = await collectMacos(host, context(host));
    if (outcome.status !== 'ok') throw new Error('not ok');
    const apps = outcome.facts.apps as { name: string; id: string | null; scope: string; user: string | null; path: string; version: string | null }[];
    expect(apps.map((a) => [a.name, a.id, a.scope, a.user, a.path, a.version])).toEqual([
      ['Python', null, 'system', null, '/Library/Frameworks/Python.framework/Versions/3.14/Resources/Python.app', '3.14.7'],
      ['Safari', 'com.apple.Safari', 'system', null, '/Applications/Safari.app', null],
      ['Signal', 'org.whispersystems.signal-desktop', 'user', 'alice', '/Users/alice/Downloads/Signal.app', '7.33.0'],
      ['Unsigned Tool', null, 'system', null, '/opt/tools/Unsigned Tool.app', null],
    ]);
    expect(outcome.facts.sources).toEqual([
      expect.objectContaining({ source: 'macos-bundle', status: 'ok' }),
      expect.objectContaining({ source: 'system-profiler', status: 'ok', detail: expect.stringContaining('6 app(s), 3 outside the scanned folders added') }),
    ]);
    // At rest nothing is run.
    const rest = fakeHost({
      platform: 'macos',
      capabilities: { live: false, exec: false },
      commands: { 'system_profiler -json SPApplicationsDataType': { stdout: profiler } },
    });
    await collectMacos(rest, context(rest));
    expect(rest.ran).toEqual([]);
  });

  it('carries the LSApplicationCategoryType a bundle declares, as written, and says how many declare one', async () => {
    // Constructed from Apple's Launch Services Keys reference (the key is an optional UTI string) with
    // the category Signal Desktop's build declares (signalapp/Signal-Desktop package.json
    // build.mac.category, app-metadata.md §4); written by the plist package like the tests above.
    const host = fakeHost({
      platform: 'macos',
      files: {
        '/Applications/Signal.app/Contents/Info.plist': build({
          CFBundleIdentifier: 'org.whispersystems.signal-desktop',
          CFBundleName: 'Signal',
          LSApplicationCategoryType: 'public.app-category.social-networking',
        }),
        '/Applications/WhatsApp.app/Contents/Info.plist': whatsappInfo,
        '/Applications/Odd.app/Contents/Info.plist': build({ CFBundleIdentifier: 'com.odd', LSApplicationCategoryType: 42 }),
      },
    });
    const outcome = await collectMacos(host, context(host));
    if (outcome.status !== 'ok') throw new Error('not ok');
    const apps = outcome.facts.apps as { id: string; metadata?: unknown }[];
    expect(apps.find((a) => a.id === 'org.whispersystems.signal-desktop')?.metadata).toEqual([
      {
        scheme: 'macos',
        file: '/Applications/Signal.app/Contents/Info.plist',
        field: 'LSApplicationCategoryType',
        values: ['public.app-category.social-networking'],
      },
    ]);
    // The recorded WhatsApp Info.plist declares no category; a non-string value is not a category.
    expect(apps.find((a) => a.id === 'net.whatsapp.WhatsApp')).not.toHaveProperty('metadata');
    expect(apps.find((a) => a.id === 'com.odd')).not.toHaveProperty('metadata');
    expect(outcome.facts.metadataSources).toEqual([
      { scheme: 'freedesktop', status: 'absent', detail: 'not used on macOS' },
      { scheme: 'appstream', status: 'absent', detail: 'not used on macOS' },
      { scheme: 'debtags', status: 'absent', detail: 'not used on macOS' },
      { scheme: 'macos', status: 'ok', detail: '1 of 3 app bundles declare LSApplicationCategoryType' },
    ]);
  });
});

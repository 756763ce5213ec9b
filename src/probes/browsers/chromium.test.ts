import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { JsonObject, ProbeOutcome } from '../../model.js';
import { fakeHost, type FakeHostSpec } from '../../testing/fake-host.js';
import type { ProbeContext } from '../probe.js';
import { browsers } from './index.js';

/** Real files written by Chromium 156 (fixtures/samples/browsers/chromium-156/README.md). */
const fixtureDir = new URL('../../../fixtures/samples/browsers/chromium-156/', import.meta.url).pathname;

/** Every file under a fixture folder, placed at `target`. */
const placed = (folder: string, target: string): Record<string, Buffer> => {
  const files: Record<string, Buffer> = {};
  const walk = (dir: string, rel: string): void => {
    for (const name of readdirSync(dir)) {
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full, `${rel}/${name}`);
      else files[`${target}${rel}/${name}`] = readFileSync(full);
    }
  };
  walk(join(fixtureDir, folder), '');
  return files;
};

const passwd = 'root:x:0:0:root:/root:/bin/bash\nagent:x:1000:1000::/home/agent:/bin/bash\nbob:x:1001:1001::/home/bob:/bin/bash\n';
const context = (platform: ProbeContext['platform'] = 'linux', includeBrowserHistory = false): ProbeContext => ({
  platform,
  now: new Date('2026-12-07T08:00:00Z'),
  catalog: { apps: [] },
  capabilities: { read: true, exec: false, live: false },
  includeBrowserHistory,
});

const run = (spec: FakeHostSpec, ctx = context()): Promise<ProbeOutcome> => browsers.collect(fakeHost(spec), ctx);
const facts = (outcome: ProbeOutcome): JsonObject => {
  if (outcome.status !== 'ok' && outcome.status !== 'partial') throw new Error(JSON.stringify(outcome));
  return outcome.facts;
};

describe('browsers: the Chromium family on Linux', () => {
  it('lists the profiles, permissions and web apps of a real Chromium profile in a home', async () => {
    const outcome = await run({
      files: {
        '/etc/passwd': passwd,
        ...placed('user-data', '/home/agent/.config/chromium'),
        ...placed('applications', '/home/agent/.local/share/applications'),
      },
    });
    expect(outcome.status).toBe('ok');
    const f = facts(outcome);
    expect(f.profiles).toEqual([
      { browser: 'chromium', user: 'agent', profile: 'Default', path: '/home/agent/.config/chromium/Default', displayName: 'Your Chromium' },
      { browser: 'chromium', user: 'agent', profile: 'Profile 1', path: '/home/agent/.config/chromium/Profile 1', displayName: 'Person 1' },
    ]);
    expect(f.permissions).toContainEqual({
      browser: 'chromium',
      user: 'agent',
      profile: 'Profile 1',
      origin: 'https://discord.com',
      permission: 'notifications',
      setting: 'allow',
      file: '/home/agent/.config/chromium/Profile 1/Preferences',
    });
    expect(f.webApps).toEqual([
      expect.objectContaining({
        profile: 'Default',
        appId: 'malpepeabkkcmbacpmjlhcjchgdlcmbg',
        origin: 'http://127.0.0.1:47613',
        name: 'Test Chat',
        trace: 'registry',
      }),
      expect.objectContaining({
        profile: 'Default',
        appId: 'malpepeabkkcmbacpmjlhcjchgdlcmbg',
        origin: 'http://127.0.0.1:47613',
        trace: 'shortcut',
        file: '/home/agent/.local/share/applications/chrome-malpepeabkkcmbacpmjlhcjchgdlcmbg-Default.desktop',
      }),
    ]);
    expect(f.history).toBeNull();
  });

  it('finds profiles of every family member in snap, Flatpak and vendor folders of several homes', async () => {
    const edge = placed('user-data', '/home/bob/.config/microsoft-edge');
    delete edge['/home/bob/.config/microsoft-edge/Default/Sync Data/LevelDB/000003.log'];
    const outcome = await run({
      files: {
        '/etc/passwd': passwd,
        ...placed('user-data', '/home/agent/snap/chromium/common/chromium'),
        ...placed('user-data', '/home/agent/.var/app/com.brave.Browser/config/BraveSoftware/Brave-Browser'),
        ...edge,
      },
    });
    const profiles = facts(outcome).profiles as JsonObject[];
    expect(profiles.map((p) => [p.browser, p.user, p.profile])).toEqual([
      ['brave', 'agent', 'Default'],
      ['brave', 'agent', 'Profile 1'],
      ['chromium', 'agent', 'Default'],
      ['chromium', 'agent', 'Profile 1'],
      ['edge', 'bob', 'Default'],
      ['edge', 'bob', 'Profile 1'],
    ]);
    // Without its registry, an app's icons folder still shows it is installed (origin unknown).
    expect(facts(outcome).webApps).toContainEqual(
      expect.objectContaining({ browser: 'edge', user: 'bob', appId: 'malpepeabkkcmbacpmjlhcjchgdlcmbg', origin: null, trace: 'manifest-resources' }),
    );
  });

  it('finds a profile that Local State does not list, by its Preferences', async () => {
    const files = placed('user-data', '/home/agent/.config/google-chrome');
    files['/home/agent/.config/google-chrome/Profile 7/Preferences'] = files['/home/agent/.config/google-chrome/Profile 1/Preferences'] as Buffer;
    const profiles = facts(await run({ files: { '/etc/passwd': passwd, ...files } })).profiles as JsonObject[];
    expect(profiles.find((p) => p.profile === 'Profile 7')).toMatchObject({ browser: 'chrome', displayName: null });
  });

  it('makes a Preferences being rewritten a gap on permissions, not an empty list', async () => {
    const files = placed('user-data', '/home/agent/.config/chromium');
    const prefs = files['/home/agent/.config/chromium/Default/Preferences'] as Buffer;
    files['/home/agent/.config/chromium/Default/Preferences'] = prefs.subarray(0, 4000);
    const outcome = await run({ files: { '/etc/passwd': passwd, ...files } });
    expect(outcome).toMatchObject({
      status: 'partial',
      unknown: { permissions: { code: 'unreadable', detail: expect.stringContaining('/home/agent/.config/chromium/Default/Preferences') as unknown } },
    });
    // The other profile is still read.
    expect((facts(outcome).permissions as JsonObject[]).every((p) => p.profile === 'Profile 1')).toBe(true);
  });

  it('makes a refused read a gap naming the file', async () => {
    const files = placed('user-data', '/home/agent/.config/chromium');
    delete files['/home/agent/.config/chromium/Profile 1/Preferences'];
    delete files['/home/agent/.config/chromium/Default/Sync Data/LevelDB/000003.log'];
    const outcome = await run({
      files: { '/etc/passwd': passwd, ...files },
      stats: { '/home/agent/.config/chromium/Profile 1/Preferences': { type: 'file' } },
      dirs: { '/home/agent/.config/chromium/Default/Sync Data/LevelDB': ['000003.log'] },
    });
    expect(outcome).toMatchObject({
      status: 'partial',
      unknown: {
        permissions: { code: 'permission', detail: expect.stringContaining('Profile 1/Preferences could not be read') as unknown },
        webApps: { code: 'unreadable', detail: expect.stringContaining('000003.log could not be read') as unknown },
      },
    });
  });

  it('reports no web app once Chromium uninstalled it, and no gap', async () => {
    const files = placed('user-data', '/home/agent/.config/chromium');
    files['/home/agent/.config/chromium/Default/Sync Data/LevelDB/000003.log'] = readFileSync(join(fixtureDir, 'registry-after-uninstall/000003.log'));
    const kept = Object.fromEntries(Object.entries(files).filter(([path]) => !path.includes('Manifest Resources')));
    const outcome = await run({ files: { '/etc/passwd': passwd, ...kept } });
    expect(outcome.status).toBe('ok');
    expect(facts(outcome).webApps).toEqual([]);
  });

  it("with history asked for, reads each profile's History (none here: no visits, no gap), and nothing where there are no profiles", async () => {
    // Reading History databases themselves is tested in history.test.ts (a real Chromium 156 History).
    const withProfiles = await run({ files: { '/etc/passwd': passwd, ...placed('user-data', '/home/agent/.config/chromium') } }, context('linux', true));
    expect(withProfiles).toMatchObject({ facts: { history: [] } });
    expect(withProfiles.status === 'partial' ? Object.keys(withProfiles.unknown) : []).not.toContain('history');
    const without = await run({ files: { '/etc/passwd': passwd, '/home/agent/.bashrc': '' } }, context('linux', true));
    expect(without).toEqual({ status: 'ok', facts: { profiles: [], webApps: [], permissions: [], history: [] } });
  });
});

describe('browsers: the Chromium family on macOS', () => {
  it('reads profiles under Application Support and app shims in ~/Applications', async () => {
    // The Info.plist below is written from chrome/common/mac/app_mode_common.mm's key names (no macOS here to make one).
    const shim = `<?xml version="1.0" encoding="UTF-8"?>
<!DOCTYPE plist PUBLIC "-//Apple//DTD PLIST 1.0//EN" "http://www.apple.com/DTDs/PropertyList-1.0.dtd">
<plist version="1.0"><dict>
<key>CrAppModeShortcutID</key><string>hnpfjngllnobngcgfapefoaidbinmjnm</string>
<key>CrAppModeShortcutName</key><string>WhatsApp Web</string>
<key>CrAppModeShortcutURL</key><string>https://web.whatsapp.com/</string>
<key>CrAppModeProfileDir</key><string>Profile 1</string>
<key>CrAppModeUserDataDir</key><string>/Users/agent/Library/Application Support/Google/Chrome/-/Default</string>
</dict></plist>`;
    const outcome = await run(
      {
        platform: 'macos',
        files: {
          ...placed('user-data', '/Users/agent/Library/Application Support/Google/Chrome'),
          '/Users/agent/Applications/Chrome Apps.localized/WhatsApp Web.app/Contents/Info.plist': shim,
        },
      },
      context('macos'),
    );
    const f = facts(outcome);
    expect((f.profiles as JsonObject[]).map((p) => [p.browser, p.user, p.profile])).toEqual([
      ['chrome', 'agent', 'Default'],
      ['chrome', 'agent', 'Profile 1'],
    ]);
    expect(f.webApps).toContainEqual({
      browser: 'chrome',
      user: 'agent',
      profile: 'Profile 1',
      appId: 'hnpfjngllnobngcgfapefoaidbinmjnm',
      origin: 'https://web.whatsapp.com',
      name: 'WhatsApp Web',
      trace: 'shortcut',
      file: '/Users/agent/Applications/Chrome Apps.localized/WhatsApp Web.app/Contents/Info.plist',
    });
  });
});

import { join } from 'node:path';
import { build } from 'plist';
import { describe, expect, it } from 'vitest';
import type { Host } from '../../hosts/host.js';
import { loadCatalog } from '../../policy/load.js';
import { fakeHost } from '../../testing/fake-host.js';
import { collectMacos } from './macos.js';
import { outermostBundle, parsePs } from './macos-parse.js';

const root = new URL('../../..', import.meta.url).pathname;
const { catalog } = await loadCatalog(join(root, 'policies/catalog/apps.yaml'));
const context = (host: Host) => ({ platform: 'macos' as const, now: new Date(), catalog, capabilities: host.capabilities });

const ps = [
  '    1     0 /sbin/launchd',
  '  830   501 /Applications/WhatsApp.app/Contents/MacOS/WhatsApp',
  '  851   501 /Applications/Dropbox.app/Contents/Frameworks/Dropbox Web Helper.app/Contents/MacOS/Dropbox Web Helper\r',
  '  850   501 /Applications/Dropbox.app/Contents/MacOS/Dropbox   ',
  '  900   502 /Applications/Renamed Messenger.app/Contents/MacOS/Electron',
  '  901   502 Signal',
  '',
].join('\n');

describe('parsePs / outermostBundle', () => {
  it('keeps commands with spaces, tolerates CRLF and trailing spaces', () => {
    expect(parsePs(ps)).toContainEqual({
      pid: 851,
      uid: 501,
      command: '/Applications/Dropbox.app/Contents/Frameworks/Dropbox Web Helper.app/Contents/MacOS/Dropbox Web Helper',
    });
    expect(parsePs(ps)).toHaveLength(6);
  });
  it('finds the outermost app bundle', () => {
    expect(outermostBundle('/Applications/Dropbox.app/Contents/Frameworks/Dropbox Web Helper.app/Contents/MacOS/Dropbox Web Helper')).toEqual({
      bundle: '/Applications/Dropbox.app',
      bundleName: 'Dropbox',
    });
    expect(outermostBundle('/usr/sbin/mDNSResponder')).toBeUndefined();
  });
});

describe('collectMacos (app-activity)', () => {
  it('matches processes by bundle id, executable and bundle name; reads data dirs and Element configs', async () => {
    const host = fakeHost({
      platform: 'macos',
      files: {
        '/Applications/Renamed Messenger.app/Contents/Info.plist': build({ CFBundleIdentifier: 'org.whispersystems.signal-desktop' }),
        '/Users/alice/Library/Application Support/Luxchat4Gov/config.json': JSON.stringify({
          default_server_config: { 'm.homeserver': { base_url: 'https://matrix.luxchat4gov.lu', server_name: 'luxchat4gov.lu' } },
          brand: 'Luxchat4Gov',
        }),
        '/Users/alice/Library/Containers/net.whatsapp.WhatsApp/Data/x': '',
      },
      stats: {
        '/Users/alice': { type: 'directory', uid: 501 },
        '/Users/bob': { type: 'directory', uid: 502 },
        '/Users/alice/Library/Containers/net.whatsapp.WhatsApp': { type: 'directory', mtimeMs: Date.parse('2026-11-20T09:31:00Z') },
      },
      dirs: { '/Users/alice/Library/Containers': ['net.whatsapp.WhatsApp'] },
      commands: { 'ps -axww -o pid=,uid=,comm=': { stdout: ps } },
    });
    const outcome = await collectMacos(host, context(host));
    if (outcome.status !== 'ok') throw new Error('not ok');
    expect(outcome.facts.processes).toEqual([
      {
        appId: 'dropbox',
        pid: 850,
        name: 'Dropbox',
        exe: '/Applications/Dropbox.app/Contents/MacOS/Dropbox',
        user: 'alice',
        uid: 501,
        count: 2,
        matchedBy: 'exe',
      },
      {
        appId: 'signal',
        pid: 900,
        name: 'Electron',
        exe: '/Applications/Renamed Messenger.app/Contents/MacOS/Electron',
        user: 'bob',
        uid: 502,
        count: 1,
        matchedBy: 'bundle-id',
      },
      { appId: 'signal', pid: 901, name: 'Signal', exe: null, user: 'bob', uid: 502, count: 1, matchedBy: 'exe' },
      {
        appId: 'whatsapp',
        pid: 830,
        name: 'WhatsApp',
        exe: '/Applications/WhatsApp.app/Contents/MacOS/WhatsApp',
        user: 'alice',
        uid: 501,
        count: 1,
        matchedBy: 'exe',
      },
    ]);
    expect(outcome.facts.processCount).toBe(6);
    expect(outcome.facts.dataDirs).toContainEqual(
      expect.objectContaining({
        appId: 'whatsapp',
        user: 'alice',
        path: '/Users/alice/Library/Containers/net.whatsapp.WhatsApp',
        lastChange: '2026-11-20T09:31:00.000Z',
      }),
    );
    expect(outcome.facts.matrixConfigs).toEqual([
      {
        appId: 'luxchat4gov',
        user: 'alice',
        path: '/Users/alice/Library/Application Support/Luxchat4Gov/config.json',
        homeserver: 'luxchat4gov.lu',
        baseUrlHost: 'matrix.luxchat4gov.lu',
        brand: 'Luxchat4Gov',
        linkHosts: [],
      },
    ]);
  });

  it('at rest: no processes (null), data directories still read', async () => {
    const host = fakeHost({ platform: 'macos', capabilities: { live: false, exec: false }, stats: { '/Users/alice': { type: 'directory', uid: 501 } } });
    const outcome = await collectMacos(host, context(host));
    expect(outcome).toMatchObject({ status: 'ok', facts: { processes: null, processCount: null, dataDirs: [], matrixConfigs: [] } });
    expect(host.ran).toEqual([]);
  });
});

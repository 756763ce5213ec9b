import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { argv0Names, baseName, exePath, parseCgroup, parseCmdline, parseComm, parseMatrixConfig, parseStatusUid } from './parse.js';

const sample = (name: string): string => readFileSync(new URL(`../../../fixtures/samples/app-activity/${name}`, import.meta.url), 'utf8');
const proc = (pid: number, file: string): string => sample(`proc/${pid}/${file}`);

describe('parseComm', () => {
  it('strips the newline of recorded comm files', () => {
    expect(parseComm(proc(7104, 'comm'))).toBe('sleep');
    expect(parseComm(proc(7107, 'comm'))).toBe('telegram-deskto');
    expect(parseComm(proc(7112, 'comm'))).toBe('Telegram');
    expect(parseComm(proc(2, 'comm'))).toBe('kthreadd');
  });
});

describe('parseCmdline', () => {
  it('splits NUL-separated arguments', () => {
    expect(parseCmdline(proc(7104, 'cmdline'))).toEqual(['telegram-desktop', '1000']);
    expect(parseCmdline(proc(7123, 'cmdline'))).toEqual(['/snap/telegram-desktop/6543/usr/bin/telegram-desktop', '1000']);
  });

  it('is empty for a kernel thread', () => {
    expect(parseCmdline(proc(2, 'cmdline'))).toEqual([]);
  });

  it('drops the NUL padding of a rewritten process title', () => {
    expect(parseCmdline(proc(7118, 'cmdline'))).toEqual(['/opt/Signal/signal-desktop --type=renderer --enable-crash-reporter']);
  });

  it('keeps empty arguments in the middle', () => {
    expect(parseCmdline('a\0\0b\0')).toEqual(['a', '', 'b']);
  });
});

describe('argv0Names', () => {
  it('takes the basename of argv[0]', () => {
    expect(argv0Names(parseCmdline(proc(7114, 'cmdline')))).toEqual(['signal-desktop']);
    expect(argv0Names(parseCmdline(proc(7112, 'cmdline')))).toEqual(['Telegram']);
  });

  it('also takes the first word of a rewritten title', () => {
    expect(argv0Names(parseCmdline(proc(7118, 'cmdline')))).toEqual(['signal-desktop --type=renderer --enable-crash-reporter', 'signal-desktop']);
  });

  it('keeps paths with spaces whole when the arguments are separate', () => {
    expect(argv0Names(['/home/a/Telegram Desktop/Telegram', '-autostart'])).toEqual(['Telegram']);
    expect(argv0Names([])).toEqual([]);
  });
});

describe('exePath and baseName', () => {
  it('reads recorded exe link targets', () => {
    expect(baseName(exePath(proc(7107, 'exe.root').trim()))).toBe('telegram-desktop');
    expect(baseName(exePath(proc(7118, 'exe.root').trim()))).toBe('node');
  });

  it('drops the (deleted) suffix of a replaced binary', () => {
    expect(exePath('/opt/Signal/signal-desktop (deleted)')).toBe('/opt/Signal/signal-desktop');
  });
});

describe('parseStatusUid', () => {
  it('reads the real uid', () => {
    expect(parseStatusUid(proc(7104, 'status'))).toBe(0);
    expect(parseStatusUid(proc(7114, 'status'))).toBe(1000);
  });

  it('is null without a Uid line', () => {
    expect(parseStatusUid('Name:\tx\n')).toBeNull();
  });
});

describe('parseCgroup', () => {
  it('finds nothing for a process outside app scopes', () => {
    expect(parseCgroup(proc(7104, 'cgroup'))).toEqual({ flatpak: null, snap: null });
  });

  it('reads the Flatpak app id from its scope', () => {
    expect(parseCgroup(proc(7120, 'cgroup'))).toEqual({ flatpak: 'org.signal.Signal', snap: null });
  });

  it('reads the snap name from its scope', () => {
    expect(parseCgroup(proc(7123, 'cgroup'))).toEqual({ flatpak: null, snap: 'telegram-desktop' });
  });

  it('reads cgroup v2 lines, older snap scopes, services and escapes', () => {
    expect(parseCgroup('0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-flatpak-org.gnome.Fractal.Devel-3308067827.scope\n')).toEqual({
      flatpak: 'org.gnome.Fractal.Devel',
      snap: null,
    });
    expect(parseCgroup('0::/user.slice/user-1000.slice/user@1000.service/app.slice/app-flatpak-org.telegram.desktop@12345.service\n')).toEqual({
      flatpak: 'org.telegram.desktop',
      snap: null,
    });
    expect(parseCgroup('0::/user.slice/app-flatpak-com.example.My\\x2dApp-12.scope\n')).toEqual({ flatpak: 'com.example.My-App', snap: null });
    expect(
      parseCgroup(
        '1:name=systemd:/user.slice/user-1000.slice/user@1000.service/snap.signal-desktop.signal-desktop.1b2c3d4e-0000-1111-2222-333344445555.scope\n',
      ),
    ).toEqual({ flatpak: null, snap: 'signal-desktop' });
    expect(parseCgroup('0::/system.slice/snap.anydesk.anydesk.service\n')).toEqual({ flatpak: null, snap: 'anydesk' });
  });
});

describe('parseMatrixConfig', () => {
  it("reads element-web's sample config", () => {
    expect(parseMatrixConfig(sample('element-web-config.sample.json'))).toEqual({
      homeserver: 'matrix.org',
      baseUrlHost: 'matrix-client.matrix.org',
      brand: 'Element',
      linkHosts: [],
    });
  });

  it('reads the Luxchat hackathon kit config: brand, homeserver, download, update and link hosts', () => {
    expect(parseMatrixConfig(sample('luxchat-hackathon-config.json'))).toEqual({
      homeserver: 'local.synapse.server',
      baseUrlHost: 'local.synapse.server',
      brand: 'Luxchat',
      // desktop_builds.url and update_base_url (u-download), mobile_builds (dev), host_for_links.
      linkHosts: ['dev.luxchat.lu', 'luxchat.lu', 'u-download.luxchat.lu'],
    });
  });

  it('reads the LuxChat4Gov-branded variant of the kit config', () => {
    expect(parseMatrixConfig(sample('luxchat4gov-derived-config.json'))).toEqual({
      homeserver: 'homeserver.luxchat4gov.lu',
      baseUrlHost: 'homeserver.luxchat4gov.lu',
      brand: 'Luxchat4Gov',
      linkHosts: ['dev.luxchat.lu', 'luxchat.lu', 'u-download.luxchat.lu'],
    });
  });

  it('falls back to default_server_name in older configs, and reads update_base_url', () => {
    expect(parseMatrixConfig(sample('riot-web-config.sample.json'))).toEqual({
      homeserver: 'matrix.org',
      baseUrlHost: null,
      brand: 'Riot',
      linkHosts: ['riot.im'],
    });
  });

  it('falls back to the host of base_url, then default_hs_url', () => {
    expect(parseMatrixConfig('{"default_server_config":{"m.homeserver":{"base_url":"https://Matrix.Luxchat4Gov.lu:8448/"}}}')).toEqual({
      homeserver: 'matrix.luxchat4gov.lu',
      baseUrlHost: 'matrix.luxchat4gov.lu',
      brand: null,
      linkHosts: [],
    });
    expect(parseMatrixConfig('{"default_hs_url":"https://hs.example.org"}')).toEqual({
      homeserver: 'hs.example.org',
      baseUrlHost: 'hs.example.org',
      brand: null,
      linkHosts: [],
    });
    expect(parseMatrixConfig('{"brand":"X"}')).toEqual({ homeserver: null, baseUrlHost: null, brand: 'X', linkHosts: [] });
  });

  it('keeps server_name and the base_url host apart when they differ', () => {
    expect(
      parseMatrixConfig('{"default_server_config":{"m.homeserver":{"server_name":"luxchat4gov.lu","base_url":"https://matrix-client.matrix.org"}}}'),
    ).toMatchObject({ homeserver: 'luxchat4gov.lu', baseUrlHost: 'matrix-client.matrix.org' });
  });

  it('reads every download, update and link URL key, ignoring non-strings and non-URLs', () => {
    const config = {
      desktop_builds: {
        available: true,
        url: 'https://a.example/x',
        url_macos: 'https://B.example/m.dmg',
        url_win64: 'https://c.example/w.exe',
        url_linux: 'https://d.example/l',
      },
      update_base_url: 'https://e.example/update/',
      mobile_builds: { ios: 'https://f.example/i', android: 'https://g.example/a', fdroid: 42 },
      host_for_links: 'H.example.',
      permalink_prefix: 'https://i.example',
    };
    expect(parseMatrixConfig(JSON.stringify(config)).linkHosts).toEqual([
      'a.example',
      'b.example',
      'c.example',
      'd.example',
      'e.example',
      'f.example',
      'g.example',
      'h.example',
      'i.example',
    ]);
    expect(parseMatrixConfig('{"desktop_builds":"https://a.example","update_base_url":"not a url","host_for_links":"a b"}').linkHosts).toEqual([]);
  });

  it('reports malformed files instead of throwing', () => {
    const truncated = sample('element-web-config.sample.json').slice(0, 200);
    expect(parseMatrixConfig(truncated)).toMatchObject({ homeserver: null, brand: null, linkHosts: [], error: expect.stringMatching(/^invalid JSON/) });
    expect(parseMatrixConfig('[]')).toEqual({ homeserver: null, baseUrlHost: null, brand: null, linkHosts: [], error: 'not a JSON object' });
    expect(parseMatrixConfig('{"default_server_config":{"m.homeserver":{"base_url":"not a url"}}}')).toEqual({
      homeserver: null,
      baseUrlHost: null,
      brand: null,
      linkHosts: [],
    });
  });
});

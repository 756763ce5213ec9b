/**
 * The user homes of the Windows fixture machines (machines/*.ps1), as real directories: their
 * Win32_UserProfile LocalPath points here, so the scripts' file-reading parts (browsers, app data
 * directories, Element-style config.json) read real files. Modification times are set, as the app
 * activity script reports the newest change in each data directory. Shapes: Chromium's `Local State`
 * and `Preferences` as Chromium 156 writes them (fixtures/samples/browsers/chromium-156); the Firefox
 * files are real ones firefox-esr 153.8 wrote (fixtures/samples/browsers/firefox/README.md), with
 * profiles.ini's Path given the Windows layout (`Profiles/`); a Chrome app's `.lnk` is an empty file
 * (WScript.Shell's stub says what it points to).
 */
import { mkdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { StubMachine } from './stub-host.js';

const firefoxSamples = new URL('../../../fixtures/samples/browsers/firefox/', import.meta.url);
const firefoxProfile = 'vto0jbur.charter-fixture';

/** The real profiles.ini with the profile under `Profiles/` and CRLF line ends, as on Windows. */
const firefoxIni = (): string =>
  readFileSync(new URL('profiles.ini', firefoxSamples), 'utf8').replace(`Path=${firefoxProfile}`, `Path=Profiles/${firefoxProfile}`).replace(/\r?\n/g, '\r\n');

const elementConfig = JSON.stringify(
  {
    default_server_config: { 'm.homeserver': { base_url: 'https://homeserver.luxchat4gov.lu', server_name: 'homeserver.luxchat4gov.lu' } },
    brand: 'Luxchat4Gov',
    default_country_code: 'LU',
    disable_guests: true,
  },
  null,
  4,
);

type Entry = { path: string; text?: string | Buffer; dir?: boolean; mtime: string };

const chromium = (dataDir: string, notifications: Record<string, { last_modified: string; setting: number }>): Entry[] => [
  { path: `${dataDir}/Local State`, text: JSON.stringify({ profile: { info_cache: { Default: { name: 'Person 1' } } } }), mtime: '2026-11-20T08:00:00Z' },
  {
    path: `${dataDir}/Default/Preferences`,
    text: JSON.stringify({ profile: { content_settings: { exceptions: { notifications } } } }),
    mtime: '2026-11-20T08:00:00Z',
  },
];

const firefox = (permissions: boolean): Entry[] => {
  const root = 'AppData/Roaming/Mozilla/Firefox';
  return [
    { path: `${root}/profiles.ini`, text: firefoxIni(), mtime: '2026-10-01T12:00:00Z' },
    { path: `${root}/Profiles/${firefoxProfile}`, dir: true, mtime: '2026-11-19T17:00:00Z' },
    ...(permissions
      ? [
          {
            path: `${root}/Profiles/${firefoxProfile}/permissions.sqlite`,
            text: gunzipSync(readFileSync(new URL('permissions.sqlite.gz', firefoxSamples))),
            mtime: '2026-11-19T17:00:00Z',
          },
        ]
      : []),
  ];
};

const startMenu = 'AppData/Roaming/Microsoft/Windows/Start Menu/Programs';

const homes: Record<StubMachine, Record<string, Entry[]>> = {
  'windows11-compliant': {
    alice: [
      ...chromium('AppData/Local/Microsoft/Edge/User Data', {}),
      ...firefox(false),
      { path: startMenu, dir: true, mtime: '2026-09-01T10:00:00Z' },
      { path: 'AppData/Roaming/Luxchat4Gov/config.json', text: elementConfig, mtime: '2026-11-03T08:14:00Z' },
      { path: 'AppData/Roaming/Luxchat4Gov/IndexedDB', dir: true, mtime: '2026-11-20T09:41:07Z' },
      { path: 'AppData/Roaming/Luxchat4Gov', dir: true, mtime: '2026-11-03T08:14:00Z' },
      { path: 'AppData/Local/luxchat4gov/app-1.11.52', dir: true, mtime: '2026-11-03T08:15:00Z' },
      { path: 'AppData/Local/luxchat4gov', dir: true, mtime: '2026-11-03T08:10:00Z' },
    ],
  },
  'windows11-noncompliant': {
    bob: [
      ...chromium('AppData/Local/Google/Chrome/User Data', { 'https://web.whatsapp.com:443,*': { last_modified: '13440000000000000', setting: 1 } }),
      ...firefox(true),
      { path: `${startMenu}/Chrome Apps/WhatsApp Web.lnk`, text: '', mtime: '2026-10-05T16:00:00Z' },
      { path: 'AppData/Local/Packages/5319275A.WhatsAppDesktop_cv1g1gvanyjgm/LocalState', dir: true, mtime: '2026-11-19T18:22:05Z' },
      { path: 'AppData/Local/Packages/5319275A.WhatsAppDesktop_cv1g1gvanyjgm', dir: true, mtime: '2026-10-05T15:58:00Z' },
      { path: 'AppData/Local/Dropbox/instance1', dir: true, mtime: '2026-11-20T09:55:41Z' },
      { path: 'AppData/Local/Dropbox', dir: true, mtime: '2026-06-12T09:00:00Z' },
    ],
  },
};

/**
 * Writes the machine's homes under `dir` (one folder per user) and sets every modification time,
 * deepest first, so a later write does not move a directory's time.
 */
export const writeMachineHomes = (machine: StubMachine, dir: string): void => {
  for (const [user, entries] of Object.entries(homes[machine])) {
    const home = join(dir, user);
    mkdirSync(join(home, 'AppData', 'Local'), { recursive: true });
    for (const entry of entries) {
      const path = join(home, entry.path);
      if (entry.dir === true) mkdirSync(path, { recursive: true });
      else {
        mkdirSync(join(path, '..'), { recursive: true });
        writeFileSync(path, entry.text ?? '');
      }
    }
    const byDepth = [...entries].sort((a, b) => b.path.split('/').length - a.path.split('/').length);
    for (const entry of byDepth) {
      const time = new Date(entry.mtime);
      utimesSync(join(home, entry.path), time, time);
    }
  }
};

/**
 * Where Firefox keeps its profiles, and which profiles a profile root lists.
 *
 * Roots (app-metadata.md §6.1): Linux `~/.mozilla/firefox`; from Firefox 147 new installs use
 * `$XDG_CONFIG_HOME/mozilla/firefox` (`~/.config/mozilla/firefox`) when `~/.mozilla` is absent —
 * observed here: firefox-esr 153.8 on Debian 12 created its first profile under
 * `~/.config/mozilla/firefox` (fixtures/samples/browsers/firefox/README.md); snap
 * `~/snap/firefox/common/.mozilla/firefox` and Flatpak `~/.var/app/org.mozilla.firefox/.mozilla/firefox`
 * (both unverified, §9: looked at, never relied on to pass); macOS `~/Library/Application
 * Support/Firefox`; Windows `%APPDATA%\Mozilla\Firefox` = `<home>/AppData/Roaming/Mozilla/Firefox`.
 *
 * profiles.ini (§6.2, mozilla/gecko-dev toolkit/profile/test/xpcshell/head.js @14419aee):
 * `[ProfileN]` Name, IsRelative (1: Path is relative to the root), Path; `[Install<hash>]` Default
 * names the profile an installation uses. Linux profiles sit in the root, macOS and Windows ones
 * under `Profiles/`. A profile directory that profiles.ini does not list (a lost or unreadable
 * profiles.ini) is still found: every subfolder of the root and of `Profiles/` holding `prefs.js`.
 */
import type { Platform } from '../../model.js';
import type { Host } from '../../hosts/host.js';
import { readText } from '../../hosts/host.js';
import { readIni } from '../../platform/codecs/ini.js';

/** Profile roots under a home, for a platform; Linux ones in the order above. */
export const firefoxRoots = (platform: Platform, home: string): string[] => {
  const base = home.replace(/\/+$/, '');
  if (platform === 'macos') return [`${base}/Library/Application Support/Firefox`];
  if (platform === 'windows') return [`${base}/AppData/Roaming/Mozilla/Firefox`];
  return [
    `${base}/.mozilla/firefox`,
    `${base}/.config/mozilla/firefox`,
    `${base}/snap/firefox/common/.mozilla/firefox`,
    `${base}/.var/app/org.mozilla.firefox/.mozilla/firefox`,
  ];
};

/** One profile profiles.ini lists. */
export interface IniProfile {
  name: string | null;
  /** As written, `/` or `\` separated. */
  path: string;
  isRelative: boolean;
}

/** The `[Profile*]` sections and `[Install*]` defaults of a profiles.ini (unknown keys ignored). */
export const parseProfilesIni = (text: string): IniProfile[] => {
  // Sections in file order, a repeated name apart; names as written (Firefox's parser keeps them so).
  const { headers, entries } = readIni(text, { comments: [';', '#'], trimSectionNames: false });
  const sections = headers.map((name) => ({ name, keys: new Map<string, string>() }));
  for (const entry of entries) sections[entry.group - 1]?.keys.set(entry.key, entry.value);
  const profiles: IniProfile[] = [];
  const seen = new Set<string>();
  const add = (profile: IniProfile): void => {
    const key = `${String(profile.isRelative)}\0${profile.path}`;
    if (profile.path === '' || seen.has(key)) return;
    seen.add(key);
    profiles.push(profile);
  };
  for (const { name, keys } of sections) {
    if (/^Profile\d+$/i.test(name)) add({ name: keys.get('Name') ?? null, path: keys.get('Path') ?? '', isRelative: keys.get('IsRelative') !== '0' });
  }
  // An installation's default profile is relative when it names no absolute path (Firefox writes it relative).
  for (const { name, keys } of sections) {
    const path = keys.get('Default');
    if (/^Install/i.test(name) && path !== undefined) add({ name: null, path, isRelative: !isAbsolute(path) });
  }
  return profiles;
};

const isAbsolute = (path: string): boolean => path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) || path.startsWith('\\\\');

/** profiles.ini is a few hundred bytes; a bigger one than this is not read (the profile list is then marked incomplete). */
export const profilesIniBytes = 1024 * 1024;
/** Entries of a root (and of its `Profiles/`) looked into for prefs.js, at most; more mark the list incomplete. */
export const rootEntryLimit = 1000;

/** A profile directory found in a root. */
export interface FoundProfile {
  root: string;
  /** The profile directory, `/`-joined under the root when relative. */
  path: string;
  /** Its last path segment: the profile id reports use. */
  directory: string;
  name: string | null;
}

const lastSegment = (path: string): string =>
  path
    .split(/[\\/]/)
    .filter((s) => s !== '')
    .at(-1) ?? path;

/** What a root holds: its profiles, and whether profiles.ini was there and read. */
export interface RootProfiles {
  root: string;
  profiles: FoundProfile[];
  /** profiles.ini exists but could not be read (the profile list may be missing some). */
  iniUnreadable: boolean;
  /** A root or `Profiles/` held more than `rootEntryLimit` entries: only the first were looked into. */
  truncated: boolean;
}

/** The profiles of one root (absent root → no profiles), from profiles.ini plus folders holding prefs.js. */
export const profilesInRoot = async (host: Host, root: string): Promise<RootProfiles | null> => {
  const rootStat = await host.stat(root);
  if (rootStat?.type !== 'directory') return null;
  const iniPath = `${root}/profiles.ini`;
  const iniStat = await host.stat(iniPath);
  const ini = iniStat === undefined || iniStat.size > profilesIniBytes ? undefined : await readText(host, iniPath);
  const found = new Map<string, FoundProfile>();
  for (const p of ini === undefined ? [] : parseProfilesIni(ini)) {
    const path = p.isRelative ? `${root}/${p.path.replace(/\\/g, '/').replace(/^\/+|\/+$/g, '')}` : p.path.replace(/[\\/]+$/, '');
    if (!found.has(path)) found.set(path, { root, path, directory: lastSegment(path), name: p.name });
  }
  let truncated = false;
  for (const dir of [root, `${root}/Profiles`]) {
    const entries = (await host.readDir(dir)) ?? [];
    if (entries.length > rootEntryLimit) truncated = true;
    for (const entry of entries.slice(0, rootEntryLimit)) {
      const path = `${dir}/${entry}`;
      if (found.has(path)) continue;
      if ((await host.stat(`${path}/prefs.js`))?.type === 'file') found.set(path, { root, path, directory: entry, name: null });
    }
  }
  return { root, profiles: [...found.values()], iniUnreadable: iniStat !== undefined && ini === undefined, truncated };
};

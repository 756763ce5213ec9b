/** Pure parsers for /proc/<pid>/* files and Element-style config.json. No I/O. */

export { parseCmdline, parseComm } from '../../platform/linux/proc.js';

export const baseName = (path: string): string => path.slice(path.lastIndexOf('/') + 1);

/** `/proc/<pid>/exe` link target without the kernel's ` (deleted)` suffix for replaced binaries. */
export const exePath = (link: string): string => link.replace(/ \(deleted\)$/, '');

/**
 * Basenames argv[0] can stand for: its own basename, and, when the process rewrote its title into
 * one space-separated string, the basename of the first word too.
 */
export const argv0Names = (argv: readonly string[]): string[] => {
  const first = argv[0];
  if (first === undefined || first === '') return [];
  const names = [baseName(first)];
  if (argv.length === 1 && first.includes(' ')) {
    const word = first.split(' ')[0] ?? '';
    if (word !== '') names.push(baseName(word));
  }
  return [...new Set(names.filter((n) => n !== ''))];
};

/** The real uid from the `Uid:` line of `/proc/<pid>/status` (real, effective, saved, fs). */
export const parseStatusUid = (text: string): number | null => {
  const match = /^Uid:\s+(\d+)/m.exec(text);
  return match?.[1] === undefined ? null : Number(match[1]);
};

export interface CgroupApp {
  /** Flatpak application id from an `app-flatpak-<id>-<n>.scope` unit. */
  flatpak: string | null;
  /** Snap name from a `snap.<name>.<app>…` unit. */
  snap: string | null;
}

/** systemd unit-name escapes (`\x2d` for `-` and friends). */
const unescapeUnit = (name: string): string => name.replace(/\\x([0-9a-fA-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));

const flatpakUnit = /^app-flatpak-(.+?)(?:-\d+\.scope|@[^/]*\.service)$/;
const snapUnit = /^snap\.([a-z0-9][a-z0-9-]*)\.[^/]+\.(?:scope|service)$/;

/**
 * `/proc/<pid>/cgroup`: lines `hierarchy-id:controllers:path` (cgroup v1 and v2 alike). The app
 * is named by a systemd unit somewhere in a path.
 */
export const parseCgroup = (text: string): CgroupApp => {
  const result: CgroupApp = { flatpak: null, snap: null };
  for (const line of text.split('\n')) {
    const path = line.split(':').slice(2).join(':');
    for (const segment of path.split('/')) {
      const flatpak = flatpakUnit.exec(segment)?.[1];
      if (flatpak !== undefined && result.flatpak === null) result.flatpak = unescapeUnit(flatpak);
      const snap = snapUnit.exec(segment)?.[1];
      if (snap !== undefined && result.snap === null) result.snap = snap;
    }
  }
  return result;
};

export type MatrixConfig = {
  /** Homeserver name (server_name, else the host of base_url); null when the file has none. */
  homeserver: string | null;
  /** Host of `m.homeserver.base_url` (else of `default_hs_url`): where the client connects; null when none. */
  baseUrlHost: string | null;
  brand: string | null;
  /**
   * Hosts (lower case, sorted, unique) of the URLs that name the build: `desktop_builds.url`,
   * `url_macos`, `url_win64`, `url_linux`, `update_base_url`, `mobile_builds.ios`/`android`/`fdroid`,
   * `permalink_prefix`, and the bare host `host_for_links` (element-web `src/IConfigOptions.ts`).
   */
  linkHosts: string[];
  /** Set when the file is not a JSON object. */
  error?: string;
};

const isObject = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

const stringField = (object: unknown, key: string): string | null => {
  if (!isObject(object)) return null;
  const value = object[key];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : null;
};

const hostOf = (url: string | null): string | null => {
  if (url === null) return null;
  try {
    const host = new URL(url).hostname.toLowerCase().replace(/\.$/, '');
    return host === '' ? null : host;
  } catch {
    return null;
  }
};

/** A bare host name (`luxchat.lu`, as `host_for_links` holds it), or the host of a URL. */
const hostOfHostOrUrl = (value: string | null): string | null =>
  value === null ? null : /^[a-z0-9.-]+$/i.test(value) ? value.toLowerCase().replace(/\.$/, '') || null : hostOf(value);

const linkHostsOf = (config: Record<string, unknown>): string[] => {
  const desktop = config.desktop_builds;
  const mobile = config.mobile_builds;
  const urls = [
    ...['url', 'url_macos', 'url_win64', 'url_linux'].map((key) => stringField(desktop, key)),
    stringField(config, 'update_base_url'),
    ...['ios', 'android', 'fdroid'].map((key) => stringField(mobile, key)),
    stringField(config, 'permalink_prefix'),
  ].map(hostOf);
  const hosts = [...urls, hostOfHostOrUrl(stringField(config, 'host_for_links'))];
  return [...new Set(hosts.filter((h): h is string => h !== null))].sort();
};

const unreadable = (error: string): MatrixConfig => ({ homeserver: null, baseUrlHost: null, brand: null, linkHosts: [], error });

/**
 * An Element-style `config.json`: `default_server_config["m.homeserver"].server_name`, else the
 * host of its `base_url`; older configs name the server in `default_server_name` or
 * `default_hs_url`. Also the brand and the hosts of the download, update and link URLs. Values are
 * data only (never fetched or run). Never throws: malformed JSON yields nulls and an `error`.
 */
export const parseMatrixConfig = (text: string): MatrixConfig => {
  let config: unknown;
  try {
    config = JSON.parse(text) as unknown;
  } catch (error) {
    return unreadable(`invalid JSON: ${(error as Error).message}`);
  }
  if (!isObject(config)) return unreadable('not a JSON object');
  const serverConfig = config.default_server_config;
  const homeserverConfig = isObject(serverConfig) ? serverConfig['m.homeserver'] : undefined;
  const baseUrlHost = hostOf(stringField(homeserverConfig, 'base_url')) ?? hostOf(stringField(config, 'default_hs_url'));
  const homeserver =
    stringField(homeserverConfig, 'server_name') ??
    hostOf(stringField(homeserverConfig, 'base_url')) ??
    stringField(config, 'default_server_name') ??
    hostOf(stringField(config, 'default_hs_url'));
  return {
    homeserver: homeserver?.toLowerCase() ?? null,
    baseUrlHost,
    brand: stringField(config, 'brand'),
    linkHosts: linkHostsOf(config),
  };
};
